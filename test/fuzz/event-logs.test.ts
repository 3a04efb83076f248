// The fuzzer of event logs: small valid logs in every text format etomsim reads (CSV, its own
// and LoanApp's; XES; OCEL 2.0 JSON and XML), each read by `etomsim discover` under a time and
// memory budget, in three kinds (budget-run.ts' fuzzFiles): mutated at random, or random CSV logs
// built from hostile values (read or refused); changed only in ways the format allows (rows,
// traces or events in another order, columns swapped, a case or object renamed everywhere, the
// text laid out otherwise, a column the reader does not know), which must be read and give a
// valid scenario; and broken at one event's timestamp, which must be refused with the error at
// that row and column (CSV), that timestamp's element (XES), that event (OCEL XML) or that key
// (OCEL JSON). Whatever the file, the command exits 0 with a scenario written or 2 with nothing
// written, every error line is `FILE:LINE:COL: MESSAGE (at PATH)`, and no stack trace reaches the
// user. The seed is fixed; ETOMSIM_FUZZ_RUNS sets the number of files (`npm run fuzz` soaks with
// many more) and ETOMSIM_FUZZ_SEED picks another seed; ETOMSIM_FUZZ_SHOW=1 prints each exit and
// error line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, test } from 'vitest';
import { scratchFolders } from '../support/scratch.js';
import { fuzzFiles, fuzzTimeout, type Refusal, RUNS, tryScenarioWriter } from './budget-run.js';
import { HOSTILE_VALUES, keepXml, keptXmlChange, mutate, mutation, NOT_TIMESTAMPS } from './file-mutations.js';

const tmp = scratchFolders('etomsim-fuzz-logs-');

const FIXTURES = join(import.meta.dirname, 'fixtures');

/** The seeds: each a small valid log, its extension, and the case option it needs. */
const SEEDS = [
  { file: 'fault.csv', args: [] },
  { file: 'loan.csv', args: [] },
  { file: 'fault.xes', args: [] },
  { file: 'fault.ocel.json', args: ['--case', 'fault_to_repair'] },
  { file: 'fault.xmlocel', args: ['--case', 'fault_to_repair'] },
].map((s) => ({ ...s, text: readFileSync(join(FIXTURES, s.file), 'utf8') }));

const HEADERS = [
  'case_id',
  'activity',
  'resource',
  'role',
  'start_time',
  'end_time',
  'enabled_time',
  'lifecycle:transition',
  'concept:name',
];
const CELLS = [
  ...HOSTILE_VALUES,
  'a',
  'b',
  'c1',
  '2026-01-05T08:00:00Z',
  '2026-01-05T09:30:00Z',
  '2026-01-06T08:00:00+01:00',
  'start',
  'complete',
];

/** A random CSV log: a header from the usual names, then rows of hostile and plausible cells. */
const generatedCsv = fc
  .record({
    header: fc.uniqueArray(fc.constantFrom(...HEADERS), { minLength: 1, maxLength: HEADERS.length }),
    rows: fc.array(fc.array(fc.constantFrom(...CELLS), { minLength: 0, maxLength: 10 }), { maxLength: 30 }),
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
  })
  .map((g) => ({
    file: 'generated.csv',
    args: [] as string[],
    text: [g.header, ...g.rows].map((r) => r.join(g.delimiter)).join('\n'),
  }));

const input = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 4 }))
      .map(([seed, ms]) => ({ file: seed.file, args: seed.args, text: ms.reduce(mutate, seed.text) })),
  },
  { weight: 1, arbitrary: generatedCsv },
);

type Log = { file: string; args: string[]; text: string };
const formatOf = (file: string) =>
  file.endsWith('.csv') ? 'csv' : file.endsWith('.xes') ? 'xes' : file.endsWith('.json') ? 'json' : 'xml';

/** A place among a log's many (a row, a column, an event): any of them alike (fast-check's bias would take the first few). */
const index = fc.noBias(fc.nat());

