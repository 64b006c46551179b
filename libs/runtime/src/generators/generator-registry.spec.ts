import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/config';
import { composeApp } from '../compose-app';
import { TOKENS } from '../tokens';
import { GENERATOR_NAMES } from './generator-registry';

describe('GENERATOR', () => {
  it.each(GENERATOR_NAMES)('%s binds the generator it names, used by the use cases', (name) => {
    const config = parseConfig({ EXECUTION_BACKEND: 'sync', GENERATOR: name, QWEN_API_KEY: 'k' });
    const container = composeApp(config);
    expect(container.get(TOKENS.StoryboardGenerator).name).toBe(name);
    expect(container.get(TOKENS.UseCasePorts).generator.name).toBe(name);
  });

  it('refuses a name with no generator', () => {
    expect(() => parseConfig({ EXECUTION_BACKEND: 'sync', GENERATOR: 'gpt' })).toThrow(
      /GENERATOR must be heuristic or qwen/,
    );
  });
});

describe('GENERATOR=qwen', () => {
  it('without a key or a secret says exactly what to set', () => {
    expect(() => parseConfig({ EXECUTION_BACKEND: 'sync', GENERATOR: 'qwen' })).toThrow(
      /GENERATOR=qwen needs an API key: set QWEN_API_KEY .*or QWEN_SECRET_ARN.*--fake-llm/,
    );
  });

  it('binds the qwen generator, which cuts chunks to what fits the model', () => {
    const config = parseConfig({
      EXECUTION_BACKEND: 'sync',
      GENERATOR: 'qwen',
      QWEN_API_KEY: 'sk-test-registry',
    });
    const generator = composeApp(config).get(TOKENS.StoryboardGenerator);
    expect(generator.maxChunkChars?.('zh')).toBeLessThan(config.CHUNK_MAX_CHARS);
    expect(generator.maxChunkChars?.('en')).toBeGreaterThan(generator.maxChunkChars?.('zh') ?? 0);
    expect(JSON.stringify(generator)).not.toContain('sk-test-registry');
  });

  it('with only QWEN_SECRET_ARN builds without reading the secret yet', () => {
    const config = parseConfig({
      EXECUTION_BACKEND: 'sync',
      GENERATOR: 'qwen',
      QWEN_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:qwen-AbCdEf',
    });
    expect(composeApp(config).get(TOKENS.StoryboardGenerator).name).toBe('qwen');
  });
});
