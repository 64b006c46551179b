declare module 's3rver' {
  import type { AddressInfo } from 'node:net';
  import type { Server } from 'node:http';
  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }
  export default class S3rver {
    constructor(options: S3rverOptions);
    httpServer?: Server;
    /** The object store (a `FilesystemStore` over `directory` unless replaced before `run`);
     * the controllers read it as `ctx.store`, i.e. from `context.store`. */
    store: object;
    context: { store: object };
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}

declare module 's3rver/lib/models/bucket' {
  export default class S3Bucket {
    constructor(name: string, creationDate: Date);
    name: string;
    creationDate: Date;
  }
}

declare module 's3rver/lib/models/object' {
  export default class S3Object {
    static ALLOWED_METADATA: string[];
    constructor(bucket: string, key: string, content: unknown, metadata: Record<string, string>);
    bucket: string;
    key: string;
    content: unknown;
    metadata: Record<string, string>;
    range?: { start: number; end: number };
    readonly size: number;
  }
}

declare module 's3rver/lib/models/config' {
  export interface S3ConfigModel {
    type: string;
    toXML(space?: number): string;
  }
  export function getConfigModel(type: string): (new (xml: string) => S3ConfigModel) | undefined;
}
