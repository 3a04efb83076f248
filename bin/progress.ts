// A one-line progress indicator on stderr, redrawn in place; silent when stderr is not a terminal.

export class Progress {
  private readonly started = Date.now();
  private drawn = false;

  constructor(private readonly enabled: boolean) {}

  update(done: number, total: number): void {
    if (!this.enabled) return;
    const elapsed = (Date.now() - this.started) / 1000;
    const left = done > 0 ? (elapsed / done) * (total - done) : NaN;
    const eta = Number.isFinite(left) ? `, about ${left.toFixed(0)} s left` : '';
    process.stderr.write(`\r\x1b[Kreplications ${done}/${total}, ${elapsed.toFixed(1)} s${eta}`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) process.stderr.write('\r\x1b[K');
    this.drawn = false;
  }
}
