// Every option that takes a value, of every command, through the one rule of bin/value-words.ts:
// given no value, or a word after it that reads as an option, it is refused naming the option
// (exit 2), where before only --sla and --precision (and a few with defaults) took the word and
// the others took '' and the word as flags (`run x.yaml --out -x`: "Unknown argument: x"). The
// options are read from each command's --help, the table users see, so an option added later is
// tested without being listed here. A value that starts with '-' is still given as --name=-x,
// and a negative number is still a value, for the option's own check to take or refuse.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { type CapturedOutput, captureOutput } from '../support/captured-output.js';
import { main } from '../../bin/main.js';
import { missingValue } from '../../bin/value-words.js';
import { BIN } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';

const tmp = scratchFolders('etomsim-value-words-');
const HINT = "Run 'etomsim --help' for the options.\n";

interface Command {
  name: string;
  /** a missing file for each positional: a command that gets past its options stops at its input */
  positionals: string[];
  /** the options that take a value, as --help lists them: long name, and the short one if any */
  options: { long: string; short?: string; list: boolean }[];
}

/** Each command's value options, read from `etomsim --help` and `etomsim COMMAND --help`. */
function commands(dir: string): Command[] {
  const help = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' }).stdout;
  const names = [...help('--help').matchAll(/^ {2}etomsim ([a-z-]+)/gm)].map((m) => m[1]);
  return names.map((name) => {
    const text = help(name, '--help');
    const usage = text.split('\n')[0];
    const positionals = [...usage.matchAll(/[<[]([a-z]+)(\.\.)?[>\]]/g)].map((m) => join(dir, `missing-${m[1]}`));
    const options: Command['options'] = [];
    const lines = text.slice(text.indexOf('\nOptions:\n')).split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = /^ {2}(?:-([A-Za-z]), | {4})--([a-z][a-z-]*)/.exec(lines[i]);
      if (m === null) continue;
      let block = lines[i];
      for (let j = i + 1; j < lines.length && !/^ {2}(?:-[A-Za-z], | {4})--/.test(lines[j]); j++) block += lines[j];
      if (!block.includes('[boolean]')) options.push({ long: m[2], short: m[1], list: block.includes('[array]') });
    }
    return { name, positionals, options };
  });
}

let cwd: string;
let said: CapturedOutput;
beforeAll(() => {
  cwd = process.cwd();
  process.chdir(tmp()); // a command that got past the rule writes nothing here: the test checks
  said = captureOutput();
});
afterAll(() => {
  vi.restoreAllMocks();
  process.chdir(cwd);
});

/** main(args) in this process: its status and what it wrote to stderr. */
async function etomsim(...args: string[]): Promise<{ status: number; stderr: string }> {
  said.clear();
  const status = await main(args);
  return { status, stderr: said.err };
}

test("every command's value options: none given, or a word that reads as an option, refused naming the option (exit 2)", async () => {
  const all = commands(tmp());
  expect(all.map((c) => c.name)).toContain('run');
  // the options that took a word starting with '-' as their value before, and those that did not
  const seen = new Set(all.flatMap((c) => c.options.map((o) => o.long)));
  for (const name of ['out', 'sla', 'precision', 'seed', 'variant', 'target', 'case', 'queue', 'shard', 'formats'])
    expect(seen).toContain(name);
  let checked = 0;
  for (const { name, positionals, options } of all) {
    for (const { long, short, list } of options) {
      const line = [name, ...positionals];
      for (const typed of short === undefined ? [`--${long}`] : [`--${long}`, `-${short}`]) {
        const shown = typed === `--${long}` ? typed : `${typed} (--${long})`;
        const option = typed === `--${long}` ? '-x' : '--quiet'; // an unknown option and a known one
        for (const [args, message] of [
          [
            [...line, typed, option],
            `${shown} takes a value, but the word after it, '${option}', reads as an option: to give a value that starts with '-', write --${long}=${option}`,
          ],
          [[...line, typed], `${shown} takes a value; none follows it`],
        ] as const) {
          const r = await etomsim(...args);
          expect({ args, ...r }).toEqual({ args, status: 2, stderr: `etomsim: ${message}\n${HINT}` });
          checked++;
        }
      }
      // the value given with '=', and a negative number, are the option's: its own check takes or refuses them; a
      // word starting with '-' and a digit too, but for a list, which yargs ends there (the rule says so: above)
      for (const args of [[...line, `--${long}=-x`], [...line, `--${long}`, '-5'], ...(list ? [] : [[...line, `--${long}`, '-2h']])]) {
        const r = await etomsim(...args);
        expect({ args, rule: r.stderr.includes('takes a value') || r.stderr.includes('Unknown argument') }).toEqual({ args, rule: false });
        expect(r.status).toBe(2);
      }
    }
  }
  expect(checked).toBeGreaterThan(150);
  expect(readdirSync('.')).toEqual([]);
});

test('a negative number is the value of an option that takes numbers: --seed -5 goes on to the scenario', async () => {
  const missing = join(tmp(), 'none.yaml');
  for (const args of [
    ['run', missing, '--seed', '-5'],
    ['size', missing, '-t', 'flows.f.cycle_time.mean <= 1d', '--seed', '-5'],
  ])
    expect(await etomsim(...args)).toEqual({ status: 2, stderr: `${missing}:1:1: cannot read the scenario: no such file (at file)\n` });
  expect(await etomsim('run', missing, '--replications', '-1')).toEqual({
    status: 2,
    stderr: `etomsim: --replications takes a whole number of at least 1, in decimal digits (got '-1')\n${HINT}`,
  });
});

test('short options grouped, camel-case names and --no-NAME: read as yargs reads them, and the rule holds', () => {
  const options = new Map([
    ['out', 'out'],
    ['o', 'out'],
    ['replications', 'replications'],
    ['r', 'replications'],
    ['max-wip', 'max-wip'],
    ['variant', 'variant'],
  ]);
  const lists = ['variant'];
  const rule = (...words: string[]) => missingValue(['run', 'x.yaml', ...words], options, lists);
  // values there: glued, after '=', a number, a path, a negative number or a duration
  for (const words of [
    ['-r5'],
    ['-o=dir'],
    ['-o/tmp/x'],
    ['-qo', 'dir'],
    ['--out=-x'],
    ['-r', '-1'],
    ['--maxWip', '3'],
    ['-o', '-2h'],
    ['--variant', '-1'],
  ])
    expect({ words, refused: rule(...words) }).toEqual({ words, refused: null });
  expect(rule('-oq', 'dir')).toBe("-o (--out) takes a value; none follows it in '-oq'");
  expect(rule('-qo')).toBe('-o (--out) takes a value; none follows it');
  expect(rule('--maxWip', '-q')).toBe(
    "--maxWip (--max-wip) takes a value, but the word after it, '-q', reads as an option: to give a value that starts with '-', write --max-wip=-q",
  );
  expect(rule('--no-out')).toBe("--out takes a value; '--no-out' gives it none");
  // a list stops at '-1x' (yargs' eatArray), an option of one word takes it (eatNargs): said as yargs reads it
  expect(rule('--variant', '-1x')).toBe(
    "--variant takes a value, but the word after it, '-1x', reads as an option: to give a value that starts with '-', write --variant=-1x",
  );
  expect(rule('--out', '-1x')).toBeNull();
});
