// The open activity instances of one case and activity while a lifecycle log is paired
// (event-log.ts says which instance each transition takes). Each question is answered as a
// scan of the instances in order of opening answers it; a few are scanned so, but past
// SCANNED, in O(log n) instead of O(n): a step that a case ran thousands of times at once made
// the pairing quadratic (16,000 starts then their completes took 4.5 s). Past it, instances
// sit in heaps by state (opened by a start or by a stray resume; running or suspended),
// overall and under their resource, ordered by opening; suspended ones also by the time of
// their pause. (Heaps for every case and activity cost a million-event log a third more time.)
// Invariant: an open instance has exactly one current entry in the heap of its state, overall
// and under its resource, and while suspended one in each pause heap; every other entry of it
// is stale, told by its stamp (a state, resource or closing change bumps the stamp and adds
// current entries), and dropped when it reaches a heap's top.
import type { Instant } from './timestamps.js';

/** An instance of a lifecycle log between its start and its complete. */
export interface OpenInstance {
  start: Instant;
  /** the row of its start, or of the resume that opened it */
  row: number;
  /** the resource of its latest start or resume */
  resource: string;
  /** opened by a resume with nothing open; noted once its fate is known (resumeAlone, resumeRestarted, resumeNeverCompleted) */
  fromResume: boolean;
  /** ms of its latest transition (start, suspend or resume) */
  last: number;
  /** ms of the suspend it is paused at; NaN while running */
  suspendedAt: number;
  suspendRow: number;
  pauses: number[];
}

const isSuspended = (o: OpenInstance) => !Number.isNaN(o.suspendedAt);

/** An instance's place in the heaps. */
interface Held {
  readonly instance: OpenInstance;
  /** order of opening, from 0 */
  readonly opened: number;
  stamp: number;
}

/** One heap entry: the instance as it was when pushed, ordered by `first` then by opening. */
interface Entry {
  readonly held: Held;
  readonly stamp: number;
  readonly first: number;
}

class Heap {
  private readonly entries: Entry[] = [];

  push(held: Held, first: number): void {
    const entries = this.entries;
    const entry: Entry = { held, stamp: held.stamp, first };
    let i = entries.length;
    entries.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, entries[parent])) break;
      entries[i] = entries[parent];
      i = parent;
    }
    entries[i] = entry;
  }

  /** The first current entry (stale ones above it dropped), or undefined. */
  top(): Entry | undefined {
    const entries = this.entries;
    while (entries.length > 0 && entries[0].stamp !== entries[0].held.stamp) this.removeTop();
    return entries[0];
  }

  private removeTop(): void {
    const entries = this.entries;
    const last = entries.pop()!;
    if (entries.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= entries.length) break;
      const child = left + 1 < entries.length && before(entries[left + 1], entries[left]) ? left + 1 : left;
      if (!before(entries[child], last)) break;
      entries[i] = entries[child];
      i = child;
    }
    entries[i] = last;
  }
}

const before = (a: Entry, b: Entry) => a.first < b.first || (a.first === b.first && a.held.opened < b.held.opened);

/** The earlier-opened of two entries, either possibly missing. */
const earlier = (a: Entry | undefined, b: Entry | undefined) => (a === undefined || (b !== undefined && before(b, a)) ? b : a);

/** The states, numbered in the order a complete prefers them: opened by a start before by a resume, then running before suspended (a paused state is its running one + 1). */
const STATE = { started: 0, startedPaused: 1, resumed: 2, resumedPaused: 3 } as const;
const STATES = 4;
const stateOf = (o: OpenInstance) => (o.fromResume ? STATE.resumed : STATE.started) + (isSuspended(o) ? 1 : 0);

/** The heaps of a set of instances: all of them, or one resource's. */
class Heaps {
  readonly byState: Heap[] = Array.from({ length: STATES }, () => new Heap());
  /** suspended instances, earliest pause first */
  readonly paused = new Heap();

  add(held: Held): void {
    const o = held.instance;
    this.byState[stateOf(o)].push(held, 0);
    if (isSuspended(o)) this.paused.push(held, o.suspendedAt);
  }
}

/** The heaps over many open instances: OpenInstances' questions (documented there), each in O(log n). */
class IndexedInstances {
  private readonly all = new Heaps();
  private readonly byResource = new Map<string, Heaps>();
  private readonly held = new Map<OpenInstance, Held>();
  private opened = 0;

  get size(): number {
    return this.held.size;
  }

  instances(): OpenInstance[] {
    return [...this.held.values()].sort((a, b) => a.opened - b.opened).map((h) => h.instance);
  }

  open(o: OpenInstance): void {
    const held: Held = { instance: o, opened: this.opened++, stamp: 0 };
    this.held.set(o, held);
    this.index(held);
  }

  /** `o`'s state or resource was changed by the caller: its entries are made current. */
  changed(o: OpenInstance): void {
    const held = this.held.get(o)!;
    held.stamp++;
    this.index(held);
  }

