import type { NovelTextStore } from '@storyboard/domain';
import { ArtifactMissingError } from '@storyboard/domain';
import type { Item } from './dynamodb-table';
import type { TableKey } from './keys';

/** DynamoDB refuses items over 400 KB (names and values together): payloads above this many
 * bytes of JSON go to the overflow store, leaving headroom for keys and attributes. */
export const DEFAULT_OVERFLOW_THRESHOLD_BYTES = 300 * 1024;

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/**
 * Stores a JSON value in an item's `data` attribute, or, when it is too large for an item, in
 * the overflow store under a deterministic key with a pointer (`overflowKey`) in the item.
 * The overflow object is written before the item that points to it, so a reader never
 * follows a pointer to nothing unless the object was deleted behind its back.
 */
export class PayloadCodec {
  constructor(
    private readonly overflow: NovelTextStore,
    private readonly thresholdBytes: number = DEFAULT_OVERFLOW_THRESHOLD_BYTES,
  ) {}

  async encode(key: TableKey, entity: string, value: unknown): Promise<Item> {
    const json = JSON.stringify(value);
    const bytes = utf8.encode(json);
    if (bytes.byteLength <= this.thresholdBytes) return { ...key, entity, data: json };
    const overflowKey = overflowKeyOf(key);
    await this.overflow.put(overflowKey, bytes);
    return { ...key, entity, overflowKey, sizeBytes: bytes.byteLength };
  }

  async decode<T>(item: Item): Promise<T> {
    if (typeof item.data === 'string') return JSON.parse(item.data) as T;
    if (typeof item.overflowKey !== 'string') {
      throw new ArtifactMissingError(`Item ${String(item.PK)} ${String(item.SK)} has no payload.`);
    }
    const bytes = await this.overflow.get(item.overflowKey);
    if (!bytes) {
      throw new ArtifactMissingError(`The overflow object ${item.overflowKey} is missing.`);
    }
    return JSON.parse(utf8Decoder.decode(bytes)) as T;
  }
}

/** `JOB#abc` / `CHUNK#00003` → `jobs/abc/items/CHUNK-00003.json`, beside the job's chunk texts. */
export function overflowKeyOf(key: TableKey): string {
  const jobId = key.PK.startsWith('JOB#') ? key.PK.slice('JOB#'.length) : key.PK;
  return `jobs/${jobId}/items/${key.SK.replaceAll('#', '-')}.json`;
}
