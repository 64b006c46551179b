/** Everything the process writes to stdout and stderr from now on (loggers write there, not to
 * a CLI's or server's own streams), still passed through; `restore` puts the streams back. */
export function teeProcessOutput(): { text(): string; restore(): void } {
  const written: string[] = [];
  const undo: (() => void)[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      written.push(String(chunk));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    undo.push(() => (stream.write = original as typeof stream.write));
  }
  return { text: () => written.join(''), restore: () => undo.forEach((u) => u()) };
}
