// The cases of a replication (in Ciw's sense: one order or ticket each), held in flat typed
// arrays indexed by case id instead of one object per case. A case in progress then costs
// a few dozen bytes in arrays that grow by doubling, not an object with three small typed
// arrays of its own (about 1.2 KiB each with their headers and backing stores), and the
// garbage collector has nothing per case to trace. Ids are reused through a free list, so
// the arrays hold as many cases as were ever open at once.
//
// Invariant: a case's visit counts are valid only where their stamp is the case's serial.
// A new case therefore inherits stale counts from the id's earlier cases and never clears
// them: starting a case costs the same whatever the size of its flow. Only flows that can
// enter a node twice (`ModelNode.revisits`) keep counts at all; in the others every visit is the first.

/** Told of each new case id from `CaseTable.watchFrom` on: the simulation's limits on cases in progress (run-limits.ts). */
export interface NewIdWatch {
  newCaseId(id: number): void;
}

/** Every field of a case, by case id. Read and written directly by the simulation's hot loop. */
export class CaseTable {
  /**
   * The new id from which `watch` is told of each (its owner moves it on): the check is made
   * where an id is new, out of the loop's way, which reuses ids (hot path: CONTRIBUTING.md, rule 3).
   */
  watchFrom = 0;
  flow = new Int32Array(0);
  /** unique within the replication: tells a reused id from the case it held before (-1: free) */
  serial = new Float64Array(0);
  arrival = new Float64Array(0);
  liveTokens = new Int32Array(0);
  /** For cases of flows with cancel_after (their live tokens must be found then, and only then is it set): the first of the list linked through `Token.nextOfCase`, -1 for none. */
  firstToken = new Int32Array(0);
  /** per case and node of its flow (`ModelNode.local`): how many times the case entered it, valid where `visitStamp` is the serial */
  private visitCount = new Int32Array(0);
  private visitStamp = new Float64Array(0);
  /** per case and milestone KPI of its flow: when it started (NaN: not yet), whether it ended */
  kpiFrom = new Float64Array(0);
  kpiDone = new Uint8Array(0);

  private capacity = 0;
  private count = 0;
  /** ids released, last on top: a stack with room for every id (hot path: CONTRIBUTING.md, rule 4) */
  private free = new Int32Array(0);
  private freeCount = 0;

  constructor(
    private readonly nodesPerFlow: number,
    readonly kpisPerFlow: number,
    initial = 4, // hot path: CONTRIBUTING.md, rule 9
    private readonly watch: NewIdWatch | null = null,
  ) {
    this.grow(initial);
    if (watch === null) this.watchFrom = 0x7fffffff; // never: an int32 all the same (hot path: CONTRIBUTING.md, rule 1)
  }

  /** A free id, its fields to be set by the caller (`firstToken` by flows that may be cancelled only); its KPI slots are cleared (visit counts need not be). */
  acquire(): number {
    const id = this.freeCount > 0 ? this.free[--this.freeCount] : this.newId(); // Hot path: CONTRIBUTING.md, rule 3
    // Only in models with KPIs (kpisPerFlow is the largest count over the flows: every case of
    // such a model clears that many), so the loop stays out of the caller (hot path: CONTRIBUTING.md, rule 3).
    if (this.kpisPerFlow > 0) this.clearKpis(id);
    return id;
  }

  /** An id never used before: the table grows when it is full. */
  private newId(): number {
    const id = this.count++;
    if (id === this.capacity) this.grow(2 * this.capacity);
    if (id >= this.watchFrom) this.watch!.newCaseId(id);
    return id;
  }

  private clearKpis(id: number): void {
    const k = this.kpisPerFlow;
    for (let i = id * k; i < id * k + k; i++) {
      this.kpiFrom[i] = NaN;
      this.kpiDone[i] = 0;
    }
  }

  release(id: number): void {
    this.serial[id] = -1;
    this.free[this.freeCount++] = id;
  }

  /** Counts a visit of case `id` to the node with local index `local`: how many visits it had before. Only for nodes that `revisits` (ModelNode). */
  visit(id: number, local: number): number {
    const i = id * this.nodesPerFlow + local;
    const before = this.visitStamp[i] === this.serial[id] ? this.visitCount[i] : 0;
    this.visitStamp[i] = this.serial[id];
    this.visitCount[i] = before + 1;
    return before;
  }

  /** How many case ids are in use or free for reuse: the most cases ever open at once. */
  get size(): number {
    return this.count;
  }

  private grow(capacity: number): void {
    this.flow = extend(this.flow, capacity);
    this.serial = extend(this.serial, capacity);
    this.arrival = extend(this.arrival, capacity);
    this.liveTokens = extend(this.liveTokens, capacity);
    this.firstToken = extend(this.firstToken, capacity);
    this.free = extend(this.free, capacity);
    this.visitCount = extend(this.visitCount, capacity * this.nodesPerFlow);
    // -1 never equals a serial: fresh slots read as no visits
    this.visitStamp = extend(this.visitStamp, capacity * this.nodesPerFlow, -1);
    this.kpiFrom = extend(this.kpiFrom, capacity * this.kpisPerFlow);
    this.kpiDone = extend(this.kpiDone, capacity * this.kpisPerFlow);
    this.capacity = capacity;
  }
}

type Flat = Int32Array | Float64Array | Uint8Array;

/** A copy of `old` lengthened to `length`, the new slots `fill`: how the flat tables grow (entities.ts's Pool too). */
export function extend<T extends Flat>(old: T, length: number, fill = 0): T {
  const bigger = new (old.constructor as new (n: number) => T)(length);
  bigger.set(old);
  if (fill !== 0) bigger.fill(fill, old.length);
  return bigger;
}
