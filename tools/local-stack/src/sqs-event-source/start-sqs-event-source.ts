import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { fakeLambdaContext } from './fake-lambda-context';

export type SqsBatchHandler = (
  event: SQSEvent,
  context: Context,
) => Promise<SQSBatchResponse | void | undefined>;

export interface SqsEventSourceOptions {
  sqs: SQSClient;
  queueUrl: string;
  /** The worker Lambda's handler, with `ReportBatchItemFailures` semantics. */
  handler: SqsBatchHandler;
  /** Messages per event, 1–10 (default 10). */
  batchSize?: number;
  /** Seconds a received message stays hidden (default: the queue's own setting). */
  visibilityTimeout?: number;
  /** Long-poll wait per receive (default 1 s: local-aws-sqs holds a poll until the batch is
   * full or the wait ends, TOOLCHAIN.md quirk 2). Kept below the visibility timeout: when the
   * wait is as long, local-aws-sqs returns a message twice in one receive and counts both
   * (quirk 3), so with a 1 s visibility timeout the poller short-polls every 100 ms. */
  waitTimeSeconds?: number;
  /** Receive loops run side by side, like concurrent Lambda instances (default 1). */
  concurrency?: number;
  /** What `context.getRemainingTimeInMillis()` counts down from (default: the visibility
   * timeout if given, else 30 s). */
  functionTimeoutMs?: number;
  functionName?: string;
  /** Handler throws, invalid batch responses and SQS errors (default: `console.error`). */
  onError?: (err: unknown) => void;
}

export interface SqsEventSourceStats {
  batches: number;
  received: number;
  deleted: number;
  /** Messages left on the queue for redelivery (named as failures, or the handler threw). */
  retried: number;
  /** Batches still in the handler when a bounded `stop` gave up waiting for them. */
  abandoned: number;
}

export interface SqsEventSource {
  readonly stats: Readonly<SqsEventSourceStats>;
  /** Stops receiving and resolves once the receive in flight (at most the poll wait) and
   * the batches in the handler have finished and been deleted. A receive is not aborted:
   * local-aws-sqs would still count it, hiding its messages and bumping their receive
   * count, so messages it returns are handled like any other batch. With `drainMs`, waits at
   * most that long for batches in the handler (as Lambda's shutdown gives in-flight work a
   * bounded time): a batch still running is abandoned, its message left to reappear after
   * its visibility timeout and its job to the sweeper (`stats.abandoned`). */
  stop(options?: { drainMs?: number }): Promise<void>;
}

/**
 * Plays Lambda's SQS event-source mapping against a local queue: receive a batch, call the
 * handler with a real-shaped `SQSEvent` and a context, delete every message the response
 * does not name in `batchItemFailures`, and none when the handler throws. A failure naming a
 * message that is not in the batch fails the whole batch, as on Lambda. Failed messages are
 * not touched: they reappear when their visibility timeout ends and, after
 * `maxReceiveCount` receives, the queue moves them to its DLQ.
 *
 * Hand-rolled rather than sqs-consumer: sqs-consumer's heartbeat and visibility resets call
 * ChangeMessageVisibility, which local-aws-sqs counts as a receive (quirk 4), so messages
 * would reach the DLQ early; and Lambda does neither.
 */
