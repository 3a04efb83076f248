// The individuals of a replication besides its cases (cases.ts): a token is one thread of
// work of a case (a case has several between a fork and its join); a join record counts the
// tokens a join still waits for. Both are pooled and reused, so the steady state of a
// replication allocates nothing.
import type { ModelNode } from '../model/model.js';
import { TIME_ZERO } from './clock.js';
import { extend } from './cases.js';
import { MAX_EVENT_SUBJECT } from './event-queue.js';
import { NO_NODE_TALLY, type NodeTally } from './node-tally.js';

/**
 * Where a case's time went, in the order of the `breakdown` metrics (and of the recorder's
 * per-flow sums); a token carries its share in its `...Hours` fields.
 * Along a case's critical path, service + wait + offShift + automated is its cycle time;
 * `join` is the slack of the forks on that path (how long the fastest branch waited).
 */
export const BREAKDOWN = { service: 0, wait: 1, offShift: 2, join: 3, automated: 4 } as const;
export const BREAKDOWN_PARTS = Object.keys(BREAKDOWN).length;

// A case's history is written out part by part, not looped over: a part added to BREAKDOWN must be
// added to Token's fields and where they are set and read: Simulation.newCaseToken (cleared),
// branchToken (inherited), Recorder.completeCase and addHistoryBeyondWork (summed), FlowCompletions' fields and history()
// (the sums, in BREAKDOWN's order). As Token methods, clearHistory and
// inheritHistory cost mm5 600000 0.35% more instructions (V8's inlining; one-off callgrind).
if (BREAKDOWN_PARTS !== 5) throw new Error('Recorder.completeCase and addHistoryBeyondWork write out five BREAKDOWN parts');

/**
 * A token's state. A const enum, so that each use is its number in the built code: an object's
 * property is, in the command line's bundle (where esbuild makes every top-level const a var), a
 * load V8 cannot fold and some 12 bytes of bytecode counted against the loop's inlining budget
 * (hot path: CONTRIBUTING.md, rule 3). A value only: never indexed by name.
 */
// biome-ignore lint/suspicious/noConstEnum: tsc writes the numbers into dist/, which the bundle is made from; under vitest, esbuild keeps it an object, which the same uses read
export const enum TOKEN_STATE {
  free = 0,
  routing = 1,
  waiting = 2,
  inTask = 3,
  cancelled = 4,
  paused = 5,
}

/**
 * A token's times are its own fields: an object's double field is a box V8 updates in place, read
 * with two loads where a typed array indexed by token id costs its bounds check and header loads
 * at each access (measured: see the commit that made them fields). Tokens are pooled, so the boxes
 * are made once per token, not per case. Every time field starts as a double (hot path:
 * CONTRIBUTING.md, rule 1). Made by `newToken`, an object literal, not a class: hot path,
 * CONTRIBUTING.md, rule 4.
 */
export interface Token {
  readonly id: number;
  caseId: number;
  /** the case's flow, random key (of its arrival stream and number) and priority level, copied in at its start: read at every node and task without a case lookup */
  flow: number;
  caseKey: number;
  priorityLevel: number;
  /**
   * the task it is at, or was at last: endTask and dispatch read it here, not through the model's nodes by id (an
   * array's checks and two loads more, twice a customer). Never undefined: a real node from the start, so the field
   * holds one map's objects (hot path: CONTRIBUTING.md, rule 1).
   */
  task: ModelNode;
  /**
   * its task's tally in this replication (the recorder's for `task`), set with `task` as it enters a task, where the
   * recorder adds its wait and its end (node-tally.ts); before its first task NO_NODE_TALLY, a NodeTally all the same,
   * so that the field holds one map from the start (hot path: CONTRIBUTING.md, rule 1)
   */
  tally: NodeTally;
  /** how many times the case had entered this node before: keys the duration draw */
  visit: number;
  /** the join record this token runs towards, -1 outside any fork */
  join: number;
  state: number;
  /** identifies its entry in a resource queue (or, paused, in its team's paused line) */
  ticket: number;
  /** the team serving its task (of a skill pool, the one that took it); -1: automated */
  team: number;
  /** Rostered tasks only: the slot of its pending end event (-1: none, paused). */
  slot: number;
  /** the case's live tokens, for cases that may be cancelled: neighbours in its list (-1: none) */
  prevOfCase: number;
  nextOfCase: number;
  /** when it joined its team's queue (a task's enabling time) */
  enqueued: number;
  /** when its task started */
  start: number;
  /** when it took the unit it holds: its busy time runs from there */
  since: number;
  /** the task's duration, in working hours */
  work: number;
  /** rostered tasks only: working hours left at `since` */
  left: number;
  /** its history, by BREAKDOWN part: a fork's branches inherit it, a join passes on the last one's */
  serviceHours: number;
  waitHours: number;
  offShiftHours: number;
  joinHours: number;
  automatedHours: number;
}