/** A CSV log's kept changes: two rows swapped, two columns swapped, a case renamed in every row, a column added, CRLF line ends, a column quoted. */
const keptCsvChange = fc.oneof(
  fc.record({ kind: fc.constant('rows' as const), at: index, to: index }),
  fc.record({ kind: fc.constant('columns' as const), at: index, to: index }),
  fc.record({ kind: fc.constant('rename' as const), at: index, suffix: fc.constantFrom('_r', '-2', '.b', 'é', ' x') }),
  fc.record({ kind: fc.constant('column' as const), at: index, value: fc.constantFrom('', 'note', '=1+1', '<b>', "'") }),
  fc.record({ kind: fc.constant('crlf' as const) }),
  fc.record({ kind: fc.constant('quoted' as const), at: index }),
);
type KeptCsvChange = typeof keptCsvChange extends fc.Arbitrary<infer T> ? T : never;

/** The logs' CSV: no field quoted or holding a comma (the seeds'), so a split is a parse. */
function keepCsv(text: string, m: KeptCsvChange): string {
  const rows = text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split(','));
  const width = rows[0].length;
  const data = rows.length - 1;
  switch (m.kind) {
    case 'rows': {
      const [i, j] = [1 + (m.at % data), 1 + (m.to % data)];
      [rows[i], rows[j]] = [rows[j], rows[i]];
      break;
    }
    case 'columns': {
      const [i, j] = [m.at % width, m.to % width];
      for (const row of rows) [row[i], row[j]] = [row[j], row[i]];
      break;
    }
    case 'rename': {
      // the seeds' case id is their first column
      const id = rows[1 + (m.at % data)][0];
      for (const row of rows.slice(1)) if (row[0] === id) row[0] = `${id}${m.suffix}`;
      break;
    }
    case 'column': {
      const at = m.at % (width + 1);
      rows.forEach((row, i) => row.splice(at, 0, i === 0 ? 'fuzz_note' : m.value));
      break;
    }
    case 'crlf':
      return text.replaceAll('\n', '\r\n');
    case 'quoted': {
      const at = m.at % width;
      for (const row of rows) row[at] = `"${row[at]}"`;
      break;
    }
  }
  return `${rows.map((r) => r.join(',')).join('\n')}\n`;
}

/** An OCEL 2.0 JSON log's kept changes: laid out with another indent, two events swapped, an event's keys in another order, a case object renamed. */
const keptJsonChange = fc.oneof(
  fc.record({ kind: fc.constant('indent' as const), indent: fc.constantFrom(0, 2, '\t') }),
  fc.record({ kind: fc.constant('events' as const), at: index, to: index }),
  fc.record({ kind: fc.constant('keys' as const), at: index }),
  fc.record({ kind: fc.constant('rename' as const), at: index, suffix: fc.constantFrom('_r', '-2', '.b', 'é', ' x') }),
);
type KeptJsonChange = typeof keptJsonChange extends fc.Arbitrary<infer T> ? T : never;

type Ocel = { objects: { id: string; type: string }[]; events: Record<string, unknown>[] };

function keepJson(text: string, m: KeptJsonChange): string {
  const doc = JSON.parse(text) as Ocel;
  const events = doc.events;
  switch (m.kind) {
    case 'indent':
      return JSON.stringify(doc, null, m.indent);
    case 'events': {
      const [i, j] = [m.at % events.length, m.to % events.length];
      [events[i], events[j]] = [events[j], events[i]];
      break;
    }
    case 'keys': {
      const i = m.at % events.length;
      events[i] = Object.fromEntries(Object.entries(events[i]).reverse());
      break;
    }
    case 'rename': {
      const cases = doc.objects.filter((o) => o.type === 'fault_to_repair');
      const id = cases[m.at % cases.length].id;
      // an object's id, and each relationship that names it (an event's, an object's)
      return text.replaceAll(`"${id}"`, JSON.stringify(`${id}${m.suffix}`));
    }
  }
  return JSON.stringify(doc, null, 1);
}

/** The ids a kept rename may take: a case's (XES: a trace's name; OCEL XML: a case object's id). */
const XML_IDS: Record<string, RegExp> = {
  xes: /<trace>\s*<string key="concept:name" value="([^"]+)"/g,
  xml: /<object id="([^"]+)" type="fault_to_repair"/g,
};

