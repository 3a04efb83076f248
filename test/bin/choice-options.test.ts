// run's options that take one word of a list (--interval, --precision-on), mistyped as a user
// does: said as the other options' bad values are, one line with the word meant, not yargs'
// "Invalid values:" block.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from 'vitest';
import { BIN, etomsim } from '../support/cli.js';

const HINT = "Run 'etomsim --help' for the options.\n";

test('a misspelt or abbreviated choice: exit 2, the choices and the word meant, nothing written', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'etomsim-choice-options-')), 'out'); // were a refusal lost, the run would write here
  for (const [args, stderr] of [
    [['--interval', 'johnsen'], "etomsim: --interval takes t or johnson (got 'johnsen'); did you mean 'johnson'?\n"],
    [['--precision-on', 'diff'], "etomsim: --precision-on takes means, differences or both (got 'diff'); did you mean 'differences'?\n"],
    [['--precision-on', 'all'], "etomsim: --precision-on takes means, differences or both (got 'all')\n"],
  ] as const) {
    const r = etomsim('run', '-r', '1', '-q', '--no-report', '-o', out, ...args);
    expect({ args, status: r.status, stderr: r.stderr, wrote: existsSync(out) }).toEqual({
      args,
      status: 2,
      stderr: stderr + HINT,
      wrote: false,
    });
  }
  rmSync(dirname(out), { recursive: true, force: true });
});

test('a choice given without its word: refused (exit 2, nothing written), not run with the default in its place', () => {
  const dir = mkdtempSync(join(tmpdir(), 'etomsim-choice-options-'));
  try {
    for (const option of ['interval', 'precision-on']) {
      const out = join(dir, option);
      const r = etomsim('run', '-r', '1', '-w', '1', '-q', '--no-report', '-o', out, `--${option}`);
      expect({ option, status: r.status, stderr: r.stderr, wrote: existsSync(out) }).toEqual({
        option,
        status: 2,
        stderr: `etomsim: --${option} takes a value; none follows it\n${HINT}`,
        wrote: false,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('any option with a default given without its value: refused (exit 2), not run with the default', () => {
  const dir = mkdtempSync(join(tmpdir(), 'etomsim-bare-options-'));
  try {
    for (const [option, args] of [
      ['out', ['run', '-r', '1', '-w', '1', '-q', '--no-report', '--out']],
      ['max-replications', ['run', '-r', '1', '-w', '1', '-q', '--no-report', '-o', join(dir, 'run'), '--max-replications']],
      ['out', ['merge', join(dir, 'none'), '--out']],
      ['timezone', ['discover', join(dir, 'none.csv'), '--out', join(dir, 'd.yaml'), '--timezone']],
      ['min-share', ['discover', join(dir, 'none.csv'), '--out', join(dir, 'd.yaml'), '--min-share']],
      ['lock-seconds', ['worker', '--queue', 'redis://127.0.0.1:1', '--lock-seconds']],
    ] as const) {
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' }); // a bare --out's default, out/, would be here
      expect({ args, status: r.status, stderr: r.stderr }).toEqual({
        args,
        status: 2,
        stderr: `etomsim: --${option} takes a value; none follows it\n${HINT}`,
      });
    }
    expect(readdirSync(dir)).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a value starting with '-' is the option's value, refused as that value: not taken for flags, nor '' quoted", () => {
  const dir = mkdtempSync(join(tmpdir(), 'etomsim-dash-values-'));
  try {
    const out = join(dir, 'out');
    const r = etomsim('run', '-r', '1', '-w', '1', '-q', '--no-report', '-o', out, '--precision', '-5%');
    expect({ status: r.status, stderr: r.stderr, wrote: existsSync(out) }).toEqual({
      status: 2,
      stderr: `etomsim: --precision takes a share such as 5% or 0.05 (got '-5%')\n${HINT}`,
      wrote: false,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
