export { LOCAL_ACCOUNT_ID, startLocalStack } from './start-local-stack';
export type {
  LocalStack,
  LocalStackClients,
  LocalStackOptions,
  LocalStackResources,
} from './start-local-stack';
export { StepFunctionsShim } from './stepfunctions/step-functions-shim';
export type { StepFunctionsShimOptions, TaskHandler } from './stepfunctions/step-functions-shim';
export { LambdaTaskError } from './stepfunctions/lambda-error';
export { startSqsEventSource } from './sqs-event-source/start-sqs-event-source';
export type {
  SqsBatchHandler,
  SqsEventSource,
  SqsEventSourceOptions,
  SqsEventSourceStats,
} from './sqs-event-source/start-sqs-event-source';
export { fakeLambdaContext } from './sqs-event-source/fake-lambda-context';
export type { FakeLambdaContextOptions } from './sqs-event-source/fake-lambda-context';
export { startLocalApp } from './local-app';
export type { LocalApp, LocalAppOptions } from './local-app';
export { LocalDurableService } from './durable/local-durable-service';
export type { LocalDurableServiceOptions } from './durable/local-durable-service';
export { DurableExecutionStore } from './durable/durable-execution-store';
export type { DurableExecutionRecord } from './durable/durable-execution-store';
export { createSecret } from './emulators/secrets-manager-emulator';
