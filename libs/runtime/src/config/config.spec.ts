import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  CONFIG_DOC,
  CONFIG_SCHEMA,
  ConfigError,
  backendSettings,
  parseConfig,
  readSetting,
} from './config';
import { CONFIG_TABLE_END, CONFIG_TABLE_START, renderConfigMarkdown } from './config-doc';
import { GENERATOR_NAMES } from '../generators/generator-registry';

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

  it('ENABLED_BACKENDS: the default backend first, then each listed one with its own settings', () => {
    const queue = 'http://127.0.0.1:9324/000000000000/jobs';
    const machine = 'arn:aws:states:us-east-1:123456789012:stateMachine:m';
    expect(
      parseConfig({ JOB_QUEUE_URL: queue }).enabledBackends?.map((b) => b.EXECUTION_BACKEND),
    ).toEqual(['sqs']);
    const config = parseConfig({
      EXECUTION_BACKEND: 'sqs',
      JOB_QUEUE_URL: queue,
      STATE_MACHINE_ARN: machine,
      ENABLED_BACKENDS: ' stepfunctions, sync,sqs ',
    });
    expect(config.enabledBackends).toMatchObject([
      { EXECUTION_BACKEND: 'sqs', JOB_QUEUE_URL: queue },
      { EXECUTION_BACKEND: 'stepfunctions', STATE_MACHINE_ARN: machine },
      { EXECUTION_BACKEND: 'sync' },
    ]);
    expect(backendSettings(config, 'stepfunctions')?.SFN_MAX_CONCURRENCY).toBe(4);
    expect(backendSettings(config, 'durable')).toBeUndefined();
    expect(() => JSON.stringify(config)).not.toThrow();
  });

  it('ENABLED_BACKENDS: names an unknown backend and a listed backend’s missing setting', () => {
    const queue = 'http://127.0.0.1:9324/000000000000/jobs';
    expect(() => parseConfig({ JOB_QUEUE_URL: queue, ENABLED_BACKENDS: 'sqs,lambda' })).toThrow(
      /ENABLED_BACKENDS names lambda/,
    );
    expect(() => parseConfig({ JOB_QUEUE_URL: queue, ENABLED_BACKENDS: 'durable' })).toThrow(
      /ENABLED_BACKENDS includes durable, which needs: DURABLE_FUNCTION_ARN/,
    );
    expect(() =>
      parseConfig({
        JOB_QUEUE_URL: queue,
        ENABLED_BACKENDS: 'fire-and-forget',
        STORAGE: 'aws',
        TABLE_NAME: 't',
        BUCKET_NAME: 'b',
        AWS_LAMBDA_FUNCTION_NAME: 'api',
      }),
    ).toThrow(/fire-and-forget, which is refused on Lambda/);
  });

  it('names STATE_MACHINE_ARN for stepfunctions', () => {
    expect(() => parseConfig({ EXECUTION_BACKEND: 'stepfunctions' })).toThrow(/STATE_MACHINE_ARN/);
    expect(() =>
      parseConfig({ EXECUTION_BACKEND: 'stepfunctions', STATE_MACHINE_ARN: 'nope' }),
    ).toThrow(/ARN/);
  });

  it('names DURABLE_FUNCTION_ARN for durable and wants it qualified', () => {
    expect(() => parseConfig({ EXECUTION_BACKEND: 'durable' })).toThrow(/DURABLE_FUNCTION_ARN/);
    const fn = 'arn:aws:lambda:us-east-1:123456789012:function:storyboard-durable';
    expect(() => parseConfig({ EXECUTION_BACKEND: 'durable', DURABLE_FUNCTION_ARN: fn })).toThrow(
      /DURABLE_FUNCTION_ARN must be a qualified/,
    );
    expect(
      parseConfig({ EXECUTION_BACKEND: 'durable', DURABLE_FUNCTION_ARN: `${fn}:live` }),
    ).toMatchObject({ EXECUTION_BACKEND: 'durable', DURABLE_MAX_CONCURRENCY: 4 });
  });

  it('refuses an unknown backend with the list of valid ones', () => {
    expect(() => parseConfig({ EXECUTION_BACKEND: 'kafka' })).toThrow(
      /EXECUTION_BACKEND.*sync, sqs, stepfunctions, durable, fire-and-forget/,
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
      /TABLE_NAME must be set when STORAGE=aws.*BUCKET_NAME must be set when STORAGE=aws/,
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

  it('parses aws storage with its table and bucket', () => {
    const config = parseConfig({
      EXECUTION_BACKEND: 'sync',
      STORAGE: 'aws',
      TABLE_NAME: 't',
      BUCKET_NAME: 'b',
    });
    expect(config).toMatchObject({ STORAGE: 'aws', TABLE_NAME: 't', BUCKET_NAME: 'b' });
  });
});

/** A Markdown table's cells, whatever its column alignment (prettier pads them). */
const cells = (table: string) =>
  table.split('\n').map((line) =>
    line
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim().replace(/^:?-+:?$/, '---'))
      .filter(Boolean),
  );

