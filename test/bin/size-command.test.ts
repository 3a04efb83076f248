// `etomsim size` as a script meets it: exit 3 with a diagnosis when the targets cannot be met,
// current against recommended staffing, the chart as SVG, and both spellings of utilisation.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { scratchFolders } from '../support/scratch.js';
import { etomsim } from '../support/cli.js';
import { mmcWait } from '../support/queueing.js';
import { hoursOrDays } from '../../engine/number-format.js';

const tmp = scratchFolders('etomsim-size-');

// A desk open 08:00-18:00 on weekdays, faults around the clock: a 4 h SLA is out of reach for
// cases that arrive in the evening, however many agents there are.
const OFFICE = `name: Office desk
run: { horizon: 4w, warmup: 1w, replications: 3, seed: 3 }
calendars: { office: { days: [mon, tue, wed, thu, fri], hours: "08:00-18:00" } }
resources:
  desk: { capacity: 1, cost_per_hour: 30, calendar: office, max_capacity: 4 }
arrivals: [ { flow: f, rate: 0.5/h } ]
flows:
  f:
    sla: 4h
    start: a
    nodes:
      a: { resource: desk, duration: { exponential: { mean: 30m } } }
`;

function write(text: string): { file: string; dir: string } {
  const dir = tmp();
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, text);
  return { file, dir };
}

