import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Synth } from './testing/synth';
import { resourcesOf, synth } from './testing/synth';

const bundlesDir = inject('bundlesDir');

describe('stage=prod', () => {
  let s: Synth;
  beforeAll(async () => {
    s = await synth(bundlesDir, { stage: 'prod' });
  }, 120_000);
  afterAll(() => s?.cleanup());

  it('protects the table from deletion and keeps point-in-time recovery', () => {
    const [[, table] = []] = resourcesOf(s.json, 'AWS::DynamoDB::GlobalTable');
    expect(table?.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      Replicas: [
        {
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        },
      ],
    });
  });

  it('retains the table, the bucket and the secret when the stack is deleted', () => {
    for (const type of [
      'AWS::DynamoDB::GlobalTable',
      'AWS::S3::Bucket',
      'AWS::SecretsManager::Secret',
    ]) {
      for (const [, r] of resourcesOf(s.json, type)) expect(r.DeletionPolicy, type).toBe('Retain');
    }
  });

  it('keeps logs 90 days', () => {
    for (const [, g] of resourcesOf(s.json, 'AWS::Logs::LogGroup')) {
      expect(g.Properties?.RetentionInDays).toBe(90);
    }
  });

  it('is a stack of its own, beside dev', () => {
    expect(s.stack.stackName).toBe('Storyboard-prod');
  });
});

describe('stage=dev', () => {
  it('can be deleted with its data (no deletion protection), PITR still on', async () => {
    const s = await synth(bundlesDir, { stage: 'dev' });
    try {
      const [[, table] = []] = resourcesOf(s.json, 'AWS::DynamoDB::GlobalTable');
      expect(table?.Properties).toMatchObject({
        Replicas: [
          {
            DeletionProtectionEnabled: false,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          },
        ],
      });
      expect(table?.DeletionPolicy).toBe('Delete');
    } finally {
      await s.cleanup();
    }
  }, 120_000);
});

describe('cdk-nag', () => {
  it('fails the synth on an AwsSolutions finding nobody acknowledged', async () => {
    // A bucket without TLS-only policy or access logs, added to the real stack.
    await expect(
      synth(bundlesDir, {}, (stack) => {
        new Bucket(stack, 'Careless');
      }),
    ).rejects.toThrow(/Storyboard-dev\/Careless\/Resource[\s\S]*AwsSolutions-S10/);
  }, 120_000);
});

describe('settings', () => {
  it('refuses an unknown stage or backend before building anything, naming the setting', async () => {
    await expect(synth(bundlesDir, { stage: 'staging' })).rejects.toThrow(
      /stage must be dev or prod/,
    );
    await expect(synth(bundlesDir, { executionBackend: 'fire-and-forget' })).rejects.toThrow(
      /executionBackend must be one of sync, sqs, stepfunctions/,
    );
  });

  it('refuses a worker reserve that leaves the worker no time', async () => {
    await expect(
      synth(bundlesDir, { workerTimeoutSeconds: '60', workerReserveMs: '60000' }),
    ).rejects.toThrow(/workerReserveMs must be less than the worker timeout/);
  });

  it('says which bundle is missing and how to build it', async () => {
    await expect(synth('/nonexistent/bundles')).rejects.toThrow(/npm run build:lambdas/);
  });
});
