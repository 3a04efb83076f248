// "What each variant changes" in words: a change of the arrival streams and a flow added or
// removed read as the Assumptions write them, never as the inputs' JSON (s33x F23); an arrivals
// change a line per stream.
import { expect, test } from 'vitest';
import { variantInputs } from '../../engine/results/inputs.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { assumptions, changeTexts } from '../../reports/assumptions.js';
import { resultsOfSet } from '../support/results.js';

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
  const texts = variantInputs(set!.baseline, set!.variants[0].scenario).changes.flatMap((c) => changeTexts(c));
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
  const texts = variantInputs(set!.baseline, set!.variants[0].scenario).changes.flatMap((c) => changeTexts(c));
  expect(texts).toContain('calendar office: Mon-Fri 08:00-16:00 -> Mon-Fri 08:00-18:00');
  expect(texts).toContain(
    'team noc: roster 1 shift (2 on Mon-Sun 06:00-22:00) -> 2 shifts (2 on Mon-Sun 06:00-22:00; 1 on Mon-Sun 22:00-06:00 (night))',
  );
  for (const t of texts) expect(t).not.toContain('{"');
});

// s36f: a variant that removes a team (the README's worked example: `resources: { order_desk: null }`)
// read "team order desk: order desk {"capacity":3,...} -> none" in report.html, summary.md, report.xlsx
// and the slides; a rostered team's roster change came with "capacity 9 -> 10" beside it.
const TEAMS = `name: teams
currency: EUR
run: { horizon: 100h, replications: 2 }
calendars:
  office: { days: [mon, tue, wed, thu, fri], hours: "08:00-18:00" }
resources:
  desk: { capacity: 3, cost_per_hour: 40, calendar: office }
  techs:
    cost_per_hour: 65
    shifts: [{ days: [mon, tue, wed, thu, fri, sat], hours: "08:00-18:00", capacity: 9 }]
arrivals: [{ flow: f, rate: 1/h }]
flows:
  f: { start: a, nodes: { a: { resource: desk, duration: 20m, next: b }, b: { resource: techs, duration: 1h } } }
variants:
  zero_touch:
    patch:
      flows: { f: { nodes: { a: { resource: null, duration: 2m } } } }
      resources: { desk: null }
  nights:
    patch:
      calendars: { night: { days: [mon, tue, wed, thu, fri], hours: "22:00-06:00" } }
      resources:
        night_desk: { capacity: 2, cost_per_hour: 50, calendar: night, description: "on call" }
        techs:
          shifts: [{ days: [mon, tue, wed, thu, fri, sat], hours: "08:00-18:00", capacity: 10 }]
      flows: { f: { nodes: { a: { resource: night_desk } } } }
`;

