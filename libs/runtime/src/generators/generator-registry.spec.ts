import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/config';
import { composeApp } from '../compose-app';
import { TOKENS } from '../tokens';
import { GENERATOR_NAMES } from './generator-registry';

describe('GENERATOR', () => {
  it.each(GENERATOR_NAMES)('%s binds the generator it names, used by the use cases', (name) => {
    const config = parseConfig({ EXECUTION_BACKEND: 'sync', GENERATOR: name });
    const container = composeApp(config);
    expect(container.get(TOKENS.StoryboardGenerator).name).toBe(name);
    expect(container.get(TOKENS.UseCasePorts).generator.name).toBe(name);
  });

  it('refuses a name with no generator', () => {
    expect(() => parseConfig({ EXECUTION_BACKEND: 'sync', GENERATOR: 'gpt' })).toThrow(
      /GENERATOR must be heuristic/,
    );
  });
});
