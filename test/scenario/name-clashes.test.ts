// Names a reader or a file system cannot tell apart are validate warnings at the second name,
// naming the first (s31x F12, F18): labels equal once '_' and '-' read as spaces (reports/format.ts
// words, engine/scenario/names.ts nameLabel), and flow or variant names that name files
// differing only in case.
import { describe, expect, test } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { scenarioWarnings } from '../../engine/scenario/warnings.js';
import { nameClashes } from '../../engine/scenario/name-clashes.js';
import { eventLogStem, FILE_NAME_PART, processMapStem } from '../../engine/scenario/output-files.js';
import { logFileName } from '../../engine/interchange/write-event-logs.js';
import { words } from '../../reports/format.js';
import { diagnose, where, yaml } from './diagnose.js';
import { resultsOfSet } from '../support/results.js';
import { cautions } from '../../reports/notes.js';
import { renderMarkdown } from '../../reports/markdown.js';
import { workbookSheets } from '../../reports/xlsx.js';
import { summaryText } from '../../bin/run-summary.js';

/** A scenario's baseline of one flow and no team, for the checks of variant names alone. */
const oneFlow = () =>
  loadScenarioText(
    yaml`
      name: t
      run: { horizon: 10d }
      resources: {}
      arrivals: [{ flow: f, rate: 0.1/h }]
      flows:
        f: { start: a, nodes: { a: { duration: 1h } } }
    `,
    'test.yaml',
  ).set!.baseline;

/** Two long names whose bounded file-name parts meet (output-files.ts filePart): found by trying the numbers in turn, both hash to e900f739. */
const MEETING = ['order_to_activation_for_fibre_to_the_premises_807099', 'order_to_activation_for_fibre_to_the_premises_1185000'];

const warningsOf = (text: string) =>
  scenarioWarnings(loadScenarioText(text, 'test.yaml')).map((d) => ({ at: `${d.line}:${d.col}`, path: d.path, message: d.message }));

const TWO_TEAMS = yaml`
  name: t
  run: { horizon: 10d }
  resources:
    field_techs: { capacity: 2 }
    field-techs: { capacity: 3 }
  arrivals: [{ flow: f, rate: 0.1/h }]
  flows:
    f:
      start: a
      nodes:
        a: { resource: field_techs, duration: 30m, next: b }
        b: { resource: field-techs, duration: 30m }
`;

