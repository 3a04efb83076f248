// `npm run check:warmup`: how often the warm-up check warns of a transient that is not there, and how
// often it finds one that is, over enough seeds to tell 5% from 8% (docs/results-format.md quotes
// these lines). Not a test: rates, printed for a person to read. Each line says what was run; the
// seeds are 1..N. "confirmed" counts the runs where the run's tests confirm a transient in some
// series whether or not MSER names a point past the warm-up there; "warned" those the check warns
// of (a confirmed series whose point lies past the warm-up: warmup-check.ts, s38d).
// Options (after `--`): `-r N` runs only the cases at N replications; `--from S` takes seeds S..S+N-1 instead of 1..N
// (fresh seeds, to check a rule chosen on the default ones); `--only TEXT` the cases whose line contains TEXT.
import seedrandom from 'seedrandom';
import { compileModel } from '../engine/model/compile.js';
import { type WarmupInput, warmupAssessment } from '../engine/results/warmup-check.js';
import type { CalendarSpec, Scenario } from '../engine/scenario/types.js';
import { runReplication } from '../engine/sim/replicate.js';
import { mmc } from './models.js';

/** Monday to Friday 09:00-17:00, time 0 being Monday 00:00 (test/support/build.ts' OFFICE). */
const OFFICE: CalendarSpec = { name: 'office', periods: [0, 1, 2, 3, 4].map((d) => ({ start: d * 24 + 9, end: d * 24 + 17 })) };
const WEEK = 168;

/** `lines` independent M/M/1 lines (a flow and a team each) at 0.15 arrivals an hour round the clock, each team open
 *  40 h a week (63% of its open hours): warm-up four weeks (unless said), 30 weeks in all. Four weeks are many times
 *  the transient. */
function officeLines(lines: number, warmupWeeks = 4): Scenario {
  const one = mmc(0.15, 1, 1, 30 * WEEK, warmupWeeks * WEEK);
  const names = Array.from({ length: lines }, (_, k) => (lines === 1 ? '' : String(k)));
  return {
    ...one,
    calendars: [OFFICE],
    resources: names.map((k) => ({ ...one.resources[0], name: `agents${k}`, calendar: 'office' })),
    arrivals: names.map((k) => ({ ...one.arrivals[0], flow: `calls${k}` })),
    flows: names.map((k) => ({
      ...one.flows[0],
      name: `calls${k}`,
      nodes: one.flows[0].nodes.map((n) => ({ ...n, resource: `agents${k}` })),
    })),
  };
}

interface Case {
  what: string;
  replications: number;
  seeds: number;
  /** the run the check reads: a scenario simulated, or series drawn outright */
  scenario?: Scenario;
  draw?: (seed: number, replications: number) => WarmupInput;
}

const SYNTHETIC_BINS = 28;
/** `series` independent stationary series of SYNTHETIC_BINS daily bins (half as flows' cycle times, half as teams' queue
 *  lengths), each bin an independent draw of `law`, warm-up 0: no transient, no weekly rhythm, no replication's own
 *  MSER point (Welch's MSER on the averaged series still names one, which `warned` counts). */
function drawnSeries(series: number, law: string, draw: (uniform: () => number) => number) {
  const names = Array.from({ length: series / 2 }, (_, k) => `s${k}`);
  return (seed: number, replications: number): WarmupInput => {
    const uniform = seedrandom(`etomsim-warmup-false-alarms ${law} ${seed}`);
    const nf = names.length;
    const reps = Array.from({ length: replications }, () => {
      const values = new Float64Array((2 * nf + 2 * nf) * SYNTHETIC_BINS);
      for (const index of [...names.keys()].flatMap((i) => [nf + i, 3 * nf + i]))
        for (let b = 0; b < SYNTHETIC_BINS; b++) values[index * SYNTHETIC_BINS + b] = draw(uniform);
      return { mserWarmup: new Float64Array(nf).fill(Number.NaN), series: values };
    });
    const model = {
      warmup: 0,
      flows: names.map((name) => ({ name })),
      resources: names.map((name) => ({ name, calendar: -1 })),
      arrivals: [],
      seriesBins: SYNTHETIC_BINS,
      seriesBinHours: 24,
    };
    return { name: 'baseline', model, reps };
  };
}
const normalOf = (uniform: () => number) => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());

