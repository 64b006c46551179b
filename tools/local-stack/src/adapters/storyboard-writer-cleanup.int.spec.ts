import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentClientLike } from '@storyboard/aws/dynamodb';
import { DynamoDbStoryboardRepository } from '@storyboard/aws/dynamodb';
import { S3BlobStore } from '@storyboard/aws/s3';
import { aStoryboard, uniqueId } from '@storyboard/domain/testing';
import { describe, expect, it } from 'vitest';
import { sceneKeys } from '../testing/scene-keys';
import { useLocalStack } from '../testing/use-local-stack';

const stack = useLocalStack();

/** The repository over a client that records the input of every Query it sends. */
function recordingRepo() {
  const queries: Record<string, unknown>[] = [];
  const real = stack().clients.dynamodb;
  const client: DocumentClientLike = {
    send: ((command: unknown, options?: unknown) => {
      if (command instanceof QueryCommand) queries.push({ ...command.input });
      return real.send(command as never, options as never);
    }) as DynamoDBDocumentClient['send'],
  };
  const repo = new DynamoDbStoryboardRepository({
    client,
    tableName: stack().resources.tableName,
    overflow: new S3BlobStore({ client: stack().clients.s3, bucket: stack().resources.bucket }),
    // One scene an item, so a batch of 25 items is 25 scenes.
    scenePackChars: 1,
  });
  return { repo, queries };
}

describe('DynamoDbStoryboardWriter: stale scene items', () => {
  it("a job's first save asks once with a one-item Query and reads no scene back", async () => {
    const { repo, queries } = recordingRepo();
    const jobId = uniqueId('job');
    const storyboard = aStoryboard(30);
    await repo.saveStoryboard(jobId, storyboard);
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatchObject({ Limit: 1, ProjectionExpression: 'PK, SK' });
    expect(await sceneKeys(stack(), jobId)).toHaveLength(30);
    expect((await repo.getStoryboard(jobId))?.storyboard).toEqual(storyboard);
  });

  it('deletes the scene items an interrupted longer save left behind', async () => {
    const { repo } = recordingRepo();
    const jobId = uniqueId('job');
    // A save that wrote a batch of 25 scenes and died before its header.
    const interrupted = repo.openStoryboard(jobId);
    for (const chapter of aStoryboard(30).chapters) await interrupted.addChapter(chapter);
    await expect.poll(() => sceneKeys(stack(), jobId)).toHaveLength(25);

    const shorter = aStoryboard(2);
    await repo.saveStoryboard(jobId, shorter);
    expect(await sceneKeys(stack(), jobId)).toEqual(['SCENE#0001#0001', 'SCENE#0002#0001']);
    expect((await repo.getStoryboard(jobId))?.storyboard).toEqual(shorter);
  });
});