  close(o: OpenInstance): void {
    const held = this.held.get(o)!;
    held.stamp++;
    this.held.delete(o);
  }

  toClose(resource: string): OpenInstance | undefined {
    const first = (heaps: Heaps | undefined) => {
      if (heaps === undefined) return undefined;
      for (const heap of heaps.byState) {
        const top = heap.top();
        if (top !== undefined) return top;
      }
      return undefined;
    };
    return (first(this.byResource.get(resource)) ?? first(this.all))?.held.instance;
  }

  toSuspend(resource: string): OpenInstance | undefined {
    const running = (heaps: Heaps | undefined) => heaps && earlier(heaps.byState[STATE.started].top(), heaps.byState[STATE.resumed].top());
    return (running(this.byResource.get(resource)) ?? running(this.all))?.held.instance;
  }

  toResume(resource: string): OpenInstance | undefined {
    return (this.byResource.get(resource)?.paused.top() ?? this.all.paused.top())?.held.instance;
  }

  strayResumeOf(resource: string): OpenInstance | undefined {
    const heaps = this.byResource.get(resource);
    return heaps && earlier(heaps.byState[STATE.resumed].top(), heaps.byState[STATE.resumedPaused].top())?.held.instance;
  }

  private index(held: Held): void {
    this.all.add(held);
    const resource = held.instance.resource;
    let heaps = this.byResource.get(resource);
    if (heaps === undefined) this.byResource.set(resource, (heaps = new Heaps()));
    heaps.add(held);
  }
}

/** Open instances up to which a list is scanned; beyond, the heaps answer. */
export const SCANNED = 16;

/** The instance a transition of `resource` takes among those `eligible`: its own resource's when one is, else any; then the first by `order`, then by opening. */
function pick(
  list: OpenInstance[],
  resource: string,
  eligible: (o: OpenInstance) => boolean,
  order: (a: OpenInstance, b: OpenInstance) => number,
): OpenInstance | undefined {
  let best: OpenInstance | undefined;
  let own = false;
  for (const o of list) {
    if (!eligible(o)) continue;
    const mine = o.resource === resource;
    if (best === undefined || (mine && !own) || (mine === own && order(o, best) < 0)) {
      best = o;
      own = mine;
    }
  }
  return best;
}

const isRunning = (o: OpenInstance) => !isSuspended(o);
const anyOpen = () => true;
const inOrder = () => 0;
const earliestPause = (a: OpenInstance, b: OpenInstance) => a.suspendedAt - b.suspendedAt;
const toClose = (a: OpenInstance, b: OpenInstance) => stateOf(a) - stateOf(b);

export class OpenInstances {
  /** in order of opening while at most `scanned` are open; null once the heaps hold them */
  private list: OpenInstance[] | null = [];
  private indexed: IndexedInstances | null = null;

  constructor(private readonly scanned = SCANNED) {}

  get size(): number {
    return this.list?.length ?? this.indexed!.size;
  }

  /** The open instances, in order of opening. */
  instances(): OpenInstance[] {
    return this.list ?? this.indexed!.instances();
  }

  open(o: OpenInstance): void {
    if (this.list !== null && this.list.length < this.scanned) {
      this.list.push(o);
      return;
    }
    if (this.list !== null) {
      this.indexed = new IndexedInstances();
      for (const held of this.list) this.indexed.open(held);
      this.list = null;
    }
    this.indexed!.open(o);
  }

  /** `o`'s state or resource was changed by the caller. */
  changed(o: OpenInstance): void {
    this.indexed?.changed(o);
  }

  close(o: OpenInstance): void {
    if (this.list !== null) this.list.splice(this.list.indexOf(o), 1);
    else this.indexed!.close(o);
  }

  /** What a complete or an abort of `resource` closes: opened by a start before by a stray resume, then running before suspended. */
  toClose(resource: string): OpenInstance | undefined {
    return this.list !== null ? pick(this.list, resource, anyOpen, toClose) : this.indexed!.toClose(resource);
  }

  /** What a suspend of `resource` pauses: the earliest-opened running instance. */
  toSuspend(resource: string): OpenInstance | undefined {
    return this.list !== null ? pick(this.list, resource, isRunning, inOrder) : this.indexed!.toSuspend(resource);
  }

  /** What a resume of `resource` ends: the earliest pause. */
  toResume(resource: string): OpenInstance | undefined {
    return this.list !== null ? pick(this.list, resource, isSuspended, earliestPause) : this.indexed!.toResume(resource);
  }

  /** The earliest instance of `resource` opened by a stray resume, which a start by that resource leaves out. */
  strayResumeOf(resource: string): OpenInstance | undefined {
    return this.list !== null ? this.list.find((o) => o.fromResume && o.resource === resource) : this.indexed!.strayResumeOf(resource);
  }
}
