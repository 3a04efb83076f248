// load-placement.ts' decisions, each on a sizing written out by hand: a problem is the requirements it
// asks (a text), a staffing's waits name the problem they place the loads into, and each problem's
// search returns the staffing the script gives. Whose waits place the loads, how many searches ran,
// whether the placement settled, what is marked, and the recommended unit more's own placement are
// then known exactly (the whole sizing on simulated runs: sizing-placement.test.ts).
import { describe, expect, it } from 'vitest';
import { LoadPlacement, type PlacementSizing, type RunStaffing } from '../../engine/analysis/load-placement.js';
import type { StepWaits } from '../../engine/model/reach-time.js';
import type { SizingCandidate } from '../../engine/results/sizing.js';
import { sizingProblems } from '../../engine/results/readable.js';
import { placementNote } from '../../reports/sizing-tables.js';
import { escapeHtml } from '../../reports/html.js';
import { sizingFiles } from '../../reports/sizing-page.js';
import { constant, flow, scenario, task, team } from '../support/build.js';
import { smallSizing } from '../reports/fixture.js';

/** A sizing problem by hand: the requirements a search under it is held to, and the fewest back units it asks. */
interface Hand {
  asks: string;
  back: number;
}

type Staffing = RunStaffing<Hand>;

const first: Hand = { asks: 'as if no step queued', back: 1 };

/** The problem each staffing's waits place the loads into. */
const into = new Map<ReadonlyMap<string, StepWaits>, Hand>();

/** A staffing of `back` units whose run's waits (the front's, `wait` h) place the loads into `placed`. */
function staffing(back: number, placed: Hand, wait = 0.5, unsettled: string[] = []): Staffing {
  const waits = new Map<string, StepWaits>([['f', [wait, 0]]]);
  into.set(waits, placed);
  const candidate: SizingCandidate = {
    capacities: { back },
    cost_per_hour: back,
    cost_per_week: back * 168,
    meets: true,
    metrics: {},
    targets: [],
  };
  return { capacities: [back], candidate, waits, unsettled, runUnder: first };
}

/** The sizing the placement drives: each problem's search per `found` (absent: it cannot start), every call remembered. */
function handSizing(found: Map<Hand, Staffing | null>) {
  const calls: string[] = [];
  const sizing: PlacementSizing<Hand, Staffing> = {
    placedAfter: (waits) => into.get(waits)!,
    requirements: (p) => p.asks,
    adopt: (p) => calls.push(`adopt ${p.asks}`),
    startable: (p) => found.has(p),
    search: async (p) => {
      calls.push(`search ${p.asks}`);
      const s = found.get(p) ?? null;
      if (s !== null) s.runUnder = p;
      return s;
    },
    whyIneligible: (p, x) => (x[0] < p.back ? `'back' has ${x[0]}, where Erlang C requires ${p.back}` : null),
  };
  return { sizing, calls };
}

const f = scenario({
  resources: [team('front', 1), team('back', 1)],
  arrivals: [],
  flows: [flow('f', [task('a', constant(1), 'front', 'b'), task('b', constant(1), 'back')])],
});