test('a team removed, a team and a calendar added, a roster changed: each in words, once', () => {
  const { set, diagnostics } = loadScenarioText(TEAMS, 'teams.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const inputs = (i: number) => variantInputs(set!.baseline, set!.variants[i].scenario);
  const [zero, nights] = [inputs(0), inputs(1)];
  const context = (v: typeof zero) => ({ calendars: v.calendars, currency: 'EUR' });
  const zeroTexts = zero.changes.flatMap((c) => changeTexts(c, context(zero)));
  expect(zeroTexts).toContain('team desk removed');
  const nightTexts = nights.changes.flatMap((c) => changeTexts(c, context(nights)));
  expect(nightTexts).toContain('calendar night added: Mon-Fri 22:00-06:00');
  // 2 units x 8 h x 5 days = 80 unit-hours a week, x EUR 50 = EUR 4,000
  expect(nightTexts).toContain(
    'team night desk (on call) added: 2 units, night calendar (Mon-Fri 22:00-06:00); EUR 50.0 per unit-hour; 80.0 staffed unit-hours a week, EUR 4,000 per week',
  );
  for (const t of [...zeroTexts, ...nightTexts]) expect(t).not.toContain('{"');
});

test("the report's Assumptions: a roster's change without its largest capacity's beside it", async () => {
  const { set } = loadScenarioText(TEAMS, 'teams.yaml');
  const results = await resultsOfSet(set!);
  const nights = assumptions(results).variants.find((v) => v.variant === 'nights')!;
  expect(nights.changes).toContain('team techs: roster 1 shift (9 on Mon-Sat 08:00-18:00) -> 1 shift (10 on Mon-Sat 08:00-18:00)');
  expect(nights.changes.filter((t) => t.startsWith('team techs'))).toHaveLength(1);
  const zero = assumptions(results).variants.find((v) => v.variant === 'zero_touch')!;
  expect(zero.changes).toEqual(['team desk removed', 'a: team desk -> none (automated)', 'a: duration 20.0 min -> 2.00 min']);
});

// s36f: a flow's SLA in working days changed read "flow f: working days 2 -> 3", its calendar
// "flow f: calendar office -> late" (the SLA's, not the flow's), and working days to a duration
// "flow f: SLA added -> 3.00 d" beside "flow f: sla working days {"working_days":2,...} -> none".
test("a flow's SLA changed: one line, both SLAs as the Assumptions write them, whichever keys hold them", async () => {
  const text = `name: slas
run: { horizon: 100h, replications: 2 }
calendars:
  office: { days: [mon, tue, wed, thu, fri], hours: "08:00-18:00" }
  late: { days: [mon, tue, wed, thu, fri], hours: "08:00-20:00" }
resources: { desk: { capacity: 2 } }
arrivals: [{ flow: f, rate: 1/h }]
flows:
  f: { sla: { working_days: 2, calendar: office }, start: a, nodes: { a: { resource: desk, duration: 30m } } }
variants:
  more: { patch: { flows: { f: { sla: { working_days: 3, calendar: office } } } } }
  later: { patch: { flows: { f: { sla: { working_days: 2, calendar: late } } } } }
  clock: { patch: { flows: { f: { sla: 3d } } } }
`;
  const { set, diagnostics } = loadScenarioText(text, 'slas.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const variants = assumptions(await resultsOfSet(set!)).variants;
  const changes = (name: string) => variants.find((v) => v.variant === name)!.changes;
  expect(changes('more')).toEqual(['flow f: SLA 2 working days (office) -> 3 working days (office)']);
  expect(changes('later')).toEqual(['flow f: SLA 2 working days (office) -> 2 working days (late)']);
  expect(changes('clock')).toEqual(['flow f: SLA 2 working days (office) -> 3 days']);
});

test('a decision made a fork: its branches by name, not as JSON (s36f: "d: parallel added -> ["b","x"]")', () => {
  const text = `name: fork
run: { horizon: 100h, replications: 2 }
resources: { desk: { capacity: 2 } }
arrivals: [{ flow: f, rate: 1/h }]
flows:
  f:
    start: a
    nodes:
      a: { resource: desk, duration: 30m, next: d }
      d: { branch: [{ to: b, p: 0.5 }, { to: c, p: 0.5 }] }
      b: { duration: 1h, next: c }
      c: { duration: 5m }
variants:
  both: { patch: { flows: { f: { nodes: { d: { parallel: [b, second_check], join: c, branch: null }, second_check: { duration: 1m, next: c } } } } } }
`;
  const { set, diagnostics } = loadScenarioText(text, 'fork.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const texts = variantInputs(set!.baseline, set!.variants[0].scenario).changes.flatMap((c) => changeTexts(c));
  expect(texts).toContain('d: parallel added -> b, second check');
  for (const t of texts) expect(t).not.toMatch(/[[{]"/);
});

test('a team given or relieved of a calendar: around the clock, not "none" or "added" (s36f)', () => {
  const text = `name: clock
run: { horizon: 100h, replications: 2 }
calendars: { office: { days: [mon, tue, wed, thu, fri], hours: "08:00-18:00" } }
resources: { desk: { capacity: 2, calendar: office }, techs: { capacity: 1 } }
arrivals: [{ flow: f, rate: 1/h }]
flows:
  f: { start: a, nodes: { a: { resource: desk, duration: 30m, next: b }, b: { resource: techs, duration: 30m } } }
variants:
  swap: { patch: { resources: { desk: { calendar: null }, techs: { calendar: office } } } }
`;
  const { set, diagnostics } = loadScenarioText(text, 'clock.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const texts = variantInputs(set!.baseline, set!.variants[0].scenario)
    .changes.filter((c) => c.path.endsWith('.calendar'))
    .flatMap((c) => changeTexts(c));
  expect(texts).toEqual(['team desk: calendar office -> around the clock', 'team techs: calendar around the clock -> office']);
});
