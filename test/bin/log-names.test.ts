// Names a user types for an event log, mistyped: a CSV column named with --activity and the like,
// and a limit named in ETOMSIM_LOG_LIMITS. Each is refused as before (exit 2, the names there
// are), now with the one meant, as a scenario's misspelt key is.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { etomsim, etomsimWithEnv } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';

const tmp = scratchFolders('etomsim-log-names-');
const HINT = "Run 'etomsim --help' for the options.\n";

const LOG = `case_id,activity,resource,start_time,end_time
1,a,r1,2026-01-05T08:00:00Z,2026-01-05T09:00:00Z
2,a,r1,2026-01-05T09:00:00Z,2026-01-05T10:00:00Z
`;

test('a misspelt column for --activity: exit 2, the columns and the one meant', () => {
  const dir = tmp();
  const log = join(dir, 'log.csv');
  writeFileSync(log, LOG);
  const r = etomsim('discover', log, '--activity', 'activty', '--out', join(dir, 'x.yaml'));
  expect({ status: r.status, stderr: r.stderr }).toEqual({
    status: 2,
    stderr:
      `${log}:1:1: no column 'activty' for --activity; the columns are 'case_id', 'activity', 'resource', 'start_time', 'end_time'; ` +
      `did you mean 'activity'? (at header)\n`,
  });
});

test('a misspelt limit in ETOMSIM_LOG_LIMITS: exit 2, the names and the one meant; a bad value names none', () => {
  const dir = tmp();
  const log = join(dir, 'log.csv');
  writeFileSync(log, LOG);
  const names = 'text, json, item, columns, depth, events, held, sqliteBytes, sqliteRows, activities';
  const misspelt = etomsimWithEnv({ ETOMSIM_LOG_LIMITS: 'evnts=5' }, 'discover', log, '--out', join(dir, 'x.yaml'));
  expect({ status: misspelt.status, stderr: misspelt.stderr }).toEqual({
    status: 2,
    stderr: `etomsim: ETOMSIM_LOG_LIMITS: 'evnts=5' is not NAME=NUMBER with NAME one of ${names}; did you mean 'events'?\n${HINT}`,
  });
  const negative = etomsimWithEnv({ ETOMSIM_LOG_LIMITS: 'held=-1' }, 'discover', log, '--out', join(dir, 'x.yaml'));
  expect(negative.stderr).toBe(`etomsim: ETOMSIM_LOG_LIMITS: 'held=-1' is not NAME=NUMBER with NAME one of ${names}\n${HINT}`);
});

test("a header of 65,536 columns (the most read) and none a case's: exit 2, a message naming 30 of them and counting the rest, each name cut to 80 characters", () => {
  const dir = tmp();
  const log = join(dir, 'wide.csv');
  const long = 'x'.repeat(200);
  const names = [long, ...Array.from({ length: 65_535 }, (_, i) => `c${i}`)];
  writeFileSync(log, `${names.join(',')}\n${names.map(() => '1').join(',')}\n`);
  const r = etomsim('discover', log, '--out', join(dir, 'x.yaml'));
  const shown = [`'${'x'.repeat(77)}...'`, ...names.slice(1, 30).map((n) => `'${n}'`)].join(', ');
  expect({ status: r.status, stderr: r.stderr }).toEqual({
    status: 2,
    stderr: `${log}:1:1: no case column: name it with --case COLUMN; the columns are ${shown} and 65,506 more (at header)\n`,
  });
});
