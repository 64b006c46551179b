import 'reflect-metadata';
import { Container } from 'inversify';
import type { ContainerModule } from 'inversify';
import type { AppConfig } from './config/config';
import type { GeneratorWiring } from './generators/generator-registry';
import { coreModule } from './modules/core.module';

/**
 * The composition root's one building block: core bindings for `config` plus the storage
 * and dispatch modules the app picks (each app has its own root that chooses them).
 */
export function createContainer(
  config: AppConfig,
  modules: readonly ContainerModule[],
  wiring: GeneratorWiring,
): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(coreModule(config, wiring), ...modules);
  return container;
}
