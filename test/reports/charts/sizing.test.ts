import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, test } from 'vitest';
import { sizingChart } from '../../../reports/charts/sizing.js';
import { metricLabel } from '../../../reports/format.js';
import type { SizingCandidate } from '../../../engine/results/sizing.js';
import { sizingCandidate as candidate, smallSizing as sizing, SIZING_PATH as PATH } from '../fixture.js';
import { specJson } from '../spec-json.js';

type Json = ReturnType<typeof specJson>;

/** Each point's staffing, whether it is ringed as the recommendation, and how its fresh replications left it (null: no failed check). */
function marks(spec: Json): [string, boolean, string | null][] {
  return spec.data.values.map((r: { staffing: string; chosen: boolean; verified?: string }) => [r.staffing, r.chosen, r.verified ?? null]);
}

/** The layer ringing the staffings the fresh replications did not confirm. */
function ringLayer(spec: Json) {
  return spec.layer.find((l: { encoding?: { stroke?: unknown } }) => l.encoding?.stroke !== undefined);
}

describe('sizing chart', () => {
  test('a point per candidate: cost per hour against the main metric in days, the chosen one ringed', () => {
    const spec = specJson(sizingChart(sizing()));
    expect(spec.data.values).toEqual([
      { cost: 30, value: 7, lo: 6.5, hi: 7.5, outcome: 'misses a target', staffing: 'techs 3', chosen: false },
      { cost: 40, value: 4, lo: 3.5, hi: 4.5, outcome: 'meets every target', staffing: 'techs 4', chosen: true },
      { cost: 50, value: 3, lo: 2.5, hi: 3.5, outcome: 'meets every target', staffing: 'techs 5', chosen: false },
    ]);
    expect(spec.layer[1].encoding.y.title).toBe(`${metricLabel(PATH)} (days)`);
    expect(spec.layer[2].transform).toEqual([{ filter: 'datum.chosen' }]);
    expect(spec.layer[3].data.values).toEqual([{ target: 5 }]); // 5d
  });

  test('compiles with vega-lite', () => {
    const warnings: string[] = [];
    const logger = {
      level: () => 2,
      error(...args: unknown[]) {
        warnings.push(args.join(' '));
        return this;
      },
      warn(...args: unknown[]) {
        warnings.push(args.join(' '));
        return this;
      },
      info() {
        return this;
      },
      debug() {
        return this;
      },
    };
    compile(sizingChart(sizing())!.spec as TopLevelSpec, { logger });
    compile(sizingChart({ ...sizing(), verification: { ...sizing().verification!, meets: false } })!.spec as TopLevelSpec, { logger });
    const notConfirmed = { ...sizing().verification!, meets: false, outcome: 'not_confirmed' as const };
    compile(
      sizingChart({
        ...sizing(),
        verification: notConfirmed,
        refuted: [{ ...sizing().candidates[2], verification: { ...notConfirmed, outcome: 'refuted' } }],
      })!.spec as TopLevelSpec,
      { logger },
    );
    expect(warnings).toEqual([]);
  });

  test('per shift: two rosters with the same largest capacity are told apart, and only the chosen one is ringed', () => {
    const [a, b] = [candidate(4, 96, true), candidate(4, 90, true)];
    a.shift_capacities = { techs: [4, 2] };
    b.shift_capacities = { techs: [4, 3] };
    const chosen = JSON.parse(JSON.stringify(b)) as SizingCandidate; // as read back from sizing.json
    const rows = specJson(sizingChart({ ...sizing(), per_shift: true, candidates: [a, b], chosen })).data.values as {
      staffing: string;
      chosen: boolean;
    }[];
    expect(rows.map((r) => [r.staffing, r.chosen])).toEqual([
      ['techs 4/2', false],
      ['techs 4/3', true],
    ]);
  });

  // s33x F21: the console and sizing.json call a choice its fresh replications refuted not recommended
  test('a refuted choice is not ringed as the recommendation but marked refuted, in a legend of its own', () => {
    const refuted = { ...sizing(), verification: { ...sizing().verification!, meets: false, outcome: 'refuted' as const } };
    const spec = specJson(sizingChart(refuted));
    expect(marks(spec)).toEqual([
      ['techs 3', false, null],
      ['techs 4', false, 'refuted'],
      ['techs 5', false, null],
    ]);
    expect(spec.title.subtitle.join(' ')).toMatch(
      /the search's choice is not recommended; red dashed ring: refuted on fresh replications$/,
    );
    const ring = ringLayer(spec);
    expect(ring.encoding.stroke.scale).toEqual({ domain: ['refuted'], range: ['#b91c1c'] });
    expect(ring.encoding.strokeDash.scale).toEqual({ domain: ['refuted'], range: [[3, 2]] });
    // a file written before `outcome` and the `refuted` list: a failed check was a refutation
    expect(marks(specJson(sizingChart({ ...sizing(), verification: { ...sizing().verification!, meets: false } })))[1]).toEqual([
      'techs 4',
      false,
      'refuted',
    ]);
    // confirmed (or with no verification): ringed as before, no mark of a failed check
    const confirmed = specJson(sizingChart({ ...sizing(), verification: null }));
    expect(marks(confirmed).map(([, chosen, verified]) => [chosen, verified])).toEqual([
      [false, null],
      [true, null],
      [false, null],
    ]);
    expect(confirmed.layer.length).toBe(4);
  });

  // s34e Left, s35y F5: an interval too wide is not a refutation; the chart called it one
  test('a choice not confirmed (every fresh mean meets its target, an interval too wide) is marked "not confirmed", not refuted', () => {
    const base = sizing();
    const check = { ...base.verification!, meets: false, outcome: 'not_confirmed' as const };
    const notConfirmed = {
      ...base,
      verification: check,
      refuted: [{ capacities: base.chosen!.capacities, cost_per_week: base.chosen!.cost_per_week, verification: check }],
    };
    const spec = specJson(sizingChart(notConfirmed));
    expect(marks(spec)).toEqual([
      ['techs 3', false, null],
      ['techs 4', false, 'not confirmed'],
      ['techs 5', false, null],
    ]);
    const ring = ringLayer(spec);
    expect(ring.encoding.stroke.scale).toEqual({ domain: ['not confirmed'], range: ['#b45309'] });
    expect(ring.encoding.stroke.legend.title).toBe('on fresh replications');
    expect(spec.title.subtitle.join(' ')).toMatch(/; amber dotted ring: not confirmed on fresh replications \(an interval too wide\)$/);
    expect(spec.title.subtitle.join(' ')).not.toContain('refuted');
  });

  // s35y F11: a staffing that cannot keep up met its targets on the cases that completed; it is never drawn as meeting them
  test('a staffing that cannot keep up is drawn as such, not as meeting the targets; a backlog on fresh replications has a ring of its own', () => {
    const base = sizing();
    const [cheap, chosen, dear] = base.candidates;
    const unstable = { ...cheap, meets: true, unstable: "'techs' is offered 110% of its capacity, so its queue grows without bound" };
    const check = { ...base.verification!, meets: false, outcome: 'unstable' as const, unstable: ["'techs' is unstable"] };
    const spec = specJson(
      sizingChart({
        ...base,
        candidates: [unstable, chosen, dear],
        verification: check,
        refuted: [{ capacities: chosen.capacities, cost_per_week: chosen.cost_per_week, verification: check }],
      }),
    );
    expect(spec.data.values.map((r: { outcome: string }) => r.outcome)).toEqual([
      'cannot keep up with its work',
      'meets every target',
      'meets every target',
    ]);
    expect(spec.layer[1].encoding.color.scale).toEqual({
      domain: ['meets every target', 'misses a target', 'cannot keep up with its work'],
      range: ['#59a14f', '#e15759', '#9c755f'],
    });
    expect(marks(spec)[1]).toEqual(['techs 4', false, 'unstable']);
    expect(ringLayer(spec).encoding.stroke.scale).toEqual({ domain: ['unstable'], range: ['#7c2d12'] });
    expect(spec.title.subtitle.join(' ')).toMatch(
      /; brown dashed ring: no steady state on fresh replications \(its queues do not settle\)$/,
    );
    compile(sizingChart({ ...base, candidates: [unstable, chosen, dear], verification: check })!.spec as TopLevelSpec);
  });

  test('after a refutation: the recommendation one unit up ringed, the refuted first choice marked refuted', () => {
    const base = sizing();
    const [, first, up] = base.candidates;
    const refutation = { ...base.verification!, seed: 5, meets: false, outcome: 'refuted' as const };
    const after = {
      ...base,
      chosen: up,
      verification: { ...base.verification!, outcome: 'confirmed' as const, backlog_checked: true as const, targets: up.targets },
      refuted: [{ capacities: first.capacities, cost_per_week: first.cost_per_week, verification: refutation }],
    };
    const spec = specJson(sizingChart(after));
    expect(marks(spec)).toEqual([
      ['techs 3', false, null],
      ['techs 4', false, 'refuted'],
      ['techs 5', true, null],
    ]);
    expect(spec.title.subtitle.join(' ')).toMatch(
      /ringed: the recommended staffing, confirmed on fresh replications; red dashed ring: refuted on fresh replications$/,
    );
  });

  test('a file written before the backlog check was recorded: its recommendation is never called confirmed', () => {
    const base = sizing();
    const [, first, up] = base.candidates;
    const refutation = { ...base.verification!, seed: 5, meets: false, outcome: 'refuted' as const };
    // as session 37 wrote it: `outcome` and `refuted`, no `backlog_checked`
    const old = {
      ...base,
      chosen: up,
      verification: { ...base.verification!, outcome: 'confirmed' as const, targets: up.targets },
      refuted: [{ capacities: first.capacities, cost_per_week: first.cost_per_week, verification: refutation }],
    };
    const subtitle: string = specJson(sizingChart(JSON.parse(JSON.stringify(old)))).title.subtitle.join(' ');
    expect(subtitle).toMatch(
      /ringed: the recommended staffing, its targets met again on fresh replications \(a file that does not record a backlog check\); red dashed ring: refuted on fresh replications$/,
    );
    expect(subtitle).not.toMatch(/\bconfirmed\b/);
  });

  test("a recommendation the search's replications missed with, confirmed on fresh ones, is not drawn as missing a target", () => {
    const base = sizing();
    const [, first] = base.candidates;
    const up = { ...base.candidates[2], meets: false }; // one unit up: the search's 2 replications' interval too wide
    const refutation = { ...base.verification!, seed: 5, meets: false, outcome: 'refuted' as const };
    const after = {
      ...base,
      candidates: [base.candidates[0], first, up],
      chosen: up,
      verification: { ...base.verification!, outcome: 'confirmed' as const, backlog_checked: true as const, targets: up.targets },
      refuted: [{ capacities: first.capacities, cost_per_week: first.cost_per_week, verification: refutation }],
    };
    const spec = specJson(sizingChart(after));
    expect(spec.data.values.map((r: { staffing: string; outcome: string }) => [r.staffing, r.outcome])).toEqual([
      ['techs 3', 'misses a target'],
      ['techs 4', 'meets every target'],
      ['techs 5', "meets every target on fresh replications, not on the search's"],
    ]);
    expect(spec.layer[1].encoding.color.scale.domain).toContain("meets every target on fresh replications, not on the search's");
    // without such a point, the two outcomes as before
    expect(specJson(sizingChart(base)).layer[1].encoding.color.scale.domain).toEqual(['meets every target', 'misses a target']);
  });

  test('no chart without candidates', () => {
    expect(sizingChart({ ...sizing(), chosen: null, candidates: [] })).toBeNull();
  });
});
