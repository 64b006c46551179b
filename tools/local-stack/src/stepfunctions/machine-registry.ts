import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { StateMachine } from 'aws-local-stepfunctions';
import { ApiError, requireString, seconds } from './aws-json-protocol';
import { retryingStates, taskResources } from './definition-walk';

/** A created state machine: its definition parsed once, ready to run executions. */
export interface MachineRecord {
  arn: string;
  name: string;
  definition: string;
  roleArn: string;
  type: string;
  creationDate: Date;
  machine: StateMachine;
  /** Task state name → resource ARN. */
  resources: Map<string, string>;
  /** Names of the states with a Retry field. */
  retrying: string[];
}

/**
 * The state machines of one account and region. CreateStateMachine with an existing name
 * and the same definition returns the existing ARN, with another definition it is
 * `StateMachineAlreadyExists`, as on AWS.
 */
export class MachineRegistry {
  private readonly machines = new Map<string, MachineRecord>();

  constructor(
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  /** CreateStateMachine. */
  create(input: Record<string, unknown>): unknown {
    const name = requireString(input, 'name');
    const definition = requireString(input, 'definition');
    const arn = `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${name}`;
    const existing = this.machines.get(arn);
    if (existing) {
      if (existing.definition !== definition) {
        throw new ApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
      }
      return { stateMachineArn: arn, creationDate: seconds(existing.creationDate) };
    }
    let parsed: StateMachineDefinition;
    let machine: StateMachine;
    let resources: Map<string, string>;
    try {
      parsed = JSON.parse(definition) as StateMachineDefinition;
      machine = new StateMachine(parsed);
      resources = taskResources(parsed);
    } catch (err) {
      throw new ApiError('InvalidDefinition', `Invalid State Machine Definition: ${String(err)}`);
    }
    const record: MachineRecord = {
      arn,
      name,
      definition,
      roleArn: typeof input.roleArn === 'string' ? input.roleArn : '',
      type: typeof input.type === 'string' ? input.type : 'STANDARD',
      creationDate: new Date(),
      machine,
      resources,
      retrying: retryingStates(parsed),
    };
    this.machines.set(arn, record);
    return { stateMachineArn: arn, creationDate: seconds(record.creationDate) };
  }

  /** The machine, or `StateMachineDoesNotExist`. */
  get(stateMachineArn: string): MachineRecord {
    const machine = this.machines.get(stateMachineArn);
    if (!machine) {
      throw new ApiError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${stateMachineArn}'`,
      );
    }
    return machine;
  }
}
