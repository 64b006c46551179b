/**
 * Every key of the single table, in one place (ARCHITECTURE.md "Storage"). Numbers are
 * zero-padded so that string order is numeric order within a partition.
 */

export interface TableKey {
  PK: string;
  SK: string;
}

export interface Gsi1Key {
  GSI1PK: string;
  GSI1SK: string;
}

function pad(value: number, width: number): string {
  if (!Number.isInteger(value) || value < 0 || value >= 10 ** width) {
    throw new RangeError(`${value} does not fit a ${width}-digit key`);
  }
  return String(value).padStart(width, '0');
}

export const jobPk = (jobId: string): string => `JOB#${jobId}`;

export const jobKey = (jobId: string): TableKey => ({ PK: jobPk(jobId), SK: 'META' });

/** Jobs of a novel, oldest to newest by `createdAt`; the id breaks ties. */
export const jobGsi1 = (novelId: string, createdAt: string, jobId: string): Gsi1Key => ({
  GSI1PK: `NOVEL#${novelId}`,
  GSI1SK: `JOB#${createdAt}#${jobId}`,
});
/** Sweeper partitions of GSI2: running jobs by lease end; queued (or leaseless) by last change. */
export const SWEEP_LEASE_PK = 'SWEEP#LEASE';
export const SWEEP_IDLE_PK = 'SWEEP#IDLE';

/** GSI2 keys of an unfinished job; none for a finished one, which keeps the index sparse. A
 * single partition per kind is fine while unfinished jobs number in the thousands; shard the
 * key (`SWEEP#LEASE#{n}`) beyond that. */
export function jobGsi2(job: {
  id: string;
  status: string;
  updatedAt: string;
  leaseUntil?: string | null;
}): { GSI2PK: string; GSI2SK: string } | Record<string, never> {
  if (job.status === 'running' && job.leaseUntil) {
    return { GSI2PK: SWEEP_LEASE_PK, GSI2SK: `${job.leaseUntil}#${job.id}` };
  }
  if (job.status === 'running' || job.status === 'queued') {
    return { GSI2PK: SWEEP_IDLE_PK, GSI2SK: `${job.updatedAt}#${job.id}` };
  }
  return {};
}
export const jobsOfNovelPk = (novelId: string): string => `NOVEL#${novelId}`;

export const novelKey = (ownerId: string, novelId: string): TableKey => ({
  PK: `USER#${ownerId}`,
  SK: `NOVEL#${novelId}`,
});

/** An owner's novels by `createdAt` (GSI1 is overloaded: job items use `NOVEL#` partitions,
 * novel items `USER#` partitions, so the two never meet). */
export const novelGsi1 = (ownerId: string, createdAt: string, novelId: string): Gsi1Key => ({
  GSI1PK: `USER#${ownerId}`,
  GSI1SK: `NOVEL#${createdAt}#${novelId}`,
});
export const novelsOfOwnerPk = (ownerId: string): string => `USER#${ownerId}`;

export const planKey = (jobId: string): TableKey => ({ PK: jobPk(jobId), SK: 'PLAN' });

export const CHUNK_PREFIX = 'CHUNK#';
export const chunkKey = (jobId: string, chunkIndex: number): TableKey => ({
  PK: jobPk(jobId),
  SK: `${CHUNK_PREFIX}${pad(chunkIndex, 5)}`,
});
/** The greatest chunk sort key (indexes have 5 digits): the end of a Query over chunks. */
export const LAST_CHUNK_SK = `${CHUNK_PREFIX}99999`;
export const chunkIndexOf = (sk: string): number => Number(sk.slice(CHUNK_PREFIX.length));

export const storyboardKey = (jobId: string): TableKey => ({ PK: jobPk(jobId), SK: 'STORYBOARD' });

export const SCENE_PREFIX = 'SCENE#';
export const sceneSk = (chapter: number, scene: number): string =>
  `${SCENE_PREFIX}${pad(chapter, 4)}#${pad(scene, 4)}`;
export const sceneKey = (jobId: string, chapter: number, scene: number): TableKey => ({
  PK: jobPk(jobId),
  SK: sceneSk(chapter, scene),
});
/** `[chapter, scene]` of a scene sort key. */
export function scenePositionOf(sk: string): [number, number] {
  const [, chapter, scene] = sk.split('#');
  return [Number(chapter), Number(scene)];
}
