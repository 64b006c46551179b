import { Logger } from '@aws-lambda-powertools/logger';
import type { AppConfig } from './config/config';

/** Structured JSON logs (Powertools). Log ids and codes, never novel text or secrets. */
export function createLogger(serviceName: string, level: AppConfig['LOG_LEVEL'] = 'INFO'): Logger {
  return new Logger({ serviceName, logLevel: level });
}

export type { Logger };
