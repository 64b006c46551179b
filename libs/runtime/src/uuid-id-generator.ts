import { randomUUID } from 'node:crypto';
import type { IdGenerator } from '@storyboard/domain';

export class UuidIdGenerator implements IdGenerator {
  newId(): string {
    return randomUUID();
  }
}
