// Each command given another command's input names what the file is and which command reads it
// (engine/io/file-kind.ts), exit 2 at FILE:1:1, instead of reading a BPMN model as a scenario
// that is one long string ("an event log (CSV)"), a scenario as a CSV log whose column is
// 'name: ...', or a workbook as bytes that are not UTF-8. The files are the real ones etomsim
// writes (a run's results, shard and event logs in every format, export-bpmn's model); the
// table is every reader against every kind, in process; one command line per command checks
// that the command asks the sniffer.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  BPMN_INPUT,
  type FileKind,
  LOG_INPUT,
  REPORT_INPUT,
  type Reads,
  SCENARIO_INPUT,
  SHARD_INPUT,
  sniffBytes,
  sniffFile,
  wrongKind,
} from '../../engine/io/file-kind.js';
import { LogError } from '../../engine/interchange/event-log.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { loadScenarioFile } from '../../engine/scenario/load.js';
import { BIN } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';

const tmp = scratchFolders('etomsim-file-kinds-');

const SCENARIO = `name: Tiny
run: { horizon: 50h, replications: 2, seed: 1 }
resources: { desk: { capacity: 1 } }
arrivals: [ { flow: f, interarrival: 1h } ]
flows:
  f:
    start: a
    nodes:
      a: { resource: desk, duration: 30m }
`;

let dir: string;
const etomsim = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });

/** Each kind's file, as etomsim wrote it where it writes one (relative to `dir`). */
const FILES: Record<string, { file: string; kind: FileKind }> = {
  scenario: { file: 't.yaml', kind: 'scenario' },
  'scenario (JSON)': { file: 't.json', kind: 'scenario' },
  bpmn: { file: 't.bpmn', kind: 'bpmn' },
  csv: { file: 'run/events/baseline.csv', kind: 'csv' },
  'csv, gzip': { file: 'log.csv.gz', kind: 'csv' },
  xes: { file: 'run/events/baseline.xes', kind: 'xes' },
  'ocel json': { file: 'run/events/baseline.ocel.json', kind: 'ocel-json' },
  'ocel sqlite': { file: 'run/events/baseline.ocel.sqlite', kind: 'ocel-sqlite' },
  results: { file: 'run/results.json', kind: 'results' },
  sizing: { file: 'sizing.json', kind: 'sizing' },
  shard: { file: 'shards/shard-1-of-1.json', kind: 'shard' },
  workbook: { file: 'report.xlsx', kind: 'zip' },
  parquet: { file: 'events.parquet', kind: 'parquet' },
  // run --formats csv's tables, told by their header rows (not an event log)
  kpis: { file: 'tables/kpis.csv', kind: 'kpis' },
  comparisons: { file: 'tables/comparisons.csv', kind: 'comparisons' },
  replications: { file: 'tables/replications.csv', kind: 'replications' },
};

beforeAll(() => {
  dir = tmp();
  writeFileSync(join(dir, 't.yaml'), SCENARIO);
  for (const args of [
    ['run', 't.yaml', '-w', '1', '-q', '--no-report', '-o', 'run', '--event-log', 'csv,xes,ocel,ocel-sqlite'],
    ['run', 't.yaml', '-w', '1', '-q', '--shard', '1/1', '-o', 'shards'],
    ['export-bpmn', 't.yaml', '-q', '-o', 't.bpmn'],
    ['run', 't.yaml', '-w', '1', '-q', '-o', 'tables', '--formats', 'csv'],
  ])
    expect(etomsim(...args)).toMatchObject({ status: 0, stderr: '' });
  writeFileSync(
    join(dir, 't.json'),
    JSON.stringify({
      name: 'Tiny',
      run: { horizon: '50h' },
      resources: { desk: { capacity: 1 } },
      arrivals: [{ flow: 'f', interarrival: '1h' }],
      flows: { f: { start: 'a', nodes: { a: { resource: 'desk', duration: '30m' } } } },
    }),
  );
  writeFileSync(join(dir, 'log.csv.gz'), gzipSync(readFileSync(join(dir, 'run/events/baseline.csv'))));
  writeFileSync(join(dir, 'sizing.json'), JSON.stringify({ sizing_format: 1, scenario: 'Tiny', candidates: [] }));
  // a workbook is a zip archive: its first bytes are what tells it
  writeFileSync(join(dir, 'report.xlsx'), Buffer.concat([Buffer.from('PK\u0003\u0004\u0014\u0000', 'latin1'), Buffer.alloc(200, 0xe9)]));
  // Parquet (pm4py's and pandas' columnar logs): 'PAR1' opens and ends the file; a page of non-UTF-8 bytes between
  writeFileSync(
    join(dir, 'events.parquet'),
    Buffer.concat([Buffer.from('PAR1\u0015\u0004', 'latin1'), Buffer.alloc(200, 0xe0), Buffer.from('PAR1')]),
  );
  mkdirSync(join(dir, 'empty'));
});

