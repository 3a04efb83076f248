// --timezone (discover, fidelity): an IANA name with a did-you-mean, a fixed offset of whole hours
// taken as its Etc zone (Intl refuses '+01:00'), told as an option's problem (s32x finding 24).
import { describe, expect, test } from 'vitest';
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
