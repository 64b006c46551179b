import { Readable } from 'node:stream';
import S3Bucket from 's3rver/lib/models/bucket';
import { getConfigModel } from 's3rver/lib/models/config';
import type { S3ConfigModel } from 's3rver/lib/models/config';
import S3Object from 's3rver/lib/models/object';
import type { SpilledFile } from './s3-spill-folder';
import { SpillFolder } from './s3-spill-folder';

type Metadata = Record<string, string>;
type Source = Buffer | AsyncIterable<Buffer | string>;

interface StoredObject {
  /** The bytes, or the file of the spill folder that holds them (large objects). */
  content: Buffer | SpilledFile;
  size: number;
  /** What s3rver's file store keeps beside an object: the allowed headers and `x-amz-meta-*`. */
  metadata: Metadata;
  md5: string;
  lastModified: Date;
}

interface StoredBucket {
  created: Date;
  objects: Map<string, StoredObject>;
  /** Configuration XML (cors, website, tagging) by `${key}\n${type}`; bucket level: key ''. */
  subresources: Map<string, string>;
}

interface Upload {
  bucket: string;
  key: string;
  metadata: Metadata;
  parts: Map<number, Buffer>;
}

interface ListOptions {
  delimiter?: string;
  startAfter?: string;
  prefix?: string;
  maxKeys?: number;
}

const missing = (what: string): Error =>
  Object.assign(new Error(`s3 memory store: ${what} does not exist`), { code: 'ENOENT' });

const byUtf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** A non-object-mode stream of `bytes` (what s3rver hands Koa as a GET body). */
function streamOf(bytes: Buffer): Readable {
  return new Readable({
    read() {
      this.push(bytes);
      this.push(null);
    },
  });
}

export interface S3MemoryStoreOptions {
  /** Objects larger than this many bytes live in a temporary file instead of in memory
   * (default 1 MiB): a 45 MB book does not weigh on the process. */
  spillAboveBytes?: number;
  /** Where the temporary folder is made (default `os.tmpdir()`). */
  spillParent?: string;
}

/** Large enough for every item-sized object and every chunk text (a CJK chunk of 40,000
 * characters is ~110 KB), so a job's per-chunk reads and writes never touch the disk; an
 * uploaded book goes to a file. Measured on 西游记 × 21 (45 MB): the same peak RSS as with a
 * 64 KiB limit (445 vs 453 MB; 496 vs 496 MB with --out): the chunk texts are not the peak. */
export const DEFAULT_SPILL_ABOVE_BYTES = 1024 * 1024;

/**
 * s3rver's store interface (the one its `FilesystemStore` implements and its controllers
 * call) kept in memory, objects larger than `spillAboveBytes` in a temporary folder. s3rver still does everything S3-like — routing, SigV4 and
 * presigned-URL checks, headers, ranges, conditional GETs, XML bodies and errors — only the
 * bytes live in a Map instead of three files per object (object, `.md5`, `metadata.json`)
 * and the half-dozen file-system calls per request that go with them. Same observable
 * results as the file store (ETag = quoted MD5, `Last-Modified`, `Content-Length`, the kept
 * metadata headers, keys listed in UTF-8 byte order), except that deleting an object also
 * deletes its tagging, as S3 does (the file store leaves the tagging file behind).
 */
export class S3MemoryStore {
  private readonly buckets = new Map<string, StoredBucket>();
  private readonly uploads = new Map<string, Upload>();
  private readonly spill: SpillFolder;
  private readonly spillAboveBytes: number;

  constructor(options: S3MemoryStoreOptions = {}) {
    this.spill = new SpillFolder(options.spillParent);
    this.spillAboveBytes = options.spillAboveBytes ?? DEFAULT_SPILL_ABOVE_BYTES;
  }

  reset(): void {
    this.buckets.clear();
    this.uploads.clear();
    this.spill.clear();
  }

  /** Forgets every object and removes the temporary folder. */
  async close(): Promise<void> {
    this.buckets.clear();
    this.uploads.clear();
    await this.spill.close();
  }

  async listBuckets(): Promise<S3Bucket[]> {
    return [...this.buckets.keys()].sort(byUtf8).map((name) => this.bucketModel(name));
  }