export async function startSqsEventSource(options: SqsEventSourceOptions): Promise<SqsEventSource> {
  const { sqs, queueUrl, handler } = options;
  const batchSize = options.batchSize ?? 10;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10) {
    throw new RangeError(`batchSize must be 1–10, not ${batchSize}`);
  }
  const onError = options.onError ?? ((err: unknown) => console.error('[sqs-event-source]', err));
  const attrs = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['QueueArn', 'VisibilityTimeout'],
    }),
  );
  const queueArn = attrs.Attributes?.QueueArn ?? queueUrl;
  const visibility = options.visibilityTimeout ?? Number(attrs.Attributes?.VisibilityTimeout ?? 30);
  const waitTimeSeconds = Math.max(0, Math.min(options.waitTimeSeconds ?? 1, visibility - 1));
  const [, , , region = 'us-east-1', accountId = '000000000000'] = queueArn.split(':');
  const timeoutMs =
    options.functionTimeoutMs ??
    (options.visibilityTimeout === undefined ? 30_000 : options.visibilityTimeout * 1000);

  const stats: SqsEventSourceStats = {
    batches: 0,
    received: 0,
    deleted: 0,
    retried: 0,
    abandoned: 0,
  };
  let inHandler = 0;
  const abort = new AbortController();

  const receive = async (): Promise<Message[]> => {
    const out = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: batchSize,
        WaitTimeSeconds: waitTimeSeconds,
        VisibilityTimeout: options.visibilityTimeout,
        // local-aws-sqs reads only the legacy AttributeNames (quirk 1).
        AttributeNames: ['All', 'ApproximateReceiveCount'] as never,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    // One receive may return a message twice (quirk 3): keep its latest receipt.
    const byId = new Map<string, Message>();
    for (const message of out.Messages ?? []) byId.set(message.MessageId ?? '', message);
    return [...byId.values()];
  };

  const handleBatch = async (messages: Message[]): Promise<void> => {
    stats.batches++;
    stats.received += messages.length;
    const event: SQSEvent = { Records: messages.map((m) => toRecord(m, queueArn, region)) };
    const context = fakeLambdaContext({
      functionName: options.functionName,
      timeoutMs,
      region,
      accountId,
    });
    let failedIds: Set<string>;
    try {
      const response = await handler(event, context);
      failedIds = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (err) {
      stats.retried += messages.length;
      onError(err);
      return;
    }
    const ids = new Set(messages.map((m) => m.MessageId));
    const unknown = [...failedIds].filter((id) => !ids.has(id));
    if (unknown.length > 0) {
      stats.retried += messages.length;
      onError(
        new Error(`batchItemFailures names messages not in the batch: ${unknown.join(', ')}`),
      );
      return;
    }
    const done = messages.filter((m) => !failedIds.has(m.MessageId ?? ''));
    stats.retried += messages.length - done.length;
    if (done.length === 0) return;
    const out = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
      }),
    );
    stats.deleted += done.length - (out.Failed?.length ?? 0);
    if (out.Failed?.length) {
      onError(
        new Error(
          `SQS did not delete ${out.Failed.length} handled message(s): ${JSON.stringify(out.Failed)}`,
        ),
      );
    }
  };

  const loop = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      let messages: Message[];
      try {
        messages = await receive();
      } catch (err) {
        if (abort.signal.aborted) return;
        onError(err);
        await pause(500, abort.signal);
        continue;
      }
      if (messages.length === 0) {
        if (waitTimeSeconds === 0) await pause(100, abort.signal);
        continue;
      }
      inHandler++;
      try {
        await handleBatch(messages);
      } catch (err) {
        onError(err);
      } finally {
        inHandler--;
      }
    }
  };

  const loops = Array.from({ length: options.concurrency ?? 1 }, loop);
  return {
    stats,
    stop: async ({ drainMs } = {}) => {
      abort.abort();
      const all = Promise.all(loops);
      if (drainMs === undefined) return void (await all);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>(
        (resolve) => (timer = setTimeout(() => resolve('timeout'), drainMs)),
      );
      const outcome = await Promise.race([all, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') stats.abandoned += inHandler;
    },
  };
}

function toRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const a = message.Attributes ?? {};
  const now = String(Date.now());
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: a.ApproximateReceiveCount ?? '1',
      SentTimestamp: a.SentTimestamp ?? now,
      SenderId: a.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? now,
      ...(a.MessageGroupId ? { MessageGroupId: a.MessageGroupId } : {}),
      ...(a.MessageDeduplicationId ? { MessageDeduplicationId: a.MessageDeduplicationId } : {}),
      ...(a.SequenceNumber ? { SequenceNumber: a.SequenceNumber } : {}),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        {
          dataType: value.DataType ?? 'String',
          stringValue: value.StringValue,
          binaryValue: value.BinaryValue
            ? Buffer.from(value.BinaryValue).toString('base64')
            : undefined,
          stringListValues: value.StringListValues ?? [],
          binaryListValues: (value.BinaryListValues ?? []).map((b) =>
            Buffer.from(b).toString('base64'),
          ),
        },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

/** Waits `ms`, or less if the signal aborts; leaves no timer behind. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
