// The individuals of a replication besides its cases (cases.ts): a token is one thread of
// work of a case (a case has several between a fork and its join); a join record counts the
// tokens a join still waits for. Both are pooled and reused, so the steady state of a
// replication allocates nothing. A token's times live in TokenTimes, flat and indexed by its id.
import { extend } from './cases.js';
import { MAX_EVENT_SUBJECT } from './event-queue.js';

/**
 * Where a token's time went, in the order of its slots in `TokenTimes.breakdown` and of the
 * `breakdown` metrics.
 * Along a case's critical path, service + wait + offShift + automated is its cycle time;
 * `join` is the slack of the forks on that path (how long the fastest branch waited).
 */
export const BREAKDOWN = { service: 0, wait: 1, offShift: 2, join: 3, automated: 4 } as const;
export const BREAKDOWN_PARTS = Object.keys(BREAKDOWN).length;

// The recorder adds a completed case's history slot by slot, written out (Recorder.addHistory):
// a part added to BREAKDOWN must be added there too.
if (BREAKDOWN_PARTS !== 5) throw new Error('Recorder.addHistory writes out five BREAKDOWN parts');

export const TOKEN_STATE = { free: 0, routing: 1, waiting: 2, inTask: 3, cancelled: 4, paused: 5 } as const;

export class Token {
  caseId = -1;
  node = -1;
  visit = 0; // how many times the case had entered this node before: keys the duration draw
  join = -1; // the join record this token runs towards, -1 outside any fork
  state: number = TOKEN_STATE.free;
  ticket = 0; // identifies its entry in a resource queue (or, paused, in its team's paused line)
  team = -1; // the team serving its task (of a skill pool, the one that took it); -1: automated
  /** Rostered tasks only: the slot of its pending end event (-1: none, paused). */
  slot = -1;
  /** the case's live tokens, for cases that may be cancelled: neighbours in its list (-1: none) */
  prevOfCase = -1;
  nextOfCase = -1;
  constructor(readonly id: number) {}
}

/**
 * Every token's times, in flat arrays indexed by token id (hot path: CONTRIBUTING.md, rule 4).
 * As fields of the token they were a heap box each (V8 keeps an object's double fields boxed)
 * and a Float64Array(5) with about 180 bytes of headers; here a queued case's token costs
 * 80 bytes of them, and the garbage collector has nothing to trace.
 */
export class TokenTimes {
  /** when it joined its team's queue (a task's enabling time) */
  enqueued = new Float64Array(0);
  /** when its task started */
  start = new Float64Array(0);
  /** when it took the unit it holds: its busy time runs from there */
  since = new Float64Array(0);
  /** the task's duration, in working hours */
  work = new Float64Array(0);
  /** rostered tasks only: working hours left at `since` */
  left = new Float64Array(0);
  /** where its history went, BREAKDOWN_PARTS slots from id * BREAKDOWN_PARTS: a fork's branches inherit it, a join passes on the last one's */
  breakdown = new Float64Array(0);
  private capacity = 0;

  // Starts small (hot path: CONTRIBUTING.md, rule 9).
  constructor(initial = 4) {
    this.grow(initial);
  }

  /** Room for token `id`; token ids are dense, so a new one is at most the capacity. */
  reserve(id: number): void {
    if (id === this.capacity) this.grow(); // at most 27 bytes of bytecode, which V8 inlines whatever its budget (hot path: CONTRIBUTING.md, rule 3)
  }

  /** Doubles the room (the first time, to `initial`). */
  private grow(capacity = 2 * this.capacity): void {
    // Token ids are event subjects: 268 million tokens at once would take well over 100 GB first.
    if (capacity > MAX_EVENT_SUBJECT) throw new Error(`more than ${MAX_EVENT_SUBJECT} tokens at once`);
    this.enqueued = extend(this.enqueued, capacity);
    this.start = extend(this.start, capacity);
    this.since = extend(this.since, capacity);
    this.work = extend(this.work, capacity);
    this.left = extend(this.left, capacity);
    this.breakdown = extend(this.breakdown, capacity * BREAKDOWN_PARTS);
    this.capacity = capacity;
  }
}

export class JoinRecord {
  remaining = 0;
  node = -1;
  parent = -1;
  /** When the fastest branch reached the join: the fork's slack runs from there. */
  firstArrival = NaN;
  constructor(readonly id: number) {}
}

/**
 * A free list over objects addressed by their index. It is given the items' class, the same
 * function in every replication, rather than a factory closure made anew each time (hot path:
 * CONTRIBUTING.md, rule 5).
 */
export class Pool<T extends { readonly id: number }> {
  readonly items: T[] = [];
  /** ids released, last on top: a stack with room for every item (hot path: CONTRIBUTING.md, rule 4) */
  private free = new Int32Array(4);
  private freeCount = 0;

  constructor(private readonly Item: new (id: number) => T) {}

  acquire(): T {
    return this.freeCount > 0 ? this.items[this.free[--this.freeCount]] : this.create(); // Hot path: CONTRIBUTING.md, rule 3
  }

  private create(): T {
    const item = new this.Item(this.items.length);
    this.items.push(item);
    if (this.items.length > this.free.length) this.free = extend(this.free, 2 * this.free.length);
    return item;
  }

  release(item: T): void {
    this.free[this.freeCount++] = item.id;
  }
}