// Parquet's magic is text: a CSV whose first column's name begins with it is still a CSV (s41 reviewer)
test("a CSV whose first column is named 'PAR1...' is a CSV; 'PAR1' then a byte no text has is Parquet", () => {
  for (const head of ['PAR1,activity,end\n', 'PAR1_case;activity\n', 'PAR1\tactivity\n', 'PAR1\r\n'])
    expect(sniffBytes(Buffer.from(head), 'log.csv').kind, head).toBe('csv');
  expect(sniffBytes(Buffer.from('PAR1\u0015\u0004', 'latin1'), 'log.csv').kind).toBe('parquet');
});

// A Parquet log was read as a CSV: "byte 0xE0 is not UTF-8 (the log may be Latin-1 or Windows-1252)".
test('discover and fidelity name a Parquet file as such, exit 2, and say how to make it a CSV log', () => {
  const said =
    "events.parquet:1:1: this is an Apache Parquet file, not an event log: no etomsim command reads one; written as CSV (pandas: read_parquet('events.parquet').to_csv('log.csv', index=False)), etomsim discover log.csv --out scenario.yaml makes a scenario from it (at file)\n";
  expect(etomsim('discover', 'events.parquet', '-o', 'parquet.yaml')).toMatchObject({ status: 2, stderr: said });
  expect(etomsim('fidelity', 't.yaml', 'events.parquet', '-o', 'parquet-fid')).toMatchObject({ status: 2, stderr: said });
  expect(() => readFileSync(join(dir, 'parquet.yaml'))).toThrow();
  expect(() => readFileSync(join(dir, 'parquet-fid/fidelity.json'))).toThrow();
});

test('each file is told by its content as the kind etomsim wrote it as', () => {
  for (const { file, kind } of Object.values(FILES)) expect([file, sniffFile(join(dir, file)).kind]).toEqual([file, kind]);
  expect(sniffFile(join(dir, 'log.csv.gz')).gzip).toBe(true);
  // content first: a results.json named .yaml is a results.json, a scenario named .csv a scenario
  writeFileSync(join(dir, 'results.yaml'), readFileSync(join(dir, 'run/results.json')));
  writeFileSync(join(dir, 'scenario.csv'), SCENARIO);
  expect(sniffFile(join(dir, 'results.yaml')).kind).toBe('results');
  expect(sniffFile(join(dir, 'scenario.csv')).kind).toBe('scenario');
  // the extension second: an empty file, a CSV of one column
  writeFileSync(join(dir, 'empty.bpmn'), '');
  writeFileSync(join(dir, 'one.csv'), 'case\n1\n2\n');
  expect(sniffFile(join(dir, 'empty.bpmn')).kind).toBe('bpmn');
  expect(sniffFile(join(dir, 'one.csv')).kind).toBe('csv');
  // a folder is no kind: every reader says 'it is a folder, not a file' (input-file.ts' openInput)
  expect(sniffFile(join(dir, 'run/events')).kind).toBe(null);
  // neither: read as the command always read it
  writeFileSync(join(dir, 'notes.txt'), 'some prose, with commas\nover two lines\n');
  expect(sniffFile(join(dir, 'notes.txt')).kind).toBe(null);
});

