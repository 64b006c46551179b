// In-memory adapters for every driven port: the `STORAGE=memory` wiring and the fakes of
// `@storyboard/domain/testing`. No test-runner imports here, so production code may load it.
export * from './in-memory-blob-store';
export * from './in-memory-job-repository';
export * from './in-memory-novel-repository';
export * from './in-memory-novel-text-store';
export * from './in-memory-storyboard-repository';
