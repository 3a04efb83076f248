// --timezone (discover, fidelity): an IANA name with a did-you-mean, a fixed offset of whole hours
// taken as its Etc zone (Intl refuses '+01:00'), told as an option's problem (s32x finding 24).
// A negative offset typed as the next word (`--timezone -05:00`) is its value, as
// `--timezone=-05:00` is: a word of '-' and a digit is never an option (bin/value-words.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { etomsim } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';
import { timeZoneOption } from '../../engine/interchange/time-zone-option.js';
import { TimestampParser } from '../../engine/interchange/timestamps.js';

describe('--timezone', () => {
  test('a misspelt IANA name is refused with the name meant', () => {
    expect(timeZoneOption('Europe/Pariss')).toEqual({
      error:
        "takes an IANA time zone such as Europe/Paris, UTC, or a fixed offset in whole hours such as +01:00 (got 'Europe/Pariss'); did you mean 'Europe/Paris'?",
    });
    expect(timeZoneOption('Europe/Paris')).toEqual({ zone: 'Europe/Paris' });
  });

  test('a fixed offset of whole hours reads the times as that offset writes them', () => {
    for (const [typed, written] of [
      ['+01:00', '+01:00'],
      ['+0100', '+01:00'],
      ['-05', '-05:00'],
      ['+14:00', '+14:00'],
      ['+00:00', 'Z'],
    ]) {
      const option = timeZoneOption(typed);
      if (!('zone' in option)) throw new Error(`${typed}: ${option.error}`);
      expect(new TimestampParser(option.zone).parse('2026-03-29 12:00'), typed).toEqual(
        new TimestampParser().parse(`2026-03-29T12:00${written}`),
      );
    }
    expect(timeZoneOption('+05:30')).toMatchObject({
      error: expect.stringContaining('give the IANA zone that keeps it, e.g. Asia/Kolkata'),
    });
    expect(timeZoneOption('+15:00')).toMatchObject({ error: expect.stringContaining("(got '+15:00')") });
  });
});

const tmp = scratchFolders('etomsim-time-zone-');

describe('--timezone on the command line', () => {
  /** 40 cases of two steps, their times written without an offset, one an hour from 2024-01-01 00:00 */
  const log = () => {
    const file = join(tmp(), 'log.csv');
    const rows = Array.from({ length: 40 }, (_, c) => {
      const at = (m: number) => new Date(Date.UTC(2024, 0, 1, c, m)).toISOString().slice(0, 16).replace('T', ' ');
      return `${c},a,${at(0)}\n${c},b,${at(30)}\n`;
    });
    writeFileSync(file, `case_id,activity,end\n${rows.join('')}`);
    return file;
  };

  test('discover: a negative offset after a space reads the times as after =, and not as UTC', () => {
    const file = log();
    const scenario = (...zone: string[]) => {
      const out = join(tmp(), 'd.yaml');
      const r = etomsim('discover', file, ...zone, '--out', out);
      expect({ zone, status: r.status, stderr: r.stderr }).toEqual({ zone, status: 0, stderr: expect.not.stringContaining('etomsim:') });
      return readFileSync(out, 'utf8');
    };
    const joined = scenario('--timezone=-05:00');
    expect(joined).toContain('"2024-01-01T00:00:00-05:00"'); // the week's start, in the offset given
    expect(scenario('--timezone', '-05:00')).toBe(joined);
    expect(scenario('--timezone', '-05')).toBe(joined);
    expect(scenario('--timezone', '-0500')).toBe(joined);
    expect(scenario()).not.toBe(joined);
  });

  test("fidelity takes it as its value too, and an offset of part hours is refused as the option's problem, in either form", () => {
    const missing = join(tmp(), 'none.yaml');
    for (const zone of [['--timezone', '-05:00'], ['--timezone=-05:00']]) {
      const r = etomsim('fidelity', missing, log(), ...zone, '--out', join(tmp(), 'f'));
      expect({ zone, status: r.status, stderr: r.stderr.split('\n')[0] }).toEqual({
        zone,
        status: 2,
        stderr: `${missing}:1:1: cannot read the scenario: no such file (at file)`,
      });
    }
    for (const zone of [['--timezone', '-05:30'], ['--timezone=-05:30']]) {
      const r = etomsim('discover', log(), ...zone, '--out', join(tmp(), 'd.yaml'));
      expect({ zone, status: r.status }).toEqual({ zone, status: 2 });
      expect(r.stderr).toMatch(/^etomsim: --timezone takes .*\(got '-05:30'\)/);
    }
  });
});

// s35y F15: a log that writes some times with a UTC offset and some without may mix two clocks
describe('timestamps with and without a UTC offset in one log', () => {
  test('the parser counts each kind, the fast and the general form alike, and keeps the first of each', () => {
    const parser = new TimestampParser();
    for (const t of [
      '2026-03-29T08:00:00',
      '2026-03-29 09:00',
      '2026-03-29T08:30:00+02:00',
      '2026-03-29T10:00:00Z',
      '2026/03/29 11:00 UTC',
    ])
      expect(parser.parse(t), t).not.toBeNull();
    expect(parser.parse('not a time')).toBeNull();
    expect(parser.written).toEqual({
      withOffset: 3,
      withoutOffset: 2,
      firstWith: '2026-03-29T08:30:00+02:00',
      firstWithout: '2026-03-29T08:00:00',
    });
  });

  test('discover says how many are without one and in which zone they were read; a log of one kind says nothing', () => {
    const dir = tmp();
    const rows = (end: (i: number) => string) =>
      [
        'case_id,activity,start_time,end_time',
        ...Array.from({ length: 6 }, (_, i) => `c${i},a,2026-03-0${i + 2}T08:00:00+02:00,${end(i)}`),
      ].join('\n') + '\n';
    const mixed = join(dir, 'mixed.csv');
    writeFileSync(
      mixed,
      rows((i) => `2026-03-0${i + 2}T08:30:00`),
    );
    const r = etomsim('discover', mixed, '--out', join(dir, 'mixed.yaml'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      "  6 timestamps written without a UTC offset, beside others with one: read in UTC (the default of --timezone), as '2026-03-02T08:30:00' beside '2026-03-02T08:00:00+02:00': " +
        'if they were written in another clock, every duration between the two kinds is off by the difference; give --timezone, the zone of those without an offset\n',
    );
    const zoned = join(dir, 'zoned.csv');
    writeFileSync(
      zoned,
      rows((i) => `2026-03-0${i + 2}T08:30:00+02:00`),
    );
    const one = etomsim('discover', zoned, '--out', join(dir, 'zoned.yaml'));
    expect(one.status).toBe(0);
    expect(one.stdout).not.toContain('UTC offset');
  });
});