describe('every reader against every kind', () => {
  const readers: [string, Reads][] = [
    ['a scenario (validate, run, size, bottlenecks, export-bpmn, fidelity)', SCENARIO_INPUT],
    ['an event log (discover, fidelity)', LOG_INPUT],
    ['a BPMN model (import-bpmn)', BPMN_INPUT],
    ['a results or sizing file (report)', REPORT_INPUT],
    ['a shard file (merge)', SHARD_INPUT],
  ];
  test.each(readers)('%s: its own kinds read, every other named with the command that reads it', (_, reads) => {
    for (const [name, { file, kind }] of Object.entries(FILES)) {
      const message = wrongKind(sniffFile(join(dir, file)), reads, file);
      if (reads.kinds.includes(kind)) expect([name, message]).toEqual([name, null]);
      else
        expect([name, message]).toEqual([
          name,
          expect.stringMatching(new RegExp(`^this is .*, not ${reads.what.replace(/\./g, '\\.')}: `)),
        ]);
    }
  });

  test('the message names the command that reads the file', () => {
    const said = (name: string, reads: Reads) => wrongKind(sniffFile(join(dir, FILES[name].file)), reads, FILES[name].file);
    expect(said('bpmn', SCENARIO_INPUT)).toBe(
      'this is a BPMN model, not a scenario: etomsim import-bpmn t.bpmn --out scenario.yaml makes a scenario from it',
    );
    expect(said('csv, gzip', SCENARIO_INPUT)).toBe(
      'this is a CSV table (an event log?), gzip-compressed, not a scenario: etomsim discover log.csv.gz --out scenario.yaml makes a scenario from it',
    );
    expect(said('scenario', LOG_INPUT)).toBe('this is an etomsim scenario, not an event log: etomsim run t.yaml simulates it');
    expect(said('scenario', BPMN_INPUT)).toBe(
      'this is an etomsim scenario, not a BPMN model: etomsim export-bpmn t.yaml --out model.bpmn makes a BPMN model from it',
    );
    expect(said('results', SHARD_INPUT)).toBe(
      'this is a results.json of etomsim, not a shard file: etomsim report run/results.json rebuilds its report',
    );
    expect(said('shard', SCENARIO_INPUT)).toBe(
      "this is a shard file of 'etomsim run --shard', not a scenario: etomsim merge reads shard files",
    );
    expect(said('workbook', LOG_INPUT)).toBe('this is an Excel workbook, not an event log: no etomsim command reads one');
    const table =
      'it is written beside results.json, which etomsim report reads (etomsim report tables/results.json rebuilds the report); open the table in a spreadsheet';
    expect(said('kpis', SCENARIO_INPUT)).toBe(`this is a kpis.csv of 'etomsim run' (its KPIs as a table), not a scenario: ${table}`);
    expect(said('comparisons', LOG_INPUT)).toBe(
      `this is a comparisons.csv of 'etomsim run' (its changes against the baseline as a table), not an event log: ${table}`,
    );
    expect(said('replications', REPORT_INPUT)).toBe(
      `this is a replications.csv of 'etomsim run' (every replication's values as a table), not a results.json or sizing.json: ${table}`,
    );
  });

  test('the scenario loader refuses each other kind at 1:1, once, before parsing it', () => {
    for (const [name, { file, kind }] of Object.entries(FILES)) {
      if (kind === 'scenario') continue;
      const { set, diagnostics } = loadScenarioFile(join(dir, file));
      expect(set).toBe(null);
      expect([name, diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`)]).toEqual([
        name,
        [`1:1: ${wrongKind(sniffFile(join(dir, file)), SCENARIO_INPUT, join(dir, file))}`],
      ]);
    }
  });

  test('the event-log reader refuses each other kind at 1:1 (at file), before reading it', async () => {
    for (const [name, { file, kind }] of Object.entries(FILES)) {
      if (LOG_INPUT.kinds.includes(kind)) continue;
      const path = join(dir, file);
      const err = await readEventLog(path).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(LogError);
      expect([name, (err as LogError).message]).toEqual([name, `${path}:1:1: ${wrongKind(sniffFile(path), LOG_INPUT, path)} (at file)`]);
    }
  });
});

test('each command says it of a wrong file, exit 2, at FILE:1:1, and writes nothing', () => {
  const cases: [string[], string][] = [
    [
      ['validate', 't.bpmn'],
      't.bpmn:1:1: this is a BPMN model, not a scenario: etomsim import-bpmn t.bpmn --out scenario.yaml makes a scenario from it (at file)',
    ],
    [
      ['run', 'run/events/baseline.xes', '-o', 'out'],
      'run/events/baseline.xes:1:1: this is an event log (XES), not a scenario: etomsim discover run/events/baseline.xes --out scenario.yaml makes a scenario from it (at file)',
    ],
    [
      ['discover', 't.yaml', '-o', 'out.yaml'],
      't.yaml:1:1: this is an etomsim scenario, not an event log: etomsim run t.yaml simulates it (at file)',
    ],
    [
      ['fidelity', 't.yaml', 't.bpmn', '-o', 'out'],
      't.bpmn:1:1: this is a BPMN model, not an event log: etomsim import-bpmn t.bpmn --out scenario.yaml makes a scenario from it (at file)',
    ],
    [
      // the log first, the scenario second: swapped, and said so
      ['fidelity', 'run/events/baseline.csv', 't.yaml', '-o', 'out'],
      'run/events/baseline.csv:1:1: this is a CSV table (an event log?) and t.yaml is a scenario: fidelity takes the scenario first, then the log; swap them (etomsim fidelity t.yaml run/events/baseline.csv ...) (at file)',
    ],
    [
      ['fidelity', 'run/events/baseline.xes', 't.bpmn', '-o', 'out'],
      'run/events/baseline.xes:1:1: this is an event log (XES), not a scenario: etomsim discover run/events/baseline.xes --out scenario.yaml makes a scenario from it (at file)',
    ],
    [
      ['validate', 'tables/kpis.csv'],
      "tables/kpis.csv:1:1: this is a kpis.csv of 'etomsim run' (its KPIs as a table), not a scenario: it is written beside results.json, which etomsim report reads (etomsim report tables/results.json rebuilds the report); open the table in a spreadsheet (at file)",
    ],
    [
      ['import-bpmn', 'report.xlsx', '-o', 'out.yaml'],
      'report.xlsx:1:1: this is an Excel workbook, not a BPMN model: no etomsim command reads one (at file)',
    ],
    [
      ['import-bpmn', 't.yaml', '-o', 'out.yaml'],
      't.yaml:1:1: this is an etomsim scenario, not a BPMN model: etomsim export-bpmn t.yaml --out model.bpmn makes a BPMN model from it (at file)',
    ],
    [
      ['report', 't.yaml', '-o', 'out'],
      't.yaml:1:1: this is an etomsim scenario, not a results.json or sizing.json: etomsim run t.yaml simulates it (at file)',
    ],
    [
      ['merge', 'run/results.json', '-o', 'out'],
      'run/results.json:1:1: this is a results.json of etomsim, not a shard file: etomsim report run/results.json rebuilds its report (at file)',
    ],
  ];
  for (const [args, line] of cases) {
    const r = etomsim(...args);
    expect([args.join(' '), r.status, r.stderr]).toEqual([args.join(' '), 2, `${line}\n`]);
  }
  expect(spawnSync('ls', [dir], { encoding: 'utf8' }).stdout).not.toMatch(/^out/m);
});

// A pipe (/dev/stdin, `<(zcat f)`) gives its bytes once: the sniffer read its head and the
// command got the rest ("missing start tag", "invalid JSON", a raw "ESPIPE: invalid seek" for
// a log: s34y F2). Whole-file readers sniff the bytes they read; a log, read more than once, is
// refused from a pipe with what to do.
describe('a pipe: each command fed its input on its standard input (/dev/stdin)', () => {
  // `cat FILE | etomsim ARGS`: a shell's pipe (a child's stdin from spawnSync's input is a socket, which /dev/stdin cannot open)
  const piped = (file: string, ...args: string[]) =>
    spawnSync('sh', ['-c', 'f=$1; shift; cat -- "$f" | "$@"', 'sh', file, process.execPath, BIN, ...args], { cwd: dir, encoding: 'utf8' });

  test('import-bpmn, report and merge read it as they read the file; another kind is still named', () => {
    const bpmn = 't.bpmn';
    expect(piped(bpmn, 'import-bpmn', '/dev/stdin', '-q', '-o', 'piped.yaml')).toMatchObject({ status: 0, stderr: '' });
    expect(etomsim('import-bpmn', 't.bpmn', '-q', '-o', 'read.yaml')).toMatchObject({ status: 0, stderr: '' });
    // the same scenario but for the file's name in its header comment
    const body = (f: string) => readFileSync(join(dir, f), 'utf8').replace(/^#.*\n/gm, '');
    expect(body('piped.yaml')).toBe(body('read.yaml'));
    const results = 'run/results.json';
    expect(piped(results, 'report', '/dev/stdin', '-q', '-o', 'piped-report')).toMatchObject({ status: 0, stderr: '' });
    expect(readFileSync(join(dir, 'piped-report/summary.md'), 'utf8')).toContain('Tiny');
    const shard = 'shards/shard-1-of-1.json';
    expect(piped(shard, 'merge', '/dev/stdin', '-q', '-o', 'piped-merge')).toMatchObject({ status: 0, stderr: '' });
    expect(JSON.parse(readFileSync(join(dir, 'piped-merge/results.json'), 'utf8')).scenario).toEqual(
      JSON.parse(readFileSync(join(dir, 'run/results.json'), 'utf8')).scenario,
    );
    const wrong = piped(bpmn, 'report', '/dev/stdin', '-q', '-o', 'piped-wrong');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^\/dev\/stdin:1:1: this is a BPMN model, not a results\.json or sizing\.json: /);
  });

  test('discover and fidelity refuse a log from a pipe, exit 2, saying to save it to a file, and write nothing', () => {
    const log = 'run/events/baseline.csv';
    const said =
      '/dev/stdin:1:1: cannot read the log from a pipe or a device: an event log is read more than once (its head tells its format), which only a file allows; save it to a file first (a gzip-compressed log is read as it is, no need to unzip it) (at file)\n';
    expect(piped(log, 'discover', '/dev/stdin', '-o', 'piped-log.yaml')).toMatchObject({ status: 2, stderr: said });
    expect(piped(log, 'fidelity', 't.yaml', '/dev/stdin', '-o', 'piped-fid')).toMatchObject({ status: 2, stderr: said });
    expect(() => readFileSync(join(dir, 'piped-log.yaml'))).toThrow();
    expect(() => readFileSync(join(dir, 'piped-fid/fidelity.json'))).toThrow();
  });
});

// Only event logs are read gzip-compressed: a gzip scenario was refused as "an event log?", a
// gzip BPMN model or results.json read as bytes ("byte 0x8B is not UTF-8 ... Latin-1?"), and the
// advice for a gzip model named import-bpmn, which refused it so (s34y F11).
test('a gzip-compressed scenario, BPMN model or results.json is named as such, with how to decompress it', () => {
  for (const [file, gz] of [
    ['t.yaml', 't.yaml.gz'],
    ['t.bpmn', 't.bpmn.gz'],
    ['run/results.json', 'results.json.gz'],
  ])
    writeFileSync(join(dir, gz), gzipSync(readFileSync(join(dir, file))));
  const said = (args: string[]) => {
    const r = etomsim(...args);
    return [r.status, r.stderr];
  };
  expect(said(['validate', 't.yaml.gz'])).toEqual([
    2,
    't.yaml.gz:1:1: this is an etomsim scenario, gzip-compressed: decompress it first (gunzip -c t.yaml.gz > t.yaml) (at file)\n',
  ]);
  expect(said(['import-bpmn', 't.bpmn.gz', '-o', 'gz.yaml'])).toEqual([
    2,
    't.bpmn.gz:1:1: this is a BPMN model, gzip-compressed: decompress it first (gunzip -c t.bpmn.gz > t.bpmn) (at file)\n',
  ]);
  expect(said(['validate', 't.bpmn.gz'])[1]).toBe(
    't.bpmn.gz:1:1: this is a BPMN model, gzip-compressed, not a scenario: decompress it first (gunzip -c t.bpmn.gz > t.bpmn), then etomsim import-bpmn t.bpmn --out scenario.yaml makes a scenario from it (at file)\n',
  );
  expect(said(['report', 'results.json.gz', '-o', 'gz-report'])).toEqual([
    2,
    'results.json.gz:1:1: this is a results.json of etomsim, gzip-compressed: decompress it first (gunzip -c results.json.gz > results.json) (at file)\n',
  ]);
  // an event log is read compressed, as before
  expect(wrongKind(sniffFile(join(dir, 'log.csv.gz')), LOG_INPUT, 'log.csv.gz')).toBe(null);
});
