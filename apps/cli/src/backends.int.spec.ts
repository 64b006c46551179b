import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storyboard } from '@storyboard/domain';
import type { LocalApp } from '@storyboard/local-stack';
import { startLocalApp } from '@storyboard/local-stack';
import {
  content,
  storyboardOf,
  submitAndRequest,
  waitForJob,
} from '@storyboard/local-stack/testing';

const ALICE = join(import.meta.dirname, '../../../../shared/corpus/en-alice-in-wonderland.txt');
const ENV = { LOG_LEVEL: 'SILENT', SYNC_MAX_CHARS: '100000000' };

if (!existsSync(ALICE)) {
  console.warn(
    `corpus not found at ${ALICE}: the CLI's backends e2e suite (Alice through sync, sqs and stepfunctions) is skipped. Put the corpus in ../shared/corpus to run it.`,
  );
}

describe.skipIf(!existsSync(ALICE))(
  'Alice through every backend on the local stack (needs ../shared/corpus)',
  () => {
    let bytes: Uint8Array;
    let reference: Storyboard;
    const apps: LocalApp[] = [];

    beforeAll(async () => {
      bytes = new Uint8Array(await readFile(ALICE));
      const memory = await startLocalApp({ backend: 'sync', env: ENV });
      apps.push(memory);
      reference = await storyboardOf(memory, (await submitAndRequest(memory, bytes)).id);
    });

    afterAll(async () => {
      await Promise.all(apps.map((app) => app.close()));
    });

    for (const backend of ['sync', 'sqs', 'stepfunctions', 'durable'] as const) {
      it(`${backend}: same storyboard content as the in-memory sync run`, async () => {
        const app = await startLocalApp({ backend, env: ENV, useStack: true });
        apps.push(app);
        const job = await waitForJob(app, (await submitAndRequest(app, bytes)).id);
        expect(job).toMatchObject({ status: 'completed', backend });
        const storyboard = await storyboardOf(app, job.id);
        expect(storyboard.chapters).toHaveLength(12);
        expect(content(storyboard)).toEqual(content(reference));
      });
    }
  },
);
