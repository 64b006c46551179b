import { DescribeExecutionCommand, GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { executionName } from '@storyboard/aws/stepfunctions';
import type { LocalStack } from '@storyboard/local-stack';

/** Durable operations and checkpoint data of the run's durable executions, from the local
 * service's checkpoint store (what the service would bill). */
export interface DurableUsage {
  executions: number;
  /** Operations started: one per execution, plus every step and child context (the map and
   * each of its items); each step retry counts again. */
  operations: number;
  /** Step attempts beyond the first. */
  retries: number;
}

/** Reads the execution figures a run reports from the local stack's Step Functions shim and
 * durable-functions store (the bench's own reads: not counted, not billed). */
export class ExecutionFigures {
  constructor(
    private readonly stack: LocalStack,
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  private executionArn(jobId: string, attempt: number): string {
    return `arn:aws:states:${this.region}:${this.accountId}:execution:storyboard-analysis:${executionName(jobId, attempt)}`;
  }

  /** Status of a job attempt's Step Functions execution, or undefined when there is none. */
  async sfnStatus(jobId: string, attempt: number): Promise<string | undefined> {
    try {
      const out = await this.stack.clients.sfn.send(
        new DescribeExecutionCommand({ executionArn: this.executionArn(jobId, attempt) }),
      );
      return out.status;
    } catch (err) {
      if ((err as { name?: string }).name === 'ExecutionDoesNotExist') return undefined;
      throw err;
    }
  }

  /** Whether a durable execution of this job is still running (it will be re-invoked). */
  durableRunning(jobId: string): boolean {
    return this.stack.durable.store
      .list()
      .some((r) => r.status === 'RUNNING' && r.name.startsWith(jobId));
  }

  /** State transitions of an attempt's execution, from its history (retries included). */
  async transitions(
    jobId: string,
    attempt: number,
  ): Promise<{ transitions: number; retries: number }> {
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    try {
      do {
        const page = await this.stack.clients.sfn.send(
          new GetExecutionHistoryCommand({
            executionArn: this.executionArn(jobId, attempt),
            maxResults: 1000,
            nextToken,
          }),
        );
        events.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
    } catch (err) {
      if ((err as { name?: string }).name === 'ExecutionDoesNotExist')
        return { transitions: 0, retries: 0 };
      throw err;
    }
    const entered = events.filter((e) => e.type?.endsWith('StateEntered')).length;
    const taskEntered = events.filter((e) => e.type === 'TaskStateEntered').length;
    const scheduled = events.filter((e) => e.type === 'TaskScheduled').length;
    const retries = Math.max(0, scheduled - taskEntered);
    return { transitions: entered + retries, retries };
  }

  durableUsage(): DurableUsage {
    const usage: DurableUsage = { executions: 0, operations: 0, retries: 0 };
    for (const record of this.stack.durable.store.list()) {
      usage.executions++;
      usage.operations++;
      for (const op of Object.values(record.operations)) {
        if (op.Type === 'EXECUTION') continue;
        const extra = Math.max(0, (op.StepDetails?.Attempt ?? 1) - 1);
        usage.operations += 1 + extra;
        usage.retries += extra;
      }
    }
    return usage;
  }
}
