export { NO_SCOPE, SdkCallCounter, sumOf, totalsOf } from './sdk-call-counter';
export type {
  CallTallies,
  CallTally,
  InstrumentableClient,
  ScopedCallTallies,
} from './sdk-call-counter';
