export { startFakeQwen, type FakeQwen, type FakeQwenTiming } from './start-fake-qwen';
export {
  FakeQwenOptionsSchema,
  FAULTS,
  seededRandom,
  type Fault,
  type FakeQwenOptions,
  type FakeQwenOptionsInput,
} from './options';
export type { FakeQwenRequest } from './request-log';
export { storyboardAnswer } from './storyboard-answer';
export { startDemoLlm, FAKE_LLM_LATENCY_MS, type DemoLlm } from './demo-llm';
export { syntheticBook } from './synthetic-book';
