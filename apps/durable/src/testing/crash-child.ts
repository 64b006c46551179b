import { appendFileSync, writeFileSync } from 'node:fs';
import type { StoryboardGenerator } from '@storyboard/domain';
import { TOKENS } from '@storyboard/runtime';
import { startLocalApp } from '@storyboard/local-stack';
import { sampleBytes, submitAndRequest } from '@storyboard/local-stack/testing';

/**
 * The process the crash-and-resume test kills: runs the durable backend on a persisted local
 * stack, logs every chunk the generator is asked for to `<countsFile>`, and SIGKILLs itself
 * the moment chunk `killAt` is asked for (chunks before it are done and checkpointed when the
 * map runs one chunk at a time). Usage: crash-child.ts <persistDir> <killAt> <countsFile>
 * <jobIdFile>, with the test's environment (CHUNK_MAX_CHARS, DURABLE_MAX_CONCURRENCY=1).
 */
const [persistDir, killAtArg, countsFile, jobIdFile] = process.argv.slice(2);
if (!persistDir || !killAtArg || !countsFile || !jobIdFile) {
  console.error('usage: crash-child.ts <persistDir> <killAt> <countsFile> <jobIdFile>');
  process.exit(2);
}
const killAt = Number(killAtArg);

const app = await startLocalApp({
  backend: 'durable',
  persistDir,
  env: { ...process.env },
  overrides: (container) => {
    const inner = container.get(TOKENS.StoryboardGenerator);
    const counting: StoryboardGenerator = {
      name: inner.name,
      generate: (input, signal) => {
        appendFileSync(countsFile, `${input.chunk.index}\n`);
        if (input.chunk.index === killAt) process.kill(process.pid, 'SIGKILL');
        return inner.generate(input, signal);
      },
    };
    container.rebind(TOKENS.StoryboardGenerator).toConstantValue(counting);
  },
});
const job = await submitAndRequest(app, await sampleBytes());
writeFileSync(jobIdFile, job.id);
// Nothing else to do: the durable invocation runs until the generator kills this process.
