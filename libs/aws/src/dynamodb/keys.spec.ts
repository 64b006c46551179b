import { describe, expect, it } from 'vitest';
import { chunkIndexOf, chunkKey, jobGsi1, novelGsi1, scenePositionOf, sceneSk } from './keys';
import { overflowKeyOf } from './payload-codec';

describe('table keys', () => {
  it('pads numbers so that string order is numeric order', () => {
    expect(chunkKey('j', 7)).toEqual({ PK: 'JOB#j', SK: 'CHUNK#00007' });
    expect(chunkKey('j', 10).SK > chunkKey('j', 9).SK).toBe(true);
    expect(sceneSk(12, 3)).toBe('SCENE#0012#0003');
  });

  it('reads positions back from sort keys', () => {
    expect(chunkIndexOf('CHUNK#00042')).toBe(42);
    expect(scenePositionOf('SCENE#0012#0003')).toEqual([12, 3]);
  });

  it('refuses numbers that do not fit the key', () => {
    expect(() => chunkKey('j', 100_000)).toThrow(RangeError);
    expect(() => sceneSk(1, -1)).toThrow(RangeError);
  });

  it('keeps job and novel entries of the overloaded GSI1 in separate partitions', () => {
    expect(jobGsi1('n1', '2026-01-01T00:00:00.000Z', 'j1')).toEqual({
      GSI1PK: 'NOVEL#n1',
      GSI1SK: 'JOB#2026-01-01T00:00:00.000Z#j1',
    });
    expect(novelGsi1('u1', '2026-01-01T00:00:00.000Z', 'n1').GSI1PK).toBe('USER#u1');
  });

  it('puts overflow objects beside the job’s other objects', () => {
    expect(overflowKeyOf({ PK: 'JOB#abc', SK: 'SCENE#0001#0002' })).toBe(
      'jobs/abc/items/SCENE-0001-0002.json',
    );
  });
});
