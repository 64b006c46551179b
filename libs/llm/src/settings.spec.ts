import { describe, expect, it } from 'vitest';
import { parseQwenSettings, QWEN_INTERNATIONAL_BASE_URL } from './settings';

describe('parseQwenSettings', () => {
  it('defaults to qwen-plus on the international endpoint', () => {
    expect(parseQwenSettings({ apiKey: 'k' })).toMatchObject({
      baseURL: QWEN_INTERNATIONAL_BASE_URL,
      model: 'qwen-plus',
      maxRetries: 4,
    });
  });

  it('names the wrong field and never repeats the key', () => {
    const key = 'sk-secret-value-123';
    let message = '';
    try {
      parseQwenSettings({ apiKey: key, baseURL: 'not a url', maxRetries: 99 });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('baseURL');
    expect(message).toContain('maxRetries');
    expect(message).not.toContain(key);
  });

  it('requires a key', () => {
    expect(() => parseQwenSettings({ apiKey: '' })).toThrow(/QWEN_API_KEY/);
  });
});
