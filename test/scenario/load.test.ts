import { DEFAULT_RUN_START } from '../../engine/scenario/run-start.js';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../engine/scenario/diagnostics.js';
import { loadScenarioFile, loadScenarioText } from '../../engine/scenario/load.js';
import { InputRefused } from '../../engine/io/input-file.js';
import { diagnose, yaml } from './diagnose.js';
import { scratchFolders } from '../support/scratch.js';

const tmp = scratchFolders('etomsim-');

const SPEC_EXAMPLE = fileURLToPath(new URL('./fixtures/spec-example.yaml', import.meta.url));

describe('the example of the spec', () => {
  const { set, diagnostics } = loadScenarioFile(SPEC_EXAMPLE);
  const baseline = set!.baseline;

  it('loads without a diagnostic', () => {
    expect(diagnostics).toEqual([]);
    expect(set!.file).toBe(SPEC_EXAMPLE);
  });

  it('reads the top level and the run in hours', () => {
    expect(baseline.name).toBe('Fiber order-to-activation');
    expect(baseline.description).toBe('free text');
    expect(baseline.timeUnit).toBe('hours');
    expect(baseline.run).toEqual({ horizon: 90 * 24, warmup: 10 * 24, replications: 20, seed: 2026, start: DEFAULT_RUN_START });
  });

  it('reads the calendars as weekly periods', () => {
    const weekdays = [0, 1, 2, 3, 4];
    expect(baseline.calendars).toEqual([
      { name: 'business_hours', periods: weekdays.map((d) => ({ start: d * 24 + 8, end: d * 24 + 18 })) },
      {
        name: 'field_shift',
        periods: [...weekdays, 5].flatMap((d) => [
          { start: d * 24 + 7, end: d * 24 + 12 },
          { start: d * 24 + 13, end: d * 24 + 17 },
        ]),
      },
    ]);
  });

  it('reads the resources and the arrivals', () => {
    expect(baseline.resources).toEqual([
      { name: 'order_desk', capacity: 6, costPerHour: 40, calendar: 'business_hours' },
      { name: 'field_techs', capacity: 12, costPerHour: 65, calendar: 'field_shift' },
      { name: 'provisioning', capacity: 3, costPerHour: 0, costGiven: false, calendar: null },
    ]);
    expect(baseline.arrivals).toEqual([
      {
        flow: 'order_to_activation',
        ordinal: 0,
        interarrival: { kind: 'exponential', mean: 0.2 },
        fromRate: false,
        profile: null,
        priority: 0,
      },
      {
        flow: 'fault_to_repair',
        ordinal: 0,
        interarrival: { kind: 'exponential', mean: 1 / 3 },
        fromRate: true,
        profile: null,
        priority: 2,
      },
    ]);
  });

  it('reads the flows with their nodes in document order', () => {
    expect(baseline.flows.map((f) => f.name)).toEqual(['order_to_activation', 'fault_to_repair']);
    const order = baseline.flows[0];
    expect({ ...order, nodes: [] }).toEqual({
      name: 'order_to_activation',
      etom: '1.1.1.5',
      sla: 120,
      start: 'capture_order',
      cancelAfter: null,
      kpis: [],
      nodes: [],
    });
    expect(order.nodes).toEqual([
      {
        kind: 'task',
        name: 'capture_order',
        etom: '1.1.1.5',
        resource: 'order_desk',
        duration: { kind: 'lognormal', mean: 25 / 60, sd: 10 / 60 },
        next: 'check',
      },
      {
        kind: 'decision',
        name: 'check',
        etom: null,
        branch: [
          { to: 'design', p: 0.85 },
          { to: 'capture_order', p: 0.15 },
        ],
      },
      { kind: 'fork', name: 'design', etom: null, parallel: ['configure_service', 'book_visit'], join: 'activate' },
      {
        kind: 'task',
        name: 'configure_service',
        etom: null,
        resource: 'provisioning',
        duration: { kind: 'constant', value: 1 },
        next: 'activate',
      },
      {
        kind: 'task',
        name: 'book_visit',
        etom: null,
        resource: 'field_techs',
        duration: { kind: 'triangular', min: 1, mode: 2, max: 4 },
        next: 'activate',
      },
      { kind: 'task', name: 'activate', etom: null, resource: null, duration: { kind: 'constant', value: 5 / 60 }, next: null },
    ]);
  });

  it('applies the redesign patch', () => {
    expect(set!.variants).toHaveLength(1);
    const { name, description, scenario } = set!.variants[0];
    expect([name, description]).toEqual(['redesign', 'Zero-touch order capture']);
    expect(scenario.flows[0].nodes[0]).toEqual({
      kind: 'task',
      name: 'capture_order',
      etom: '1.1.1.5',
      resource: null,
      duration: { kind: 'constant', value: 2 / 60 },
      next: 'check',
    });
    expect(scenario.resources[1]).toEqual({ name: 'field_techs', capacity: 14, costPerHour: 65, calendar: 'field_shift' });
    expect({ ...scenario, flows: [], resources: [] }).toEqual({ ...baseline, flows: [], resources: [] });
  });
});

