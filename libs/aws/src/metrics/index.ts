export { NO_SCOPE, SdkCallCounter, sumOf, totalsOf } from './sdk-call-counter';
export type {
  CallTallies,
  CallTally,
  InstrumentableClient,
  ScopedCallTallies,
} from './sdk-call-counter';
export { formatCallReport, perChunkFigures } from './call-report';
export type { PerChunkFigures } from './call-report';
