// `--interval johnson` on the commands that decide or report from intervals besides `run`:
// `size` checks each target at the end of Johnson's interval (in Hall's form) at its
// Bonferroni level and shows it; `bottlenecks` writes Johnson's beside every t interval and shows
// it. Without the option both write the files they always did.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { scratchFolders } from '../support/scratch.js';
import { etomsim } from '../support/cli.js';

const tmp = scratchFolders('etomsim-interval-');

// One desk at 80% load around the clock: its waits per replication are right-skewed.
const DESK = `name: Desk
run: { horizon: 3w, warmup: 2d, replications: 8, seed: 5 }
resources:
  desk: { capacity: 1, cost_per_hour: 30, max_capacity: 4 }
  aides: { capacity: 1, cost_per_hour: 20, max_capacity: 3 }
arrivals: [ { flow: f, rate: 0.8/h } ]
flows:
  f:
    start: a
    nodes:
      a: { resource: desk, duration: { exponential: { mean: 1h } }, next: b }
      b: { resource: aides, duration: { exponential: { mean: 20m } } }
`;

function write(): { file: string; dir: string } {
  const dir = tmp();
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, DESK);
  return { file, dir };
}

function hasKey(x: unknown, key: string): boolean {
  if (Array.isArray(x)) return x.some((v) => hasKey(v, key));
  if (typeof x !== 'object' || x === null) return false;
  return Object.hasOwn(x, key) || Object.values(x).some((v) => hasKey(v, key));
}

describe('size --interval johnson', () => {
  test("each target's bound is the unfavourable end of the KPI's Johnson interval; without it, the t interval's, as before", () => {
    const { file, dir } = write();
    const size = (...extra: string[]) =>
      etomsim('size', file, '--target', 'resources.desk.wait <= 2h', '--resources', 'desk', '--workers', '1', ...extra);
    const johnson = size('--interval', 'johnson', '--out', join(dir, 'j'));
    expect(johnson.stderr).toBe('');
    expect(johnson.status).toBe(0);
    const j = JSON.parse(readFileSync(join(dir, 'j', 'sizing.json'), 'utf8'));
    expect(j.interval).toBe('johnson');
    expect(j.confidence).toEqual({ joint: 0.95, per_target: 0.95, targets: 1 }); // one target: 95%
    let atJohnsonsEnd = 0;
    for (const c of [j.current, ...j.candidates]) {
      const m = c.metrics['resources.desk.wait'];
      if (c.stopped !== undefined) continue;
      expect(m.ci95_johnson).not.toBeUndefined();
      // `<=`: the upper end, ci95_johnson's or the damped form's where that lies farther (session 43)
      expect(c.targets[0].bound).toBeGreaterThanOrEqual(m.ci95_johnson[1]);
      if (c.targets[0].bound === m.ci95_johnson[1]) atJohnsonsEnd++;
      expect(c.targets[0].met).toBe(c.targets[0].bound <= 2);
    }
    expect(atJohnsonsEnd).toBeGreaterThan(0); // right-skewed waits: Johnson's own upper end is the farther
    expect(johnson.stdout).toContain(
      "Target, met when the unfavourable end of its 95% interval by Johnson's modified t (which corrects for skewed replications, never less strictly than with their skewness damped by its noise) meets it:",
    );
    expect(johnson.stdout).toContain("KPIs, current and recommended (mean [95% interval by Johnson's modified t])");
    const page = readFileSync(join(dir, 'j', 'sizing.html'), 'utf8');
    expect(page).toContain('interval by Johnson&#39;s modified t');
    // `report` reads the file back and rebuilds the same page
    const rebuilt = etomsim('report', join(dir, 'j', 'sizing.json'), '--out', join(dir, 'rebuilt'), '-q');
    expect(rebuilt.stderr).toBe('');
    expect(readFileSync(join(dir, 'rebuilt', 'sizing.html'), 'utf8')).toBe(page);

    const t = size('--out', join(dir, 't'));
    const plain = JSON.parse(readFileSync(join(dir, 't', 'sizing.json'), 'utf8'));
    expect(Object.hasOwn(plain, 'interval')).toBe(false);
    expect(hasKey(plain, 'ci95_johnson')).toBe(false);
    for (const c of [plain.current, ...plain.candidates]) {
      if (c.stopped === undefined) expect(c.targets[0].bound).toBe(c.metrics['resources.desk.wait'].ci95[1]);
    }
    expect(t.stdout).not.toContain('Johnson');
    // the same replications either way: the means and t intervals agree where both ran a staffing
    expect(j.current.metrics['resources.desk.wait'].ci95).toEqual(plain.current.metrics['resources.desk.wait'].ci95);
  });

  test('two targets: each checked at 97.5% on Johnson, said as such', () => {
    const { file, dir } = write();
    const r = etomsim(
      'size',
      file,
      '--target',
      'resources.desk.wait <= 2h',
      '--target',
      'resources.desk.utilization <= 90%',
      '--resources',
      'desk',
      '--interval',
      'johnson',
      '--workers',
      '1',
      '--out',
      join(dir, 'out'),
    );
    expect(r.stderr).toBe('');
    const sizing = JSON.parse(readFileSync(join(dir, 'out', 'sizing.json'), 'utf8'));
    expect(sizing.confidence.per_target).toBe(0.975);
    // at 97.5% the bound lies beyond the 95% interval's end
    const m = sizing.current.metrics['resources.desk.wait'];
    expect(sizing.current.targets[0].bound).toBeGreaterThan(m.ci95_johnson[1]);
    expect(r.stdout).toContain(
      "(Bonferroni: each at the unfavourable end of its 97.5% interval by Johnson's modified t, which corrects for skewed replications, and never less strictly than with their skewness damped by its noise; 2 targets)",
    );
  });

  test('--interval takes t or johnson only', () => {
    const { file } = write();
    const r = etomsim('size', file, '--target', 'resources.desk.wait <= 2h', '--interval', 'hall');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--interval');
  });
});

describe('bottlenecks --interval johnson', () => {
  test("bottlenecks.json holds Johnson's intervals beside the t ones and the console shows them; without it, none", () => {
    const { file, dir } = write();
    const j = etomsim('bottlenecks', file, '--interval', 'johnson', '--workers', '1', '--out', join(dir, 'j'));
    expect(j.stderr).toBe('');
    const report = JSON.parse(readFileSync(join(dir, 'j', 'bottlenecks.json'), 'utf8'));
    expect(report.interval).toBe('johnson');
    const wait = report.resources.desk.wait;
    expect(wait.ci95_johnson).not.toBeUndefined();
    expect(wait.ci95_johnson).not.toEqual(wait.ci95); // skewed replications: the two differ
    expect(Object.hasOwn(report.sensitivity[0].flows.f.p90, 'ci95_johnson')).toBe(true);
    expect(j.stdout).toContain("Teams (mean [95% interval by Johnson's modified t] over the replications)");
    expect(j.stdout).toContain("One more unit of each team (95% paired intervals by Johnson's modified t, common random numbers)");

    const t = etomsim('bottlenecks', file, '--workers', '1', '--out', join(dir, 't'));
    const plain = JSON.parse(readFileSync(join(dir, 't', 'bottlenecks.json'), 'utf8'));
    expect(hasKey(plain, 'ci95_johnson')).toBe(false);
    expect(Object.hasOwn(plain, 'interval')).toBe(false);
    expect(plain.resources.desk.wait.ci95).toEqual(wait.ci95); // the t interval is the same under either
    expect(t.stdout).toContain('Teams (mean [95% interval] over the replications)');
  });
});
