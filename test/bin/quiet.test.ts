// What `-q` leaves on the console, command by command: nothing but errors and the one warning whose
// figures mean nothing (`unstable`: no steady state, every figure depends on the horizon), on
// stderr, in the words the Warnings block gives it. Advice (another round of shards: test/cluster/
// shard.test.ts), notes and the other warnings (a single replication, cases open at the horizon,
// the scenario's own) are silenced: results.json holds them. Before session 50, `run -q` and
// `bottlenecks -q` said nothing of an unstable team, and `merge -q` printed its advice. Each
// command's --help says what its -q keeps (session 62: fidelity's said "nothing but errors", and
// run's and merge's left out the warning that the report is too large to write).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { etomsim } from '../support/cli.js';
import { mmcText } from '../support/scenario-text.js';
import { scratchFolders } from '../support/scratch.js';

const tmp = scratchFolders('etomsim-quiet-');

/** Four agents offered 4.5 hours of work an hour: no steady state (and many calls open at the horizon). */
const OVERLOADED = mmcText({ name: 'overloaded', horizon: 300, warmup: 0, replications: 2, seed: 1, capacity: 4, rate: 4.5 });

function scenario(text: string): string {
  const file = join(tmp(), 'scenario.yaml');
  writeFileSync(file, text);
  return file;
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('-q: nothing but errors and the unstable warning', () => {
  let file = '';
  /** the run's Warnings block without -q, its unstable line alone */
  let unstable: string[] = [];
  beforeAll(() => {
    file = scenario(OVERLOADED);
    const loud = etomsim('run', file, '--out', join(tmp(), 'loud'), '--no-report', '-w', '1');
    expect(loud.status).toBe(0);
    const warned = lines(loud.stdout).filter((l) => l.startsWith('warning: '));
    unstable = warned.filter((l) => l.startsWith('warning: baseline: agents is unstable: '));
    expect(unstable).toHaveLength(1);
    // what -q silences is there to silence: another warning of the results, and the scenario's own on stderr
    expect(warned.some((l) => l.includes('still open at the horizon'))).toBe(true);
    expect(loud.stderr).toMatch(/scenario\.yaml:4:13: warning: team 'agents' is offered 113% of its capacity/);
  }, 120_000);

  test('run -q: the unstable warning on stderr as the Warnings block words it, nothing else', () => {
    const out = join(tmp(), 'quiet');
    const r = etomsim('run', file, '--out', out, '--no-report', '-w', '1', '-q');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual(unstable);
    const warnings = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).warnings.map((w: { code: string }) => w.code);
    expect(warnings).toEqual(expect.arrayContaining(['unstable', 'censored'])); // the rest is in results.json all the same
  });

  test('merge -q of its shards and bottlenecks -q: the same line', () => {
    const shards = [1, 2].map((i) => {
      const dir = join(tmp(), `shard${i}`);
      const r = etomsim('run', file, '--shard', `${i}/2`, '--out', dir, '-q', '-w', '1');
      expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
      return dir;
    });
    const merged = etomsim('merge', ...shards, '--out', join(tmp(), 'merged'), '--no-report', '-q');
    expect([merged.status, merged.stdout]).toEqual([0, '']);
    expect(lines(merged.stderr)).toEqual(unstable);
    const out = join(tmp(), 'bottlenecks');
    const bottlenecks = etomsim('bottlenecks', file, '-q', '-w', '1', '--out', out);
    expect([bottlenecks.status, bottlenecks.stdout]).toEqual([0, '']);
    expect(lines(bottlenecks.stderr)).toEqual(unstable);
    expect(JSON.parse(readFileSync(join(out, 'bottlenecks.json'), 'utf8')).warnings.map((w: { code: string }) => w.code)).toContain(
      'unstable',
    );
  });

  test('bottlenecks -q without --out: refused before it simulates (it would show nothing), exit 2, saying what to give', () => {
    const r = etomsim('bottlenecks', file, '-q', '-w', '1');
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(lines(r.stderr)).toEqual([
      'etomsim: bottlenecks -q without --out would simulate and show nothing (-q silences the tables): give --out DIR to write bottlenecks.json, or leave out -q to see the tables',
      "Run 'etomsim --help' for the options.",
    ]);
  });

  test("fidelity -q: the scenario's warning that a team is overloaded, nothing else (fidelity measures no instability of its own, as run does)", () => {
    const logged = join(tmp(), 'logged');
    const ran = etomsim('run', file, '--out', logged, '--no-report', '-w', '1', '-r', '1', '--event-log', 'csv', '-q');
    expect(ran.status).toBe(0);
    const log = join(logged, 'events', 'baseline.csv');
    const loud = etomsim('fidelity', file, log, '--out', join(tmp(), 'fidelity-loud'), '-r', '2');
    expect(loud.status).toBe(0);
    const overload = lines(loud.stderr).filter((l) =>
      /scenario\.yaml:4:13: warning: team 'agents' is offered 113% of its capacity/.test(l),
    );
    expect(overload).toHaveLength(1);
    const quiet = etomsim('fidelity', file, log, '--out', join(tmp(), 'fidelity-quiet'), '-r', '2', '-q');
    expect([quiet.status, quiet.stdout]).toEqual([0, '']);
    expect(lines(quiet.stderr)).toEqual(overload);
  });

  test('size -q: nothing, though its search runs staffings that are unstable (sizing.json says what it chose)', () => {
    const out = join(tmp(), 'size');
    const r = etomsim('size', file, '--target', 'flows.calls.cycle_time.mean < 3h', '--out', out, '-q', '-w', '1');
    expect([r.stdout, r.stderr]).toEqual(['', '']);
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'sizing.json'), 'utf8')).chosen.capacities.agents).toBeGreaterThan(4);
  });

  test("each command's --help says what its -q keeps, as these tests find it (fidelity's said nothing but errors)", () => {
    /** the -q line of a command's help, its wrapped description joined */
    const quiet = (command: string) => {
      const r = etomsim(command, '--help');
      expect(r.status).toBe(0);
      const line = /-q, --quiet\s+([\s\S]*?)\[boolean\]/.exec(r.stdout);
      expect(line, `${command} --help's -q`).not.toBeNull();
      return line![1].replace(/\s+/g, ' ').trim();
    };
    const reporting = "print nothing but errors, an unstable team's warning and that the report is too large to write";
    expect(quiet('run')).toBe(reporting);
    expect(quiet('merge')).toBe(reporting);
    expect(quiet('bottlenecks')).toBe("print nothing but errors and an unstable team's warning");
    expect(quiet('fidelity')).toBe("print nothing but errors and the scenario's warning that a team is overloaded");
    expect(quiet('size')).toBe('print nothing but errors');
  });

  test('run -q of a stable scenario with one replication: nothing, though results.json warns of the lone replication', () => {
    const out = join(tmp(), 'one');
    const r = etomsim('run', scenario(OVERLOADED.replace('capacity: 4', 'capacity: 6')), '--out', out, '--no-report', '-r', '1', '-q');
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
    const warnings = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).warnings.map((w: { code: string }) => w.code);
    expect(warnings).toContain('replications');
  });
});
