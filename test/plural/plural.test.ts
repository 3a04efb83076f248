// A count and its noun agree in number (engine/plural.ts), in the event-log notes, the scenario
// discovery writes and the commands' lines; and no message makes its own agreement or writes
// "(s)" beside a count.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { MALFORMED } from '../../engine/interchange/event-log.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { agree, counted } from '../../engine/plural.js';

test('exactly 1 takes the singular; 0, 2 and 1.5 the plural', () => {
  expect([0, 1, 2, 1.5].map((n) => counted(n, 'flow'))).toEqual(['0 flows', '1 flow', '2 flows', '1.5 flows']);
  expect(counted(1, 'process', 'processes')).toBe('1 process');
  expect(counted(3, 'process', 'processes')).toBe('3 processes');
  expect(agree(1, 'was', 'were')).toBe('was');
  expect(agree(2, 'was', 'were')).toBe('were');
});

test("a count's thousands grouped, as every figure for people (s32x F19a: discover printed '21348 activity instances, 4580 cases')", () => {
  expect([1000, 21348, 4580.5, 1e21].map((n) => counted(n, 'case'))).toEqual([
    '1,000 cases',
    '21,348 cases',
    '4,580.5 cases',
    '1,000,000,000,000,000,000,000 cases',
  ]);
});

test('every malformed lifecycle sequence has its phrase for one, which differs from the phrase for several', () => {
  for (const [many, one] of Object.values(MALFORMED)) {
    expect(one).not.toBe(many);
    expect(one.split(' ').length).toBe(many.split(' ').length);
  }
});

describe('the notes and the discovered scenario', () => {
  const dir = mkdtempSync(join(tmpdir(), 'etomsim-plural-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const T = (day: number, hhmm: string) => `2024-01-${String(8 + day).padStart(2, '0')}T${hhmm}:00Z`;
  /** A third-party log (its `suspensions` counts something) of `cases` cases, each two steps by one person. */
  const log = (name: string, cases: number, malformedRows: number) => {
    const rows = ['case_id,activity,resource,role,start_timestamp,end_timestamp,suspensions'];
    for (let c = 0; c < cases; c++) {
      rows.push(`c${c},Take,ann,desk,${T(c % 20, '09:00')},${T(c % 20, '09:30')},0`);
      rows.push(`c${c},Close,ann,desk,${T(c % 20, '10:00')},${T(c % 20, '10:20')},0`);
    }
    for (let r = 0; r < malformedRows; r++) rows.push(`x${r},Take,ann,desk,${T(0, '09:00')}`);
    const path = join(dir, name);
    writeFileSync(path, `${rows.join('\n')}\n`);
    return path;
  };

  test("one of a kind: '1 column named', '1 row with', '1 resource'", async () => {
    const path = log('one.csv', 40, 1);
    const read = await readEventLog(path);
    const yaml = writeScenarioYaml(discover(read, { minShare: 0.05 }), path);
    expect(yaml).toContain("# Data: 1 column named 'suspensions' in a log etomsim did not write: ignored");
    expect(yaml).toContain('# Data: 1 row with a different number of fields than the header: read by position');
    expect(yaml).toContain('(1 resource, 80 instances)');
    expect(yaml).not.toMatch(/\b1 (columns|rows|resources|instances|cases|observations)\b/);
  });

  test('several: the plural, as before', async () => {
    const path = log('two.csv', 40, 2);
    const yaml = writeScenarioYaml(discover(await readEventLog(path), { minShare: 0.05 }), path);
    expect(yaml).toContain('# Data: 2 rows with a different number of fields than the header: read by position');
    expect(yaml).toContain('40 cases');
  });
});

test('no message agrees a noun by itself or writes "(s)" beside a count: engine/plural.ts does it', () => {
  const root = join(import.meta.dirname, '../..');
  const files = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : [],
    );
  const found: string[] = [];
  for (const file of ['bin', 'engine', 'reports'].flatMap((d) => files(join(root, d)))) {
    const name = relative(root, file);
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/\}\s?[a-z]+\(e?s\)|=== 1 \? '' : 'e?s'|=== 1 \? '[a-z]+' : '[a-z]+s'/.test(line))
          found.push(`${name}:${i + 1}: ${line.trim()}`);
      });
  }
  expect(found).toEqual([]);
});
