// `etomsim report` on a file of ours (a sizing.json, a results.json) with any one value
// replaced by one of another kind, or an odd one of its own: exit 2 with the problem at its
// place, or the report built; never "internal error" (a throw out of reportCommand, exit 1)
// (s35y F14: a sizing.json whose `refuted` was a text ended so). Of a sizing.json holding every
// optional key, every value is tried (a list's first item for all); of a results.json, a sample.
// The sizing page's chart is drawn by vega once for each spec: a spec drawn before (172 pages of
// the sizing.json test, 25 specs) is given its SVG again, which renderSvg returns from the spec
// alone (reports/svg-thread.ts' invariant), so that every page is still built from a real SVG and
// every spec a replaced value makes is still drawn (7.7 -> 3.6 CPU s).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import type { ElkLayoutArguments, ElkNode } from 'elkjs/lib/elk-api.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { captureOutput } from '../support/captured-output.js';
import { reportCommand } from '../../bin/commands/report.js';
import type { SizingResult } from '../../engine/results/sizing.js';
import { SIZING_PATH, sizingCandidate, smallResults, smallSizing } from './fixture.js';
import { type Json, paths, replaced } from '../support/json-paths.js';

vi.mock('../../reports/svg.js', async (importOriginal) => {
  const svg = await importOriginal<typeof import('../../reports/svg.js')>();
  // by the spec's structured serialisation, which keeps -0, NaN and own `__proto__` keys apart (JSON would not)
  const drawn = new Map<string, string>();
  return {
    ...svg,
    async renderSvg(spec: Parameters<typeof svg.renderSvg>[0]): Promise<string> {
      const key = serialize(spec).toString('latin1');
      const known = drawn.get(key);
      if (known !== undefined) return known;
      const text = await svg.renderSvg(spec);
      drawn.set(key, text);
      return text;
    },
  };
});

