import type { CallTallies, ScopedCallTallies } from './sdk-call-counter';
import { sumOf, totalsOf } from './sdk-call-counter';

/** The figures a job's calls are judged by (issue 11's acceptance), from one job's tallies. */
export interface PerChunkFigures {
  chunks: number;
  /** DynamoDB items written in the analyze-chunk step (fragments, progress), per chunk. */
  dynamoWritesPerChunk: number;
  /** S3 objects put by the whole job (chunk texts, overflow payloads), per chunk. */
  s3PutsPerChunk: number;
  /** SQS messages sent for the job (the first dispatch and each continuation). */
  sqsSends: number;
}

export function perChunkFigures(scoped: ScopedCallTallies, chunks: number): PerChunkFigures {
  const totals = totalsOf(scoped);
  const per = (n: number) => (chunks > 0 ? n / chunks : 0);
  return {
    chunks,
    dynamoWritesPerChunk: per(sumOf(scoped['analyze-chunk'], 'DynamoDB.', 'writeItems')),
    s3PutsPerChunk: per(sumOf(totals, 'S3.PutObject')),
    sqsSends: sumOf(totals, 'SQS.SendMessage'),
  };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KiB`;

function kindsLines(tallies: CallTallies, indent: string): string {
  return Object.entries(tallies)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, t]) => {
      const items = t.writeItems > t.calls ? ` (${t.writeItems} items)` : '';
      return `${kind} ${t.calls}${items}, ${kib(t.requestBytes)} sent (max ${kib(t.maxRequestBytes)})`;
    })
    .map((line) => `${indent}${line}`)
    .join('\n');
}

/**
 * Lines describing one job's calls: per pipeline step (or `other`: the API side, pollers),
 * then the per-chunk figures and, on Step Functions, the state transitions.
 */
export function formatCallReport(
  scoped: ScopedCallTallies,
  options: { chunks: number; stateTransitions?: number; indent?: string },
): string {
  const pad = options.indent ?? '  ';
  const order = ['prepare', 'analyze-chunk', 'assemble', 'complete', 'fail', 'other'];
  const scopes = Object.keys(scoped).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const lines = scopes.map(
    (scope) => `${pad}  ${scope}\n${kindsLines(scoped[scope] ?? {}, `${pad}      `)}`,
  );
  const f = perChunkFigures(scoped, options.chunks);
  const total = Object.values(totalsOf(scoped)).reduce((n, t) => n + t.calls, 0);
  lines.push(
    `${pad}  per chunk (${f.chunks} chunks): DynamoDB writes ${f.dynamoWritesPerChunk.toFixed(2)}, ` +
      `S3 puts ${f.s3PutsPerChunk.toFixed(2)}; SQS sends for the job ${f.sqsSends}; ${total} calls in all` +
      (options.stateTransitions === undefined
        ? ''
        : `; state transitions ${options.stateTransitions}`),
  );
  return lines.join('\n');
}
