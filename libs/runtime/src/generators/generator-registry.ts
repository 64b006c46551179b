import type { StoryboardGenerator } from '@storyboard/domain';
import { HeuristicStoryboardGenerator } from '@storyboard/analysis';
import type { AppConfig } from '../config/config';

/** The values `GENERATOR` accepts (the config schema's choices, `--help` and the README). */
export const GENERATOR_NAMES = ['heuristic'] as const;

export type GeneratorName = (typeof GENERATOR_NAMES)[number];

/**
 * Every storyboard generator `GENERATOR` can name, by name: the container binds the one
 * chosen. A new generator is its name above and its factory here (a name without a factory
 * is a type error), plus its own settings in the config schema if it has any.
 */
export const GENERATORS: { [Name in GeneratorName]: (config: AppConfig) => StoryboardGenerator } = {
  heuristic: () => new HeuristicStoryboardGenerator(),
};

/** The generator `config.GENERATOR` names. */
export function createGenerator(config: AppConfig): StoryboardGenerator {
  return GENERATORS[config.GENERATOR](config);
}
