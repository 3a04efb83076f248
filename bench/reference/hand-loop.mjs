// THE REFERENCE, not etomsim: a minimal hand-written JavaScript loop for the benchmark's
// model (M/M/5 at 90% load: Poisson arrivals at 4.5 an hour, exponential service of mean
// 1 hour, five servers, first come first served), for `npm run bench` to set etomsim's
// whole-process time against. It keeps only what a bare loop needs: a binary heap of
// event times, a FIFO of waiting arrival times, a xorshift generator, and the mean wait.
// No statistics beyond that, no validation, no output files.
//
// node bench/reference/hand-loop.mjs [CUSTOMERS]   (default 1,000,000)
const customers = Number(process.argv[2] ?? 1_000_000);
const LAMBDA = 4.5;
const MU = 1;
const SERVERS = 5;

let s = 0x9e3779b9 | 0;
function uniform() {
  s ^= s << 13;
  s ^= s >>> 17;
  s ^= s << 5;
  return ((s >>> 0) + 0.5) / 4294967296;
}
const exponential = (rate) => -Math.log(uniform()) / rate;

// event heap: times, and kinds (0 arrival, 1 departure)
let heapTime = new Float64Array(1024);
let heapKind = new Uint8Array(1024);
let size = 0;
function push(t, kind) {
  if (size === heapTime.length) {
    const t2 = new Float64Array(size * 2);
    t2.set(heapTime);
    heapTime = t2;
    const k2 = new Uint8Array(size * 2);
    k2.set(heapKind);
    heapKind = k2;
  }
  let i = size++;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (heapTime[p] <= t) break;
    heapTime[i] = heapTime[p];
    heapKind[i] = heapKind[p];
    i = p;
  }
  heapTime[i] = t;
  heapKind[i] = kind;
}
let poppedKind = 0;
function pop() {
  const t = heapTime[0];
  poppedKind = heapKind[0];
  const lastT = heapTime[--size];
  const lastK = heapKind[size];
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= size) break;
    if (c + 1 < size && heapTime[c + 1] < heapTime[c]) c++;
    if (heapTime[c] >= lastT) break;
    heapTime[i] = heapTime[c];
    heapKind[i] = heapKind[c];
    i = c;
  }
  heapTime[i] = lastT;
  heapKind[i] = lastK;
  return t;
}

// waiting line: arrival times, a growable ring
let line = new Float64Array(1024);
let head = 0;
let waiting = 0;
function enqueue(t) {
  if (waiting === line.length) {
    const bigger = new Float64Array(line.length * 2);
    for (let k = 0; k < waiting; k++) bigger[k] = line[(head + k) % line.length];
    line = bigger;
    head = 0;
  }
  line[(head + waiting++) % line.length] = t;
}
function dequeue() {
  const t = line[head];
  head = (head + 1) % line.length;
  waiting--;
  return t;
}

const started = process.hrtime.bigint();
let busy = 0;
let arrived = 0;
let served = 0;
let waitSum = 0;
push(exponential(LAMBDA), 0);
while (served < customers) {
  const now = pop();
  if (poppedKind === 0) {
    arrived++;
    if (arrived < customers) push(now + exponential(LAMBDA), 0);
    if (busy < SERVERS) {
      busy++;
      push(now + exponential(MU), 1);
    } else enqueue(now);
  } else {
    served++;
    if (waiting > 0) {
      waitSum += now - dequeue();
      push(now + exponential(MU), 1);
    } else busy--;
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
// Erlang C for M/M/5 at 90% load: mean wait 1.5269 h; printed so that the loop is seen to be right
console.log(JSON.stringify({ customers: served, events: arrived + served, mean_wait_h: waitSum / served, loop_s: seconds }));
