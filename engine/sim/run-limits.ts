// What stops a replication that cannot end well, before it exhausts memory or runs for ever:
// work in progress past its cap (a team offered more than it can do piles cases up without
// end), work in progress that fills the heap below the cap, and a clock that stands still
// (cases going round a loop of steps that take no time). Each throws an error with a message
// in the model's terms, which the command line reports as a failed run (exit 1), not as a bug.
//
// Invariant: no limit changes a number of a replication that stays within it, so results
// never depend on the cap (results.json and shard files do not record it). On the hot path
// each is one comparison (CONTRIBUTING.md, rule 3); the rest here runs once, when one is reached,
// or, for the heap, at every MEMORY_LOOK_EVERY-th new most of cases at once.
import { REPLICATION_STOPPED, WORKER_OUT_OF_MEMORY } from '../failure.js';
import { fixedNumber, percentText, significantText, wholeNumber } from '../number-format.js';
export { DEFAULT_MAX_WIP } from '../failure.js';
import type { Model } from '../model/model.js';
import { agree, counted } from '../plural.js';
import type { Clock } from './clock.js';

/** Routing steps at one instant after which the clock is taken to stand still. */
export const STANDSTILL_STEPS = 1_000_000;

/**
 * The first check, which only notes the time, comes after this many steps rather than after
 * STANDSTILL_STEPS: so that it has run before the loop is optimised, which would otherwise
 * drop its optimised code at the millionth step, mid-run (hot path: CONTRIBUTING.md, rule 9).
 */
const FIRST_CHECK = 256;

/** Steps watched after a standstill is found, to name the nodes the cases go round. */
const TRACED_STEPS = 100_000;

/** A replication the model does not let end: the model, not etomsim, is what to change. */
export class ReplicationStopped extends Error {
  readonly code = REPLICATION_STOPPED;
}

/** The replication's cases in progress passed `maxWip`: which team they wait for, and how overloaded it is. */
export function overloaded(model: Model, now: number, maxWip: number, waiting: (resource: number) => number): ReplicationStopped {
  const start = `more than ${counted(maxWip, 'case')} in progress at once at ${when(now)} (the cap; --max-wip changes it)`;
  let worst = -1;
  for (let r = 0; r < model.resources.length; r++) if (worst < 0 || waiting(r) > waiting(worst)) worst = r;
  if (worst < 0 || waiting(worst) === 0) {
    return new ReplicationStopped(
      `${start}: no team has cases waiting, so they are in service or automated steps; ` +
        'if that much work in progress is expected, raise --max-wip',
    );
  }
  const team = model.resources[worst];
  const load = team.offeredPerHour / team.capacityPerHour;
  const queued = `${count(waiting(worst))} of them ${agree(waiting(worst), 'waits', 'wait')} for team '${team.name}'`;
  if (!(load >= 1)) {
    const offered =
      team.offeredPerHour > 0
        ? `it is offered ${rate(team.offeredPerHour)} tasks/h against a capacity of ${rate(team.capacityPerHour)}/h (${percentText(load)}) on average`
        : "the scenario's rates offer it no work of its own on average (a skill pool's work counts at the first team with room)";
    return new ReplicationStopped(
      `${start}: ${queued}, though ${offered}; a peak piles them up. If that much work in progress is expected, raise --max-wip`,
    );
  }
  const capacity = team.capacityPerHour > 0 ? `a capacity of ${rate(team.capacityPerHour)}/h (${percentText(load)})` : 'no capacity at all';
  return new ReplicationStopped(
    `${start}: ${queued}. '${team.name}' is offered ${rate(team.offeredPerHour)} tasks/h against ${capacity}, ` +
      'so its queue grows without end; give it more capacity or less work',
  );
}

/**
 * Cases in progress at once from which a replication looks at its thread's heap, and the new
 * most at once between two looks: about 6 MB, then 0.4 MB of cases in a simple flow (some 380
 * bytes each, measured at 250,000), a few microseconds a look.
 */
export const MEMORY_LOOK_FROM = 16_384;
export const MEMORY_LOOK_EVERY = 1_024;

/**
 * A replication's first new case ids that each come to the look (Simulation.newCaseId), the last of
 * them looking at the heap, whatever it finds below MEMORY_LOOK_FROM: so that the look has its
 * type feedback before V8 optimises the loop that inlines it (hot path: CONTRIBUTING.md, rule 9).
 * Taken first at the 16,384th case in progress at once, it deoptimised arrive() there
 * (`deopts.js wip-large 150000`: after 45,056 events).
 */
export const EARLY_LOOKS = 16;

/**
 * How far short of its own limit the old generation is, beyond what one scavenge may promote into
 * it at once (a semi-space), when work in progress stops the replication. V8 aborts the whole
 * process, with its own "FATAL ERROR ... JavaScript heap out of memory" and a native stack, once
 * its old generation is past the limit: at once in the command line's own thread (-w 1), and in
 * a worker thread once past the 16 MB Node grants a worker to stop (its near-heap-limit
 * callback), which a full collection that comes late (a loaded host) can find already spent: 1
 * run in 200 of test/bin/cli.test.ts' flood beside a busy core.
 */
const OLD_HEADROOM = 16 * 2 ** 20;

