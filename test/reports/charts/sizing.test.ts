import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, test } from 'vitest';
import type { SizingCandidate, SizingResult } from '../../../engine/results/sizing.js';
import { sizingChart } from '../../../reports/charts/sizing.js';
import { metricLabel } from '../../../reports/format.js';
import { specJson } from '../spec-json.js';

const PATH = 'flows.order.cycle_time.p90';

function candidate(techs: number, p90: number, meets: boolean): SizingCandidate {
  return {
    capacities: { techs },
    cost_per_hour: techs * 10,
    cost_per_week: techs * 1680,
    meets,
    metrics: { [PATH]: { mean: p90, ci95: [p90 - 12, p90 + 12] } },
    targets: [{ target: `${PATH} <= 5d`, path: PATH, op: '<=', value: 120, unit: 'duration', bound: p90 + 12, met: meets }],
  };
}

function sizing(): SizingResult {
  const candidates = [candidate(3, 168, false), candidate(4, 96, true), candidate(5, 72, true)];
  return {
    scenario: 'test',
    targets: [`${PATH} <= 5d`],
    resources: ['techs'],
    lower_bounds: { techs: 3 },
    max_capacity: { techs: 14 },
    replications: 10,
    seed: 1,
    confidence: { joint: 0.95, per_target: 0.95, targets: 1 },
    chosen: candidates[1],
    verification: { seed: 2654435762, replications: 10, meets: true, targets: candidates[1].targets },
    current: candidates[0],
    cost_difference_per_week: candidates[1].cost_per_week - candidates[0].cost_per_week,
    diagnosis: [],
    candidates,
    per_shift: false,
    shifts: [],
    erlang_c_intervals: {},
    erlang_c_exact: {},
    currency: null,
  };
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

  test('no chart without candidates', () => {
    expect(sizingChart({ ...sizing(), chosen: null, candidates: [] })).toBeNull();
  });
});
