import { describe, expect, it } from 'vitest';
import { ValidationError } from '@storyboard/domain';
import { novelCursor, storyboardCursor } from './cursor';
import { ifNoneMatchHits, jobEtag } from './etag';

describe('storyboard cursor', () => {
  it('round-trips the chapter position for the job that issued it', () => {
    const cursor = storyboardCursor.encode('job-1', 12);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(storyboardCursor.decode('job-1', cursor)).toBe(12);
  });

  it('refuses a cursor of another job, another kind, or garbage', () => {
    const cursor = storyboardCursor.encode('job-1', 3);
    expect(() => storyboardCursor.decode('job-2', cursor)).toThrow(ValidationError);
    expect(() => storyboardCursor.decode('job-1', novelCursor.encode('job-1', '3'))).toThrow(
      ValidationError,
    );
    expect(() => storyboardCursor.decode('job-1', '!!!')).toThrow(ValidationError);
    expect(() =>
      storyboardCursor.decode('job-1', Buffer.from('["sb1","job-1","-4"]').toString('base64url')),
    ).toThrow(ValidationError);
  });

  it('keeps a repository cursor intact, whatever it contains', () => {
    expect(novelCursor.decode('auth0|7', novelCursor.encode('auth0|7', 'a|b=c'))).toBe('a|b=c');
  });

  it('refuses a novel cursor issued to another user, even one whose id extends the first', () => {
    const cursor = novelCursor.encode('auth0|7', 'x');
    expect(() => novelCursor.decode('auth0', cursor)).toThrow(ValidationError);
    expect(() => novelCursor.decode('auth0|71', cursor)).toThrow(ValidationError);
  });

  it('refuses characters outside base64url and non-canonical encodings', () => {
    const cursor = storyboardCursor.encode('job-1', 3);
    expect(() => storyboardCursor.decode('job-1', `${cursor}=`)).toThrow(/base64url/);
    expect(() => storyboardCursor.decode('job-1', `${cursor}.`)).toThrow(/base64url/);
    expect(() => storyboardCursor.decode('job-1', `${cursor}A`)).toThrow(ValidationError);
  });
});

describe('job ETag', () => {
  const etag = jobEtag({ id: 'j1', version: 4 });

  it('changes with the version', () => {
    expect(etag).toBe('"j1.v4"');
    expect(jobEtag({ id: 'j1', version: 5 })).not.toBe(etag);
  });

  it('matches If-None-Match lists, weak tags and *', () => {
    expect(ifNoneMatchHits(etag, etag)).toBe(true);
    expect(ifNoneMatchHits(`"x", W/${etag}`, etag)).toBe(true);
    expect(ifNoneMatchHits('*', etag)).toBe(true);
    expect(ifNoneMatchHits('"j1.v3"', etag)).toBe(false);
    expect(ifNoneMatchHits(undefined, etag)).toBe(false);
  });
});
