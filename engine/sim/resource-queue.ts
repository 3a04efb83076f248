// A resource's waiting line: served by priority level (level 0 is the highest priority),
// then first come, first served. Entries of cancelled cases are skipped lazily.
import { Fifo } from './fifo.js';

/**
 * Tells an entry whose token still waits under that ticket from a stale one. An object with a
 * method, not a closure (hot path: CONTRIBUTING.md, rule 5).
 */
export interface EntryCheck {
  isLive(token: number, ticket: number): boolean;
}

export class ResourceQueue {
  private readonly levels: Fifo[];
  /** Live entries: what the queue-length statistic counts. */
  waiting = 0;

  constructor(levelCount: number) {
    this.levels = Array.from({ length: Math.max(1, levelCount) }, () => new Fifo());
  }

  push(level: number, token: number, ticket: number): void {
    this.levels[level].push(token, ticket);
    this.waiting++;
  }

  /**
   * Remove and return the next live token, or -1. The level's index steps from -1, so that its
   * increment runs at every pop: from 0 it ran first when a team's first level was first empty with
   * another waiting, which in a model with priorities comes after V8 has optimised dispatch, and
   * dispatch deoptimised there for want of its feedback (the bundled shared-field-force; hot path:
   * CONTRIBUTING.md, rule 9). Not for-of: V8 inlines its iterator's closing as a try block (M/M/5
   * took 42 M instructions more with it and the rest of session 51's changes).
   */
  pop(entries: EntryCheck): number {
    const levels = this.levels;
    let l = -1;
    while (++l < levels.length) {
      const q = levels[l];
      while (q.length > 0) {
        const token = q.headId();
        // With no stale entry in the buffers (`stale` counts them: forget's, less those skipped here) the head is live: no
        // look at its token or ticket (M/M/5, whose queues never go stale: docs/performance-notes.md, session 53; hot path: CONTRIBUTING.md, rule 3).
        const live = this.stale === 0 || entries.isLive(token, q.headTicket());
        q.shift();
        if (live) {
          this.waiting--;
          return token;
        }
        this.stale--;
      }
    }
    return -1;
  }

  /** Entries of cancelled cases still in the buffers. */
  private stale = 0;

  /**
   * A cancelled entry stays in its buffer but stops counting; when stale entries outnumber the
   * live ones (a team that never serves, say), they are swept out so the buffers stay bounded.
   */
  forget(entries: EntryCheck): void {
    this.waiting--;
    if (++this.stale <= 64 + this.waiting) return;
    for (const level of this.levels) level.retain((token, ticket) => entries.isLive(token, ticket));
    this.stale = 0;
  }
}
