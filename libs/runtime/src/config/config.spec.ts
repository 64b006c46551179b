import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('parseConfig', () => {
  it('defaults to the sqs backend and names the missing queue URL', () => {
    expect(() => parseConfig({})).toThrow(ConfigError);
    expect(() => parseConfig({})).toThrow(/JOB_QUEUE_URL/);
  });

  it('accepts sqs with a queue URL', () => {
    const config = parseConfig({
      EXECUTION_BACKEND: 'sqs',
      JOB_QUEUE_URL: 'http://127.0.0.1:9324/000000000000/jobs',
    });
    expect(config).toMatchObject({
      EXECUTION_BACKEND: 'sqs',
      CHUNK_MAX_CHARS: 40_000,
      STORAGE: 'memory',
    });
  });

  it('names STATE_MACHINE_ARN for stepfunctions', () => {
    expect(() => parseConfig({ EXECUTION_BACKEND: 'stepfunctions' })).toThrow(/STATE_MACHINE_ARN/);
    expect(() =>
      parseConfig({ EXECUTION_BACKEND: 'stepfunctions', STATE_MACHINE_ARN: 'nope' }),
    ).toThrow(/ARN/);
  });

  it('refuses an unknown backend with the list of valid ones', () => {
    expect(() => parseConfig({ EXECUTION_BACKEND: 'kafka' })).toThrow(
      /EXECUTION_BACKEND.*sync, sqs, stepfunctions, fire-and-forget/,
    );
  });

  it('refuses fire-and-forget on Lambda unless explicitly allowed', () => {
    const lambda = {
      EXECUTION_BACKEND: 'fire-and-forget',
      AWS_LAMBDA_FUNCTION_NAME: 'api',
      STORAGE: 'aws',
      TABLE_NAME: 't',
      BUCKET_NAME: 'b',
    };
    expect(() => parseConfig(lambda)).toThrow(/frozen/);
    expect(parseConfig({ ...lambda, ALLOW_UNSAFE_FIRE_AND_FORGET: 'true' }).EXECUTION_BACKEND).toBe(
      'fire-and-forget',
    );
  });

  it('requires the table and bucket for aws storage', () => {
    expect(() => parseConfig({ EXECUTION_BACKEND: 'sync', STORAGE: 'aws' })).toThrow(
      /TABLE_NAME and BUCKET_NAME/,
    );
  });

  it('refuses in-memory storage on Lambda', () => {
    expect(() =>
      parseConfig({ EXECUTION_BACKEND: 'sync', AWS_LAMBDA_FUNCTION_NAME: 'api' }),
    ).toThrow(/STORAGE=memory/);
  });

  it('checks numbers', () => {
    expect(() => parseConfig({ EXECUTION_BACKEND: 'sync', CHUNK_MAX_CHARS: 'ten' })).toThrow(
      /CHUNK_MAX_CHARS must be a number/,
    );
    expect(() => parseConfig({ EXECUTION_BACKEND: 'sync', CHUNK_MAX_CHARS: '5' })).toThrow(
      /CHUNK_MAX_CHARS must be at least 1000/,
    );
  });
});
