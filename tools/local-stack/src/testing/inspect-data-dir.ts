import { pathToFileURL } from 'node:url';
import { chunkTags, scanJobs, tagSavedChunks, withDataDir } from './crash';

/**
 * `inspect-data-dir.ts <dir> <tag|report>`: opens a data folder between two runs and prints
 * JSON: its jobs, and per job the chunk fragments saved and still tagged (`tag` tags them
 * first). Run as a child process by the crash tests.
 */
async function main(dir: string, action: string): Promise<void> {
  const result = await withDataDir(dir, async (stack) => {
    const jobs = await scanJobs(stack);
    const out = [];
    for (const job of jobs) {
      if (action === 'tag') await tagSavedChunks(stack, job.id);
      out.push({ job, chunks: await chunkTags(stack, job.id) });
    }
    return out;
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, action = 'report'] = process.argv.slice(2);
  if (!dir) throw new Error('usage: inspect-data-dir.ts <dir> [tag|report]');
  await main(dir, action);
}
