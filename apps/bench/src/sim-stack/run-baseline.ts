import type { CountedRequest } from './counting-proxy';
import type { DurableUsage } from './execution-figures';
import type { BenchBackend, SimStack } from './start-sim-stack';

/**
 * A deployment's counters at the start of one measured run, so a run on a deployment that
 * ran others before reports only its own requests, retries, durable operations and DLQ
 * arrivals (the simulator's per-function figures are restarted at the same moment).
 */
export class RunBaseline {
  private constructor(
    private readonly s: SimStack,
    private readonly requestCount: number,
    private readonly retried: number,
    private readonly durable: DurableUsage | undefined,
    private readonly dlq: number,
  ) {}

  static async take(s: SimStack, backend: BenchBackend): Promise<RunBaseline> {
    const { dlq } = await s.queueDepth();
    s.sim.resetStats();
    return new RunBaseline(
      s,
      s.requests().length,
      s.eventSource?.stats.retried ?? 0,
      backend === 'durable' ? s.durableUsage() : undefined,
      dlq,
    );
  }

  /** AWS requests counted on the wire since the start of the run. */
  requests(): CountedRequest[] {
    return this.s.requests().slice(this.requestCount);
  }

  /** Messages the SQS event source handed back for another try since the start. */
  eventSourceRetries(): number {
    return (this.s.eventSource?.stats.retried ?? 0) - this.retried;
  }

  /** Durable operations and step retries since the start (undefined for other backends). */
  durableUsage(): DurableUsage | undefined {
    if (!this.durable) return undefined;
    const now = this.s.durableUsage();
    return {
      executions: now.executions - this.durable.executions,
      operations: now.operations - this.durable.operations,
      retries: now.retries - this.durable.retries,
    };
  }

  /** Messages that arrived on the DLQ since the start. */
  async dlqArrivals(): Promise<number> {
    return (await this.s.queueDepth()).dlq - this.dlq;
  }
}

/** Whether something could still move an unfinished job: a message on the queue, or a
 * running execution. */
export async function retryPending(
  s: SimStack,
  backend: BenchBackend,
  pending: Map<string, number>,
): Promise<boolean> {
  if (backend === 'sqs') return (await s.queueDepth()).queued > 0;
  if (backend === 'durable') return [...pending.keys()].some((jobId) => s.durableRunning(jobId));
  if (backend === 'stepfunctions') {
    for (const jobId of pending.keys()) {
      const job = await s.jobs.get(jobId);
      if ((await s.executionStatus(jobId, job?.attempts ?? 1)) === 'RUNNING') return true;
    }
  }
  return false;
}

type Tokens = { model: string; promptTokens: number; completionTokens: number };

/** Tokens billed between two reads of the LLM workload's counter. */
export function tokensUsed(before: Tokens | undefined, after: Tokens | undefined): Tokens {
  return {
    model: after?.model ?? 'qwen-plus',
    promptTokens: (after?.promptTokens ?? 0) - (before?.promptTokens ?? 0),
    completionTokens: (after?.completionTokens ?? 0) - (before?.completionTokens ?? 0),
  };
}