describe('etomsim size', () => {
  test('exits 3 when no staffing meets the targets, saying which target, the best reached and what limits it', () => {
    const { file, dir } = write(OFFICE);
    const r = etomsim('size', file, '--target', 'flows.f.sla_attainment >= 90%', '--workers', '1', '--out', join(dir, 'out'));
    expect(r.status).toBe(3);
    expect(r.stdout).toContain("Target 'flows.f.sla_attainment >= 90%' cannot be met: the best reached is");
    expect(r.stdout).toMatch(/ {2}- off-shift time: .* per case queued or paused outside the teams' shifts/);
    expect(r.stdout).toContain('  - at the maximum capacity (desk at 4)'); // the team's max_capacity
    expect(r.stdout).toMatch(/ {2}- working time: 0\.[45]\d h per case/); // 30 min of exponential work, as every time is written: "0.54 h"
    const sizing = JSON.parse(readFileSync(join(dir, 'out', 'sizing.json'), 'utf8'));
    // s37f F2: Monday's weekend backlog (some 31 cases at 1.5 an hour net) runs past Monday's closing with one
    // desk, and waits the night off shift: more units shorten the off-shift time, and the line says by how much,
    // the most and least of the staffings tried, as sizing.json's candidates measured them
    const offShift = sizing.candidates.map((c: { capacities: { desk: number }; metrics: Record<string, { mean: number }> }) => ({
      desk: c.capacities.desk,
      x: c.metrics['flows.f.breakdown.off_shift'].mean,
    }));
    const most = offShift.reduce((m: { x: number }, c: { x: number }) => (c.x > m.x ? c : m));
    const least = offShift.reduce((m: { x: number }, c: { x: number }) => (c.x < m.x ? c : m));
    expect(least.desk).toBeGreaterThan(most.desk);
    expect(r.stdout).not.toContain('do not remove it');
    expect(r.stdout).toContain(
      `; more units shorten only its queueing that runs past closing time (${hoursOrDays(most.x)} with desk ${most.desk}, ${hoursOrDays(least.x)} with desk ${least.desk}, the most and least of the staffings tried), longer shifts the rest`,
    );
    // What limits the target, under its line, each of sizing.json's limits as a list item: a limit
    // is a phrase of its own ("at the maximum capacity (desk at 4): ..."), which "limited by" before
    // it made ungrammatical ("limited by at the maximum capacity").
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((line) => line.startsWith("Target 'flows.f.sla_attainment >= 90%' cannot be met"));
    expect(lines[at].endsWith(' What limits it:')).toBe(true);
    const limits: string[] = sizing.diagnosis[0].limits;
    expect(limits.length).toBeGreaterThanOrEqual(3);
    expect(lines.slice(at + 1, at + 1 + limits.length)).toEqual(limits.map((limit) => `  - ${limit}`));
    expect(sizing.chosen).toBeNull();
    expect(sizing.max_capacity).toEqual({ desk: 4 });
    expect(sizing.diagnosis[0].best_mean).toBeLessThan(0.9);
    expect(sizing.current.capacities).toEqual({ desk: 1 });
    expect(r.stdout).toContain('\nRaise --max-capacity or max_capacity, lengthen the shifts or calendars, or relax the targets.\n');
    // -q prints nothing, and the exit code still tells
    const quiet = etomsim('size', file, '--target', 'flows.f.sla_attainment >= 90%', '--workers', '1', '-q');
    expect(quiet.status).toBe(3);
    expect(quiet.stdout).toBe('');
  });

  test('a team-wait target its calendar alone puts out of reach is blamed on the time off shift, and the closing line names only what applies (s33x F12)', () => {
    const { file, dir } = write(OFFICE);
    const r = etomsim('size', file, '--target', 'resources.desk.wait <= 1m', '--workers', '1', '--out', join(dir, 'out'));
    expect(r.status).toBe(3);
    // cases round the clock, the desk open 50 of the week's 168 h: 118 / 168 = 70% join while it is shut and wait for
    // the opening, (4 x 14^2 / 2 + 62^2 / 2) / 168 = 13.8 h on average (weekday nights of 14 h, the weekend of 62 h)
    expect(r.stdout).toContain(
      "  - time off shift: desk keeps the hours of calendar 'office', and 70% of its tasks join outside them (by the hours their cases reach it) and wait for the next opening, about 13.8 h a task on average; no size shortens it",
    );
    const sizing = JSON.parse(readFileSync(join(dir, 'out', 'sizing.json'), 'utf8'));
    expect(sizing.diagnosis[0].causes).toEqual(['off_shift', 'maximum']);
    expect(r.stdout).toContain('\nRaise --max-capacity or max_capacity, lengthen the shifts or calendars, or relax the targets.\n');
    // a night roster whose tasks come from a day desk: every task joins while it is off, measured
    const roster = `name: Night
run: { horizon: 6w, warmup: 1w, replications: 3, seed: 3 }
calendars: { office: { days: [mon, tue, wed, thu, fri], hours: "08:00-18:00" } }
resources:
  desk: { capacity: 3, cost_per_hour: 30, calendar: office }
  techs:
    cost_per_hour: 60
    shifts: [{ days: [mon, tue, wed, thu, fri, sat, sun], hours: "20:00-08:00", capacity: 2 }]
arrivals: [ { flow: f, rate: 0.5/h } ]
flows:
  f:
    start: a
    nodes:
      a: { resource: desk, duration: 10m, next: b }
      b: { resource: techs, duration: { exponential: { mean: 30m } } }
`;
    const night = write(roster);
    const n = etomsim('size', night.file, '--target', 'resources.techs.wait <= 30m', '--resources', 'techs', '--workers', '1');
    expect(n.status).toBe(3);
    expect(n.stdout).toContain(
      '  - time off shift: 100% of the wait at techs is that of tasks that joined while none of its shifts was on, which wait for the next shift whatever its size; no size shortens it',
    );
    // the search climbs to techs' maximum all the same; no unsized team limits it, so the advice does not name --resources
    expect(n.stdout).toContain('\nRaise --max-capacity or max_capacity, lengthen the shifts or calendars, or relax the targets.\n');
  });

  test('exits 0 with current against recommended staffing, the weekly cost difference and sizing.svg; utilisation spelt either way', () => {
    const { file, dir } = write(OFFICE.replace('sla: 4h', 'sla: 5d'));
    const r = etomsim('size', file, '--target', 'resources.desk.utilisation <= 60%', '--workers', '1', '--out', join(dir, 'out'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const sizing = JSON.parse(readFileSync(join(dir, 'out', 'sizing.json'), 'utf8'));
    // 0.5 cases/h x 0.5 h x 168 h = 42 h a week on a 50 h office week: 84% with one agent, 42% with two
    expect(sizing.chosen.capacities).toEqual({ desk: 2 });
    expect(sizing.current.cost_per_week).toBe(30 * 50);
    expect(sizing.cost_difference_per_week).toBe(30 * 50);
    expect(sizing.uncosted).toBeUndefined(); // every team sized has a cost
    // the recommended staffing's own hourly rate beside it (3,000 / 168), the difference's beside the difference (1,500 / 168)
    expect(r.stdout).toContain(
      'Recommended staffing: 3,000 cost units per week (17.9 cost units an hour on average) against 1,500 cost units now: +1,500 cost units a week (+8.93 cost units an hour)',
    );
    expect(r.stdout).toMatch(/desk\s+1\s+2\s/);
    // every candidate's targets missed named beside its KPIs (s33x F15), on the console and in sizing.html
    const rows = r.stdout.split('\n');
    const head = rows.findIndex((line) => line.startsWith('Candidates tried')) + 1;
    expect(rows[head]).toMatch(/meets\s+desk · utilisation\s+missed$/);
    expect(rows[head + 2]).toMatch(/^x?\s+1\s.*\sno\s.*\sresources\.desk\.utilisation <= 60%$/);
    expect(rows.find((line) => line.startsWith('*'))).toMatch(/\syes\s.*\s–$/);
    expect(existsSync(join(dir, 'out', 'sizing.svg'))).toBe(true);
    expect(readFileSync(join(dir, 'out', 'sizing.svg'), 'utf8')).toContain('<svg');
    const page = readFileSync(join(dir, 'out', 'sizing.html'), 'utf8');
    expect(page).toContain('<th scope="col">recommended</th>');
    expect(page).toContain('<th scope="col">missed</th>');
    expect(page).toContain('<td>resources.desk.utilisation &lt;= 60%</td>');
    expect(page).toContain('resources.desk.utilisation &lt;= 60%'); // the typed target, escaped
    // the choice confirmed on fresh replications, with their figures, in the console and on the page
    expect(sizing.verification.meets).toBe(true);
    expect(sizing.verification.metrics[sizing.verification.targets[0].path].mean).toBeLessThan(0.6);
    expect(r.stdout).toContain(
      `Verified on 10 fresh replications (seed ${sizing.verification.seed}): the recommended staffing meets every target again.`,
    );
    expect(page).toContain(`Verified on 10 fresh replications (seed ${sizing.verification.seed})`);
    expect(page).toMatch(/<td>resources\.desk\.utilisation &lt;= 60%<\/td><td class="number">[\d.]+%<\/td><td>met<\/td>/);
    // etomsim report rebuilds the sizing report from sizing.json alone, its chart drawn again byte for byte
    const again = etomsim('report', join(dir, 'out', 'sizing.json'), '--out', join(dir, 'again'), '-q');
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(readFileSync(join(dir, 'again', 'sizing.html'), 'utf8')).toBe(page);
    expect(readFileSync(join(dir, 'again', 'sizing.svg'), 'utf8')).toBe(readFileSync(join(dir, 'out', 'sizing.svg'), 'utf8'));
  });

  // Two desks in tandem (Poisson 2/h; desk exp(1 h), back exp(0.5 h)), target mean cycle time <= 1.75 h, 2 replications
  // per candidate: the truth of each staffing is M/M/c + M/M/c (Erlang C). The verification runs max(2, 10) fresh
  // replications. Same seed, same outcome every time, for any workers.
  const TANDEM = `name: two desks
time_unit: hours
currency: EUR
run: { horizon: 400h, warmup: 40h, replications: 2, seed: 3 }
resources:
  desk: { capacity: 3, cost_per_hour: 30 }
  back: { capacity: 2, cost_per_hour: 50 }
arrivals: [ { flow: f, rate: 2/h } ]
flows:
  f:
    start: a
    nodes:
      a: { resource: desk, duration: { exponential: { mean: 1h } }, next: b }
      b: { resource: back, duration: { exponential: { mean: 0.5h } } }
`;
  const truth = (c: { desk: number; back: number }) => mmcWait(2, 1, c.desk) + 1 + mmcWait(2, 2, c.back) + 0.5;
  const SEED_STEP = 0x9e3779b1; // engine/analysis/sizing.ts verificationSeed: step k's seed is seed + (k + 1) x this, mod 2^32
  const sizeTandem = (seed: number, dir: string, ...more: string[]) =>
    etomsim(
      'size',
      join(dir, 'scenario.yaml'),
      '--seed',
      String(seed),
      '--target',
      'flows.f.cycle_time.mean <= 1.75h',
      '-w',
      '1',
      '--out',
      join(dir, `o${seed}`),
      ...more,
    );

  test('a choice its fresh replications refute is replaced by one unit more that they confirm, said first in the console and sizing.html (s33x F21)', () => {
    // seed 8: the search's choice, desk 4 and back 2, is truly short (Erlang C: 1.754 h against 1.75 h); 10 fresh
    // replications refute it (their mean misses); one unit more on back, whose mean cycle time it cuts most per euro on
    // the search's replications, is confirmed on replications of its own. Before, size exited 3 here, recommending nothing.
    const { dir } = write(TANDEM);
    const r = sizeTandem(8, dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const sizing = JSON.parse(readFileSync(join(dir, 'o8', 'sizing.json'), 'utf8'));
    expect(sizing.refuted).toHaveLength(1);
    const [first] = sizing.refuted;
    expect(first.capacities).toEqual({ desk: 4, back: 2 });
    expect(truth(first.capacities)).toBeGreaterThan(1.75);
    expect(first.verification).toMatchObject({ meets: false, outcome: 'refuted', seed: 8 + SEED_STEP, replications: 10 });
    expect(first.verification.metrics['flows.f.cycle_time.mean'].mean).toBeGreaterThan(1.75);
    expect(sizing.chosen.capacities).toEqual({ desk: 4, back: 3 });
    expect(truth(sizing.chosen.capacities)).toBeLessThan(1.75);
    expect(sizing.verification).toMatchObject({ meets: true, outcome: 'confirmed', seed: (8 + 2 * SEED_STEP) % 2 ** 32, replications: 10 });
    expect(sizing.chosen.cost_per_week - first.cost_per_week).toBe(50 * 168); // one back unit
    const lines = r.stdout.split('\n');
    expect(lines[3]).toBe(
      `Recommended after a refutation: the cheapest staffing found, desk 4, back 2 (EUR 36,960 per week), met every target on the search's 2 replications, but on 10 fresh replications (seed ${first.verification.seed}) it misses 'flows.f.cycle_time.mean <= 1.75h' (mean 1.79 h; the end of its 95% interval 1.87 h against 1.75 h). One unit more, desk 4, back 3 at EUR 45,360 per week (+EUR 8,400 on the search's choice), meets every target on 10 fresh replications (seed ${sizing.verification.seed}): it is recommended. Run size with more --replications for a search its noise does not flatter.`,
    );
    expect(lines[5]).toMatch(/^Recommended staffing: EUR 45,360 per week/);
    expect(r.stdout).toMatch(/\* chosen; r refuted on fresh replications/);
    expect(lines.filter((l) => /^r /.test(l))).toHaveLength(1);
    const page = readFileSync(join(dir, 'o8', 'sizing.html'), 'utf8');
    expect(page).toContain('<strong>Recommended after a refutation');
    expect(page.indexOf('Recommended after a refutation')).toBeLessThan(page.indexOf('<table>'));
    expect(page).toContain('<th scope="col">recommended</th>');
    expect(page).toContain('<td>refuted</td>');
    // any workers: the same file
    const two = etomsim(
      'size',
      join(dir, 'scenario.yaml'),
      '--seed',
      '8',
      '--target',
      'flows.f.cycle_time.mean <= 1.75h',
      '-w',
      '2',
      '-q',
      '--out',
      join(dir, 'two'),
    );
    expect(two.status).toBe(0);
    expect(readFileSync(join(dir, 'two', 'sizing.json'), 'utf8')).toBe(readFileSync(join(dir, 'o8', 'sizing.json'), 'utf8'));
  });

  test('--per-shift: the unit more recommended after a refutation is checked against the placement its own waits ask (s41 Noticed)', () => {
    // the same tandem, back a roster of one shift round the clock, sized per shift: seed 8 refutes desk 4, back 2 as
    // above (Erlang C: 1.754 h) and recommends back 3. Arrivals alike every hour: the back's offered load is
    // 2/h x 0.5 h = 1 erlang in each of the week's 168 hours wherever the queues before it place the cases, so Erlang C
    // asks 2 in every interval after any staffing's waits, the unit more's own too: consistent, and nothing said
    const { dir } = write(
      TANDEM.replace(
        '  back: { capacity: 2, cost_per_hour: 50 }',
        '  back:\n    cost_per_hour: 50\n    shifts: [ { days: [mon, tue, wed, thu, fri, sat, sun], hours: "00:00-24:00", capacity: 2 } ]',
      ),
    );
    const r = sizeTandem(8, dir, '--per-shift');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const sizing = JSON.parse(readFileSync(join(dir, 'o8', 'sizing.json'), 'utf8'));
    expect(sizing.refuted.map((x: { capacities: unknown }) => x.capacities)).toEqual([{ desk: 4, back: 2 }]);
    expect(truth({ desk: 4, back: 2 })).toBeGreaterThan(1.75);
    expect(sizing.chosen.capacities).toEqual({ desk: 4, back: 3 });
    expect(sizing.verification.outcome).toBe('confirmed');
    const intervals: { offered_load: number; required: number }[] = sizing.erlang_c_intervals.back;
    expect(intervals).toHaveLength(168);
    for (const iv of intervals) {
      expect(iv.offered_load).toBeCloseTo(1, 9);
      expect(iv.required).toBe(2);
    }
    expect(sizing.queue_placement.measured_on).toEqual({ capacities: { desk: 4, back: 2 }, shift_capacities: { back: [2] } });
    expect(sizing.queue_placement.unit_more).toEqual({
      capacities: { desk: 4, back: 3 },
      shift_capacities: { back: [3] },
      consistent: true,
      ruled_out: null,
      unread: null,
    });
    expect(r.stdout).not.toContain('held to the placement');
  });

  test('a refuted choice with no unit within the maximum to try is not recommended: exit 3, saying no unit more could be tried (s34e Left)', () => {
    // seed 8's search choice, desk 4 and back 2, truly short (Erlang C 1.754 h against 1.75 h): with desk alone sized and
    // at most 4, no unit more is within the maximum, so nothing is tried after the refutation and nothing recommended.
    const { dir } = write(TANDEM);
    const r = sizeTandem(8, dir, '--resources', 'desk', '--max-capacity', '4');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(3);
    const sizing = JSON.parse(readFileSync(join(dir, 'o8', 'sizing.json'), 'utf8'));
    expect(sizing.max_capacity).toEqual({ desk: 4 });
    expect(sizing.chosen.capacities).toEqual({ desk: 4 }); // back kept at its 2
    expect(truth({ desk: 4, back: 2 })).toBeGreaterThan(1.75);
    expect(sizing.verification).toMatchObject({ meets: false, outcome: 'refuted', seed: 8 + SEED_STEP, replications: 10 });
    expect(sizing.verification.metrics['flows.f.cycle_time.mean'].mean).toBeGreaterThan(1.75);
    expect(sizing.refuted).toHaveLength(1);
    expect(r.stdout.split('\n')[3]).toBe(
      `Not recommended: the cheapest staffing found (EUR 36,960 per week) met every target on the search's 2 replications, but on 10 fresh replications (seed ${8 + SEED_STEP}) it misses 'flows.f.cycle_time.mean <= 1.75h': the search, choosing among many staffings, took one its own noise flattered. No unit more could be tried: none is within the maximum capacities and improves the targets missed on the search's replications. Run size with more --replications.`,
    );
    expect(r.stdout).not.toContain('Recommended staffing');
  });

  test('four staffings refuted in a row, the most size tries: nothing recommended, exit 3 (s34e Left)', () => {
    // 2 cases an hour at a desk (1 h each), then 0.3% of them a 200 h automated wait: over the 360 h window about
    // 2 x 199 x 0.003 = 1.19 such cases complete in a replication (those arriving in its first 199 h), which lifts
    // the mean cycle time past 1.15 h whatever the desk's size. Seed 21's two search replications hold none, so the
    // search meets 1.15 h with desk 4; each fresh run (10 replications, a seed of its own) holds some: refuted, and
    // so are desk 5, 6 and 7, each a unit more, after which size stops.
    const rare = `name: rare slow
time_unit: hours
currency: EUR
run: { horizon: 400h, warmup: 40h, replications: 2, seed: 1 }
resources:
  desk: { capacity: 3, cost_per_hour: 30 }
arrivals: [ { flow: f, rate: 2/h } ]
flows:
  f:
    start: a
    nodes:
      a: { resource: desk, duration: 1h, next: d }
      d: { branch: [ { to: done, p: 0.997 }, { to: slow, p: 0.003 } ] }
      done: { duration: 0m }
      slow: { duration: 200h }
`;
    const [slow, normal] = [2 * 199 * 0.003, 2 * 360 * 0.997]; // expected completions in the window a replication
    const least = (normal * 1 + slow * 201) / (normal + slow); // the mean cycle time with no wait at all
    expect(least).toBeGreaterThan(1.15);
    const { dir } = write(rare);
    const r = etomsim(
      'size',
      join(dir, 'scenario.yaml'),
      '--seed',
      '21',
      '--target',
      'flows.f.cycle_time.mean <= 1.15h',
      '-w',
      '1',
      '--out',
      join(dir, 'o'),
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(3);
    const sizing = JSON.parse(readFileSync(join(dir, 'o', 'sizing.json'), 'utf8'));
    // the search's choice met the target on its own replications, which held no slow case
    expect(sizing.chosen.capacities).toEqual({ desk: 4 });
    const searched = sizing.candidates.find((c: { capacities: { desk: number } }) => c.capacities.desk === 4);
    expect(searched.meets).toBe(true);
    expect(sizing.verification).toMatchObject({ meets: false, outcome: 'refuted', seed: 21 + SEED_STEP });
    // VERIFY_STEPS (3) units more, each refuted on a seed of its own: every fresh mean past the target
    expect(sizing.refuted).toHaveLength(4);
    sizing.refuted.forEach((x: { capacities: { desk: number }; verification: Record<string, unknown> }, k: number) => {
      expect(x.capacities).toEqual({ desk: 4 + k });
      expect(x.verification).toMatchObject({ outcome: 'refuted', seed: (21 + (k + 1) * SEED_STEP) % 2 ** 32, replications: 10 });
      expect((x.verification.metrics as Record<string, { mean: number }>)['flows.f.cycle_time.mean'].mean).toBeGreaterThan(1.15);
    });
    const lead = r.stdout.split('\n')[3];
    expect(lead).toMatch(
      /^Not recommended: the cheapest staffing found \(EUR 20,160 per week\) met every target on the search's 2 replications, but on 10 fresh replications/,
    );
    expect(lead).toContain(
      'Nor did 3 staffings up from it, a unit at a time, each on fresh replications of its own: desk 5 (EUR 25,200 per week)',
    );
    expect(lead).toMatch(
      /desk 7 \(EUR 35,280 per week\) \(seed \d+\): 'flows\.f\.cycle_time\.mean <= 1\.15h' \(mean [\d.]+ h; the end of its 95% interval [\d.]+ h against 1\.15 h\), the most size tries \(3\)\. Run size with more --replications\.$/,
    );
    expect(r.stdout).not.toContain('Recommended staffing');
  });

  test('a choice that truly meets its target is not called refuted (s34y F13): confirmed, or "not confirmed" when its fresh mean meets but the interval is too wide (exit 3)', () => {
    // seeds 3, 7 and 4 choose desk 5 / back 3, desk 5 / back 2 twice: Erlang C 1.543 h, 1.687 h, 1.687 h, all inside 1.75 h.
    // On 2 fresh replications (t = 12.7) the verification refuted all three; on 10, 3 and 7 are confirmed, and 4's mean
    // (1.70 h) meets while its interval's end (1.751 h) does not: not confirmed, nothing recommended, no unit more tried.
    const { dir } = write(TANDEM);
    for (const seed of [3, 7]) {
      const r = sizeTandem(seed, dir, '-q');
      expect(r.status).toBe(0);
      const sizing = JSON.parse(readFileSync(join(dir, `o${seed}`, 'sizing.json'), 'utf8'));
      expect(truth(sizing.chosen.capacities)).toBeLessThan(1.75);
      expect([sizing.verification.outcome, sizing.refuted]).toEqual(['confirmed', []]);
    }
    const r = sizeTandem(4, dir);
    expect(r.status).toBe(3);
    const sizing = JSON.parse(readFileSync(join(dir, 'o4', 'sizing.json'), 'utf8'));
    expect(sizing.chosen.capacities).toEqual({ desk: 5, back: 2 });
    expect(truth(sizing.chosen.capacities)).toBeLessThan(1.75);
    expect(sizing.verification).toMatchObject({ meets: false, outcome: 'not_confirmed', replications: 10 });
    expect(sizing.verification.metrics['flows.f.cycle_time.mean'].mean).toBeLessThan(1.75);
    expect(sizing.refuted).toHaveLength(1); // no unit more: an interval too wide is not a staffing too short
    expect(
      sizing.candidates.some((c: { capacities: { desk: number; back: number } }) => c.capacities.desk === 5 && c.capacities.back === 3),
    ).toBe(false);
    expect(r.stdout.split('\n')[3]).toBe(
      `Not confirmed: the cheapest staffing found (EUR 42,000 per week) met every target on the search's 2 replications; on 10 fresh replications (seed ${sizing.verification.seed}) 'flows.f.cycle_time.mean <= 1.75h' (mean 1.70 h; the end of its 95% interval 1.751 h against 1.750 h): each mean meets its target, but its interval is too wide to confirm it. Run size with more --replications, up to about half the fresh run's 10: with as many, a choice at the target's margin is confirmed about as often as not.`,
    );
    expect(r.stdout).not.toContain('Recommended staffing');
    expect(r.stdout).not.toContain('noise flattered');
    // one word per outcome (s35y F5): "not confirmed" in every label, never "refuted"
    expect(r.stdout).toMatch(/team\s+current\s+not confirmed\s+lower bound\s+maximum/);
    expect(r.stdout).toContain("The search's choice, not confirmed: EUR 42,000 per week");
    expect(r.stdout).toContain('KPIs, current and not confirmed');
    expect(r.stdout).not.toContain('refuted');
    const page = readFileSync(join(dir, 'o4', 'sizing.html'), 'utf8');
    expect(page.indexOf('Not confirmed')).toBeLessThan(page.indexOf('<table>')); // first on the page
    expect(page).not.toContain('<th scope="col">recommended</th>');
    expect(page).toContain('<th scope="col">not confirmed</th>');
    expect(page).toContain('<td>chosen, not confirmed</td>');
    expect(page).not.toContain('refuted');
  });

  test("a team no task offers work is sized at 0 units, not 1: the bundled zero_touch's order desk (s33x F30)", () => {
    // zero_touch automates capture_order, order_desk's only task: the desk keeps 3 agents it no longer needs.
    const dir = tmp();
    const fiber = fileURLToPath(new URL('../../scenarios/fiber-order-to-activation.yaml', import.meta.url));
    const target = 'flows.order_to_activation.sla_attainment >= 85%';
    const r = etomsim('size', fiber, '--variant', 'zero_touch', '--target', target, '-r', '2', '--workers', '1', '--out', join(dir, 'out'));
    expect(r.stderr).toBe('');
    const sizing = JSON.parse(readFileSync(join(dir, 'out', 'sizing.json'), 'utf8'));
    expect(sizing.no_work).toEqual(['order_desk']);
    expect(sizing.lower_bounds.order_desk).toBe(0);
    expect(sizing.min_capacity.order_desk).toBe(0);
    expect(sizing.current.capacities.order_desk).toBe(3);
    expect(sizing.chosen.capacities.order_desk).toBe(0);
    expect(sizing.lower_bounds.provisioning).toBeGreaterThan(0); // the teams with work keep their offered-load bound
    const note = 'No work: no task offers order_desk any work (offered load 0), so its lower bound is 0 units';
    expect(r.stdout).toContain(note);
    expect(r.stdout).toMatch(/order_desk\s+3\s+0\s+0\s/);
    expect(readFileSync(join(dir, 'out', 'sizing.html'), 'utf8')).toContain(note);
  });

  test("a `*` in a target's team does not reach a team with no work (the README's resources.*.utilization): it is still sized at 0", () => {
    const { file, dir } = write(`name: Idle spare
time_unit: hours
run: { horizon: 20d, warmup: 1d, replications: 3, seed: 1 }
resources:
  desk: { capacity: 2, cost_per_hour: 10 }
  spare: { capacity: 2, cost_per_hour: 10 }
arrivals: [ { flow: f, rate: 1/h } ]
flows:
  f:
    start: work
    nodes:
      work: { resource: desk, duration: { exponential: { mean: 1h } } }
`);
    const r = etomsim('size', file, '--target', 'resources.*.utilization <= 0.85', '--workers', '1', '--out', join(dir, 'out'));
    expect(r.status, r.stderr).toBe(0);
    const sizing = JSON.parse(readFileSync(join(dir, 'out', 'sizing.json'), 'utf8'));
    expect(sizing.no_work).toEqual(['spare']);
    expect(sizing.chosen.capacities.spare).toBe(0);
    expect(sizing.chosen.capacities.desk).toBeGreaterThan(0);
  });

  test('a team sized without cost_per_hour: sizing.json names it, and the output says its units count as free', () => {
    const TWO = OFFICE.replace('sla: 4h', 'sla: 5d')
      .replace('max_capacity: 4 }', 'max_capacity: 4 }\n  aides: { capacity: 1, max_capacity: 4 }')
      .replace(
        'a: { resource: desk, duration: { exponential: { mean: 30m } } }',
        'a: { resource: desk, duration: { exponential: { mean: 30m } }, next: b }\n      b: { resource: aides, duration: { exponential: { mean: 30m } } }',
      );
    const { file, dir } = write(TWO);
    const r = etomsim(
      'size',
      file,
      '--target',
      'resources.desk.utilisation <= 60%',
      '--resources',
      'desk,aides',
      '--workers',
      '1',
      '--out',
      join(dir, 'out'),
    );
    expect(r.stderr).toBe('');
    const sizing = JSON.parse(readFileSync(join(dir, 'out', 'sizing.json'), 'utf8'));
    expect(sizing.resources).toEqual(['desk', 'aides']);
    expect(sizing.uncosted).toEqual(['aides']);
    const note = 'aides has no cost_per_hour: the search counts its units as free, so it may add them where a costed unit would do';
    expect(r.stdout).toContain(note);
    expect(readFileSync(join(dir, 'out', 'sizing.html'), 'utf8')).toContain(note); // and the page says it too
  });

  test("--per-shift prints and writes each shift's current and recommended capacity and weekly cost; refused without a roster", () => {
    // Two agents by day, one at night, 12 h each: 0.5 cases/h x 30 min = 0.25 erlangs around the clock, so Erlang C
    // needs 1 agent on each shift for a mean wait of 20 min (0.25 x 0.5 h / 0.75 = 10 min with one): the day shift can lose one.
    const NOC = OFFICE.replace(
      'desk: { capacity: 1, cost_per_hour: 30, calendar: office, max_capacity: 4 }',
      `desk:
    cost_per_hour: 30
    shifts:
      - { days: [mon, tue, wed, thu, fri, sat, sun], hours: "08:00-20:00", capacity: 2 }
      - { days: [mon, tue, wed, thu, fri, sat, sun], hours: "20:00-08:00", capacity: 1 }`,
    )
      .replace('sla: 4h', 'sla: 5d')
      .replace(/^calendars: .*\n/m, ''); // the roster replaces the calendar, which would be unused (a validate warning)
    const { file, dir } = write(NOC);
    const r = etomsim(
      'size',
      file,
      '--per-shift',
      '--target',
      'resources.desk.wait <= 20m',
      '--replications',
      '8',
      '--workers',
      '1',
      '--out',
      join(dir, 'out'),
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const sizing = JSON.parse(readFileSync(join(dir, 'out', 'sizing.json'), 'utf8'));
    expect(sizing.per_shift).toBe(true);
    expect(
      sizing.shifts.map((s: { erlang_c: number; current: number; recommended: number }) => [s.erlang_c, s.current, s.recommended]),
    ).toEqual([
      [1, 2, 1],
      [1, 1, 1],
    ]);
    // 84 h a week on each shift at 30 an hour: the day shift's second agent is 2,520 a week
    expect(sizing.shifts[0].cost_per_week).toEqual({ current: 5040, recommended: 2520, difference: -2520 });
    expect(sizing.cost_difference_per_week).toBe(-2520);
    // Erlang C 1, floor 1 (sizing.json's lower_bound), then maximum, current 2, recommended 1
    expect(sizing.shifts[0].lower_bound).toBe(1);
    expect(r.stdout).toMatch(/desk\s+shift 0\s+Mon-Sun 08:00-20:00\s+84\.0\s+1\s+1\s+\d+\s+2\s+1\s+5,040\s+2,520\s+-2,520/);
    expect(readFileSync(join(dir, 'out', 'sizing.html'), 'utf8')).toContain('Staffing per shift, and its cost per week');
    // beside each shift's staffing, what the tasks that joined while it was on waited, now and recommended
    expect(r.stdout).toMatch(/wait now\s+wait recommended\s+within target now\s+within target recommended/);
    for (const staffing of [sizing.current, sizing.chosen]) {
      expect(Object.keys(staffing.metrics).filter((p) => p.includes('.shifts.'))).toEqual([
        'resources.desk.shifts.0.tasks',
        'resources.desk.shifts.0.wait',
        'resources.desk.shifts.0.within_target',
        'resources.desk.shifts.1.tasks',
        'resources.desk.shifts.1.wait',
        'resources.desk.shifts.1.within_target',
      ]);
    }
    // a scenario without shifts has nothing to size per shift: invalid options
    const flat = write(OFFICE);
    const refused = etomsim('size', flat.file, '--per-shift', '--target', 'resources.desk.wait <= 10m', '--workers', '1');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--per-shift sizes the shifts of rostered teams');
  });
  test("--per-shift: a first search's staffings short of the final placement's intervals are marked p, and said why", () => {
    // test/analysis/sizing-placement.test.ts' morning burst in YAML: 4 cases an hour from 08:00 to 10:00 at a front of 1,
    // whose queue carries the back's load past 10:00 in the first search; the front the targets ask places it before
    const { file, dir } = write(`name: Burst
run: { horizon: 2000h, warmup: 1w, replications: 3, seed: 5 }
resources:
  front: { capacity: 1, cost_per_hour: 30 }
  back:
    cost_per_hour: 40
    shifts:
      - { days: [mon, tue, wed, thu, fri, sat, sun], hours: "06:00-10:00", capacity: 1 }
      - { days: [mon, tue, wed, thu, fri, sat, sun], hours: "10:00-20:00", capacity: 1 }
      - { days: [mon, tue, wed, thu, fri, sat, sun], hours: "20:00-06:00", capacity: 1 }
arrivals:
  - flow: f
    rate: 4/h
    profile: { hours: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }
flows:
  f:
    start: a
    nodes:
      a: { resource: front, duration: { exponential: { mean: 24m } }, next: b }
      b: { resource: back, duration: 30m }
`);
    const r = etomsim(
      'size',
      file,
      '--per-shift',
      '-t',
      'resources.front.wait <= 6m',
      '-t',
      'resources.back.wait <= 15m',
      '-w',
      '1',
      '--out',
      join(dir, 'out'),
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const sizing = JSON.parse(readFileSync(join(dir, 'out', 'sizing.json'), 'utf8'));
    const marked = sizing.candidates.filter((c: { other_placement?: unknown }) => c.other_placement !== undefined);
    expect(marked.length).toBeGreaterThan(0);
    expect(r.stdout).toContain(
      "; p run under another placement of the intervals' loads, which the final one rules out (above): never chosen",
    );
    const rows = r.stdout.split('\n');
    const head = rows.findIndex((line) => line.startsWith('Candidates tried'));
    expect(rows.slice(head).filter((line) => /^p\s/.test(line))).toHaveLength(marked.length);
    const note = rows.find((line) => line.includes("tried while the intervals' loads were placed after other queue waits"));
    expect(note).toMatch(/\(placed after the current staffing's queue waits\), as 'back' has \d units? on from /);
    const page = readFileSync(join(dir, 'out', 'sizing.html'), 'utf8');
    expect(page.split('<td>ruled out by the final placement</td>').length - 1).toBe(marked.length);
    expect(readFileSync(join(dir, 'out', 'sizing.vl.json'), 'utf8')).toContain('ruled out by the final placement');
  });
  test('a staffing that meets the targets while a skill pool falls behind is never chosen nor verified (s35y F11)', () => {
    // Calls (3 an hour, an hour each, served first) go to t1 or t2; back-office work (1 an hour) only to t2. Today t1 has 0
    // and t2 4: 4 units for 4 erlangs, so the pair's queues never settle, but the calls, served first, meet their target
    // while the back office piles up (its SLA attainment about a fifth). Before, size recommended exactly this (t1 0, t2 4,
    // the cheapest that met the target) and called it verified; a stable staffing needs t1 + t2 > 4 and t2 > 1.
    const { file, dir } = write(`name: Pool starve
run: { horizon: 60d, warmup: 5d, replications: 5, seed: 7 }
resources:
  t1: { capacity: 0, cost_per_hour: 50 }
  t2: { capacity: 4, cost_per_hour: 40 }
arrivals:
  - { flow: calls, rate: 3/h, priority: 1 }
  - { flow: back, rate: 1/h }
flows:
  calls:
    sla: 4h
    start: serve
    nodes:
      serve: { resource: { any: [t1, t2] }, duration: { exponential: { mean: 1h } } }
  back:
    sla: 8h
    start: work
    nodes:
      work: { resource: t2, duration: { exponential: { mean: 1h } } }
`);
    const r = etomsim('size', file, '--target', 'flows.calls.cycle_time.p90 <= 5h', '-w', '1', '--out', join(dir, 'out'));
    expect(r.status).toBe(0);
    const sizing = JSON.parse(readFileSync(join(dir, 'out', 'sizing.json'), 'utf8'));
    // the current staffing meets the target, and is cheaper than any stable one: only its backlog keeps it out
    expect(sizing.current.capacities).toEqual({ t1: 0, t2: 4 });
    expect(sizing.current.meets).toBe(true);
    expect(sizing.current.unstable).toBe(
      "'t1' and 't2', which share skill pools, are offered 100% of their summed capacity (the work only they can take), so their queues grow without bound",
    );
    expect(sizing.current.metrics['flows.back.sla_attainment'].mean).toBeLessThan(0.5);
    const { t1, t2 } = sizing.chosen.capacities;
    expect(sizing.chosen.cost_per_week).toBeGreaterThan(sizing.current.cost_per_week);
    // closed form: the pair's 4 erlangs and t2's own 1 each below the units that can take them
    expect(4 / (t1 + t2)).toBeLessThan(1);
    expect(1 / t2).toBeLessThan(1);
    expect(sizing.chosen.unstable).toBeUndefined();
    expect(sizing.verification).toMatchObject({ meets: true, outcome: 'confirmed' });
    expect(sizing.verification.unstable).toBeUndefined();
    // no candidate chosen over a stable one: every unstable staffing tried is marked, none is the choice
    for (const c of sizing.candidates)
      if (c.unstable !== undefined) expect(4 / (c.capacities.t1 + c.capacities.t2) >= 1 || c.capacities.t2 <= 1).toBe(true);
    expect(r.stdout).toContain(
      'The current staffing is shown for comparison but cannot keep up with its work, though it meets every target',
    );
    expect(r.stdout).toContain('u unstable: offered at least its capacity, never chosen');
    expect(r.stdout).toMatch(/^u {3}0 {3}4 /m);
    expect(readFileSync(join(dir, 'out', 'sizing.html'), 'utf8')).toContain('<td>cannot keep up</td>');
  });

  test('a team left unsized that cannot keep up: every staffing meets the target yet none is recommended, exit 3, saying why', () => {
    // b, not sized, is offered 1.1 erlangs on 1 unit: no staffing of a moves it, so none keeps up with the work
    const { file, dir } = write(`name: Unsized overload
run: { horizon: 30d, warmup: 2d, replications: 4, seed: 3 }
resources:
  a: { capacity: 2, cost_per_hour: 30 }
  b: { capacity: 1, cost_per_hour: 30 }
arrivals:
  - { flow: f, rate: 1/h }
  - { flow: g, rate: 1.1/h }
flows:
  f:
    start: x
    nodes:
      x: { resource: a, duration: { exponential: { mean: 1h } } }
  g:
    start: y
    nodes:
      y: { resource: b, duration: { exponential: { mean: 1h } } }
`);
    const r = etomsim('size', file, '--resources', 'a', '--target', 'flows.f.cycle_time.p90 <= 10h', '-w', '1', '--out', join(dir, 'out'));
    expect(r.status).toBe(3);
    const sizing = JSON.parse(readFileSync(join(dir, 'out', 'sizing.json'), 'utf8'));
    expect(sizing.chosen).toBeNull();
    expect(
      sizing.candidates.every((c: { meets: boolean; unstable?: string }) => c.meets && c.unstable?.startsWith("'b' is offered 110%")),
    ).toBe(true);
    const lines = r.stdout.split('\n');
    expect(lines[4]).toBe('No staffing within the maximum capacities (a <= 11) meets every target and keeps up with its work.');
    expect(lines[5]).toMatch(
      /^3 staffings met every target but cannot keep up with their work, so none is recommended: the cheapest, a 2, because 'b' is offered 110% of its capacity/,
    );
    // nothing chosen: the legend has no "* chosen"
    expect(r.stdout).toContain('Candidates tried (3, in the order evaluated; u unstable: offered at least its capacity, never chosen)');
    expect(readFileSync(join(dir, 'out', 'sizing.html'), 'utf8')).toContain('<strong>3 staffings met every target but cannot keep up');
  });

  test('one replication is refused before anything runs: a target has no interval to be checked on', () => {
    const { file, dir } = write(OFFICE);
    const given = etomsim('size', file, '--target', 'flows.f.sla_attainment >= 50%', '-r', '1', '-w', '1', '--out', join(dir, 'out'));
    expect(given.status).toBe(2);
    expect(given.stderr).toContain(
      'needs at least 2 replications per candidate (got 1, from --replications 1): give --replications 2 or more',
    );
    expect(given.stdout).toBe('');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    const single = write(OFFICE.replace('replications: 3', 'replications: 1'));
    const fromFile = etomsim('size', single.file, '--target', 'flows.f.sla_attainment >= 50%', '-w', '1');
    expect(fromFile.status).toBe(2);
    expect(fromFile.stderr).toMatch(/\(got 1, from run\.replications in .*scenario\.yaml\)/);
  });
});
