import { promisify } from 'node:util';
import {
  brotliCompress,
  brotliCompressSync,
  brotliDecompress,
  brotliDecompressSync,
  constants,
  gunzip,
  gunzipSync,
} from 'node:zlib';
import type { BlobStore } from '@storyboard/domain';
import { ArtifactMissingError } from '@storyboard/domain';
import type * as z from 'zod';
import type { Item } from './dynamodb-table';
import { corruptRow, parseStoredRow } from './parse-stored-row';
import type { TableKey } from './keys';

/** DynamoDB refuses items over 400 KB (names and values together): payloads above this many
 * bytes of JSON go to the overflow store, leaving headroom for keys and attributes. */
export const DEFAULT_OVERFLOW_THRESHOLD_BYTES = 300 * 1024;

/** JSON payloads at least this large are stored compressed. */
export const COMPRESS_MIN_BYTES = 1024;
/** The `codec` attribute of a compressed payload (absent: plain JSON, as older rows). New
 * payloads are brotli; rows written gzip-compressed before still read. */
const BROTLI = 'br';
const GZIP = 'gzip';

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();
/** Payloads up to this many bytes are (de)compressed synchronously. Node's async zlib
 * (a Transform stream per call, a thread-pool hop) measured 2–4× the CPU of the sync call
 * for item-sized payloads (5 KB: 150 µs vs 40 µs; 330 KB gunzip: 1.5 ms vs 0.6 ms), most of
 * it on the event loop anyway; only larger ones go to the libuv pool. */
const SYNC_ZLIB_MAX_BYTES = 1024 * 1024;
const brotliAsync = promisify(brotliCompress);
const unbrotliAsync = promisify(brotliDecompress);
const gunzipAsync = promisify(gunzip);
/** Brotli's fastest quality (0) with a window fitted to the payload. On two 西游记 jobs' fragment
 * and scene JSON (CJK text, 12.7 MB) it wrote 5.96 MB in 102 ms where gzip level 1 wrote
 * 5.44 MB in 415-452 ms (and brotli quality 1 5.60 MB in 207-251 ms), and it decompresses
 * faster: gzip level 1 had been the largest CPU cost of a job's storage path. */
function brotliOptions(size: number) {
  const window = Math.min(22, Math.max(16, Math.ceil(Math.log2(size + 1))));
  return {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 0,
      [constants.BROTLI_PARAM_LGWIN]: window,
      [constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  };
}
const zip = async (bytes: Uint8Array): Promise<Uint8Array> =>
  bytes.byteLength <= SYNC_ZLIB_MAX_BYTES
    ? brotliCompressSync(bytes, brotliOptions(bytes.byteLength))
    : brotliAsync(bytes, brotliOptions(bytes.byteLength));
const small = (bytes: Uint8Array) => bytes.byteLength <= SYNC_ZLIB_MAX_BYTES / 4;

/**
 * Stores a JSON value in an item: brotli-compressed in a binary `dataZ` attribute (`codec:
 * 'br'`; `'gzip'` rows of earlier versions still read) when its JSON is at least 1 KiB, else
 * as the JSON string in `data`; and when even
 * the compressed bytes are too large for an item, in the overflow store under a
 * deterministic key with a pointer (`overflowKey`) in the item. Compression keeps most
 * fragments and scenes in DynamoDB (fewer S3 round trips) and makes every item smaller.
 * Rows written before compression (`data`, or an overflow object without `codec`) still read.
 * The overflow object is written before the item that points to it, so a reader never
 * follows a pointer to nothing unless the object was deleted behind its back.
 */
export class PayloadCodec {
  constructor(
    private readonly overflow: BlobStore,
    private readonly thresholdBytes: number = DEFAULT_OVERFLOW_THRESHOLD_BYTES,
  ) {}

  async encode(key: TableKey, entity: string, value: unknown): Promise<Item> {
    return this.encodeJson(key, entity, JSON.stringify(value));
  }

  /** `encode` for a value already serialized (a pack of scenes is joined from their JSON). */
  async encodeJson(key: TableKey, entity: string, text: string): Promise<Item> {
    // A string of n UTF-16 units is at most 3n bytes of UTF-8: when that is below both the
    // compression and the overflow sizes the string goes inline as it is, without the
    // encode/decode round trip (most job and progress items).
    const atMost = 3 * text.length;
    if (atMost < COMPRESS_MIN_BYTES && atMost <= this.thresholdBytes) {
      return { ...key, entity, data: text };
    }
    const json = utf8.encode(text);
    if (json.byteLength < COMPRESS_MIN_BYTES) {
      return this.place(key, entity, json, { data: utf8Decoder.decode(json) });
    }
    const zipped = new Uint8Array(await zip(json));
    return this.place(key, entity, zipped, { dataZ: zipped, codec: BROTLI }, BROTLI);
  }

  /** The payload of `item`, parsed with the domain's `schema` for `what`: a payload that is
   * not JSON or does not fit the schema is a `StorageCorruptError`. */
  async decode<T>(item: Item, schema: z.ZodType<T>, what: string): Promise<T> {
    const json = await this.payloadJson(item);
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw corruptRow(item, what, 'its payload is not JSON', err);
    }
    return parseStoredRow(schema, value, what, item);
  }

  private async payloadJson(item: Item): Promise<string> {
    if (typeof item.data === 'string') return item.data;
    if (item.dataZ instanceof Uint8Array) {
      return utf8Decoder.decode(await unpack(item.dataZ, item.codec));
    }
    if (typeof item.overflowKey !== 'string') {
      throw new ArtifactMissingError(`Item ${String(item.PK)} ${String(item.SK)} has no payload.`);
    }
    const bytes = await this.overflow.get(item.overflowKey);
    if (!bytes) {
      throw new ArtifactMissingError(`The overflow object ${item.overflowKey} is missing.`);
    }
    return utf8Decoder.decode(await unpack(bytes, item.codec));
  }

  /** The item with `inline` attributes, or, above the threshold, with a pointer to the
   * bytes put in the overflow store. */
  private async place(
    key: TableKey,
    entity: string,
    bytes: Uint8Array,
    inline: Item,
    codec?: string,
  ): Promise<Item> {
    if (bytes.byteLength <= this.thresholdBytes) return { ...key, entity, ...inline };
    const overflowKey = overflowKeyOf(key);
    await this.overflow.put(overflowKey, bytes);
    return {
      ...key,
      entity,
      overflowKey,
      sizeBytes: bytes.byteLength,
      ...(codec ? { codec } : {}),
    };
  }
}

async function unpack(bytes: Uint8Array, codec: unknown): Promise<Uint8Array> {
  if (codec === undefined) return bytes;
  if (codec === BROTLI) {
    return new Uint8Array(small(bytes) ? brotliDecompressSync(bytes) : await unbrotliAsync(bytes));
  }
  if (codec === GZIP) {
    return new Uint8Array(small(bytes) ? gunzipSync(bytes) : await gunzipAsync(bytes));
  }
  throw new ArtifactMissingError(`A payload is stored with an unknown codec "${String(codec)}".`);
}

/** `JOB#abc` / `CHUNK#00003` → `jobs/abc/items/CHUNK-00003.json`, beside the job's chunk texts. */
export function overflowKeyOf(key: TableKey): string {
  const jobId = key.PK.startsWith('JOB#') ? key.PK.slice('JOB#'.length) : key.PK;
  return `jobs/${jobId}/items/${key.SK.replaceAll('#', '-')}.json`;
}
