import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import type { Context, SQSEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../start-local-stack';
import { startLocalStack } from '../start-local-stack';
import type { SqsBatchHandler, SqsEventSource } from './start-sqs-event-source';
import { startSqsEventSource } from './start-sqs-event-source';

let stack: LocalStack;
let source: SqsEventSource | undefined;
const errors: unknown[] = [];

beforeAll(async () => {
  stack = await startLocalStack({ queue: { visibilityTimeoutSeconds: 1 } });
});
afterEach(async () => {
  await source?.stop();
  source = undefined;
  errors.length = 0;
});
afterAll(async () => {
  await stack?.stop();
});

const start = async (handler: SqsBatchHandler, batchSize = 10) => {
  source = await startSqsEventSource({
    sqs: stack.clients.sqs,
    queueUrl: stack.resources.queueUrl,
    handler,
    batchSize,
    functionTimeoutMs: 5_000,
    onError: (err) => errors.push(err),
  });
  return source;
};

const send = (body: string) =>
  stack.clients.sqs.send(
    new SendMessageCommand({ QueueUrl: stack.resources.queueUrl, MessageBody: body }),
  );

async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function queueDepth(queueUrl: string): Promise<number> {
  const out = await stack.clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}

describe('startSqsEventSource on local-aws-sqs', () => {
  it('calls the handler with a Lambda-shaped SQSEvent and context', async () => {
    let seen: { event: SQSEvent; remaining: number } | undefined;
    await start(async (event: SQSEvent, context: Context) => {
      seen = { event, remaining: context.getRemainingTimeInMillis() };
      return { batchItemFailures: [] };
    });
    await send('{"jobId":"a","attempt":1}');
    await waitFor(() => seen !== undefined);
    const record = seen?.event.Records[0];
    expect(record).toMatchObject({
      body: '{"jobId":"a","attempt":1}',
      eventSource: 'aws:sqs',
      eventSourceARN: stack.resources.queueArn,
      awsRegion: 'us-east-1',
      attributes: { ApproximateReceiveCount: '1' },
    });
    expect(record?.messageId).toBeTruthy();
    expect(record?.receiptHandle).toBeTruthy();
    expect(seen?.remaining).toBeGreaterThan(4_000);
    expect(seen?.remaining).toBeLessThanOrEqual(5_000);
  });

  it('deletes what the handler handled and redelivers what it names in batchItemFailures', async () => {
    const deliveries: { body: string; count: string }[] = [];
    await start(async (event) => {
      for (const r of event.Records)
        deliveries.push({ body: r.body, count: r.attributes.ApproximateReceiveCount });
      const failures = event.Records.filter(
        (r) => r.body === 'flaky' && r.attributes.ApproximateReceiveCount === '1',
      );
      return { batchItemFailures: failures.map((r) => ({ itemIdentifier: r.messageId })) };
    });
    await send('good');
    await send('flaky');
    await waitFor(() => deliveries.some((d) => d.body === 'flaky' && d.count === '2'));
    await waitFor(async () => (await queueDepth(stack.resources.queueUrl)) === 0);
    expect(deliveries.filter((d) => d.body === 'good')).toHaveLength(1);
    expect(deliveries.filter((d) => d.body === 'flaky').map((d) => d.count)).toEqual(['1', '2']);
  });

  it('deletes nothing of a batch whose handler throws', async () => {
    let calls = 0;
    await start(async () => {
      calls++;
      if (calls === 1) throw new Error('crash');
      return { batchItemFailures: [] };
    });
    await send('x');
    await waitFor(() => calls === 2);
    await waitFor(async () => (await queueDepth(stack.resources.queueUrl)) === 0);
    expect(errors).toHaveLength(1);
  });

  it('moves a message that fails on every delivery to the DLQ after 3 receives', async () => {
    const counts: string[] = [];
    await start(async (event) => {
      counts.push(...event.Records.map((r) => r.attributes.ApproximateReceiveCount));
      return { batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) };
    }, 1);
    await send('poison');
    const dlq = async () =>
      (
        await stack.clients.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: stack.resources.dlqUrl, WaitTimeSeconds: 1 }),
        )
      ).Messages ?? [];
    let moved: Awaited<ReturnType<typeof dlq>> = [];
    await waitFor(async () => (moved = await dlq()).length > 0);
    expect(moved[0]?.Body).toBe('poison');
    expect(counts).toEqual(['1', '2', '3']);
  });

  it('lets a batch in the handler finish, and deletes it, when stopped', async () => {
    let entered = false;
    let release: () => void = () => undefined;
    const running = await start(async () => {
      entered = true;
      await new Promise<void>((resolve) => (release = resolve));
      return { batchItemFailures: [] };
    });
    await send('slow');
    await waitFor(() => entered);
    const stopped = running.stop();
    release();
    await stopped;
    expect(running.stats).toMatchObject({ received: 1, deleted: 1, retried: 0 });
    expect(await queueDepth(stack.resources.queueUrl)).toBe(0);
  });
});
