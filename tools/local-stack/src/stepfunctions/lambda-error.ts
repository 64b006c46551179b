/**
 * A task handler's error as Step Functions sees a Lambda function's error: `Error` is the
 * error's name (what Retry and Catch match) and `Cause` is the JSON Lambda writes,
 * `{"errorType","errorMessage","trace"}`. aws-local-stepfunctions takes the name from
 * `error.name` and the cause from `error.message`, so this error carries the JSON as message.
 */
export class LambdaTaskError extends Error {
  constructor(name: string, errorMessage: string, trace: string[] = []) {
    super(JSON.stringify({ errorType: name, errorMessage, trace }));
    this.name = name;
  }

  static from(err: unknown): LambdaTaskError {
    if (err instanceof LambdaTaskError) return err;
    if (err instanceof Error) {
      return new LambdaTaskError(err.name || 'Error', err.message, (err.stack ?? '').split('\n'));
    }
    return new LambdaTaskError('Error', String(err));
  }
}
