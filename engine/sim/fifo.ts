// A first-in first-out ring buffer of (id, ticket) pairs: token ids waiting for a team or for
// their paused task to resume, or case ids waiting for their cancellation deadline. The ticket lets a stale entry stay in the
// buffer and be skipped when it reaches the head, instead of being searched for and spliced out.

/** A power of two: the ring's index arithmetic masks with length - 1. */
const INITIAL = 4;

export class Fifo {
  // Starts small so that its growth runs before the loop is optimised (hot path: CONTRIBUTING.md, rule 9).
  private ids = new Int32Array(INITIAL);
  private tickets = new Float64Array(INITIAL);
  private head = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(id: number, ticket: number): void {
    if (this.count === this.ids.length) this.grow();
    const i = (this.head + this.count) & (this.ids.length - 1);
    this.ids[i] = id;
    this.tickets[i] = ticket;
    this.count++;
  }

  /** The id at the head: a token or a case, whichever this line holds. */
  headId(): number {
    return this.ids[this.head];
  }

  headTicket(): number {
    return this.tickets[this.head];
  }

  shift(): void {
    this.head = (this.head + 1) & (this.ids.length - 1);
    this.count--;
  }

  /** Keep only the entries `keep` accepts, in order (dropping stale ones in one pass). */
  retain(keep: (id: number, ticket: number) => boolean): void {
    const mask = this.ids.length - 1;
    let kept = 0;
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & mask;
      if (!keep(this.ids[i], this.tickets[i])) continue;
      const j = (this.head + kept++) & mask;
      this.ids[j] = this.ids[i];
      this.tickets[j] = this.tickets[i];
    }
    this.count = kept;
  }

  private grow(): void {
    const n = this.ids.length * 2;
    const ids = new Int32Array(n);
    const tickets = new Float64Array(n);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & (this.ids.length - 1);
      ids[k] = this.ids[i];
      tickets[k] = this.tickets[i];
    }
    this.ids = ids;
    this.tickets = tickets;
    this.head = 0;
  }
}
