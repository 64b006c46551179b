import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { StoryboardSchema } from '@storyboard/domain';
import { CONFIG_DOC } from '@storyboard/runtime';
import { runCli } from './main';
import { captureIo as io } from './testing/capture-io';

const SAMPLE = join(import.meta.dirname, '../../../samples/en-the-lighthouse-keeper.txt');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storyboard-cli-'));
});

describe('storyboard analyze: bad usage and input exit 2 with one line', () => {
  const cases: [string, () => Promise<string[]>, RegExp][] = [
    ['a missing file', async () => ['analyze', join(dir, 'nope.txt')], /no such file/],
    ['a directory', async () => ['analyze', dir], /is a directory/],
    ['an empty file', async () => ['analyze', await file('empty.txt', '')], /empty/],
    [
      'a whitespace-only file',
      async () => ['analyze', await file('blank.txt', '  \n\n  \n')],
      /only whitespace/,
    ],
    [
      'a binary file',
      async () => [
        'analyze',
        await file(
          'image.png',
          Buffer.from([
            0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0,
            1, 2, 3, 0, 0, 0xff, 0xfe, 0, 0,
          ]),
        ),
      ],
      /binary|not text|not a text/i,
    ],
    [
      'an unknown backend',
      async () => ['analyze', SAMPLE, '--backend', 'kafka'],
      /unknown backend "kafka"/,
    ],
    [
      'an unknown option',
      async () => ['analyze', SAMPLE, '--colour'],
      /^storyboard: unknown option "--colour". Run storyboard --help.\n$/,
    ],
    [
      'an option without its value',
      async () => ['analyze', SAMPLE, '--out'],
      /option "--out" needs a value/,
    ],
    [
      '--out in a missing folder (checked before the job starts)',
      async () => ['analyze', SAMPLE, '--out', join(dir, 'missing', 'x.json')],
      /--out .*missing.*does not exist/,
    ],
    [
      '--html in a missing folder',
      async () => ['analyze', SAMPLE, '--html', join(dir, 'missing', 'x.html')],
      /--html .*missing.*does not exist/,
    ],
    ['--out naming a folder', async () => ['analyze', SAMPLE, '--out', dir], /is a directory/],
    ['an unknown command', async () => ['summarise', SAMPLE], /unknown command/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const run = io(await args());
      expect(await runCli(run)).toBe(2);
      expect(run.err()).toMatch(message);
      expect(run.err().trim().split('\n')).toHaveLength(1);
      // A CLI user passes a file; nothing is uploaded.
      expect(run.err()).not.toMatch(/upload/i);
      expect(run.out()).toBe('');
    });
  }

  it('a file over the size limit', async () => {
    const run = io(['analyze', await file('big.txt', 'a'.repeat(2048))], {
      MAX_NOVEL_BYTES: '1024',
    });
    expect(await runCli(run)).toBe(2);
    expect(run.err()).toMatch(/2048 bytes; the limit is 1024/);
  });

  it('a bad env config names the variable', async () => {
    const run = io(['analyze', SAMPLE], { EXECUTION_BACKEND: 'sqs' });
    expect(await runCli(run)).toBe(2);
    expect(run.err()).toMatch(/JOB_QUEUE_URL/);
  });
});

describe('storyboard analyze: a real run', () => {
  it('prints help with every option and the env config', async () => {
    const run = io(['--help']);
    expect(await runCli(run)).toBe(0);
    for (const word of [
      '--backend',
      '--generator',
      '--out',
      '--html',
      '--title',
      'EXECUTION_BACKEND',
      'JOB_QUEUE_URL',
    ]) {
      expect(run.out()).toContain(word);
    }
  });

  it('lists every setting of the config schema in --help', async () => {
    const run = io(['--help']);
    expect(await runCli(run)).toBe(0);
    const missing = CONFIG_DOC.filter((d) => !run.out().includes(d.name)).map((d) => d.name);
    expect(missing).toEqual([]);
  });

  for (const backend of ['sync', 'fire-and-forget']) {
    it(`analyzes the sample on ${backend} and writes valid JSON and HTML`, async () => {
      const out = join(dir, `${backend}.json`);
      const html = join(dir, `${backend}.html`);
      const run = io([
        'analyze',
        SAMPLE,
        '--backend',
        backend,
        '--out',
        out,
        '--html',
        html,
        '--title',
        'The Lighthouse Keeper',
      ]);
      expect(await runCli(run)).toBe(0);
      const storyboard = StoryboardSchema.parse(JSON.parse(await readFile(out, 'utf8')));
      expect(storyboard.novel.title).toBe('The Lighthouse Keeper');
      expect(storyboard.chapters.length).toBeGreaterThanOrEqual(4);
      expect(run.out()).toMatch(/chapters\s+\d+/);
      expect(run.out()).toMatch(/progress 100% complete/);
      expect(await readFile(html, 'utf8')).toContain('The Lighthouse Keeper');
    });
  }
});

describe('storyboard analyze: Ctrl-C', () => {
  for (const backend of ['sync', 'fire-and-forget']) {
    it(`cancels the job mid-run on ${backend} and exits 130`, async () => {
      const story = await readFile(SAMPLE, 'utf8');
      const long = await file(
        `long-${backend}.txt`,
        Array.from({ length: 30 }, () => story).join('\n\n'),
      );
      const interrupt = new AbortController();
      const run = io(['analyze', long, '--backend', backend], { CHUNK_MAX_CHARS: '1000' });
      const write = run.stdout.write;
      // Progress lines are coalesced (one a second plus stage changes), so interrupt as soon
      // as one shows the job at work rather than waiting for a chunk count.
      run.stdout.write = (text: string) => {
        if (/\d+% (prepare|analyze-chunk)/.test(text)) interrupt.abort();
        return write(text);
      };
      expect(await runCli({ ...run, signal: interrupt.signal })).toBe(130);
      expect(run.err()).toMatch(/Interrupted: cancelling the job/);
      expect(run.err()).toMatch(/The analysis was cancelled\./);
      expect(run.out()).not.toMatch(/progress 100%/);
    });
  }
});

async function file(name: string, body: string | Buffer): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  await writeFile(path, body);
  return path;
}