describe('names that read alike in the reports', () => {
  test('two teams labelled alike: a warning at the second, naming the first, with the label the reports print', () => {
    expect(diagnose(TWO_TEAMS)).toEqual([]);
    expect(words('field-techs')).toBe('field techs'); // the reports' label, which the check reads
    expect(warningsOf(TWO_TEAMS)).toEqual([
      {
        at: where(TWO_TEAMS, 'field-techs'),
        path: 'resources.field-techs',
        message:
          "team 'field-techs' reads as 'field techs' in the reports, like team 'field_techs': their rows cannot be told apart; rename one",
      },
    ]);
  });

  test("results.json's warnings hold it (code names), so the reports say it where their rows read alike; the console, which names them as typed, not again", async () => {
    const loaded = loadScenarioText(TWO_TEAMS.replace('run: { horizon: 10d }', 'run: { horizon: 2d, replications: 2 }'), 'test.yaml');
    const results = await resultsOfSet(loaded.set!);
    const message =
      "team 'field-techs' reads as 'field techs' in the reports, like team 'field_techs': their rows cannot be told apart; rename one";
    expect(results.warnings.filter((w) => w.code === 'names')).toEqual([
      { code: 'names', variant: null, subject: 'resources.field-techs', message },
    ]);
    expect(cautions(results)).toContain(message);
    expect(renderMarkdown({ results, charts: [], tables: [] })).toContain(
      "> **Warning:** team 'field-techs' reads as 'field techs' in the reports",
    );
    expect(workbookSheets(results).find((s) => s.name === 'Warnings')!.rows).toContainEqual([
      'names',
      '',
      'resources.field-techs',
      message,
    ]);
    expect(summaryText(results)).not.toContain('reads as');
    // a scenario without a clash: none
    const plain = await resultsOfSet(
      loadScenarioText(
        TWO_TEAMS.replaceAll('field-techs', 'back_office').replace('run: { horizon: 10d }', 'run: { horizon: 2d, replications: 2 }'),
        'test.yaml',
      ).set!,
    );
    expect(plain.warnings.some((w) => w.code === 'names')).toBe(false);
  });

  test('nodes of a flow and milestones too; names alike only in different kinds are not warned of', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d }
      resources: { a_b: { capacity: 1 } }
      arrivals: [{ flow: f, rate: 0.1/h }]
      flows:
        f:
          start: a_b
          kpis: { to_end: { from: start, to: a-b }, to__end: { from: start, to: a_b } }
          nodes:
            a_b: { resource: a_b, duration: 30m, next: a-b }
            a-b: { duration: 30m }
    `;
    expect(warningsOf(text).map((w) => w.path)).toEqual(['flows.f.nodes.a-b', 'flows.f.kpis.to__end']);
  });
});

describe('names that become files differing only in case', () => {
  test('flows Orders and orders, variants Fast and fast: a warning each, at the second', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d }
      resources: {}
      arrivals: [{ flow: Orders, rate: 0.1/h }, { flow: orders, rate: 0.1/h }]
      flows:
        Orders: { start: a, nodes: { a: { duration: 1h } } }
        orders: { start: a, nodes: { a: { duration: 2h } } }
      variants:
        Fast: { patch: { flows: { Orders: { nodes: { a: { duration: 30m } } } } } }
        fast: { patch: { flows: { orders: { nodes: { a: { duration: 30m } } } } } }
    `;
    expect(warningsOf(text)).toEqual([
      {
        at: where(text, 'orders: {'),
        path: 'flows.orders',
        message:
          "flow 'orders' names the file charts/process-map-orders.svg, and flow 'Orders' charts/process-map-Orders.svg, which differ only in case: on a file system that ignores case (macOS, Windows) one replaces the other; rename one",
      },
      {
        at: where(text, 'fast: {'),
        path: 'variants.fast',
        message:
          "variant 'fast' names the file events/fast.*, and variant 'Fast' events/Fast.*, which differ only in case: on a file system that ignores case (macOS, Windows) one replaces the other; rename one",
      },
    ]);
  });

  test("a flow's map in a variant that is another flow's map: flow a-b against flow a in variant b-c", () => {
    const text = yaml`
      name: t
      run: { horizon: 10d }
      resources: {}
      arrivals: [{ flow: a, rate: 0.1/h }, { flow: a-b-C, rate: 0.1/h }]
      flows:
        a: { start: x, nodes: { x: { duration: 1h } } }
        a-b-C: { start: x, nodes: { x: { duration: 1h } } }
      variants:
        b-c: { patch: { flows: { a: { nodes: { x: { duration: 30m } } } } } }
    `;
    expect(warningsOf(text).map((w) => [w.path, w.message])).toEqual([
      [
        'variants.b-c',
        "flow 'a' in variant 'b-c' names the file charts/process-map-a-b-c.svg, and flow 'a-b-C' charts/process-map-a-b-C.svg, which differ only in case: on a file system that ignores case (macOS, Windows) one replaces the other; rename one",
      ],
    ]);
  });

  test("the baseline's own files are checked too: a variant BASELINE (refused at validation) would write events/BASELINE.* over events/baseline.*", () => {
    expect(nameClashes(oneFlow(), ['BASELINE'])).toEqual([
      {
        path: 'variants.BASELINE',
        message:
          "variant 'BASELINE' names the file events/BASELINE.*, and the baseline events/baseline.*, which differ only in case: on a file system that ignores case (macOS, Windows) one replaces the other; rename one",
      },
    ]);
  });

  test('the names checked are the names written: the writers take them from the same functions', () => {
    expect(logFileName('Fast', 'csv')).toBe(`${eventLogStem('Fast')}.csv`);
    expect(logFileName('baseline', 'ocel-sqlite')).toBe('events/baseline.ocel.sqlite');
    expect(processMapStem('orders', 'baseline')).toBe('process-map-orders');
    expect(processMapStem('orders', 'Fast')).toBe('process-map-orders-Fast');
  });

  test("a long name's part of a map's file name is bounded: its first 31 characters and a hash of the whole", () => {
    const long = (i: number) => `order_to_activation_for_fibre_to_the_premises_residential_${i}`; // 60 characters
    const forty = 'a'.repeat(FILE_NAME_PART);
    expect(processMapStem(forty, 'baseline')).toBe(`process-map-${forty}`);
    const stem = processMapStem(long(1), `${long(2)}_variant`);
    expect(stem).toMatch(/^process-map-order_to_activation_for_fibre_t-[0-9a-f]{8}-order_to_activation_for_fibre_t-[0-9a-f]{8}$/);
    expect(stem).toHaveLength('process-map-'.length + 2 * FILE_NAME_PART + 1);
    // names that share their first 31 characters, or all but the last, name two files
    expect(new Set([1, 2, 3, 11].map((i) => processMapStem(long(i), 'baseline'))).size).toBe(4);
    expect(processMapStem(long(1), 'baseline')).not.toBe(processMapStem(`${long(1)}x`, 'baseline'));
  });

  test('two long flow names whose bounded file names meet (the hash, 1 time in 2^32) are a warning too', () => {
    const [a, b] = MEETING;
    expect(processMapStem(a, 'baseline')).toBe(processMapStem(b, 'baseline'));
    const text = yaml`
      name: t
      run: { horizon: 10d }
      resources: {}
      arrivals: [{ flow: ${a}, rate: 0.1/h }, { flow: ${b}, rate: 0.1/h }]
      flows:
        ${a}: { start: x, nodes: { x: { duration: 1h } } }
        ${b}: { start: x, nodes: { x: { duration: 1h } } }
    `;
    expect(warningsOf(text).map((w) => [w.path, w.message])).toEqual([
      [
        `flows.${b}`,
        `flow '${b}' names the file charts/process-map-order_to_activation_for_fibre_t-e900f739.svg, as flow '${a}' does: one replaces the other; rename one`,
      ],
    ]);
  });

  test("a long variant name's event logs are bounded as its maps are (s62E): a 245-character name made a 264-character file", () => {
    const long = `fibre_${'x'.repeat(239)}`; // 245 characters: events/LONG.ocel.sqlite passed the file systems' 255
    expect(logFileName(long, 'ocel-sqlite')).toMatch(/^events\/fibre_x{25}-[0-9a-f]{8}\.ocel\.sqlite$/);
    expect(logFileName(long, 'ocel-sqlite').length).toBeLessThanOrEqual('events/'.length + FILE_NAME_PART + '.ocel.sqlite'.length);
    expect(logFileName('a'.repeat(FILE_NAME_PART), 'csv')).toBe(`events/${'a'.repeat(FILE_NAME_PART)}.csv`);
    expect(logFileName(`${long}y`, 'csv')).not.toBe(logFileName(long, 'csv'));
  });

  test('two long variant names whose bounded event-log names meet (the hash, 1 time in 2^32) are a warning', () => {
    const [a, b] = MEETING;
    expect(nameClashes(oneFlow(), [a, b])).toEqual([
      {
        path: `variants.${b}`,
        message: `variant '${b}' names the file events/order_to_activation_for_fibre_t-e900f739.*, as variant '${a}' does: one replaces the other; rename one`,
      },
    ]);
  });
});

