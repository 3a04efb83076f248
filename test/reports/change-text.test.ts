// "What each variant changes" in words: a change of the arrival streams and a flow added or
// removed read as the Assumptions write them, never as the inputs' JSON (s33x F23); an arrivals
// change a line per stream.
import { expect, test } from 'vitest';
import { variantInputs } from '../../engine/results/inputs.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { changeTexts } from '../../reports/assumptions.js';

const TEXT = `name: growth
run: { horizon: 100h, replications: 2 }
resources: { desk: { capacity: 2 } }
arrivals: [{ flow: f, rate: 1/h }]
flows:
  f: { start: a, nodes: { a: { resource: desk, duration: 30m } } }
  old: { start: x, nodes: { x: { duration: 1h } } }
variants:
  growth:
    patch:
      arrivals: [{ flow: f, rate: 1.2/h }, { flow: g, rate: 0.5/h }]
      flows:
        old: null
        g: { sla: 1d, start: y, nodes: { y: { resource: desk, duration: 10m } } }
`;

test('arrivals, a flow added and one removed: in words, no JSON', () => {
  const { set, diagnostics } = loadScenarioText(TEXT, 'growth.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const texts = variantInputs(set!.baseline, set!.variants[0].scenario).changes.flatMap(changeTexts);
  // a line per stream changed or added, each once named (it read "arrivals: arrivals f: ... -> f: ...; g: ...")
  expect(texts.filter((t) => t.startsWith('arrivals'))).toEqual([
    'arrivals of f: Poisson, 1.00 an hour -> Poisson, 1.20 an hour',
    'arrivals of g added: Poisson, 0.50 an hour',
  ]);
  expect(texts).toContain('flow old removed');
  expect(texts).toContain('flow g added: g: 1 step; SLA 1 day');
  for (const t of texts) expect(t).not.toContain('{"');
});

test("a calendar's hours and a roster: as the Assumptions write them, not their JSON", () => {
  const text = `name: hours
run: { horizon: 100h, replications: 2 }
calendars: { office: { days: [mon, tue, wed, thu, fri], hours: "08:00-16:00" } }
resources:
  desk: { capacity: 1, calendar: office }
  noc: { shifts: [{ days: [mon, tue, wed, thu, fri, sat, sun], hours: "06:00-22:00", capacity: 2 }] }
arrivals: [{ flow: f, rate: 1/h }]
flows:
  f: { start: a, nodes: { a: { resource: desk, duration: 30m, next: b }, b: { resource: noc, duration: 10m } } }
variants:
  longer:
    patch:
      calendars: { office: { hours: "08:00-18:00" } }
      resources:
        noc:
          shifts:
            - { days: [mon, tue, wed, thu, fri, sat, sun], hours: "06:00-22:00", capacity: 2 }
            - { days: [mon, tue, wed, thu, fri, sat, sun], hours: "22:00-06:00", capacity: 1, description: night }
`;
  const { set, diagnostics } = loadScenarioText(text, 'hours.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const texts = variantInputs(set!.baseline, set!.variants[0].scenario).changes.flatMap(changeTexts);
  expect(texts).toContain('calendar office: Mon-Fri 08:00-16:00 -> Mon-Fri 08:00-18:00');
  expect(texts).toContain(
    'team noc: roster 1 shift (2 on Mon-Sun 06:00-22:00) -> 2 shifts (2 on Mon-Sun 06:00-22:00; 1 on Mon-Sun 22:00-06:00 (night))',
  );
  for (const t of texts) expect(t).not.toContain('{"');
});
