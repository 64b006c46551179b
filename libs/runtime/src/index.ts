export * from './config/config';
export * from './tokens';
export * from './container';
export * from './system-clock';
export * from './modules/core.module';
export * from './modules/memory-storage.module';
export * from './modules/in-process-dispatch.module';
