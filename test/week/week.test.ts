// One week constant (engine/week.ts): a scan of the sources finds no other name given the week's
// 168 hours, which the calendars, rosters, the typical week's recorder and the warm-up check had
// each kept a copy of (eight, session 37; three more, in BPMN import, the time-series chart and
// the shift tables, found by this scan), and the layers' users agree with it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HOURS_PER_WEEK } from '../../engine/week.js';
import { WorkCalendar } from '../../engine/sim/calendar.js';

const ROOT = join(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the week', () => {
  test('is defined once: no other constant is given 168', () => {
    const defined = ['engine', 'reports', 'bin']
      .flatMap((d) => sources(join(ROOT, d)))
      .flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/\b(?:const|let)\s+(\w+)\s*(?::\s*number\s*)?=\s*168\s*;/g)].map(
          (m) => `${relative(ROOT, file)}: ${m[1]}`,
        ),
      );
    // process-map's box is 168 pixels wide: not a week
    expect(defined).toEqual(['engine/week.ts: HOURS_PER_WEEK', 'reports/charts/process-map.ts: BOX_WIDTH']);
  });

  test("is the calendar's week: a calendar open at every hour works the week's hours", () => {
    expect(HOURS_PER_WEEK).toBe(7 * 24);
    expect(WorkCalendar.ALWAYS.hoursPerWeek).toBe(HOURS_PER_WEEK);
  });
});
