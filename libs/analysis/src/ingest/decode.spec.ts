import { InvalidNovelTextError } from '@storyboard/domain';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from './decode';

const utf16 = (s: string, bigEndian: boolean, bom: boolean): Uint8Array => {
  const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
  const units = (bom ? '\uFEFF' : '') + s;
  for (let i = 0; i < units.length; i++) {
    const c = units.charCodeAt(i);
    out[i * 2] = bigEndian ? c >> 8 : c & 0xff;
    out[i * 2 + 1] = bigEndian ? c & 0xff : c >> 8;
  }
  return out;
};
const SAMPLE =
  'Chapter 1\n\nIt was a bright cold day in April, and the clocks were striking thirteen.\n';

describe('decodeBytes', () => {
  it('reads UTF-8 with a byte order mark', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('你好，世界')]);
    await expect(decodeBytes(bytes)).resolves.toEqual({ text: '你好，世界', encoding: 'utf-8' });
  });

  it('reads UTF-8 without a byte order mark', async () => {
    await expect(decodeBytes(new TextEncoder().encode(SAMPLE))).resolves.toEqual({
      text: SAMPLE,
      encoding: 'utf-8',
    });
  });

  it.each([
    ['utf-16le', false, true],
    ['utf-16be', true, true],
    ['utf-16le', false, false],
    ['utf-16be', true, false],
  ] as const)('reads %s (BOM: %s)', async (encoding, bigEndian, bom) => {
    const r = await decodeBytes(utf16(SAMPLE.repeat(5), bigEndian, bom));
    expect(r.encoding).toBe(encoding);
    expect(r.text).toBe(SAMPLE.repeat(5));
  });

  it('reads GBK/GB18030 Chinese through the detector', async () => {
    // 第一回 话说天下 … written out in GBK byte pairs, repeated so the detector is sure.
    const gbk = [
      0xb5, 0xda, 0xd2, 0xbb, 0xbb, 0xd8, 0x0a, 0xbb, 0xb0, 0xcb, 0xb5, 0xcc, 0xec, 0xcf, 0xc2,
      0xa1, 0xa3, 0x0a,
    ];
    const bytes = new Uint8Array(Array.from({ length: 40 }, () => gbk).flat());
    const r = await decodeBytes(bytes);
    expect(r.encoding).toBe('gb18030');
    expect(r.text.startsWith('第一回\n话说天下。\n')).toBe(true);
  });

  it('refuses empty input', async () => {
    await expect(decodeBytes(new Uint8Array())).rejects.toThrow(InvalidNovelTextError);
  });

  it('refuses a PNG with a message saying what to do', async () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    await expect(decodeBytes(png)).rejects.toThrow(/binary.*\.txt/);
  });

  it('refuses bytes full of control characters', async () => {
    const junk = new Uint8Array(4000).map((_, i) => ((i * 7) % 31) + 1);
    await expect(decodeBytes(junk)).rejects.toThrow(InvalidNovelTextError);
  });
});
