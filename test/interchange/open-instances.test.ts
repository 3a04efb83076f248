// The lifecycle pairing's open instances answer each question exactly as a scan of the
// instances in order of opening does (the scan they replaced, kept here as the reference):
// random sequences of opens, suspends, resumes (which may change the resource) and closes.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type OpenInstance, OpenInstances, SCANNED } from '../../engine/interchange/open-instances.js';

/** The reference: instances in order of opening; each question a scan (event-log.ts's `pick` before the heaps). */
class Scan {
  readonly list: OpenInstance[] = [];
  pick(resource: string, eligible: (o: OpenInstance) => boolean, order: (a: OpenInstance, b: OpenInstance) => number) {
    let best: OpenInstance | undefined;
    let own = false;
    for (const o of this.list) {
      if (!eligible(o)) continue;
      const mine = o.resource === resource;
      if (best === undefined || (mine && !own) || (mine === own && order(o, best) < 0)) {
        best = o;
        own = mine;
      }
    }
    return best;
  }
}
const suspended = (o: OpenInstance) => !Number.isNaN(o.suspendedAt);
const toClose = (a: OpenInstance, b: OpenInstance) =>
  Number(a.fromResume) - Number(b.fromResume) || Number(suspended(a)) - Number(suspended(b));

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
        const scan = new Scan();
        let row = 0;
        for (const s of steps) {
          const asked = {
            close: heaps.toClose(s.resource),
            suspend: heaps.toSuspend(s.resource),
            resume: heaps.toResume(s.resource),
            stray: heaps.strayResumeOf(s.resource),
          };
          expect(asked).toEqual({
            close: scan.pick(s.resource, () => true, toClose),
            suspend: scan.pick(
              s.resource,
              (o) => !suspended(o),
              () => 0,
            ),
            resume: scan.pick(s.resource, suspended, (a, b) => a.suspendedAt - b.suspendedAt),
            stray: scan.list.find((o) => o.fromResume && o.resource === s.resource),
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
            scan.list.push(o);
          } else if (s.op === 'suspend' && asked.suspend) {
            asked.suspend.suspendedAt = s.at;
            heaps.changed(asked.suspend);
          } else if (s.op === 'resume' && asked.resume) {
            asked.resume.suspendedAt = Number.NaN;
            asked.resume.resource = s.resource;
            heaps.changed(asked.resume);
          } else if ((s.op === 'close' && asked.close) || (s.op === 'restart' && asked.stray)) {
            const o = (s.op === 'close' ? asked.close : asked.stray)!;
            heaps.close(o);
            scan.list.splice(scan.list.indexOf(o), 1);
          }
          expect(heaps.size).toBe(scan.list.length);
          expect(heaps.instances()).toEqual(scan.list);
        }
      }),
      { numRuns: 400 },
    );
  });
});
