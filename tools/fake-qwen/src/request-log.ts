import { appendFileSync } from 'node:fs';

/** One request as the fake saw it. Never the key: only whether it matched. */
export interface FakeQwenRequest {
  seq: number;
  at: string;
  path: string;
  auth: 'ok' | 'missing' | 'wrong';
  status: number;
  outcome: string;
  model: string | undefined;
  messages: number;
  /** The chunk's sections the prompt carried (0 when it was not a storyboard prompt). */
  sections: number;
  promptTokens: number;
  /** Which chunk the prompt was for (a digest of its sections' text; the same on a retry or
   * re-ask of that chunk), undefined when the body was not a storyboard prompt. */
  chunk: string | undefined;
  completionTokens: number;
  /** How long the fake held the request before answering, ms. */
  heldMs: number;
}

/** The in-memory array (`requests`) and, when asked, a JSONL file. */
export class RequestLog {
  readonly entries: FakeQwenRequest[] = [];
  constructor(private readonly file?: string) {}

  add(entry: FakeQwenRequest): void {
    this.entries.push(entry);
    if (this.file) appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }
}
