import { describe, expect, it } from 'vitest';
import { findAnchor } from './anchors';

const TEXT = 'He said, “Help me with\nthe rope!” Then he said, “Help me with the rope!” again.';

describe('findAnchor', () => {
  it('finds an exact quote and returns offsets into the text', () => {
    const hit = findAnchor(TEXT, 'Then he said', 0, TEXT.length);
    expect(hit).toEqual({ start: TEXT.indexOf('Then'), end: TEXT.indexOf('Then') + 12 });
  });

  it('tolerates line breaks, straight quotes and ellipses the model changed', () => {
    const hit = findAnchor(TEXT, '"Help me with the rope!"...', 0, TEXT.length);
    expect(hit?.start).toBe(TEXT.indexOf('“Help'));
    expect(TEXT.slice(hit?.start, hit?.end)).toBe('“Help me with\nthe rope!');
  });

  it('searches forward from the cursor first, then from the start of the range', () => {
    const second = TEXT.lastIndexOf('Help');
    expect(findAnchor(TEXT, 'Help me with the rope', 0, TEXT.length, 20)?.start).toBe(second);
    expect(findAnchor(TEXT, 'He said', 0, TEXT.length, 40)?.start).toBe(0);
  });

  it('never answers outside the range, and never invents a position', () => {
    expect(findAnchor(TEXT, 'again', 0, 20)).toBeUndefined();
    expect(findAnchor(TEXT, 'not in the text', 0, TEXT.length)).toBeUndefined();
    expect(findAnchor(TEXT, undefined, 0, TEXT.length)).toBeUndefined();
    expect(findAnchor(TEXT, '“', 0, TEXT.length)).toBeUndefined();
  });

  it('finds Chinese quotes across 「」 and “” variants', () => {
    const zh = '行者道：“师父，我去也！”三藏道：「你去罢。」';
    expect(findAnchor(zh, '三藏道：“你去罢', 0, zh.length)?.start).toBe(zh.indexOf('三藏'));
  });
});