describe('LoadPlacement: whose waits place the loads, and when the search runs again', () => {
  it("settles on the choice's own waits: two searches, the second choice placed after its own", async () => {
    const afterCurrent: Hand = { asks: 'after current', back: 1 };
    const afterA: Hand = { asks: 'after A', back: 2 };
    const afterB: Hand = { asks: 'after A', back: 2 }; // B's waits ask what A's did: a fixed point
    const current = staffing(1, afterCurrent, 4);
    const a = staffing(1, afterA, 1);
    const b = staffing(2, afterB, 0.25);
    const { sizing, calls } = handSizing(new Map([[afterA, b]]));
    const placement = new LoadPlacement(sizing);
    const problem = placement.first(first, current);
    expect(problem).toBe(afterCurrent);
    a.runUnder = problem;
    const placed = await placement.afterChoice(problem, a);
    expect(placed).toEqual({ problem: afterB, chosen: b });
    expect(calls).toEqual(['adopt after current', 'adopt after A', 'search after A', 'adopt after A']);
    placement.markRuledOut(placed.problem, [current, a, b], current);
    // A, run under the current staffing's placement, has 1 back unit where the final one asks 2
    expect(a.candidate.other_placement).toEqual({
      placed_after: { capacities: { back: 1 } },
      reason: "'back' has 1, where Erlang C requires 2",
    });
    expect(b.candidate.other_placement).toBeUndefined();
    expect(current.candidate.other_placement).toBeUndefined(); // judged apart (sizing.ts' judgeCurrent)
    const record = placement.record(f);
    expect(record).toEqual({
      measured_on: { capacities: { back: 2 } },
      waits: { f: { a: 0.25, b: 0 } },
      searches: 2,
      consistent: true,
      set_aside: [],
    });
  });

  it('a later search that ran and found nothing is counted (s41 Noticed); one that could not start is not', async () => {
    const afterCurrent: Hand = { asks: 'after current', back: 1 };
    const afterA: Hand = { asks: 'after A', back: 3 };
    for (const [startable, searches] of [
      [true, 2],
      [false, 1],
    ] as const) {
      const current = staffing(1, afterCurrent, 4);
      const a = staffing(1, afterA, 1);
      const { sizing, calls } = handSizing(startable ? new Map([[afterA, null]]) : new Map());
      const placement = new LoadPlacement(sizing);
      const problem = placement.first(first, current);
      const placed = await placement.afterChoice(problem, a);
      // the choice stays with the placement it was made under
      expect(placed).toEqual({ problem: afterCurrent, chosen: a });
      expect(calls.filter((c) => c.startsWith('search'))).toEqual(startable ? ['search after A'] : []);
      expect(calls.at(-1)).toBe('adopt after current');
      const record = placement.record(f);
      expect(record.searches, `startable ${startable}`).toBe(searches);
      expect(record.consistent).toBe(false);
      expect(record.measured_on).toEqual({ capacities: { back: 1 } });
      expect(placementNote({ ...smallSizing(), chosen: a.candidate, queue_placement: record })).toMatch(
        new RegExp(`\\(not settled in ${searches} search(es)?\\)\\.$`),
      );
    }
  });

  it('held to its bound, back to requirements searched, or its choice unsettled: not settled, no search run', async () => {
    const afterCurrent: Hand = { asks: 'after current', back: 1 };
    const afterA: Hand = { asks: 'after A', back: 2 };
    const cases = [
      { limit: 1, a: staffing(1, afterA), searches: 1, aside: 0 },
      { limit: 4, a: staffing(1, { asks: 'after current', back: 1 }), searches: 1, aside: 0, settled: true },
      { limit: 4, a: staffing(1, afterA, 1, ["'front' is offered 97% of capacity"]), searches: 1, aside: 1 },
    ];
    for (const c of cases) {
      const current = staffing(1, afterCurrent, 4);
      const { sizing, calls } = handSizing(new Map([[afterA, staffing(2, afterA)]]));
      const placement = new LoadPlacement(sizing, c.limit);
      const placed = await placement.afterChoice(placement.first(first, current), c.a);
      expect(calls.filter((x) => x.startsWith('search'))).toEqual([]);
      const record = placement.record(f);
      expect(record.searches).toBe(c.searches);
      // the choice's waits asking what it was chosen under is the fixed point, reached without a search
      expect(record.consistent).toBe(c.settled === true);
      expect(record.set_aside).toHaveLength(c.aside);
      expect(placed.chosen).toBe(c.a);
    }
  });
});

describe("LoadPlacement.checkUnitMore: the verification's unit more against the placement its own waits ask", () => {
  const heldTo: Hand = { asks: 'after the choice', back: 2 };
  const run = (unitMore: Staffing) => {
    const { sizing } = handSizing(new Map());
    const current = staffing(1, heldTo);
    const placement = new LoadPlacement(sizing);
    placement.first(first, current);
    placement.checkUnitMore(heldTo, unitMore);
    return placement.record(f);
  };

  it('the same requirements: consistent, nothing said', () => {
    const record = run(staffing(3, { asks: 'after the choice', back: 2 }));
    expect(record.unit_more).toEqual({ capacities: { back: 3 }, consistent: true, ruled_out: null, unread: null });
    expect(placementNote({ ...smallSizing(), queue_placement: record })).not.toMatch(/held to the placement/);
  });

  it('other requirements, which it covers or falls short of, or waits it cannot be placed by: said, escaped in the page', async () => {
    const covers = run(staffing(3, { asks: 'after the unit more', back: 3 })).unit_more;
    expect(covers).toEqual({ capacities: { back: 3 }, consistent: false, ruled_out: null, unread: null });
    const short = run(staffing(3, { asks: 'after the unit more', back: 4 }));
    expect(short.unit_more).toEqual({
      capacities: { back: 3 },
      consistent: false,
      ruled_out: "'back' has 3, where Erlang C requires 4",
      unread: null,
    });
    const note = placementNote({ ...smallSizing(), queue_placement: short })!;
    expect(note).toMatch(
      /\. The recommendation, back 3, made after the verification refuted the search's choice, is held to the placement that choice was made under; placed after its own queue waits, it would ask other intervals' requirements, which rule it out: 'back' has 3, where Erlang C requires 4\.$/,
    );
    const page = String((await sizingFiles({ ...smallSizing(), per_shift: true, queue_placement: short })).get('sizing.html'));
    expect(page).toContain(escapeHtml(note));
    expect(page).toContain('which rule it out: &#39;back&#39; has 3');
    expect(placementNote({ ...smallSizing(), queue_placement: { ...short, unit_more: covers } })).toMatch(
      /other intervals' requirements, which it covers\.$/,
    );
    const unread = run(staffing(3, { asks: 'after the unit more', back: 4 }, 1, ["'back' queue climbs"])).unit_more;
    expect(unread).toEqual({ capacities: { back: 3 }, consistent: null, ruled_out: null, unread: "'back' queue climbs" });
    // the file read back carries it as written
    const file = JSON.parse(JSON.stringify({ ...smallSizing(), per_shift: true, queue_placement: short }));
    expect(sizingProblems(file)).toEqual([]);
    expect(
      sizingProblems({ ...file, queue_placement: { ...file.queue_placement, unit_more: { capacities: {} } } }).map((p) => p.path.join('.')),
    ).toEqual(['queue_placement.unit_more.consistent', 'queue_placement.unit_more.ruled_out', 'queue_placement.unit_more.unread']);
  });
});