describe("a variant's patch is held to the same rule (s34c item 5)", () => {
  const patched = yaml`
    name: t
    run: { horizon: 10d, replications: 2 }
    resources:
      field_techs: { capacity: 2, calendar: office_hours }
    calendars:
      office_hours: { days: [mon, tue, wed, thu, fri], hours: "09:00-17:00" }
    arrivals: [{ flow: f, rate: 0.1/h }]
    flows:
      f:
        start: a
        nodes:
          a: { resource: field_techs, duration: 30m, next: b_2 }
          b_2: { resource: field_techs, duration: 30m }
    variants:
      more:
        patch:
          resources:
            field-techs: { capacity: 3, calendar: office-hours }
            __proto__: { capacity: 1 }
          calendars:
            office-hours: { days: [mon, tue, wed, thu, fri], hours: "08:00-12:00" }
          flows: { f: { nodes: { a: { resource: field-techs, next: b-2 }, b-2: { resource: __proto__, duration: 5m, next: b_2 } } } }
  `;

  test('a team, a calendar and a step the patch adds, each reading as one of the baseline: every one warned at once, at the patch', () => {
    expect(warningsOf(patched).filter((w) => w.message.includes('reads as'))).toEqual([
      {
        at: where(patched, 'field-techs:'),
        path: 'resources.field-techs',
        message:
          "variant 'more': team 'field-techs' reads as 'field techs' in the reports, like team 'field_techs': their rows cannot be told apart; rename one",
      },
      {
        at: where(patched, 'office-hours: {'),
        path: 'calendars.office-hours',
        message:
          "variant 'more': calendar 'office-hours' reads as 'office hours' in the reports, like calendar 'office_hours': their rows cannot be told apart; rename one",
      },
      {
        at: where(patched, 'b-2: {'),
        path: 'flows.f.nodes.b-2',
        message:
          "variant 'more': node of flow 'f' 'b-2' reads as 'b 2' in the reports, like node of flow 'f' 'b_2': their rows cannot be told apart; rename one",
      },
    ]);
  });

  test("results.json's names warnings carry them, with the variant; __proto__ a team like any", async () => {
    const results = await resultsOfSet(loadScenarioText(patched, 'test.yaml').set!);
    const names = results.warnings.filter((w) => w.code === 'names');
    expect(names.map((w) => [w.variant, w.subject])).toEqual([
      ['more', 'resources.field-techs'],
      ['more', 'calendars.office-hours'],
      ['more', 'flows.f.nodes.b-2'],
    ]);
    expect(Object.keys(results.variants.more.resources)).toEqual(['field_techs', 'field-techs', '__proto__']);
  });
});
