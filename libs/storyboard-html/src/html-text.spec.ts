import { describe, expect, it } from 'vitest';
import { ELLIPSIS, escapeHtml, formatCount, truncateText } from './html-text';

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('escapes a script tag so that it cannot run', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('escapes an existing entity once more instead of trusting it', () => {
    expect(escapeHtml('&amp; &lt;')).toBe('&amp;amp; &amp;lt;');
  });

  it('leaves plain and Chinese text untouched', () => {
    expect(escapeHtml('Plain text, 你好。')).toBe('Plain text, 你好。');
    expect(escapeHtml('')).toBe('');
  });
});

describe('truncateText', () => {
  it('returns text within the limit unchanged', () => {
    expect(truncateText('short', 5)).toBe('short');
  });

  it('cuts long text to the limit, ellipsis included', () => {
    const result = truncateText('x'.repeat(1000), 400);
    expect(Array.from(result)).toHaveLength(400);
    expect(result.endsWith(ELLIPSIS)).toBe(true);
  });

  it('keeps English words whole when a space is near the cut', () => {
    expect(truncateText('The quick brown fox jumps over the lazy dog', 20)).toBe(
      `The quick brown fox${ELLIPSIS}`,
    );
  });

  it('cuts Chinese text at the limit', () => {
    expect(truncateText('我是一只猫名字还没有', 5)).toBe(`我是一只${ELLIPSIS}`);
  });

  it('never splits a surrogate pair', () => {
    const result = truncateText('😀'.repeat(10), 4);
    expect(result).toBe(`😀😀😀${ELLIPSIS}`);
  });
});

describe('formatCount', () => {
  it('groups thousands independently of the host locale', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(-1234.5)).toBe('-1,234.5');
  });
});