describe('readSetting', () => {
  it('reads one setting with the schema’s default and range', () => {
    expect(readSetting({}, 'PORT')).toBe(3000);
    expect(readSetting({ PORT: '8080' }, 'PORT')).toBe(8080);
    expect(readSetting({}, 'EXECUTION_BACKEND')).toBe('sqs');
    expect(readSetting({ EXECUTION_BACKEND: 'sync' }, 'EXECUTION_BACKEND')).toBe('sync');
    expect(() => readSetting({ EXECUTION_BACKEND: 'kafka' }, 'EXECUTION_BACKEND')).toThrow(
      /EXECUTION_BACKEND must be one of sqs, stepfunctions, durable, fire-and-forget, sync/,
    );
    expect(readSetting({}, 'SFN_MAX_CONCURRENCY')).toBe(4);
    expect(() => readSetting({ PORT: '70000' }, 'PORT')).toThrow(/PORT must be at most 65535/);
    expect(() => readSetting({ SFN_MAX_CONCURRENCY: 'x' }, 'SFN_MAX_CONCURRENCY')).toThrow(
      ConfigError,
    );
  });
});

describe('CONFIG_DOC', () => {
  it('documents every variable the schema reads, with its description', () => {
    const keys = new Set<string>();
    const collect = (schema: unknown): void => {
      const s = schema as {
        shape?: object;
        options?: unknown[];
        def?: { left?: unknown; right?: unknown };
      };
      if (s.shape) Object.keys(s.shape).forEach((k) => keys.add(k));
      s.options?.forEach(collect);
      if (s.def?.left) collect(s.def.left);
      if (s.def?.right) collect(s.def.right);
    };
    collect(CONFIG_SCHEMA);
    expect(CONFIG_DOC.map((d) => d.name).sort()).toEqual([...keys].sort());
    for (const row of CONFIG_DOC) expect(row.meaning, row.name).not.toBe('');
  });

  it('takes values, ranges and defaults from the schema', () => {
    const row = (name: string) => CONFIG_DOC.find((d) => d.name === name);
    expect(row('EXECUTION_BACKEND')?.values).toBe(
      'sqs (default) | stepfunctions | durable | fire-and-forget | sync',
    );
    expect(row('CHUNK_MAX_CHARS')?.values).toBe('1000–2000000 (default 40000)');
    expect(row('JOB_QUEUE_URL')?.meaning).toMatch(/required with EXECUTION_BACKEND=sqs/);
    expect(row('TABLE_NAME')?.meaning).toMatch(/required with STORAGE=aws/);
    expect(row('GENERATOR')?.choices).toEqual([...GENERATOR_NAMES]);
  });

  it('is the README’s configuration table (regenerate with npm run docs:config)', () => {
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    const table = readme.split(CONFIG_TABLE_START)[1]?.split(CONFIG_TABLE_END)[0]?.trim();
    expect(table && cells(table)).toEqual(cells(renderConfigMarkdown(CONFIG_DOC)));
  });
});
