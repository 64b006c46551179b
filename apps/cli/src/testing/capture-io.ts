/** The CLI's streams for a test: `runCli(io)` writes into memory, read back by `out()`/`err()`. */
export function captureIo(argv: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    argv,
    env,
    stdout: { isTTY: false, write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}
