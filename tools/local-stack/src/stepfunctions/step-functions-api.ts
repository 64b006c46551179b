import { randomUUID } from 'node:crypto';
import { ApiError, requireString, seconds } from './aws-json-protocol';
import type { ExecutionRunner } from './execution-runner';
import type { HistoryEvent } from './history';
import type { MachineRegistry } from './machine-registry';

/**
 * The operations of the Step Functions API the shim serves, by name: CreateStateMachine,
 * StartExecution, DescribeExecution, StopExecution and GetExecutionHistory, each JSON input
 * → JSON output as the AWS JSON 1.0 protocol carries them.
 *
 * StartExecution with the name of an execution that is still running and the same input
 * returns that execution (idempotent); with a different input, or once the execution has
 * closed, it is `ExecutionAlreadyExists` (names are never reused here), as on AWS.
 */
export class StepFunctionsApi {
  constructor(
    private readonly region: string,
    private readonly accountId: string,
    private readonly machines: MachineRegistry,
    private readonly executions: ExecutionRunner,
  ) {}

  dispatch(operation: string, input: Record<string, unknown>): unknown {
    switch (operation) {
      case 'CreateStateMachine':
        return this.machines.create(input);
      case 'StartExecution':
        return this.startExecution(input);
      case 'DescribeExecution':
        return this.describeExecution(input);
      case 'StopExecution':
        return this.stopExecution(input);
      case 'GetExecutionHistory':
        return this.getExecutionHistory(input);
      default:
        throw new ApiError(
          'UnknownOperationException',
          `${operation || 'No operation'} is not supported by the local Step Functions shim.`,
        );
    }
  }

  private startExecution(input: Record<string, unknown>): unknown {
    const machine = this.machines.get(requireString(input, 'stateMachineArn'));
    const name = typeof input.name === 'string' ? input.name : randomUUID();
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) {
      throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
    }
    const inputText = typeof input.input === 'string' ? input.input : '{}';
    let inputValue: unknown;
    try {
      inputValue = JSON.parse(inputText);
    } catch {
      throw new ApiError(
        'InvalidExecutionInput',
        `Invalid State Machine Execution Input: '${inputText}'`,
      );
    }
    const executionArn = `arn:aws:states:${this.region}:${this.accountId}:execution:${machine.name}:${name}`;
    const existing = this.executions.find(executionArn);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === inputText) {
        return { executionArn, startDate: seconds(existing.startDate) };
      }
      throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const record = this.executions.start(machine, executionArn, name, inputText, inputValue);
    return { executionArn, startDate: seconds(record.startDate) };
  }

  private describeExecution(input: Record<string, unknown>): unknown {
    const e = this.executions.get(requireString(input, 'executionArn'));
    return {
      executionArn: e.executionArn,
      stateMachineArn: e.stateMachineArn,
      name: e.name,
      status: e.status,
      startDate: seconds(e.startDate),
      ...(e.stopDate ? { stopDate: seconds(e.stopDate) } : {}),
      input: e.input,
      inputDetails: { included: true },
      ...(e.output === undefined ? {} : { output: e.output, outputDetails: { included: true } }),
      ...(e.error === undefined ? {} : { error: e.error }),
      ...(e.cause === undefined ? {} : { cause: e.cause }),
    };
  }

  private stopExecution(input: Record<string, unknown>): unknown {
    const e = this.executions.get(requireString(input, 'executionArn'));
    if (e.status === 'RUNNING') {
      this.executions.stop(
        e,
        typeof input.error === 'string' ? input.error : undefined,
        typeof input.cause === 'string' ? input.cause : undefined,
      );
    }
    return { stopDate: seconds(e.stopDate ?? new Date()) };
  }

  private getExecutionHistory(input: Record<string, unknown>): unknown {
    const e = this.executions.get(requireString(input, 'executionArn'));
    const maxResults =
      typeof input.maxResults === 'number' && input.maxResults > 0
        ? Math.min(input.maxResults, 1000)
        : 100;
    const ordered =
      input.reverseOrder === true ? [...e.history.events].reverse() : e.history.events;
    const from = typeof input.nextToken === 'string' ? Number(input.nextToken) : 0;
    if (!Number.isInteger(from) || from < 0) throw new ApiError('InvalidToken', 'Invalid Token');
    const events: HistoryEvent[] = ordered.slice(from, from + maxResults);
    const next = from + maxResults;
    return next < ordered.length ? { events, nextToken: String(next) } : { events };
  }
}
