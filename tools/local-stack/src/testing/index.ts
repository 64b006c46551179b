// Helpers for end-to-end tests and benchmarks (they load the domain's test doubles);
// never imported by the CLI's or the API's runtime code.
export * from './e2e';
export * from './faults';
export * from './crash';
export * from './process-output';
