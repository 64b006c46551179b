import type { StateMachine } from 'aws-local-stepfunctions';

/** One event of aws-local-stepfunctions' execution log. */
export type EventLog =
  ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

/** A history event as GetExecutionHistory returns it (epoch-seconds timestamp). */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

const json = (value: unknown): string => JSON.stringify(value ?? null);

/**
 * Turns the emulator's event log into the shape of Step Functions' execution history: the
 * common event types (`ExecutionStarted`, `TaskStateEntered`, `TaskScheduled`,
 * `TaskSucceeded`, `TaskFailed`, `MapIterationStarted`, `ExecutionFailed`, …) with their
 * `…EventDetails`. A retry shows, as on AWS, as another `TaskScheduled` after `TaskFailed`.
 * Events with no AWS counterpart (a catcher taking over) are left out.
 */
export class HistoryRecorder {
  readonly events: HistoryEvent[] = [];

  constructor(
    private readonly resourceOf: (stateName: string) => string | undefined,
    private readonly region: string,
    private readonly roleArn: string,
  ) {}

  record(log: EventLog): void {
    const at = log.timestamp / 1000;
    switch (log.type) {
      case 'ExecutionStarted':
        this.push(at, 'ExecutionStarted', {
          executionStartedEventDetails: {
            input: json(log.input),
            inputDetails: { truncated: false },
            roleArn: this.roleArn,
          },
        });
        return;
      case 'ExecutionSucceeded':
        this.push(at, 'ExecutionSucceeded', {
          executionSucceededEventDetails: {
            output: json(log.output),
            outputDetails: { truncated: false },
          },
        });
        return;
      case 'ExecutionFailed':
        this.push(at, 'ExecutionFailed', {
          executionFailedEventDetails: { error: log.Error, cause: causeText(log.Cause) },
        });
        return;
      case 'ExecutionAborted':
        this.aborted(log.timestamp);
        return;
      case 'ExecutionTimeout':
        this.push(at, 'ExecutionTimedOut', { executionTimedOutEventDetails: {} });
        return;
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed': {
        const key = `${log.type.charAt(0).toLowerCase()}${log.type.slice(1)}EventDetails`;
        this.push(at, log.type, { [key]: { name: log.parentState.name, index: log.index } });
        return;
      }
      case 'StateEntered':
        this.push(at, `${log.state.type}StateEntered`, {
          stateEnteredEventDetails: { name: log.state.name, input: json(log.state.input) },
        });
        if (log.state.type === 'Task') this.scheduled(at, log.state.name, log.state.input);
        return;
      case 'StateRetried':
        if (log.state.type === 'Task') this.scheduled(at, log.state.name, log.state.input);
        return;
      case 'StateExited':
        if (log.state.type === 'Task') {
          this.push(at, 'TaskSucceeded', {
            taskSucceededEventDetails: {
              ...this.resource(log.state.name),
              output: json(log.state.output),
            },
          });
        }
        this.push(at, `${log.state.type}StateExited`, {
          stateExitedEventDetails: { name: log.state.name, output: json(log.state.output) },
        });
        return;
      case 'StateFailed':
        if (log.state.type === 'Task') {
          this.push(at, 'TaskFailed', {
            taskFailedEventDetails: {
              ...this.resource(log.state.name),
              error: log.Error,
              cause: causeText(log.Cause),
            },
          });
        } else if (log.state.type === 'Map') {
          this.push(at, 'MapStateFailed', {});
        }
        return;
      default:
        return;
    }
  }

  /** StopExecution: recorded at once, whether or not the emulator logs the abort. */
  aborted(timestampMs: number, error?: string, cause?: string): void {
    if (this.events.some((e) => e.type === 'ExecutionAborted')) return;
    this.push(timestampMs / 1000, 'ExecutionAborted', {
      executionAbortedEventDetails: {
        ...(error === undefined ? {} : { error }),
        ...(cause === undefined ? {} : { cause }),
      },
    });
  }

  private scheduled(at: number, stateName: string, input: unknown): void {
    this.push(at, 'TaskScheduled', {
      taskScheduledEventDetails: {
        ...this.resource(stateName),
        region: this.region,
        parameters: json(input),
      },
    });
  }

  private resource(stateName: string): { resourceType: string; resource: string } {
    return { resourceType: 'lambda', resource: this.resourceOf(stateName) ?? stateName };
  }

  private push(timestamp: number, type: string, details: Record<string, unknown>): void {
    const id = this.events.length + 1;
    this.events.push({ id, previousEventId: id - 1, timestamp, type, ...details });
  }
}

export function causeText(cause: unknown): string {
  if (cause === undefined || cause === null) return '';
  return typeof cause === 'string' ? cause : JSON.stringify(cause);
}