/**
 * The most a semi-space of the young generation holds, bytes: --max-semi-space-size MB as Node was
 * started (its command line or NODE_OPTIONS; the last given counts), else 16 MB (Node 20, 64-bit).
 * heap_size_limit counts three of them besides the old generation's limit, and one scavenge may
 * promote a whole one into the old generation. Read from the flag because no statistic says it
 * (new_space's size is what it has grown to so far). A young generation larger than the default
 * (a common throughput flag) had put the old generation's limit below where a test of the whole
 * heap looked, and V8 aborted first (review s25r).
 */
function semiSpaceBytes(): number {
  const words = [...(process.env.NODE_OPTIONS ?? '').split(/\s+/), ...process.execArgv];
  let mb = 16;
  for (let i = 0; i < words.length; i++) {
    const m = /^--max[-_]semi[-_]space[-_]size(?:=(.*))?$/.exec(words[i]);
    if (m === null) continue;
    const given = Number(m[1] ?? words[i + 1]);
    if (Number.isFinite(given) && given > 0) mb = given;
  }
  return mb * 2 ** 20;
}

/** semiSpaceBytes(), read at the thread's first look: the flags it reads are fixed as Node starts. */
let semiSpace: number | undefined;

/** The heap, by V8's count, too full to take more cases: the same failure as a worker thread that reached its limit, told the same way. */
export class OutOfMemory extends Error {
  readonly code = WORKER_OUT_OF_MEMORY;
}

/**
 * When the thread's old generation is less than OLD_HEADROOM short of its limit: the error that stops the replication,
 * naming the team most of the cases in progress wait for; else null.
 */
export function heapFull(model: Model, waiting: (resource: number) => number): OutOfMemory | null {
  const v8 = process.getBuiltinModule('node:v8');
  const limit = v8.getHeapStatistics().heap_size_limit;
  let old = 0;
  for (const space of v8.getHeapSpaceStatistics())
    if (space.space_name !== 'new_space' && space.space_name !== 'new_large_object_space') old += space.space_used_size;
  semiSpace ??= semiSpaceBytes();
  const oldLimit = limit - 3 * semiSpace; // heap_size_limit counts the young generation's three semi-spaces too
  if (old < oldLimit - semiSpace - OLD_HEADROOM) return null; // room for one scavenge's promotion, and the headroom
  let worst = -1;
  for (let r = 0; r < model.resources.length; r++) if (worst < 0 || waiting(r) > waiting(worst)) worst = r;
  // no count of cases, no day, no heap in use: they depend on the thread's heap (this one's, a worker's,
  // a queue worker's), and the message must not (it is the same wherever the replication ran)
  const team = worst >= 0 && waiting(worst) > 0 ? `, the most of them waiting for team '${model.resources[worst].name}'` : '';
  return new OutOfMemory(`the cases in progress fill the ${count(Math.round(limit / 2 ** 20))} MB heap${team}: out of memory`);
}

/**
 * Counts routing steps (a case entering a node on its way, Simulation.enter; not a new case's
 * arrival at a plain first task: a stream brings finitely many cases at an instant, and a loop's
 * steps are enter's) and finds a clock that stands still: every
 * `limit` steps it compares the clock with the last check. Time never goes back, so the same
 * time at both ends means every step between happened at one instant. Then it watches a
 * while longer, noting the nodes entered, and stops the replication naming them.
 */
export class StandstillWatch {
  /** steps since the last check; the loop increments it and calls check() at `limit` */
  steps = 0;
  limit = FIRST_CHECK;
  private checkedAt = Number.NaN; // hot path: CONTRIBUTING.md, rule 1
  private visited: Set<number> | null = null;
  private traced = 0;

  constructor(
    private readonly clock: Clock,
    private readonly model: Model,
  ) {}

  check(node: number): void {
    this.steps = 0;
    const now = this.clock.now;
    if (this.visited === null) {
      if (now !== this.checkedAt) {
        this.checkedAt = now;
        this.limit = STANDSTILL_STEPS;
        return;
      }
      this.visited = new Set();
      this.limit = 1; // from now on every step comes here: the run is being stopped anyway
    }
    this.visited.add(node);
    if (++this.traced < TRACED_STEPS && now === this.checkedAt) return;
    throw this.stopped(now);
  }

  private stopped(now: number): ReplicationStopped {
    const nodes = [...this.visited!].sort((a, b) => a - b).map((id) => this.model.nodes[id]);
    const flows = [...new Set(nodes.map((n) => n.flow))].map((f) => {
      const names = nodes.filter((n) => n.flow === f).map((n) => `'${n.name}'`);
      return `${names.join(', ')} of flow '${this.model.flows[f].name}'`;
    });
    return new ReplicationStopped(
      `the clock stood still at ${when(now)} for more than ${count(STANDSTILL_STEPS)} steps: cases go round nodes ` +
        `${flows.join(' and ')} without time passing (a loop of steps that take no time, left too rarely; 'etomsim validate' ` +
        'estimates its passes). Give a step of the loop a duration, or its way out a larger probability',
    );
  }
}

/** A moment of the run: its hour in the first two days, its day after. */
function when(now: number): string {
  return now < 48 ? `hour ${fixedNumber(now, 1)}` : `day ${fixedNumber(now / 24, 1)}`;
}

function count(n: number): string {
  return wholeNumber(n);
}

/** Tasks per hour: whole numbers from 10 up, two significant digits below. */
function rate(x: number): string {
  return x >= 10 ? count(Math.round(x)) : significantText(x, 2);
}
