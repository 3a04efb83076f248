// The lifecycle pairing's open instances answer each question from their heaps exactly as the
// scan of the instances in order of opening does (what read-log.test.ts pins, case by case):
// random sequences of opens, suspends, resumes (which may change the resource) and closes,
// with the heaps from the first instance, from the fourth, and as the reader has them.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type OpenInstance, OpenInstances, SCANNED } from '../../engine/interchange/open-instances.js';

const RESOURCES = ['ann', 'bob', '', 'cy'];
const step = fc.record({
  op: fc.constantFrom('open', 'open', 'suspend', 'resume', 'close', 'restart'),
  resource: fc.constantFrom(...RESOURCES),
  fromResume: fc.boolean(),
  at: fc.integer({ min: 0, max: 6 }), // few distinct pause times: ties by opening order matter
});

describe('OpenInstances', () => {
  // scanned 0: the heaps from the first; 3: a list that turns into heaps mid-sequence; SCANNED: as the reader has it
  test.each([0, 3, SCANNED])('every answer equals the scan in order of opening (scanned up to %i)', (scanned) => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
        const heaps = new OpenInstances(scanned);
        const scan = new OpenInstances(Number.POSITIVE_INFINITY); // never past the scan
        let row = 0;
        for (const s of steps) {
          const asked = {
            close: heaps.toClose(s.resource),
            suspend: heaps.toSuspend(s.resource),
            resume: heaps.toResume(s.resource),
            stray: heaps.strayResumeOf(s.resource),
          };
          expect(asked).toEqual({
            close: scan.toClose(s.resource),
            suspend: scan.toSuspend(s.resource),
            resume: scan.toResume(s.resource),
            stray: scan.strayResumeOf(s.resource),
          });
          if (s.op === 'open') {
            const o: OpenInstance = {
              start: { ms: row, offset: 0 },
              row: row++,
              resource: s.resource,
              fromResume: s.fromResume,
              last: 0,
              suspendedAt: Number.NaN,
              suspendRow: 0,
              pauses: [],
            };
            heaps.open(o);
            scan.open(o);
          } else if (s.op === 'suspend' && asked.suspend) {
            asked.suspend.suspendedAt = s.at;
            heaps.changed(asked.suspend);
            scan.changed(asked.suspend);
          } else if (s.op === 'resume' && asked.resume) {
            asked.resume.suspendedAt = Number.NaN;
            asked.resume.resource = s.resource;
            heaps.changed(asked.resume);
            scan.changed(asked.resume);
          } else if ((s.op === 'close' && asked.close) || (s.op === 'restart' && asked.stray)) {
            const o = (s.op === 'close' ? asked.close : asked.stray)!;
            heaps.close(o);
            scan.close(o);
          }
          expect(heaps.size).toBe(scan.size);
          expect(heaps.instances()).toEqual(scan.instances());
        }
      }),
      { numRuns: 400 },
    );
  });
});
