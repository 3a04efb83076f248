// An independent simulator of one multi-server queue, for the tests that compare etomsim with
// another simulator where no closed form is known: c servers, exponential work, Poisson classes
// served by non-preemptive priority then first come, first served, each class with an optional
// deadline after which its case leaves, from the queue or from service (a flow's
// `cancel_after`). It shares no code with the engine (its own random numbers, event heap and
// bookkeeping), so an agreement is evidence of both.

export interface ReferenceClass {
  /** arrivals an hour (Poisson) */
  lambda: number;
  /** higher is served first */
  priority: number;
  /** hours after its arrival at which a case leaves; null: never */
  deadline: number | null;
}

/** Per class, over the window [warmup, horizon], counted as etomsim counts them (an arrival, a cancellation, a wait's end, a completion in the window). */
export interface ReferenceClassStats {
  /** cancelled / arrived */
  cancelledShare: number;
  /** cancelled while waiting / arrived */
  cutWaitShare: number;
  /** mean wait of the cases that got a server */
  wait: number;
  /** mean cycle time of the completed cases */
  cycle: number;
}

/** mulberry32: a small generator of its own, uniforms in (0, 1). */
export function uniforms(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

const ARRIVAL = 0;
const END = 1;
const DEADLINE = 2;
/** [time, kind, class (ARRIVAL) or case (END, DEADLINE)] */
type Event = [number, number, number];

/** A binary min-heap of events by time. */
class Events {
  private readonly items: Event[] = [];
  get size(): number {
    return this.items.length;
  }
  push(e: Event): void {
    const h = this.items;
    h.push(e);
    for (let i = h.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (h[parent][0] <= h[i][0]) break;
      [h[parent], h[i]] = [h[i], h[parent]];
      i = parent;
    }
  }
  pop(): Event {
    const h = this.items;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      for (let i = 0; ; ) {
        let least = i;
        for (const child of [2 * i + 1, 2 * i + 2]) if (child < h.length && h[child][0] < h[least][0]) least = child;
        if (least === i) break;
        [h[least], h[i]] = [h[i], h[least]];
        i = least;
      }
    }
    return top;
  }
}

/** One replication: per class its statistics, and the servers' busy share over the window. */
export function referenceQueue(
  classes: ReferenceClass[],
  servers: number,
  mu: number,
  run: { horizon: number; warmup: number },
  seed: number,
): { classes: ReferenceClassStats[]; utilization: number } {
  const uniform = uniforms(seed);
  const draw = (rate: number) => -Math.log(uniform()) / rate;
  const events = new Events();
  // per case: its class, arrival, start of service (-1 before) and whether it has left
  const classOf: number[] = [];
  const arrival: number[] = [];
  const started: number[] = [];
  const left: boolean[] = [];
  const queues: number[][] = classes.map(() => []);
  const byPriority = classes.map((_, k) => k).sort((a, b) => classes[b].priority - classes[a].priority);
  const counts = classes.map(() => ({ arrived: 0, cancelled: 0, cutWaits: 0, waits: 0, waitSum: 0, completed: 0, cycleSum: 0 }));
  let busy = 0;
  let busyArea = 0;
  let last = 0;
  const inWindow = (t: number) => t >= run.warmup;

  const serve = (id: number, t: number) => {
    busy++;
    started[id] = t;
    if (inWindow(t)) {
      counts[classOf[id]].waits++;
      counts[classOf[id]].waitSum += t - arrival[id];
    }
    events.push([t + draw(mu), END, id]);
  };
  const serveNext = (t: number) => {
    for (const k of byPriority) {
      const queue = queues[k];
      while (queue.length > 0 && left[queue[0]]) queue.shift(); // cancelled while waiting
      if (queue.length > 0) return serve(queue.shift()!, t);
    }
  };

  classes.forEach((k, i) => events.push([draw(k.lambda), ARRIVAL, i]));
  while (events.size > 0) {
    const [t, kind, id] = events.pop();
    if (t > run.horizon) break;
    const from = Math.max(last, run.warmup);
    if (t > from) busyArea += busy * (t - from);
    last = t;
    if (kind === ARRIVAL) {
      events.push([t + draw(classes[id].lambda), ARRIVAL, id]);
      const c = classOf.length;
      classOf.push(id);
      arrival.push(t);
      started.push(-1);
      left.push(false);
      if (inWindow(t)) counts[id].arrived++;
      const deadline = classes[id].deadline;
      if (deadline !== null) events.push([t + deadline, DEADLINE, c]);
      if (busy < servers) serve(c, t);
      else queues[id].push(c);
    } else if (!left[id]) {
      left[id] = true;
      const n = counts[classOf[id]];
      if (kind === END) {
        if (inWindow(t)) {
          n.completed++;
          n.cycleSum += t - arrival[id];
        }
      } else if (inWindow(t)) {
        n.cancelled++;
        if (started[id] < 0) n.cutWaits++;
      }
      if (started[id] >= 0) {
        busy--;
        serveNext(t);
      }
    }
  }
  if (run.horizon > last) busyArea += busy * (run.horizon - Math.max(last, run.warmup));
  return {
    classes: counts.map((n) => ({
      cancelledShare: n.cancelled / n.arrived,
      cutWaitShare: n.cutWaits / n.arrived,
      wait: n.waitSum / n.waits,
      cycle: n.cycleSum / n.completed,
    })),
    utilization: busyArea / (servers * (run.horizon - run.warmup)),
  };
}