const CASES: Case[] = [
  {
    what: 'M/M/1 on an office calendar (63% of open hours), warm-up 4 weeks of 30',
    scenario: officeLines(1),
    replications: 10,
    seeds: 1000,
  },
  ...[3, 20].map((replications) => ({
    what: 'M/M/1 on an office calendar (63% of open hours), warm-up 4 weeks of 30',
    scenario: officeLines(1),
    replications,
    seeds: 300,
  })),
  ...[10, 3].map((replications) => ({
    what: '20 independent such lines in one scenario (40 series)',
    scenario: officeLines(20),
    replications,
    seeds: 300,
  })),
  { what: 'M/M/1 at 50%, warm-up 200 h, horizon 2,200 h', scenario: mmc(0.5, 1, 1, 2200, 200), replications: 10, seeds: 300 },
  {
    what: 'M/M/1 at 90%, warm-up 3,000 h (8 relaxation times), horizon 5,000 h',
    scenario: mmc(0.9, 1, 1, 5000, 3000),
    replications: 10,
    seeds: 300,
  },
  {
    what: 'M/M/1 at 90% from empty, no warm-up, horizon 2,000 h (a transient)',
    scenario: mmc(0.9, 1, 1, 2000, 0),
    replications: 10,
    seeds: 500,
  },
  {
    what: 'M/M/1 at 90% from empty, warm-up 360 h (one relaxation time), horizon 2,360 h (a transient left)',
    scenario: mmc(0.9, 1, 1, 2360, 360),
    replications: 10,
    seeds: 200,
  },
  {
    what: 'M/M/1 on an office calendar (63% of open hours) from empty, no warm-up, 30 weeks (a transient)',
    scenario: officeLines(1, 0),
    replications: 10,
    seeds: 200,
  },
  {
    what: '40 stationary series of independent Exp(1) daily values (skewness 2), 28 days, warm-up 0',
    draw: drawnSeries(40, 'exponential', (u) => -Math.log(1 - u())),
    replications: 10,
    seeds: 300,
  },
  {
    what: '40 stationary series of independent normal(1, 1) daily values, 28 days, warm-up 0',
    draw: drawnSeries(40, 'normal', (u) => 1 + normalOf(u)),
    replications: 10,
    seeds: 300,
  },
];

const option = (name: string) => {
  const at = process.argv.indexOf(name);
  return at < 0 ? null : (process.argv[at + 1] ?? '');
};
const onlyReplications = option('-r') === null ? null : Number(option('-r'));
const from = Number(option('--from') ?? 1);
const only = option('--only');

for (const c of CASES) {
  if (onlyReplications !== null && c.replications !== onlyReplications) continue;
  if (only !== null && !c.what.includes(only)) continue;
  let warned = 0;
  let confirmed = 0;
  for (let seed = from; seed < from + c.seeds; seed++) {
    let input: WarmupInput;
    if (c.scenario !== undefined) {
      const model = compileModel({ ...c.scenario, run: { ...c.scenario.run, replications: c.replications, seed } });
      input = { name: 'baseline', model, reps: Array.from({ length: c.replications }, (_, r) => runReplication(model, r, seed)) };
    } else input = c.draw!(seed, c.replications);
    const a = warmupAssessment([input]);
    const series = Object.values(a.check.series.baseline ?? {});
    const points = Object.values(a.confirmedSuggestions?.baseline ?? {});
    if (series.some((s) => s.transient) || points.some((p) => p)) warned++;
    if (a.confirmed.length > 0) confirmed++;
  }
  const seeds = from === 1 ? `${c.seeds} seeds` : `${c.seeds} seeds (${from}-${from + c.seeds - 1})`;
  console.log(`${c.what}, ${c.replications} replications: warned in ${warned} of ${seeds}, confirmed in ${confirmed}`);
}
