// A SECOND REFERENCE, not etomsim: hand-loop.mjs's loop (the same M/M/5 at 90% load, heap,
// xorshift generator and FIFO) that also keeps, for this one model, the statistics an etomsim
// replication keeps for it, written as tightly as a hand loop can: the arrivals in the window;
// the waits and service per task and per team; the team's busy time; the time averages of work
// in progress and of the queue length, the latter also per series bin and per hour of the week;
// the team's saturated spells (its bottleneck hours, per series bin); per completed case its
// cycle time (sum, SLA share, the history of service and wait, per series bin), kept as a 32-bit
// float for the percentiles and batched by five for MSER-5; at the end, the percentiles and
// MSER-5's truncation. It runs to a horizon, as a replication does. Not kept: what a general
// engine needs and this model does not (routing, tokens and cases of any flow, calendars,
// priorities, cancellations, keyed random numbers for common random numbers).
//
// What it is for: `npm run bench` sets etomsim's run against the bare hand loop (the issue's
// goal) and against this one, so that the gap splits into what the statistics cost (this loop
// less the bare one) and what the engine's generality costs (etomsim less this loop).
//
// node bench/reference/hand-loop-statistics.mjs [HORIZON_HOURS]   (default 222,222: ~1M customers)
const horizon = Number(process.argv[2] ?? 222_222);
const LAMBDA = 4.5;
const MU = 1;
const SERVERS = 5;
const WARMUP = 0;
const SLA = 8; // hours: a within-SLA share to keep, as a flow with an SLA has
const BIN_HOURS = 24 * 7; // series bins, as etomsim's default of a week
const BINS = Math.ceil(horizon / BIN_HOURS) + 1;

let s = 0x9e3779b9 | 0;
function uniform() {
  s ^= s << 13;
  s ^= s >>> 17;
  s ^= s << 5;
  return ((s >>> 0) + 0.5) / 4294967296;
}
const exponential = (rate) => -Math.log(uniform()) / rate;

// event heap: times, and what (kind in the low bit: 0 arrival, 1 departure; the customer above it)
let heapTime = new Float64Array(1024);
let heapWhat = new Int32Array(1024);
let size = 0;
function push(t, what) {
  if (size === heapTime.length) {
    heapTime = grown(heapTime, 2 * size);
    heapWhat = grown(heapWhat, 2 * size);
  }
  let i = size++;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (heapTime[p] <= t) break;
    heapTime[i] = heapTime[p];
    heapWhat[i] = heapWhat[p];
    i = p;
  }
  heapTime[i] = t;
  heapWhat[i] = what;
}
let poppedWhat = 0;
function pop() {
  const t = heapTime[0];
  poppedWhat = heapWhat[0];
  const lastT = heapTime[--size];
  const lastW = heapWhat[size];
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= size) break;
    if (c + 1 < size && heapTime[c + 1] < heapTime[c]) c++;
    if (heapTime[c] >= lastT) break;
    heapTime[i] = heapTime[c];
    heapWhat[i] = heapWhat[c];
    i = c;
  }
  heapTime[i] = lastT;
  heapWhat[i] = lastW;
  return t;
}

function grown(a, n) {
  const b = new a.constructor(n);
  b.set(a);
  return b;
}

/**
 * The replication, in one function: every number it updates is a local (a register, or a slot
 * of its own frame), not a module-level `let`, whose double each store would box (CONTRIBUTING.md,
 * hot path, rule 2). The level changes and tallies are written out where they happen.
 */
