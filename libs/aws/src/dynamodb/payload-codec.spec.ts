import type { BlobStore } from '@storyboard/domain';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { PayloadCodec } from './payload-codec';

/** Overflow objects in a map. */
function mapStore(): BlobStore & { keys: () => string[] } {
  const objects = new Map<string, Uint8Array>();
  return {
    put: async (key, body) => void objects.set(key, body.slice()),
    get: async (key) => objects.get(key)?.slice(),
    keys: () => [...objects.keys()],
  };
}

const key = { PK: 'JOB#j', SK: 'CHUNK#00001' };
const Text = z.object({ text: z.string() });

describe('PayloadCodec', () => {
  it('keeps small payloads inline as their JSON, and reads them back', async () => {
    const codec = new PayloadCodec(mapStore());
    const value = { text: '悟空' };
    const item = await codec.encode(key, 'x', value);
    expect(item).toEqual({ ...key, entity: 'x', data: JSON.stringify(value) });
    expect(await codec.decode(item, Text, 'x')).toEqual(value);
  });

  it('compresses from exactly 1 KiB of UTF-8, whatever the string length', async () => {
    const codec = new PayloadCodec(mapStore());
    // 1,011 ASCII characters + `{"text":""}` = 1,022 bytes: inline (though 3 × length > 1 KiB).
    const below = { text: 'a'.repeat(1011) };
    expect((await codec.encode(key, 'x', below)).data).toBe(JSON.stringify(below));
    // 338 CJK characters are 1,014 bytes + 11 = 1,025: compressed, though only 349 characters.
    const above = { text: '经'.repeat(338) };
    const item = await codec.encode(key, 'x', above);
    expect(item.data).toBeUndefined();
    expect(item.codec).toBe('br');
    expect(await codec.decode(item, Text, 'x')).toEqual(above);
  });

  it('overflows by bytes at a threshold below the compression size', async () => {
    const store = mapStore();
    const codec = new PayloadCodec(store, 100);
    // 40 characters, 3 bytes each: 131 bytes of JSON, over a 100-byte threshold.
    const value = { text: '经'.repeat(40) };
    const item = await codec.encode(key, 'x', value);
    expect(item.overflowKey).toBeDefined();
    expect(store.keys()).toEqual([item.overflowKey]);
    expect(await codec.decode(item, Text, 'x')).toEqual(value);
    // 30 ASCII characters: 41 bytes, inline.
    expect((await codec.encode(key, 'x', { text: 'a'.repeat(30) })).data).toBeDefined();
  });
});