/** A seed log changed only in ways its format allows: one to three changes of its format's kind. */
const kept: fc.Arbitrary<Log> = fc
  .record({
    seed: fc.constantFrom(...SEEDS),
    csv: fc.array(keptCsvChange, { minLength: 1, maxLength: 3 }),
    xml: fc.array(keptXmlChange, { minLength: 1, maxLength: 3 }),
    json: fc.array(keptJsonChange, { minLength: 1, maxLength: 3 }),
  })
  .map(({ seed, csv, xml, json }) => {
    const format = formatOf(seed.file);
    const text =
      format === 'csv'
        ? csv.reduce(keepCsv, seed.text)
        : format === 'json'
          ? json.reduce(keepJson, seed.text)
          : xml.reduce((t, m) => keepXml(t, m, XML_IDS[format]), seed.text);
    return { file: seed.file, args: seed.args, text };
  });

/** The 0-based line of each of `text`'s matches of `pattern`, in order. */
const linesOf = (text: string, pattern: RegExp) => Array.from(text.matchAll(pattern), (p) => text.slice(0, p.index).split('\n').length - 1);

/**
 * A seed log with one event's timestamp made a text no reader takes, and where the error must
 * be: a CSV's row (its line) and column, with the column's name; XES' timestamp element (its
 * line, and its '>'), at its key; OCEL's events[I].time, JSON's at the key's line, XML's at the event's tag.
 */
const broken: fc.Arbitrary<[Log, Refusal]> = fc
  .record({ seed: fc.constantFrom(...SEEDS), at: index, value: fc.constantFrom(...NOT_TIMESTAMPS), column: index })
  .map(({ seed, at, value, column }): [Log, Refusal] => {
    const lines = seed.text.split('\n');
    const log = (line: number, replaced: string): Log => {
      lines[line] = replaced;
      return { file: seed.file, args: seed.args, text: lines.join('\n') };
    };
    switch (formatOf(seed.file)) {
      case 'csv': {
        const header = lines[0].split(',');
        const times = header.flatMap((name, i) => (/time/.test(name) ? [i] : []));
        const col = times[column % times.length];
        const line = 1 + (at % (lines.filter((l) => l !== '').length - 1));
        const row = lines[line].split(',');
        row[col] = value;
        return [log(line, row.join(',')), { line: line + 1, col: col + 1, at: `column '${header[col]}'` }];
      }
      case 'xes': {
        // an event's own timestamp, not the log's global default
        const events = linesOf(seed.text, /^\s*<event>$/gm);
        const open = events[at % events.length];
        const line = lines.findIndex((l, i) => i > open && l.includes('key="time:timestamp"'));
        const replaced = lines[line].replace(/value="[^"]*"/, `value="${value}"`);
        // at the timestamp's own element, where saxes stands once its tag is read (its '>')
        return [log(line, replaced), { line: line + 1, col: replaced.indexOf('/>') + 2, at: "key 'time:timestamp'" }];
      }
      case 'json': {
        const start = lines.findIndex((l) => l.startsWith(' "events"'));
        const times = lines.flatMap((l, i) => (i > start && /^\s*"time": /.test(l) ? [i] : []));
        const i = at % times.length;
        const line = times[i];
        return [
          log(line, lines[line].replace(/"time": "[^"]*"/, `"time": ${JSON.stringify(value)}`)),
          { line: line + 1, at: `events[${i}].time` },
        ];
      }
      default: {
        const events = linesOf(seed.text, /^\s*<event id=/gm);
        const i = at % events.length;
        const line = events[i];
        return [log(line, lines[line].replace(/time="[^"]*"/, `time="${value}"`)), { line: line + 1, at: `events[${i}].time` }];
      }
    }
  });

describe('fuzzing event logs', () => {
  test(`${RUNS} random, kept and broken event logs: discover reads the kept, refuses the broken at their place, in budget`, {
    timeout: fuzzTimeout(),
  }, () => {
    fuzzFiles('logs', { input, kept, broken }, ({ file, args, text }) => {
      const dir = tmp();
      return tryScenarioWriter('discover', join(dir, file), text, args);
    });
  });
});