  async getBucket(name: string): Promise<S3Bucket | null> {
    return this.buckets.has(name) ? this.bucketModel(name) : null;
  }

  async putBucket(name: string): Promise<S3Bucket> {
    if (!this.buckets.has(name)) {
      this.buckets.set(name, { created: new Date(), objects: new Map(), subresources: new Map() });
    }
    return this.bucketModel(name);
  }

  async deleteBucket(name: string): Promise<void> {
    this.buckets.delete(name);
  }

  async listObjects(
    bucket: string,
    { delimiter = '', startAfter = '', prefix = '', maxKeys = Infinity }: ListOptions,
  ): Promise<{ objects: S3Object[]; commonPrefixes: string[]; isTruncated: boolean }> {
    const stored = this.buckets.get(bucket);
    const commonPrefixes = new Set<string>();
    const objects: S3Object[] = [];
    let isTruncated = false;
    for (const key of [...(stored?.objects.keys() ?? [])].sort(byUtf8)) {
      if (byUtf8(key, startAfter) <= 0 || !key.startsWith(prefix)) continue;
      if (delimiter) {
        const at = key.slice(prefix.length).indexOf(delimiter);
        if (at !== -1) {
          commonPrefixes.add(key.slice(0, prefix.length + at + 1));
          continue;
        }
      }
      if (objects.length >= maxKeys) {
        isTruncated = true;
        break;
      }
      objects.push(new S3Object(bucket, key, null, this.metadataOf(this.require(bucket, key))));
    }
    return { objects, commonPrefixes: [...commonPrefixes].sort(byUtf8), isTruncated };
  }

  async existsObject(bucket: string, key: string): Promise<boolean> {
    return this.buckets.get(bucket)?.objects.has(key) ?? false;
  }

  async getObject(
    bucket: string,
    key: string,
    options?: { start?: number; end?: number },
  ): Promise<S3Object | null> {
    const stored = this.buckets.get(bucket)?.objects.get(key);
    if (!stored) return null;
    const metadata = this.metadataOf(stored);
    const lastByte = Math.max(0, stored.size - 1);
    const range = {
      start: options?.start || 0,
      end: Math.min(options?.end || Infinity, lastByte),
    };
    const ranged = options !== undefined && (options.start !== undefined || !!options.end);
    const satisfiable = range.start >= 0 && range.start <= Math.min(range.end, lastByte);
    const bytes = stored.content;
    let content: Readable | null = null;
    if (satisfiable && Buffer.isBuffer(bytes)) {
      content = streamOf(bytes.subarray(range.start, range.end + 1));
    } else if (satisfiable && !Buffer.isBuffer(bytes)) {
      try {
        content = await this.spill.read(bytes, range.start, range.end);
      } catch (err) {
        // Written again or deleted while the file was being opened: read what is there now.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        if (this.buckets.get(bucket)?.objects.get(key) === stored) throw err;
        return this.getObject(bucket, key, options);
      }
    }
    const object = new S3Object(bucket, key, content, metadata);
    if (ranged) object.range = range;
    return object;
  }

  async putObject(object: S3Object): Promise<{ size: number; md5: string }> {
    return this.store(object.bucket, object.key, object.content as Source, object.metadata);
  }

  async copyObject(
    srcBucket: string,
    srcKey: string,
    destBucket: string,
    destKey: string,
    replacementMetadata?: Metadata,
  ): Promise<Metadata> {
    const source = this.require(srcBucket, srcKey);
    const same = srcBucket === destBucket && srcKey === destKey;
    if (same && replacementMetadata) {
      source.metadata = kept(replacementMetadata);
      source.lastModified = new Date();
    } else if (!same) {
      const bytes = Buffer.isBuffer(source.content)
        ? source.content
        : await this.spill.read(source.content, 0, source.size - 1);
      await this.store(destBucket, destKey, bytes, replacementMetadata ?? source.metadata);
    }
    return this.metadataOf(this.require(destBucket, destKey));
  }

  async deleteObject(bucket: string, key: string): Promise<void> {
    const stored = this.buckets.get(bucket);
    this.drop(stored?.objects.get(key));
    stored?.objects.delete(key);
    for (const name of stored?.subresources.keys() ?? []) {
      if (name.startsWith(`${key}\n`) && key !== '') stored?.subresources.delete(name);
    }
  }

