import { awsErrorName, awsHttpStatus } from '../shared/aws-errors';

/** A missing object: `NoSuchKey` on GET, a bare 404 on HEAD (but not a missing bucket). */
export function isS3NotFound(err: unknown): boolean {
  const name = awsErrorName(err);
  if (name === 'NoSuchKey' || name === 'NotFound') return true;
  return awsHttpStatus(err) === 404 && name !== 'NoSuchBucket';
}
