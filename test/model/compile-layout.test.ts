// compileLayout (engine/model/compile.ts): the model's structure without what only a
// simulation reads, for results.json's and the shard file's size bounds. It must be
// compileModel's model in every field it has, or the bounds would weigh another layout than
// the run writes.
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { compileLayout, compileModel } from '../../engine/model/compile.js';
import type { ModelLayout } from '../../engine/model/model.js';
import { loadScenarioFile, loadScenarioText } from '../../engine/scenario/load.js';

const bundled = ['fiber-order-to-activation', 'fault-to-repair', 'shared-field-force'];

/** compileModel's model cut to the fields of a layout, in the layout's key order. */
function projected(model: ReturnType<typeof compileModel>): ModelLayout {
  return {
    horizon: model.horizon,
    warmup: model.warmup,
    seriesBins: model.seriesBins,
    resources: model.resources.map((r) => ({ name: r.name, shifts: r.shifts, waitTarget: r.waitTarget })),
    flows: model.flows.map((f) => ({
      name: f.name,
      etom: f.etom,
      sla: f.sla,
      slaDays: f.slaDays,
      cancelAfter: f.cancelAfter,
      kpis: f.kpis.map((k) => ({ name: k.name, sla: k.sla, slaDays: k.slaDays })),
    })),
    nodes: model.nodes.map((n) => ({ name: n.name, flow: n.flow, kind: n.kind, etom: n.etom, pool: n.pool })),
  };
}

function scenarios(text: string) {
  const set = loadScenarioText(text, 'pooled.yaml').set!;
  return [set.baseline, ...set.variants.map((v) => v.scenario)];
}

test.each(bundled)('%s and its variants: compileModel in every field of the layout', (name) => {
  const set = loadScenarioFile(fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url))).set!;
  for (const scenario of [set.baseline, ...set.variants.map((v) => v.scenario)]) {
    expect(compileLayout(scenario)).toEqual(projected(compileModel(scenario)));
  }
});

test('a skill pool, a one-team pool, KPIs with and without an SLA, eTOM ids, decisions and forks, a horizon past 200 days', () => {
  const text = `
name: pooled
time_unit: hours
run: { horizon: 500d, warmup: 3d, replications: 2 }
resources:
  a: { capacity: 2 }
  b: { capacity: 1 }
arrivals:
  - { flow: f, rate: 2/h }
flows:
  f:
    etom: "1.1.1.5"
    sla: 2d
    start: t1
    kpis:
      k1: { from: start, to: t2, sla: 1d }
      k2: { from: t1, to: t2 }
    nodes:
      t1: { resource: { any: [a, b] }, duration: 1h, next: d }
      d:
        branch:
          - { to: p, p: 0.5 }
          - { to: t2, p: 0.5 }
      p: { parallel: [t3, t4], join: t2 }
      t3: { etom: "1.1.1.5.4", resource: { any: [b] }, duration: 10m, next: t2 }
      t4: { duration: 5m, next: t2 }
      t2: { resource: a, duration: 30m }
variants:
  more:
    patch: { resources: { b: { capacity: 3 } }, flows: { f: { sla: null } } }
`;
  const all = scenarios(text);
  expect(all.length).toBe(2);
  for (const scenario of all) {
    const layout = compileLayout(scenario);
    expect(layout).toEqual(projected(compileModel(scenario)));
    expect(layout.nodes.some((n) => n.pool !== null)).toBe(true);
  }
  expect(compileLayout(all[0]).seriesBins).toBe(compileModel(all[0]).seriesBins);
});
