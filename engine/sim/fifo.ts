// A first-in first-out ring buffer of (id, ticket) pairs: tokens waiting for a team, or
// cases waiting for their cancellation deadline. The ticket lets a stale entry stay in the
// buffer and be skipped when it reaches the head, instead of being searched for and spliced out.

export class Fifo {
  private tokens = new Int32Array(64);
  private tickets = new Float64Array(64);
  private head = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(token: number, ticket: number): void {
    if (this.count === this.tokens.length) this.grow();
    const i = (this.head + this.count) & (this.tokens.length - 1);
    this.tokens[i] = token;
    this.tickets[i] = ticket;
    this.count++;
  }

  headToken(): number {
    return this.tokens[this.head];
  }

  headTicket(): number {
    return this.tickets[this.head];
  }

  shift(): void {
    this.head = (this.head + 1) & (this.tokens.length - 1);
    this.count--;
  }

  /** Keep only the entries `keep` accepts, in order (dropping stale ones in one pass). */
  retain(keep: (token: number, ticket: number) => boolean): void {
    const mask = this.tokens.length - 1;
    let kept = 0;
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & mask;
      if (!keep(this.tokens[i], this.tickets[i])) continue;
      const j = (this.head + kept++) & mask;
      this.tokens[j] = this.tokens[i];
      this.tickets[j] = this.tickets[i];
    }
    this.count = kept;
  }

  private grow(): void {
    const n = this.tokens.length * 2;
    const tokens = new Int32Array(n);
    const tickets = new Float64Array(n);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & (this.tokens.length - 1);
      tokens[k] = this.tokens[i];
      tickets[k] = this.tickets[i];
    }
    this.tokens = tokens;
    this.tickets = tickets;
    this.head = 0;
  }
}
