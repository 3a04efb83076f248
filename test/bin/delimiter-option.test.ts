// discover's and fidelity's --delimiter: CSV's quote and its line ends cannot separate fields, so
// they are refused as the option's value (exit 2, nothing written), where '"' read the header as
// one column (refused as 'no case column', at the log) and a line end as text after a quote.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { etomsim } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';

const tmp = scratchFolders('etomsim-delimiter-option-');
const HINT = "Run 'etomsim --help' for the options.\n";

test("--delimiter '\"' or a line end: refused as the option's value, exit 2, nothing written; ';' read", () => {
  const dir = tmp();
  const log = join(dir, 'log.csv');
  writeFileSync(log, 'case_id;activity;end\n1;a;2024-01-01T10:00:00Z\n2;a;2024-01-01T11:00:00Z\n');
  const out = join(dir, 'd.yaml');
  for (const [delimiter, shown] of [
    ['"', '"\\""'],
    ['\n', '"\\n"'],
    ['\r', '"\\r"'],
  ]) {
    const r = etomsim('discover', log, '--out', out, '--delimiter', delimiter);
    expect([r.status, r.stdout, r.stderr]).toEqual([
      2,
      '',
      `etomsim: --delimiter takes a character other than CSV's quote (") and its line ends (got ${shown})\n${HINT}`,
    ]);
    expect(existsSync(out)).toBe(false);
  }
  expect(etomsim('discover', log, '--out', out, '--delimiter', ';', '-q').status).toBe(0);
});
