/** Requests per rolling 60 s, as Model Studio counts them: over the limit → wait this long. */
export class RateWindow {
  private readonly times: number[] = [];
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  /** Admits the request (0) or says how many ms until a slot frees. */
  admit(): number {
    const t = this.now();
    while (this.times.length && (this.times[0] as number) <= t - 60_000) this.times.shift();
    if (this.times.length < this.perMinute) {
      this.times.push(t);
      return 0;
    }
    return (this.times[0] as number) + 60_000 - t;
  }
}
