import type { StoryboardGenerator } from '@storyboard/domain';
import { HeuristicStoryboardGenerator } from '@storyboard/analysis';
import type { AppConfig } from '../config/config';
import type { QwenWiring } from './qwen-generator';
import { createQwenGenerator } from './qwen-generator';

/** The values `GENERATOR` accepts (the config schema's choices, `--help` and the README). */
export const GENERATOR_NAMES = ['heuristic', 'qwen'] as const;

export type GeneratorName = (typeof GENERATOR_NAMES)[number];

/** What a generator factory may use besides the config. */
export type GeneratorWiring = QwenWiring;

/**
 * Every storyboard generator `GENERATOR` can name, by name: the container binds the one
 * chosen (once per process, so the Qwen generator's token bucket is shared by every chunk).
 * A new generator is its name above and its factory here (a name without a factory is a
 * type error), plus its own settings in the config schema if it has any.
 */
export const GENERATORS: {
  [Name in GeneratorName]: (config: AppConfig, wiring: GeneratorWiring) => StoryboardGenerator;
} = {
  heuristic: () => new HeuristicStoryboardGenerator(),
  qwen: createQwenGenerator,
};

/** The generator `config.GENERATOR` names. */
export function createGenerator(config: AppConfig, wiring: GeneratorWiring): StoryboardGenerator {
  return GENERATORS[config.GENERATOR](config, wiring);
}
