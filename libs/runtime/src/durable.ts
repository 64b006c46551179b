// `@storyboard/runtime/durable`: the durable-functions backend's handler, on its own entry
// point so the other functions' bundles do not carry the durable-execution SDK.
export * from './lambda/durable-job';
export * from './lambda/durable-errors';
export * from './lambda/durable-handler';
