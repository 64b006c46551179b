export {
  FAILED_STATE,
  MARK_FAILED_STATE,
  buildStateMachineDefinition,
  mapStateName,
  taskStateName,
} from './state-machine-definition';
export type {
  AslDefinition,
  AslState,
  RetryPolicy,
  StateMachineDefinitionOptions,
  TaskName,
} from './state-machine-definition';
export { StepFunctionsJobDispatcher, executionName } from './step-functions-job-dispatcher';
export type { StepFunctionsJobDispatcherOptions } from './step-functions-job-dispatcher';