  async initiateUpload(
    bucket: string,
    key: string,
    uploadId: string,
    metadata: Metadata,
  ): Promise<void> {
    this.uploads.set(uploadId, { bucket, key, metadata, parts: new Map() });
  }

  async putPart(
    bucket: string,
    uploadId: string,
    partNumber: number | string,
    content: NodeJS.ReadableStream,
  ): Promise<{ size: number; md5: string }> {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.bucket !== bucket) throw missing(`upload ${uploadId}`);
    const taken = await this.spill.take(content as Source, Infinity);
    upload.parts.set(Number(partNumber), taken.content as Buffer);
    return { size: taken.size, md5: taken.md5 };
  }

  async putObjectMultipart(
    bucket: string,
    uploadId: string,
    parts: { number: number | string }[],
  ): Promise<{ size: number; md5: string }> {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.bucket !== bucket) throw missing(`upload ${uploadId}`);
    const ordered = [...parts].sort((a, b) => Number(a.number) - Number(b.number));
    const content = Buffer.concat(
      ordered.map((part) => {
        const bytes = upload.parts.get(Number(part.number));
        if (!bytes) throw missing(`part ${String(part.number)} of upload ${uploadId}`);
        return bytes;
      }),
    );
    this.uploads.delete(uploadId);
    return this.store(bucket, upload.key, content, upload.metadata);
  }

  async getSubresource(
    bucket: string,
    key: string | undefined,
    type: string,
  ): Promise<S3ConfigModel | null> {
    const xml = this.buckets.get(bucket)?.subresources.get(`${key ?? ''}\n${type}`);
    const Model = getConfigModel(type);
    return xml === undefined || !Model ? null : new Model(xml);
  }

  async putSubresource(
    bucket: string,
    key: string | undefined,
    resource: S3ConfigModel,
  ): Promise<void> {
    const stored = this.buckets.get(bucket);
    if (!stored) throw missing(`bucket ${bucket}`);
    stored.subresources.set(`${key ?? ''}\n${resource.type}`, resource.toXML(2));
  }

  async deleteSubresource(bucket: string, key: string | undefined, type: string): Promise<void> {
    this.buckets.get(bucket)?.subresources.delete(`${key ?? ''}\n${type}`);
  }

  private async store(
    bucket: string,
    key: string,
    source: Source,
    metadata: Metadata,
  ): Promise<{ size: number; md5: string }> {
    if (!this.buckets.has(bucket)) throw missing(`bucket ${bucket}`);
    const { content, size, md5 } = await this.spill.take(source, this.spillAboveBytes);
    const objects = this.buckets.get(bucket)?.objects;
    if (!objects) {
      this.drop({ content });
      throw missing(`bucket ${bucket}`);
    }
    this.drop(objects.get(key));
    objects.set(key, { content, size, metadata: kept(metadata), md5, lastModified: new Date() });
    return { size, md5 };
  }

  /** Deletes the file of an object that is replaced or deleted (reads that opened it keep
   * their bytes). */
  private drop(stored: Pick<StoredObject, 'content'> | undefined): void {
    if (stored && !Buffer.isBuffer(stored.content)) this.spill.remove(stored.content.path);
  }

  private require(bucket: string, key: string): StoredObject {
    const stored = this.buckets.get(bucket)?.objects.get(key);
    if (!stored) throw missing(`object ${bucket}/${key}`);
    return stored;
  }

  private metadataOf(stored: StoredObject): Metadata {
    return {
      ...stored.metadata,
      etag: JSON.stringify(stored.md5),
      'last-modified': stored.lastModified.toUTCString(),
      'content-length': String(stored.size),
    };
  }

  private bucketModel(name: string): S3Bucket {
    return new S3Bucket(name, this.buckets.get(name)?.created ?? new Date());
  }
}

/** The headers s3rver's file store keeps with an object. */
function kept(metadata: Metadata): Metadata {
  const out: Metadata = {};
  for (const [name, value] of Object.entries(metadata)) {
    if (S3Object.ALLOWED_METADATA.includes(name) || name.startsWith('x-amz-meta-')) {
      out[name] = value;
    }
  }
  return out;
}
