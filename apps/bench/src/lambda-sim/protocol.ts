/** Messages between LambdaSimulator (parent) and one environment's runtime (child). */
export interface InvokeMessage {
  type: 'invoke';
  id: number;
  requestId: string;
  event: unknown;
  timeoutMs: number;
}

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

export type ChildMessage =
  | { type: 'ready'; initMs: number }
  | { type: 'init-error'; error: SerializedError }
  | { type: 'done'; id: number; ok: true; result: unknown; durationMs: number }
  | { type: 'done'; id: number; ok: false; error: SerializedError; durationMs: number };
