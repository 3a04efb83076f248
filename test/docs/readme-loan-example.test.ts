// The README's LoanApp example ("From an event log: discover, then measure fidelity") prints what
// the README shows: each `$ npx etomsim` line of its block run as a user copies it, in a folder
// holding the bundled log, gives the lines under it. Session 39's fidelity changed those lines
// (the one-log readings, the cancellations' line, the cycle times) and the README kept the old
// ones until session 40: this test fails on the next such drift. It checks the documentation only
// (the lines are the program's own output, copied into the README): the discovery's and fidelity's
// correctness are tested against known models in test/discovery and test/fidelity. When a change
// moves these figures on purpose, run the two commands and copy their lines into the README.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { BIN } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
const LOG = join(import.meta.dirname, '../../../shared/data/event-logs/loan-application.csv.gz');
const tmp = scratchFolders('etomsim-readme-loan-');

/** The commands of the section's first text block, each with the lines the README shows it printing. */
function commandsShown(): { args: string[]; printed: string[] }[] {
  const section = README.slice(README.indexOf('\n## From an event log: discover, then measure fidelity'));
  const block = /```text\n([\s\S]*?)```/.exec(section);
  if (block === null) throw new Error('no text block in the section');
  const commands: { args: string[]; printed: string[] }[] = [];
  for (const line of block[1].trimEnd().split('\n')) {
    if (line.startsWith('$ npx etomsim ')) commands.push({ args: line.slice('$ npx etomsim '.length).split(' '), printed: [] });
    else commands.at(-1)?.printed.push(line);
  }
  return commands;
}

test("discover and fidelity of the bundled LoanApp log print the README's lines", () => {
  const dir = tmp();
  copyFileSync(LOG, join(dir, 'loan-application.csv.gz'));
  const commands = commandsShown();
  expect(commands.map((c) => c.args[0])).toEqual(['discover', 'fidelity']);
  for (const { args, printed } of commands) {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(
      r.stdout.trimEnd().split('\n'),
      `README.md's LoanApp block is out of date: run \`etomsim ${args.join(' ')}\` and copy its lines`,
    ).toEqual(printed);
  }
}, 120_000);
