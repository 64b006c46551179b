export interface Clock {
  /** The current time as an ISO-8601 UTC string. */
  now(): string;
}
