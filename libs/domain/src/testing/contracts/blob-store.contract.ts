import { describe, expect, it } from 'vitest';
import type { BlobStore } from '../../ports/blob-store.port';
import { uniqueId } from '../builders';

type Make<T> = () => T | Promise<T>;

/** What every `BlobStore` does, run against the in-memory fake and S3 (s3rver). */
export function describeBlobStoreContract(name: string, make: Make<BlobStore>): void {
  describe(`BlobStore contract: ${name}`, () => {
    it('returns exactly the bytes it stored, binary and over a megabyte included', async () => {
      const store = await make();
      const key = `jobs/${uniqueId('job')}/items/CHUNK-00001.json`;
      const body = new Uint8Array(1024 * 1024 + 13);
      for (let i = 0; i < body.length; i++) body[i] = (i * 7 + (i >> 9)) & 0xff;
      await store.put(key, body);
      const read = await store.get(key);
      expect(read?.byteLength).toBe(body.byteLength);
      expect(Buffer.from(read ?? []).equals(Buffer.from(body))).toBe(true);
    });

    it('returns undefined for a key with nothing stored', async () => {
      const store = await make();
      expect(await store.get(`jobs/${uniqueId('job')}/items/missing.json`)).toBeUndefined();
    });

    it('replaces what a key held, and a repeated put leaves the same bytes', async () => {
      const store = await make();
      const key = `jobs/${uniqueId('job')}/items/SCENE-0001-0001.json`;
      await store.put(key, new TextEncoder().encode('first'));
      await store.put(key, new TextEncoder().encode('第二'));
      await store.put(key, new TextEncoder().encode('第二'));
      expect(new TextDecoder().decode(await store.get(key))).toBe('第二');
    });

    it('keeps keys apart and stores an empty object', async () => {
      const store = await make();
      const prefix = `jobs/${uniqueId('job')}/items`;
      await store.put(`${prefix}/a`, new Uint8Array([1]));
      await store.put(`${prefix}/b`, new Uint8Array(0));
      expect([...((await store.get(`${prefix}/a`)) ?? [])]).toEqual([1]);
      expect((await store.get(`${prefix}/b`))?.byteLength).toBe(0);
    });

    it('is not changed by the caller mutating the bytes it put or got', async () => {
      const store = await make();
      const key = `jobs/${uniqueId('job')}/items/x`;
      const body = new Uint8Array([1, 2, 3]);
      await store.put(key, body);
      body[0] = 9;
      const read = await store.get(key);
      if (read) read[1] = 9;
      expect([...((await store.get(key)) ?? [])]).toEqual([1, 2, 3]);
    });
  });
}
