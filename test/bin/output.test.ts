// --out as a user meets it: refused at once when it cannot be written (before any simulating),
// and a second run into the same folder leaves no stale file of the first and keeps the user's.
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { scratchFolders } from '../support/scratch.js';
import { etomsimWithin } from '../support/cli.js';

const tmp = scratchFolders('etomsim-out-');

const etomsim = (...args: string[]) => etomsimWithin(60_000, ...args);

const scenario = (horizon: string) => `name: Tiny
run: { horizon: ${horizon}, replications: 2 }
resources: { desk: { capacity: 2 } }
arrivals: [ { flow: f, rate: 1/h } ]
flows:
  f:
    start: a
    nodes:
      a: { resource: desk, duration: { exponential: { mean: 30m } } }
`;

describe('--out', () => {
  const dir = tmp();
  // Years of simulated time: if --out were checked after the run, this test would time out.
  const long = join(dir, 'long.yaml');
  writeFileSync(long, scenario('1000000d'));

  test('an existing file, a path under /proc: exit 2 at once, before simulating', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    for (const out of [file, '/proc/etomsim-out', join(file, 'out')]) {
      const r = etomsim('run', long, '-w', '1', '-q', '--out', out);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^etomsim: cannot write to '.+'.*; choose another output folder with --out\n/);
    }
    const b = etomsim('bottlenecks', long, '-w', '1', '-q', '--out', file);
    expect(b.status).toBe(2);
    const s = etomsim('size', long, '-w', '1', '-q', '--target', 'resources.desk.utilization <= 0.9', '--out', file);
    expect(s.status).toBe(2);
  });

  test('a symbolic link to nothing as --out (or on its path): exit 2 at once, before simulating; the link kept, nothing made', () => {
    const links = tmp();
    const link = join(links, 'results-link');
    symlinkSync(join(links, 'gone'), link);
    for (const out of [link, join(link, 'out')]) {
      const r = etomsim('run', long, '-w', '1', '-q', '--out', out);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(
        /^etomsim: cannot write to '.+': .*is a symbolic link to '.+gone', which does not exist; choose another output folder with --out\n/,
      );
    }
    expect(readdirSync(links)).toEqual(['results-link']);
  });

  test("a second run into the folder: the first run's report is gone, the user's file stays", () => {
    const short = join(dir, 'short.yaml');
    writeFileSync(short, scenario('100h'));
    const out = join(dir, 'out');
    expect(etomsim('run', short, '-w', '1', '-q', '--out', out).status).toBe(0);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    writeFileSync(join(out, 'my-notes.txt'), 'mine');
    expect(etomsim('run', short, '-w', '1', '-q', '--no-report', '--out', out).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.etomsim-manifest.json', 'my-notes.txt', 'results.json']);
    expect(readdirSync(dir).sort()).toEqual(['a-file', 'long.yaml', 'out', 'short.yaml']); // no staging folder left beside it
  });

  test("bottlenecks, then fidelity, into a run's folder: the run's results and the event log fidelity reads stay, each command's files beside the others", () => {
    const short = join(dir, 'beside.yaml');
    writeFileSync(short, scenario('200h'));
    const out = join(dir, 'shared-out');
    expect(etomsim('run', short, '-w', '1', '-q', '--no-report', '--event-log', 'csv', '--out', out).status).toBe(0);
    const log = join(out, 'events', 'baseline.csv');
    expect(existsSync(log)).toBe(true);
    const b = etomsim('bottlenecks', short, '-w', '1', '-q', '--out', out);
    expect(b.status, b.stderr).toBe(0);
    const f = etomsim('fidelity', short, log, '-r', '2', '-q', '--out', out);
    expect(f.status, f.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(
      ['.etomsim-manifest.json', 'bottlenecks.json', 'events', 'fidelity.html', 'fidelity.json', 'results.json'].sort(),
    );
    expect(existsSync(log)).toBe(true);
  });

  test('a single-file --out that is the input file (by its name or through a link): exit 2 before any work, the input unchanged', () => {
    const input = join(dir, 'input.yaml');
    writeFileSync(input, scenario('100h'));
    const link = join(dir, 'link.yaml');
    symlinkSync(input, link);
    for (const [command, out] of [
      ['export-bpmn', input],
      ['export-bpmn', link],
    ] as const) {
      const r = etomsim(command, input, '--out', out, '-q');
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(
        /^etomsim: cannot write to '.+': it is the input file '.+', which writing would replace; choose another --out\n/,
      );
    }
    const log = join(dir, 'log.csv');
    writeFileSync(log, 'case,activity,start,end\n1,a,2024-01-01T08:00,2024-01-01T09:00\n2,a,2024-01-01T10:00,2024-01-01T11:00\n');
    const bpmn = join(dir, 'model.bpmn');
    expect(etomsim('export-bpmn', input, '--out', bpmn, '-q').status).toBe(0);
    const model = readFileSync(bpmn, 'utf8');
    expect(etomsim('discover', log, '--out', log, '-q').status).toBe(2);
    expect(etomsim('import-bpmn', bpmn, '--out', bpmn, '-q').status).toBe(2);
    expect(readFileSync(input, 'utf8')).toBe(scenario('100h'));
    expect(readFileSync(bpmn, 'utf8')).toBe(model);
    expect(readFileSync(log, 'utf8')).toMatch(/^case,activity/);
  });
});
