// The help of the commands that read an event log names every format the reader takes: an
// etomsim log written as CSV, XES, OCEL 2.0 JSON and OCEL 2.0 SQLite is each discovered by the
// command line, and `--help`, `discover --help` and `fidelity --help` say so (they said "CSV
// or XES" after OCEL reading landed).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { scratchFolders } from '../support/scratch.js';
import { etomsim } from '../support/cli.js';

const dir = scratchFolders('etomsim-log-help-')();

const SCENARIO = `name: Logs
run: { horizon: 14d, replications: 1 }
resources: { desk: { capacity: 2 } }
arrivals: [ { flow: order, rate: 1/h } ]
flows:
  order:
    start: take
    nodes:
      take: { resource: desk, duration: { exponential: { mean: 1h } }, next: done }
      done: { duration: 5m }
`;

/** What each format's file is called, and how the help names it. */
const FORMATS = [
  { format: 'csv', file: 'baseline.csv', named: /\bCSV\b/ },
  { format: 'xes', file: 'baseline.xes', named: /\bXES\b/ },
  { format: 'ocel', file: 'baseline.ocel.json', named: /\bOCEL\b/ },
  { format: 'ocel-sqlite', file: 'baseline.ocel.sqlite', named: /\bSQLite\b/ },
] as const;

/** A command's summary in the top-level help: its line and the lines its text wraps onto. */
function commandSummary(help: string, command: string): string {
  const lines = help.split('\n');
  const first = lines.findIndex((line) => line.startsWith(`  etomsim ${command} `));
  const rest = lines.slice(first + 1).findIndex((line) => !/^ {10,}\S/.test(line));
  return first < 0 ? '' : lines.slice(first, first + 1 + rest).join(' ');
}

test('discover reads an etomsim log in every format, and the help of each log-reading command names them all', () => {
  const scenario = join(dir, 'logs.yaml');
  writeFileSync(scenario, SCENARIO);
  const formats = FORMATS.map((f) => f.format).join(',');
  const written = etomsim('run', scenario, '-q', '--no-report', '--workers', '1', '--event-log', formats, '--out', dir);
  expect(written.status, written.stderr).toBe(0);
  for (const { format, file } of FORMATS) {
    const out = join(dir, `discovered-${format}.yaml`);
    const r = etomsim('discover', join(dir, 'events', file), '--out', out);
    expect(r.status, `${format}: ${r.stderr}`).toBe(0);
    expect(existsSync(out)).toBe(true);
  }
  const helps = {
    '--help (discover)': commandSummary(etomsim('--help').stdout, 'discover'),
    'discover --help': etomsim('discover', '--help').stdout,
    'fidelity --help': etomsim('fidelity', '--help').stdout,
  };
  for (const [where, text] of Object.entries(helps)) {
    for (const { format, named } of FORMATS) expect(text, `${where} names ${format}`).toMatch(named);
  }
});
