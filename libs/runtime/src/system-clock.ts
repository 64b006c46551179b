import { randomUUID } from 'node:crypto';
import type { Clock, IdGenerator } from '@storyboard/domain';

export class SystemClock implements Clock {
  now(): string {
    return new Date().toISOString();
  }
}

export class UuidIdGenerator implements IdGenerator {
  newId(): string {
    return randomUUID();
  }
}
