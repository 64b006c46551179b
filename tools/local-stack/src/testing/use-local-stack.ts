import { afterAll, beforeAll } from 'vitest';
import type { LocalStack } from '../start-local-stack';
import { startLocalStack } from '../start-local-stack';

/** Starts the emulators before the file's tests and stops them after; call at the top of a
 * spec file and read the stack through the returned getter inside tests. */
export function useLocalStack(): () => LocalStack {
  let stack: LocalStack | undefined;
  beforeAll(async () => {
    stack = await startLocalStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });
  return () => {
    if (!stack) throw new Error('the local stack is not started (use it inside a test)');
    return stack;
  };
}
