import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, test } from 'vitest';
import { sizingChart } from '../../../reports/charts/sizing.js';
import { metricLabel } from '../../../reports/format.js';
import type { SizingCandidate } from '../../../engine/results/sizing.js';
import { sizingCandidate as candidate, smallSizing as sizing, SIZING_PATH as PATH } from '../fixture.js';
import { specJson } from '../spec-json.js';

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
  test('a refuted choice is not ringed as the recommendation but marked refuted', () => {
    const refuted = { ...sizing(), verification: { ...sizing().verification!, meets: false } };
    const spec = specJson(sizingChart(refuted));
    expect(
      spec.data.values.map((r: { staffing: string; chosen: boolean; refuted?: boolean }) => [r.staffing, r.chosen, r.refuted ?? false]),
    ).toEqual([
      ['techs 3', false, false],
      ['techs 4', false, true],
      ['techs 5', false, false],
    ]);
    expect(spec.title.subtitle[0]).toMatch(
      /dashed red ring: the search's choice, which its fresh replications refuted \(not recommended\)$/,
    );
    expect(
      spec.layer.filter((l: { transform?: unknown }) => JSON.stringify(l.transform) === JSON.stringify([{ filter: 'datum.refuted' }]))
        .length,
    ).toBe(2);
    // confirmed (or with no verification): ringed as before, no refuted mark
    const confirmed = specJson(sizingChart({ ...sizing(), verification: null }));
    expect(confirmed.data.values.map((r: { chosen: boolean }) => r.chosen)).toEqual([false, true, false]);
    expect(confirmed.layer.length).toBe(4);
  });

  test('no chart without candidates', () => {
    expect(sizingChart({ ...sizing(), chosen: null, candidates: [] })).toBeNull();
  });
});
