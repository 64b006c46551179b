import { describe, expect, it } from 'vitest';
import type { NovelTextStore } from '../../ports/novel-text-store.port';
import { uniqueId } from '../builders';

type Make<T> = () => T | Promise<T>;

export function describeNovelTextStoreContract(name: string, make: Make<NovelTextStore>): void {
  describe(`NovelTextStore contract: ${name}`, () => {
    it('returns exactly the bytes it stored, binary and large included', async () => {
      const store = await make();
      const key = `novels/${uniqueId('user')}/${uniqueId('novel')}`;
      const body = new Uint8Array(3 * 1024 * 1024 + 7);
      for (let i = 0; i < body.length; i++) body[i] = (i * 31 + (i >> 8)) & 0xff;
      await store.put(key, body);
      const read = await store.get(key);
      expect(read?.byteLength).toBe(body.byteLength);
      expect(Buffer.from(read ?? []).equals(Buffer.from(body))).toBe(true);
      expect(await store.size(key)).toBe(body.byteLength);
    });

    it('returns undefined for a key with nothing stored', async () => {
      const store = await make();
      const key = `novels/${uniqueId('user')}/missing`;
      expect(await store.get(key)).toBeUndefined();
      expect(await store.size(key)).toBeUndefined();
    });

    it('replaces what a key held', async () => {
      const store = await make();
      const key = `jobs/${uniqueId('job')}/chunks/00000.txt`;
      await store.put(key, new TextEncoder().encode('first'));
      await store.put(key, new TextEncoder().encode('第二'));
      expect(new TextDecoder().decode(await store.get(key))).toBe('第二');
    });

    it('stores an empty object', async () => {
      const store = await make();
      const key = `jobs/${uniqueId('job')}/empty`;
      await store.put(key, new Uint8Array(0));
      expect((await store.get(key))?.byteLength).toBe(0);
    });
  });
}