describe('loading', () => {
  it('places a YAML syntax error and gives no scenario', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d
      resources: {}
    `;
    const result = loadScenarioText(text, 'broken.yaml');
    expect(result.set).toBeNull();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', file: 'broken.yaml', line: 3, col: 1, path: '' });
    expect(formatDiagnostic(result.diagnostics[0])).toMatch(/^broken\.yaml:3:1: invalid YAML: /);
  });

  it('reports a key written twice', () => {
    const text = yaml`
      name: t
      name: u
    `;
    expect(diagnose(text)).toEqual([{ at: '2:1', path: '', message: "key 'name' appears twice in the same map; keep only one" }]);
  });

  it('refuses a file that cannot be read as every command refuses its input (input-file.ts), at 1:1', () => {
    const missing = join(tmp(), 'missing.yaml');
    expect(() => loadScenarioFile(missing)).toThrow(new InputRefused(missing, 'cannot read the scenario: no such file'));
    // a folder, in the words every reader uses (input-file.ts' openInput)
    const folder = tmp();
    expect(() => loadScenarioFile(folder)).toThrow(
      `${folder}:1:1: cannot read the scenario: it is a folder, not a file; give a scenario file (at folder)`,
    );
  });

  describe('a file that is no scenario, or not UTF-8', () => {
    const SCENARIO =
      'name: Café\nrun: { horizon: 10d }\nresources: {}\narrivals: [{ flow: f, rate: 1/h }]\nflows: { f: { start: a, nodes: { a: { duration: 1h } } } }\n';
    const problems = (bytes: Buffer | string, name = 'x.yaml') => {
      const file = join(tmp(), name);
      writeFileSync(file, bytes);
      const { set, diagnostics } = loadScenarioFile(file);
      expect(set).toBeNull();
      return diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`);
    };

    it('a UTF-16 file with its byte-order mark (Notepad\'s "Unicode") is read as UTF-16, either byte order', () => {
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SCENARIO, 'utf16le')]);
      const be = Buffer.from(le);
      be.swap16();
      for (const bytes of [le, be]) {
        const file = join(tmp(), 'u16.yaml');
        writeFileSync(file, bytes);
        const { set, diagnostics } = loadScenarioFile(file);
        expect(diagnostics).toEqual([]);
        expect(set!.baseline.name).toBe('Café');
      }
      expect(problems(Buffer.concat([le, Buffer.from([0x00, 0xd8])]))).toEqual([
        '1:1: the file starts as UTF-16 (FF FE) but is not: save it as UTF-8',
      ]);
    });

    it('UTF-16 without its byte-order mark, valid UTF-8 byte for byte, is refused at its first NUL, its byte order named (s59)', () => {
      const le = Buffer.from(SCENARIO, 'utf16le');
      const be = Buffer.from(le);
      be.swap16();
      const advice = (order: string) =>
        `a NUL byte, which no text holds: the file may be UTF-16 (${order}) without its byte-order mark: save it as UTF-8`;
      expect(problems(le)).toEqual([`1:2: ${advice('little-endian')}`]);
      expect(problems(be)).toEqual([`1:1: ${advice('big-endian')}`]);
      // a NUL in UTF-8 text, where YAML takes none: placed likewise
      expect(problems(SCENARIO.replace('run:', 'run:\0'))).toEqual([
        '2:5: a NUL byte, which no text holds (is the file text?): save it as UTF-8',
      ]);
    });

    it('bytes that are not UTF-8 (a Latin-1 é) are refused at their line and column, not read as U+FFFD', () => {
      const latin1 = Buffer.from(`run: { horizon: 10d }\n${SCENARIO.replace('run: { horizon: 10d }\n', '')}`, 'latin1');
      expect(problems(latin1)).toEqual(['2:10: byte 0xE9 is not UTF-8 (the file may be Latin-1 or Windows-1252): save it as UTF-8']);
      // a U+FFFD the file holds as such is text like any other
      const file = join(tmp(), 'fffd.yaml');
      writeFileSync(file, SCENARIO.replace('Café', 'Caf\ufffd'));
      expect(loadScenarioFile(file).set!.baseline.name).toBe('Caf\ufffd');
    });

    it('a gzip file, an event log, or a file etomsim wrote is named as such, once (engine/io/file-kind.ts)', () => {
      const named = (bytes: Buffer | string, name: string) => problems(bytes, name).map((p) => p.replace(/ \/\S*\/(?=\S+ )/g, ' ')); // the folder out of the file named in the advice
      expect(named(gzipSync('case_id,activity,end\n1,a,2024-01-01\n'), 'log.csv.gz')).toEqual([
        '1:1: this is a CSV table (an event log?), gzip-compressed, not a scenario: etomsim discover log.csv.gz --out scenario.yaml makes a scenario from it',
      ]);
      // a gzip file whose content is of no kind known
      expect(named(gzipSync('some prose\n'), 'notes.gz')).toEqual([
        '1:1: this is a gzip file, not a scenario: an event log? etomsim discover makes a scenario from one',
      ]);
      const log = `case_id,resource,activity,end\n${'1,r,a,2024-01-01T10:00:00Z\n'.repeat(2000)}`;
      expect(named(log, 'log.csv')).toEqual([
        '1:1: this is a CSV table (an event log?), not a scenario: etomsim discover log.csv --out scenario.yaml makes a scenario from it',
      ]);
      expect(
        named(JSON.stringify({ format: 1, scenario: 's', engine: { name: 'etomsim', version: '0.1.0' }, variants: {} }), 'results.json'),
      ).toEqual(['1:1: this is a results.json of etomsim, not a scenario: etomsim report results.json rebuilds its report']);
      expect(named(JSON.stringify({ sizing_format: 1, scenario: 's' }), 'sizing.json')).toEqual([
        '1:1: this is a sizing.json of etomsim, not a scenario: etomsim report sizing.json rebuilds its report',
      ]);
      expect(named(JSON.stringify({ kind: 'etomsim-shard', format: 1 }), 'shard.json')).toEqual([
        "1:1: this is a shard file of 'etomsim run --shard', not a scenario: etomsim merge reads shard files",
      ]);
      // a BPMN model is one long string to YAML: its commas made it 'an event log (CSV)'
      const bpmn =
        '<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">\n<!-- a, b, c -->\n</bpmn:definitions>\n';
      expect(named(bpmn, 'model.xml')).toEqual([
        '1:1: this is a BPMN model, not a scenario: etomsim import-bpmn model.xml --out scenario.yaml makes a scenario from it',
      ]);
      // a scenario whose first line holds commas is still a scenario
      const commas = join(tmp(), 'commas.yaml');
      writeFileSync(commas, `# a, b, c\ndescription: a, b, c\n${SCENARIO}`);
      expect(loadScenarioFile(commas).diagnostics).toEqual([]);
    });

    it('a long text found where a value goes is quoted to 60 characters and its length', () => {
      expect(problems(`${'a'.repeat(100_000)}\n`)).toEqual([
        `1:1: a scenario must be a map with name, run, resources, arrivals and flows; found '${'a'.repeat(60)}…' (100,000 characters)`,
      ]);
      // yaml quotes the token it stopped at: a line of 300 characters
      expect(problems(`a: 1\n]${'z'.repeat(300)}\n`)).toContain(
        `2:2: invalid YAML: Unexpected scalar token in YAML stream: '${'z'.repeat(60)}…' (300 characters); check the indentation, brackets and quotes here`,
      );
    });
  });

  it('reads a JSON file', () => {
    const file = join(tmp(), 'scenario.json');
    const scenario = {
      name: 'json',
      time_unit: 'days',
      run: { horizon: 30, warmup: '12h' },
      resources: {},
      arrivals: [{ flow: 'f', interarrival: 0.5 }],
      flows: { f: { start: 'a', nodes: { a: { duration: { exponential: { mean: '3h' } } } } } },
    };
    writeFileSync(file, JSON.stringify(scenario, null, 2));
    const { set, diagnostics } = loadScenarioFile(file);
    expect(diagnostics).toEqual([]);
    expect(set!.baseline.run).toEqual({ horizon: 720, warmup: 12, replications: 10, seed: 1, start: DEFAULT_RUN_START });
    expect(set!.baseline.arrivals[0].interarrival).toEqual({ kind: 'constant', value: 12 });
  });

  it('keeps warnings with the scenario, sorted with the errors by line then column', () => {
    const text = yaml`
      name: !label t
      run: { horizon: 10d }
      resources: {}
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { duration: 1h } } } }
    `;
    const ok = loadScenarioText(text, 't.yaml');
    expect(ok.set).not.toBeNull();
    expect(ok.diagnostics.map((d) => [d.severity, d.line, d.col])).toEqual([['warning', 1, 7]]);

    const withErrors = loadScenarioText(text.replace('1/h', '0/h').replace('10d', '-1d'), 't.yaml');
    expect(withErrors.set).toBeNull();
    expect(withErrors.diagnostics.map((d) => [d.severity, d.line, d.col])).toEqual([
      ['warning', 1, 7],
      ['error', 2, 17],
      ['error', 4, 29],
    ]);
  });
});
