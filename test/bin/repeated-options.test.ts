// An option given twice, as a user does who edits a long command line: refused with exit 2,
// naming the option and what it was given (a queue's URL, which may hold a password, excepted),
// nothing written; where yargs made it an array that reached code taking one string (an
// internal error, exit 1) or a coerce that quoted it joined ("got '2,3'"). The options meant to
// repeat (run's --variant and --formats, size's --target, merge's shards) still repeat.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { etomsim } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';
import { TINY_SCENARIO } from '../support/tiny-scenario.js';

const tmp = scratchFolders('etomsim-repeated-options-');
const HINT = "Run 'etomsim --help' for the options.\n";

test('every command: an option given twice or more is refused, exit 2, naming it and its values, nothing written', () => {
  const dir = tmp();
  const scenario = join(dir, 'tiny.yaml');
  writeFileSync(scenario, TINY_SCENARIO);
  const log = join(dir, 'log.csv');
  writeFileSync(log, 'case_id,activity,end\n1,a,2024-01-01T10:00:00Z\n');
  const out = (name: string) => join(dir, name);
  for (const [args, said] of [
    [['run', scenario, '-r', '1', '--out', out('a1'), '--out', out('a2')], `--out is given twice ('${out('a1')}', '${out('a2')}')`],
    [['run', scenario, '-r', '2', '-r', '3', '-o', out('a1')], "--replications is given twice ('2', '3')"], // plainRun's command line but for the repeat
    [['run', scenario, '-r', '2', '--replications', '3', '-r', '4', '-o', out('a1')], "--replications is given 3 times ('2', '3', '4')"],
    [['run', scenario, '-r', '1', '-o', out('a1'), '--seed', '1', '--seed', '2', '-q'], "--seed is given twice ('1', '2')"],
    [
      ['size', scenario, '-t', 'flows.f.cycle_time.mean <= 1d', '--out', out('s1'), '-o', out('s2')],
      `--out is given twice ('${out('s1')}', '${out('s2')}')`,
    ],
    [['bottlenecks', scenario, '--variant', 'a', '-v', 'b', '-o', out('b')], "--variant is given twice ('a', 'b')"],
    [['export-bpmn', scenario, '--variant', 'a', '--variant', 'b', '--out', out('z.bpmn')], "--variant is given twice ('a', 'b')"],
    [['discover', log, '--out', out('d.yaml'), '--case', 'case_id', '--case', 'x'], "--case is given twice ('case_id', 'x')"],
    [['discover', log, '--out', out('d.yaml'), '--delimiter', ',', '--delimiter', ';'], "--delimiter is given twice (',', ';')"],
    [
      ['discover', log, '--out', out('d.yaml'), '--timezone', 'UTC', '--timezone', 'Europe/Paris'],
      "--timezone is given twice ('UTC', 'Europe/Paris')",
    ],
    [['fidelity', scenario, log, '--out', out('f'), '--sla', '2h', '--sla', '3h'], "--sla is given twice ('2h', '3h')"],
    [
      ['report', join(dir, 'results.json'), '--out', out('r1'), '--out', out('r2')],
      `--out is given twice ('${out('r1')}', '${out('r2')}')`,
    ],
    [['merge', join(dir, 'none'), '--out', out('m1'), '--out', out('m2')], `--out is given twice ('${out('m1')}', '${out('m2')}')`],
    [
      ['run', scenario, '--queue', 'redis://user:secret@127.0.0.1:1', '--queue', 'redis://127.0.0.1:2', '-o', out('a1')],
      '--queue is given twice',
    ],
    [['worker', '--queue', 'redis://user:secret@127.0.0.1:1', '--queue', 'redis://127.0.0.1:2'], '--queue is given twice'],
    // a flag's forms, opposite or alike: yargs kept the last silently (--report --no-report wrote no report)
    [['run', scenario, '--report', '--no-report', '-o', out('a1')], "--report is given twice ('--report', '--no-report')"],
    [['run', scenario, '--no-report', '--report=true', '-o', out('a1')], "--report is given twice ('--no-report', '--report=true')"],
    [['run', scenario, '-q', '--no-report', '--quiet', '-o', out('a1')], "--quiet is given twice ('-q', '--quiet')"],
    [['bottlenecks', scenario, '-q', '-q', '-o', out('b')], "--quiet is given twice ('-q', '-q')"],
    // a group whose last letter takes the rest as its value (-w 2) reads -q as yargs does: the one reading of groups (bin/value-words.ts)
    [['run', scenario, '-q', '-qw2', '-o', out('a1')], "--quiet is given twice ('-q', '-qw2')"],
    // yargs' camel-cased form of a flag is that flag too
    [
      ['size', scenario, '-t', 'flows.f.cycle_time.mean <= 1d', '--per-shift', '--perShift', '-o', out('s1')],
      "--per-shift is given twice ('--per-shift', '--perShift')",
    ],
  ] as const) {
    const r = etomsim(...args);
    expect({ args, status: r.status, stderr: r.stderr }).toEqual({ args, status: 2, stderr: `etomsim: ${said}: give it once\n${HINT}` });
  }
  for (const name of ['a1', 'a2', 's1', 's2', 'b', 'z.bpmn', 'd.yaml', 'f', 'r1', 'r2', 'm1', 'm2'])
    expect(existsSync(out(name))).toBe(false);
});

test('the options meant to repeat still repeat: the command goes on to its input', () => {
  const missing = join(tmp(), 'none.yaml');
  for (const args of [
    ['run', missing, '-v', 'a', '--variant', 'b', '--formats', 'md', '--formats', 'html'],
    ['run', missing, '--event-log', 'csv', '--event-log', 'xes,ocel'], // one rule for the two format lists
    ['size', missing, '-t', 'flows.f.cycle_time.mean <= 1d', '--target', 'flows.f.cycle_time.p90 <= 2d'],
  ]) {
    const r = etomsim(...args);
    expect({ args, status: r.status, stderr: r.stderr }).toEqual({
      args,
      status: 2,
      stderr: `${missing}:1:1: cannot read the scenario: no such file (at file)\n`,
    });
  }
  const r = etomsim('merge', `${missing}1`, `${missing}2`);
  expect(r.stderr).toBe(
    `${missing}1:1:1: cannot read the shard file: no such file or folder (at file)\n${missing}2:1:1: cannot read the shard file: no such file or folder (at file)\n`,
  );
});
