import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';

/** A clock that moves only when told to (or by `stepMs` on every read). */
export class FakeClock implements Clock {
  private ms: number;

  constructor(
    start = '2026-01-01T00:00:00.000Z',
    private readonly stepMs = 1,
  ) {
    this.ms = Date.parse(start);
  }

  now(): string {
    const iso = new Date(this.ms).toISOString();
    this.ms += this.stepMs;
    return iso;
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Ids `prefix-0001`, `prefix-0002`, … in order. */
export class SequentialIdGenerator implements IdGenerator {
  private next = 1;

  constructor(private readonly prefix = 'id') {}

  newId(): string {
    return `${this.prefix}-${String(this.next++).padStart(4, '0')}`;
  }
}