// Each process map's graph laid out by elkjs once (engine/layout/flow-layout.ts): a graph laid
// out before (the results.json test's summary.md pages: 94 maps of 3 graphs) is given a copy of
// its layout again, which elkjs makes from the graph alone (flow-layout.ts' invariant), so that
// every map is still drawn from a real layout and every graph a replaced value makes is still
// laid out (the test 4.9 -> 2.3-2.8 CPU s).
vi.mock('../../engine/layout/elk.js', async (importOriginal) => {
  const { Elk } = await importOriginal<typeof import('../../engine/layout/elk.js')>();
  const laidOut = new Map<string, ElkNode>();
  class OnceEach {
    async layout(graph: ElkNode, args?: ElkLayoutArguments): Promise<ElkNode> {
      const key = serialize([graph, args]).toString('latin1');
      const known = laidOut.get(key);
      if (known !== undefined) return structuredClone(known);
      const laid = await new Elk().layout(graph, args);
      laidOut.set(key, structuredClone(laid));
      return laid;
    }
  }
  return { Elk: OnceEach };
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'etomsim-malformed-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A sizing.json with every key a reader may meet: the optional ones of later files, a refutation, a diagnosis, per-shift rows. */
function fullSizing(): SizingResult {
  const s = smallSizing();
  const metric = { mean: 96, ci95: [84, 108] as [number, number], ci95_johnson: [85, 110] as [number, number] };
  const refuted = { ...sizingCandidate(4, 130, true), shift_capacities: { techs: [4, 2] } };
  const check = {
    seed: 7,
    replications: 10,
    meets: false,
    outcome: 'unstable' as const,
    unstable: ["'techs' is unstable: its queue rose"],
    targets: refuted.targets,
    metrics: { [SIZING_PATH]: metric },
  };
  return {
    ...s,
    interval: 'johnson',
    uncosted: ['techs'],
    no_work: ['techs'],
    min_capacity: { techs: 0 },
    current: {
      ...s.current,
      ineligible: 'below its lower bound',
      unstable: "'techs' is offered 120% of its capacity",
      stopped: 'work in progress past 1000',
    },
    chosen: { ...s.candidates[1], shift_capacities: { techs: [4, 3] } },
    candidates: [
      ...s.candidates,
      {
        ...sizingCandidate(2, 100, true),
        other_placement: {
          placed_after: { capacities: { techs: 3 }, shift_capacities: { techs: [3, 2] } },
          reason: "'techs' has 2 units on",
        },
      },
    ],
    verification: { ...check, meets: true, outcome: 'confirmed', unstable: undefined as never },
    units_reasons: [
      {
        team: 'techs',
        shift: 0,
        units: 4,
        reason: 'refuted',
        fewer: { capacities: { techs: 4 }, shift_capacities: { techs: [3, 3] } },
        missed: [{ target: s.targets[0], path: SIZING_PATH, bound: 110, ...metric }],
        detail: 'refuted',
      },
    ],
    refuted: [
      {
        capacities: refuted.capacities,
        shift_capacities: refuted.shift_capacities,
        cost_per_week: refuted.cost_per_week,
        verification: check,
      },
    ],
    diagnosis: [
      {
        target: s.targets[0],
        path: SIZING_PATH,
        best_capacities: { techs: 5 },
        best_shift_capacities: { techs: [5, 3] },
        best_bound: 80,
        best_mean: 72,
        limits: ['the interval', 'at the maximum'],
        causes: ['interval', 'maximum'],
      },
    ],
    per_shift: true,
    shifts: [
      {
        team: 'techs',
        shift: 0,
        description: 'day',
        periods: [{ start: 8, end: 16 }],
        hours_per_week: 40,
        erlang_c: 3,
        lower_bound: 2,
        max_capacity: 9,
        current: 3,
        recommended: 4,
        cost_per_week: { current: 1200, recommended: 1600, difference: 400 },
      },
    ],
    erlang_c_intervals: {
      techs: [
        { start: 8, end: 16, offered_load: 2.5, mean_work: 1, shifts: [0], required: 3 },
        { start: 16, end: 17, offered_load: 1e-12, mean_work: 1, shifts: [0], required: 0, negligible: true },
      ],
    },
    erlang_c_exact: { techs: true },
    queue_placement: {
      measured_on: { capacities: { techs: 4 }, shift_capacities: { techs: [4] } },
      waits: { order: { capture: 0.5 } },
      searches: 2,
      consistent: true,
      set_aside: [{ capacities: { techs: 3 }, shift_capacities: { techs: [3] }, reason: "'techs' is offered 97% of capacity" }],
      unit_more: {
        capacities: { techs: 5 },
        shift_capacities: { techs: [5] },
        consistent: false,
        ruled_out: "'techs' has 5 units on from mon 08:00 to mon 09:00, where Erlang C requires 6",
        unread: null,
      },
    },
    currency: 'EUR',
  };
}

/** Values of another kind, and odd values of each kind. */
const ODD: Json[] = [null, 'x', -1.5, true, [null], {}, JSON.parse('{"__proto__": 1}')];

/** How many files exitOf has written: each case reads a file and writes a folder of its own. */
let cases = 0;

/**
 * `etomsim report`'s exit status on `data`. Each case has new names: a file rewritten in place is
 * flushed to disk as it is closed (ext4's auto_da_alloc, and a folder replaced is removed first),
 * some 5 ms a case of waiting on a disk the host shares, where a new file is not (about 0.1 ms).
 */
async function exitOf(data: Json, formats?: ('html' | 'md' | 'csv')[]): Promise<number> {
  const file = join(dir, `input-${++cases}.json`);
  writeFileSync(file, JSON.stringify(data, null, 2));
  return reportCommand(file, join(dir, `out-${cases}`), true, formats);
}

describe('etomsim report on a malformed file of ours', () => {
  test('sizing.json: any value replaced gives exit 2 with the problem, or the report; never an internal error', async () => {
    const said = captureOutput();
    const full = fullSizing() as unknown as Json;
    expect(await exitOf(full)).toBe(0); // the file as written is read
    const failures: string[] = [];
    for (const path of paths(full, true).filter((p) => p.length > 0)) {
      for (const value of ODD) {
        try {
          const code = await exitOf(replaced(full, path, value));
          if (code !== 0 && code !== 2) failures.push(`${path.join('.')} = ${JSON.stringify(value)}: exit ${code}`);
        } catch (err) {
          failures.push(`${path.join('.')} = ${JSON.stringify(value)}: ${(err as Error).message}`);
        }
      }
    }
    said.restore();
    expect(failures).toEqual([]);
  }, 120_000);

  test('results.json: a value replaced anywhere, 300 draws, gives exit 2 with the problem, or the report; never an internal error', async () => {
    // every one of the 6,000 replacements of this file was tried once (session 36, 114 s, none failed): a sample keeps it quick
    const said = captureOutput();
    const full = smallResults() as unknown as Json;
    const all = paths(full, true).filter((p) => p.length > 0);
    expect(await exitOf(full, ['md', 'csv'])).toBe(0);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: all.length - 1 }), fc.constantFrom(...ODD), async (i, value) => {
        expect([0, 2]).toContain(await exitOf(replaced(full, all[i], value), ['md', 'csv']));
      }),
      { numRuns: 300, seed: 36 },
    );
    said.restore();
  }, 120_000);
});