/** A free token numbered `id`, its task `task` until it has one: every time field a double from the start (hot path: CONTRIBUTING.md, rules 1 and 4). */
export function newToken(id: number, task: ModelNode): Token {
  // Token ids are event subjects: 268 million tokens at once would take well over 100 GB first.
  if (id >= MAX_EVENT_SUBJECT) throw new Error(`more than ${MAX_EVENT_SUBJECT} tokens at once`);
  return {
    id,
    caseId: -1,
    flow: -1,
    caseKey: 0,
    priorityLevel: 0,
    task,
    tally: NO_NODE_TALLY,
    visit: 0,
    join: -1,
    state: TOKEN_STATE.free,
    ticket: 0,
    team: -1,
    slot: -1,
    prevOfCase: -1,
    nextOfCase: -1,
    enqueued: TIME_ZERO,
    start: TIME_ZERO,
    since: TIME_ZERO,
    work: TIME_ZERO,
    left: TIME_ZERO,
    serviceHours: TIME_ZERO,
    waitHours: TIME_ZERO,
    offShiftHours: TIME_ZERO,
    joinHours: TIME_ZERO,
    automatedHours: TIME_ZERO,
  };
}

/** The replication's tokens, each made with a first task (newToken). */
export type TokenPool = Pool<Token, ModelNode>;

export interface JoinRecord {
  readonly id: number;
  remaining: number;
  node: number;
  parent: number;
  /** When the fastest branch reached the join: the fork's slack runs from there. */
  firstArrival: number;
}

/** A free join record numbered `id`, for its Pool: an object literal, as a token is (hot path: CONTRIBUTING.md, rule 4). */
export function newJoinRecord(id: number): JoinRecord {
  return { id, remaining: 0, node: -1, parent: -1, firstArrival: Number.NaN };
}

/**
 * A free list over objects addressed by their index. It is given a module's function that makes
 * an item, the same function in every replication, rather than a closure made anew each time
 * (hot path: CONTRIBUTING.md, rule 5).
 */
export class Pool<T extends { readonly id: number }, S> {
  /**
   * The items by id, made with the first one (id 0, free): an empty array holds small integers (V8's elements
   * kind) until the first object is stored, so each replication's fresh pool would show its first `create` an
   * array of another kind than a pool in use, and the functions that inlined it deoptimise there in the
   * thread's second replication (hot path: CONTRIBUTING.md, rule 1).
   */
  readonly items: T[];
  /** ids released, last on top: a stack with room for every item (hot path: CONTRIBUTING.md, rule 4) */
  private free = new Int32Array(4);
  private freeCount = 1;

  /** `make` is given each new id and `seed` (a token's first task: newToken) */
  constructor(
    private readonly make: (id: number, seed: S) => T,
    private readonly seed: S,
  ) {
    this.items = [make(0, seed)]; // free[0] is 0: the first acquire takes it, as `create` would have made it
  }

  acquire(): T {
    return this.freeCount > 0 ? this.items[this.free[--this.freeCount]] : this.create(); // Hot path: CONTRIBUTING.md, rule 3
  }

  private create(): T {
    const item = this.make(this.items.length, this.seed);
    this.items.push(item);
    if (this.items.length > this.free.length) this.free = extend(this.free, 2 * this.free.length);
    return item;
  }

  release(item: T): void {
    this.free[this.freeCount++] = item.id;
  }
}
