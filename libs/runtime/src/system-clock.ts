import type { Clock } from '@storyboard/domain';

export class SystemClock implements Clock {
  now(): string {
    return new Date().toISOString();
  }
}