function simulate() {
  // customers in progress: arrival time, work and wait, by id (ids reused)
  let arrival = new Float64Array(1024);
  let work = new Float64Array(1024);
  let waited = new Float64Array(1024);
  let freeIds = new Int32Array(1024);
  let freeCount = 0;
  let nextId = 0;
  // waiting line of customer ids, a growable ring
  let line = new Int32Array(1024);
  let head = 0;
  let waiting = 0;
  // time averages: work in progress; the queue, also per series bin and hour of the week
  let wipLevel = 0;
  let wipLast = 0;
  let wipArea = 0;
  let queueLast = 0;
  let queueArea = 0;
  let queueHourEnd = 1; // the queue's segments split at each hour, for the hour-of-week areas
  let queueWeekSlot = 0;
  let queueBinEnd = BIN_HOURS;
  let queueBin = 0;
  const queueBins = new Float64Array(BINS);
  const queueWeek = new Float64Array(168);
  // the team's saturated spells: all units busy or a customer waiting
  let saturated = false;
  let saturatedSince = 0;
  let saturatedHours = 0;
  const bottleneckBins = new Float64Array(BINS);
  // tallies
  let arrived = 0;
  let taskVisits = 0;
  let taskWaitHours = 0;
  let taskServiceHours = 0;
  let taskWaits = 0;
  let teamWaitHours = 0;
  let teamWaits = 0;
  let busyHours = 0;
  let cycleSum = 0;
  let withinSla = 0;
  let historyService = 0;
  let historyWait = 0;
  let completed = 0;
  let cycleTimes = new Float32Array(16);
  let untilBatchEnd = 5;
  let batchEnds = new Float64Array(16);
  let batchCount = 0;
  const completionBins = new Float64Array(BINS);
  const cycleBins = new Float64Array(BINS);
  let busy = 0;
  let events = 0;

  push(exponential(LAMBDA), 0);
  while (size > 0 && heapTime[0] <= horizon) {
    const now = pop();
    events++;
    const arriving = (poppedWhat & 1) === 0;
    let id = poppedWhat >> 1;
    // work in progress changes now (the window starts at WARMUP)
    if (wipLevel !== 0 && now > WARMUP) wipArea += wipLevel * (now - (wipLast > WARMUP ? wipLast : WARMUP));
    wipLast = now;
    wipLevel += arriving ? 1 : -1;
    let queueChanges = false;
    if (arriving) {
      if (now >= WARMUP) arrived++;
      push(now + exponential(LAMBDA), 0);
      if (freeCount > 0) id = freeIds[--freeCount];
      else {
        id = nextId++;
        if (id === arrival.length) {
          arrival = grown(arrival, 2 * id);
          work = grown(work, 2 * id);
          waited = grown(waited, 2 * id);
          freeIds = grown(freeIds, 2 * id);
        }
      }
      arrival[id] = now;
      if (waiting === 0 && busy < SERVERS) busy++;
      else {
        queueChanges = true;
        id = -1 - id; // queued, below
      }
    } else {
      const w = work[id];
      const cycle = now - arrival[id];
      if (now >= WARMUP) {
        taskVisits++;
        taskServiceHours += w;
        busyHours += w; // around the clock, a unit is busy for the whole work
        cycleSum += cycle;
        if (cycle <= SLA) withinSla++;
        historyService += w;
        historyWait += waited[id];
      }
      if (completed === cycleTimes.length) cycleTimes = grown(cycleTimes, 2 * completed);
      cycleTimes[completed++] = cycle;
      if (--untilBatchEnd === 0) {
        untilBatchEnd = 5;
        if (batchCount === batchEnds.length) batchEnds = grown(batchEnds, 2 * batchCount);
        batchEnds[batchCount++] = now;
      }
      const bin = Math.floor(now / BIN_HOURS);
      completionBins[bin]++;
      cycleBins[bin] += cycle;
      freeIds[freeCount++] = id;
      if (waiting > 0) queueChanges = true;
      else busy--;
    }
    if (queueChanges) {
      // the queue's last segment, at its level before the change, split at hours and bins
      let t = queueLast;
      while (waiting !== 0 && t < now) {
        let to = queueHourEnd < now ? queueHourEnd : now;
        if (queueBinEnd < to) to = queueBinEnd;
        const area = waiting * (to - t);
        if (t >= WARMUP) {
          queueArea += area;
          queueWeek[queueWeekSlot] += area;
        }
        queueBins[queueBin] += area;
        t = to;
        if (t === queueHourEnd) {
          queueHourEnd++;
          queueWeekSlot = queueWeekSlot === 167 ? 0 : queueWeekSlot + 1;
        }
        if (t === queueBinEnd) {
          queueBinEnd += BIN_HOURS;
          queueBin++;
        }
      }
      if (now >= queueHourEnd) {
        const hour = Math.floor(now);
        queueHourEnd = hour + 1;
        queueWeekSlot = hour % 168;
        queueBin = Math.floor(now / BIN_HOURS);
        queueBinEnd = (queueBin + 1) * BIN_HOURS;
      }
      queueLast = now;
      if (arriving) {
        // enqueue the arrival
        if (waiting === line.length) {
          const bigger = new Int32Array(line.length * 2);
          for (let k = 0; k < waiting; k++) bigger[k] = line[(head + k) % line.length];
          line = bigger;
          head = 0;
        }
        line[(head + waiting++) % line.length] = -1 - id;
        id = -1;
      } else {
        // the freed unit takes the head of the line
        id = line[head];
        head = (head + 1) % line.length;
        waiting--;
      }
    }
    if (id >= 0 && (arriving || queueChanges)) {
      // customer id starts its service now
      const wait = now - arrival[id];
      if (now >= WARMUP) {
        taskWaitHours += wait;
        taskWaits++;
        teamWaitHours += wait;
        teamWaits++;
      }
      waited[id] = wait;
      const w = exponential(MU);
      work[id] = w;
      push(now + w, 1 + 2 * id);
    }
    // saturation changes?
    const nowSaturated = waiting > 0 || busy >= SERVERS;
    if (nowSaturated !== saturated) {
      saturated = nowSaturated;
      if (saturated) saturatedSince = now;
      else {
        for (let t = saturatedSince > WARMUP ? saturatedSince : WARMUP; t < now; ) {
          const bin = Math.floor(t / BIN_HOURS);
          const to = Math.min(now, (bin + 1) * BIN_HOURS);
          bottleneckBins[bin] += to - t;
          saturatedHours += to - t;
          t = to;
        }
      }
    }
  }
  // at the horizon: the open segments, the percentiles and MSER-5
  if (wipLevel !== 0) wipArea += wipLevel * (horizon - (wipLast > WARMUP ? wipLast : WARMUP));
  if (waiting !== 0) queueArea += waiting * (horizon - queueLast);
  if (saturated) saturatedHours += horizon - saturatedSince;
  // the percentiles from the values sorted (the typed array's own sort, native code)
  const sorted = cycleTimes.slice(0, completed).sort();
  const percentile = (p) => sorted[Math.min(completed - 1, Math.floor(p * completed))];
  const batches = Math.floor(completed / 5);
  let best = Number.POSITIVE_INFINITY;
  let truncate = 0;
  let kept = 0;
  let mean = 0;
  let squares = 0;
  for (let d = batches - 1; d >= 0; d--) {
    let sum = 0;
    for (let k = 5 * d; k < 5 * d + 5; k++) sum += cycleTimes[k];
    kept++;
    const delta = sum / 5 - mean;
    mean += delta / kept;
    squares += delta * (sum / 5 - mean);
    const statistic = squares / (kept * kept);
    if (d <= batches / 2 && statistic <= best) {
      best = statistic;
      truncate = d;
    }
  }
  const window = horizon - WARMUP;
  return {
    customers: completed,
    events,
    arrived,
    mean_wait_h: taskWaitHours / taskWaits,
    mean_cycle_h: cycleSum / completed,
    utilisation: busyHours / (SERVERS * window),
    wip: wipArea / window,
    queue: queueArea / window,
    saturated_share: saturatedHours / window,
    within_sla: withinSla / completed,
    p50: percentile(0.5),
    p90: percentile(0.9),
    mser_truncate: 5 * truncate,
    // everything kept is read, so that none of it is optimised away
    kept:
      taskVisits +
      taskServiceHours +
      teamWaitHours +
      teamWaits +
      historyService +
      historyWait +
      queueWeek.reduce((a, b) => a + b) +
      queueBins.reduce((a, b) => a + b) +
      bottleneckBins.reduce((a, b) => a + b) +
      completionBins.reduce((a, b) => a + b) +
      cycleBins.reduce((a, b) => a + b) +
      batchEnds[batchCount - 1],
  };
}

const started = process.hrtime.bigint();
const result = simulate();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
// Erlang C for M/M/5 at 90% load: mean wait 1.5269 h, utilisation 0.9, work in progress 13.0; printed so that the loop is seen to be right
console.log(JSON.stringify({ ...result, loop_s: seconds }));
