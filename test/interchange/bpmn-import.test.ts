// import-bpmn on a file another tool wrote (Camunda Modeler style, lanes, BPSim), and on bad
// input: every problem with the element's id and its line, nothing written, no entity resolved.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { exportBpmn } from '../../engine/interchange/bpmn-export.js';
import { importBpmn, InvalidBpmn, type BpmnProblem } from '../../engine/interchange/bpmn-import.js';
import { scenarioYaml } from '../../engine/interchange/scenario-yaml.js';
import { loadScenarioFile, loadScenarioText } from '../../engine/scenario/load.js';
import { etomsimWithin } from '../support/cli.js';

/** A fresh folder in the OS temp dir, removed when the file's tests are done. */
const made: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const FIXTURE = readFileSync(join(import.meta.dirname, 'fixtures/camunda-trouble-ticket.bpmn'), 'utf8');

async function problemsOf(xml: string): Promise<BpmnProblem[]> {
  try {
    await importBpmn(xml);
  } catch (err) {
    if (err instanceof InvalidBpmn) return err.problems;
    throw err;
  }
  throw new Error('expected the file to be refused');
}

describe('import of a Camunda Modeler file with lanes and BPSim', () => {
  test('lanes become teams, BPSim gives times, probabilities, team sizes, shifts and the run; the rest are placeholders', async () => {
    const imported = await importBpmn(FIXTURE);
    const min = 1 / 60;
    expect(imported.doc).toEqual({
      name: 'Trouble ticket as is',
      time_unit: 'hours',
      run: { horizon: 28 * 24, warmup: 48, replications: 5, seed: 42, start: '2026-02-02T00:00:00Z' },
      calendars: { Office_hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '08:00-18:00' } },
      resources: {
        Service_Desk: { capacity: 3, cost_per_hour: 0.75 / min, calendar: 'Office_hours' },
        Field_Engineers: { capacity: 1 },
      },
      arrivals: [{ flow: 'Trouble_Ticket', interarrival: { exponential: { mean: 30 * min } } }],
      flows: {
        Trouble_Ticket: {
          start: 'Register_ticket',
          nodes: {
            Register_ticket: {
              resource: 'Service_Desk',
              duration: { triangular: { min: 5 * min, mode: 10 * min, max: 20 * min } },
              next: 'Resolved_remotely',
            },
            Resolved_remotely: {
              branch: [
                { to: 'Close_ticket', p: 0.6 },
                { to: 'Gateway_Split', p: 0.4 },
              ],
            },
            Gateway_Split: { parallel: ['Dispatch_engineer', 'Run_line_test'], join: 'Close_ticket' },
            Dispatch_engineer: {
              resource: 'Field_Engineers',
              duration: { normal: { mean: 120 * min, sd: 30 * min } },
              next: 'Close_ticket',
            },
            Run_line_test: { duration: 0.25, next: 'Close_ticket' }, // a service task: automated
            Close_ticket: { resource: 'Service_Desk', duration: 1 },
          },
        },
      },
    });
    expect(imported.warnings).toEqual([
      "flows.Trouble_Ticket.nodes.Close_ticket.duration: PLACEHOLDER: no processing time for 'Activity_Close'; 1 hour assumed, supply the real one",
      "resources.Field_Engineers.capacity: PLACEHOLDER: no team size for 'Field_Engineers'; 1 assumed, supply the real one",
    ]);
  });

  test('the YAML is valid, commented where a value is a placeholder, and the same every time', async () => {
    const yaml = scenarioYaml(await importBpmn(FIXTURE), 'trouble.bpmn');
    expect(scenarioYaml(await importBpmn(FIXTURE), 'trouble.bpmn')).toBe(yaml);
    const loaded = loadScenarioText(yaml, 'trouble.yaml');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(yaml).toMatch(/^# Imported from trouble\.bpmn by etomsim import-bpmn/);
    expect(yaml).toContain("duration: 1 # PLACEHOLDER: no processing time for 'Activity_Close'; 1 hour assumed, supply the real one");
    expect(yaml).toContain("capacity: 1 # PLACEHOLDER: no team size for 'Field_Engineers'; 1 assumed, supply the real one");
  });
});

const wrap = (process: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="urn:t">
  <bpmn:process id="P">
${process}
  </bpmn:process>
</bpmn:definitions>
`;

describe('bad input', () => {
  test('malformed XML: the parser position', async () => {
    expect(
      await problemsOf(
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">\n<bpmn:process id="P">\n</bpmn:definitions>',
      ),
    ).toEqual([{ line: 3, col: 1, id: null, message: 'unparsable content </bpmn:definitions> detected: closing tag mismatch' }]);
  });

  test('XML that is not BPMN', async () => {
    expect(await problemsOf('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>')).toEqual([
      expect.objectContaining({ message: 'not a BPMN 2.0 document (its root is not bpmn:definitions in the BPMN 2.0 namespace)' }),
    ]);
  });

  test('an unknown element, with its id and line', async () => {
    const problems = await problemsOf(wrap('    <bpmn:startEvent id="S"/>\n    <bpmn:frobnicate id="X1"/>'));
    expect(problems).toEqual([
      { line: 5, col: 5, id: 'X1', message: 'unparsable content <bpmn:frobnicate> detected: unknown type <bpmn:Frobnicate>' },
      { line: 4, col: 22, id: 'S', message: "start event 'S' has no outgoing sequence flow" },
    ]);
  });

  test('a gateway without outgoing flows, two start events, an inclusive gateway: all reported at once', async () => {
    const problems = await problemsOf(
      wrap(`    <bpmn:startEvent id="S1"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:startEvent id="S2"/>
    <bpmn:exclusiveGateway id="G1"><bpmn:incoming>F1</bpmn:incoming></bpmn:exclusiveGateway>
    <bpmn:inclusiveGateway id="G2"/>
    <bpmn:sequenceFlow id="F1" sourceRef="S1" targetRef="G1"/>`),
    );
    expect(problems).toEqual([
      {
        line: 7,
        col: 28,
        id: 'G2',
        message: "inclusive gateway 'G2' is not supported: etomsim has exclusive decisions and parallel forks; model it as one of them",
      },
      { line: 5, col: 22, id: 'S2', message: "process 'P' has 2 start events (S1, S2); etomsim needs exactly one per process" },
    ]);
    const gateway = await problemsOf(
      wrap(`    <bpmn:startEvent id="S1"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:exclusiveGateway id="G1"><bpmn:incoming>F1</bpmn:incoming></bpmn:exclusiveGateway>
    <bpmn:sequenceFlow id="F1" sourceRef="S1" targetRef="G1"/>`),
    );
    expect(gateway).toEqual([{ line: 5, col: 28, id: 'G1', message: "gateway 'G1' has no outgoing sequence flow" }]);
  });

  test('an external entity is never resolved: a DOCTYPE is refused before parsing', async () => {
    const secret = join(tempDir('etomsim-xxe-'), 'secret.txt');
    writeFileSync(secret, 'TOP-SECRET');
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE d [ <!ENTITY xxe SYSTEM "file://${secret}"> ]>\n${wrap('    <bpmn:task id="T" name="&xxe;"/>').split('\n').slice(1).join('\n')}`;
    const problems = await problemsOf(xxe);
    expect(problems).toEqual([
      {
        line: 2,
        col: 1,
        id: null,
        message: 'a DOCTYPE or entity declaration is not allowed in a BPMN file (external entities are never resolved)',
      },
    ]);
    expect(JSON.stringify(problems)).not.toContain('TOP-SECRET');
  });
});

describe('the commands', () => {
  const etomsim = (...args: string[]) => etomsimWithin(60_000, ...args);

  test('import-bpmn of bad input: exit 2, FILE:LINE:COL with the element id, nothing written', () => {
    const dir = tempDir('etomsim-bpmn-');
    const file = join(dir, 'bad.bpmn');
    writeFileSync(file, wrap('    <bpmn:startEvent id="S1"/>\n    <bpmn:startEvent id="S2"/>'));
    const out = join(dir, 'scenario.yaml');
    const r = etomsim('import-bpmn', file, '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${file}:5:22: process 'P' has 2 start events (S1, S2); etomsim needs exactly one per process (at element S2)\n`);
    expect(existsSync(out)).toBe(false);
  });

  test('import-bpmn of values the scenario refuses: told at the BPMN element they came from, not at the YAML never written', () => {
    const dir = tempDir('etomsim-bpmn-');
    const file = join(dir, 'ticket.bpmn');
    // BPSim probabilities that add up to 0.99, and a uniform time whose bounds are the wrong way round
    writeFileSync(
      file,
      FIXTURE.replace('<bpsim:FloatingParameter value="0.4" />', '<bpsim:FloatingParameter value="0.39" />').replace(
        '<bpsim:TriangularDistribution min="5" mode="10" max="20" />',
        '<bpsim:UniformDistribution min="20" max="5" />',
      ),
    );
    const out = join(dir, 'scenario.yaml');
    const r = etomsim('import-bpmn', file, '--out', out);
    expect(r.status).toBe(2);
    const place = (id: string) => {
      const lines = FIXTURE.split('\n');
      const line = lines.findIndex((l) => l.includes(`id="${id}"`));
      return `${line + 1}:${lines[line].indexOf(`id="${id}"`) + 1}`;
    };
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(`^${escapeRegExp(file)}:${place('Activity_Register')}: .*min.*max.* \\(at element Activity_Register\\)$`),
      ),
      `${file}:${place('Gateway_Resolved')}: the probabilities p of decision 'Resolved_remotely' add up to 0.99; they must add up to 1 (at element Gateway_Resolved)`,
      `etomsim: ${file} does not give a valid scenario; nothing written`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  /** A scenario whose decision has 201 branches, one more than a flow diagram draws. */
  const wideScenario = (dir: string) => {
    const n = 201;
    const branches = Array.from({ length: n }, (_, i) => `{ to: t${i % 2}, p: ${i === 0 ? 1 - (n - 1) / n : 1 / n} }`);
    const file = join(dir, 'wide.yaml');
    writeFileSync(
      file,
      [
        'name: wide',
        'run: { horizon: 100h, replications: 1 }',
        'resources: { desk: { capacity: 2 } }',
        'arrivals: [ { flow: calls, rate: 1/h } ]',
        'flows:',
        '  calls:',
        '    start: choose',
        '    nodes:',
        `      choose: { branch: [${branches.join(', ')}] }`,
        '      t0: { resource: desk, duration: 30m }',
        '      t1: { resource: desk, duration: 30m }',
      ].join('\n'),
    );
    return file;
  };
  const WIDE = "flow 'calls': decision 'choose' has 201 paths out; a flow diagram draws at most 200 into or out of one step";

  test('export-bpmn of a decision too wide to lay out: exit 2, FILE:LINE:COL naming the flow and the decision (at its branches), nothing written', () => {
    const dir = tempDir('etomsim-bpmn-');
    const file = wideScenario(dir);
    const out = join(dir, 'flow.bpmn');
    const r = etomsim('export-bpmn', file, '--out', out, '-q');
    expect(r.stderr).toBe(`${file}:9:17: ${WIDE}; nothing written (at flows.calls.nodes.choose.branch)\n`);
    expect(r.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  test('validate says it up front, as a warning at the same place: the scenario is valid and runs', () => {
    const file = wideScenario(tempDir('etomsim-bpmn-'));
    const r = etomsim('validate', file);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${file}: valid (1 flow, 0 variants)\n`);
    expect(r.stderr).toBe(
      `${file}:9:17: warning: ${WIDE}, so export-bpmn refuses this flow and the report shows its process map as not drawn; the simulation runs as it is (at flows.calls.nodes.choose.branch)\n`,
    );
  });

  test('export-bpmn then import-bpmn then run: the same baseline results as the original', () => {
    const dir = tempDir('etomsim-bpmn-');
    const scenario = join(import.meta.dirname, '../../scenarios/fiber-order-to-activation.yaml');
    expect(etomsim('export-bpmn', scenario, '--variant', 'zero_touch', '--out', join(dir, 'flow.bpmn'), '-q').status).toBe(0);
    const imported = etomsim('import-bpmn', join(dir, 'flow.bpmn'), '--out', join(dir, 'back.yaml'));
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    const results = (file: string, out: string, ...extra: string[]) => {
      const r = etomsim('run', file, '--out', join(dir, out), '-r', '2', '-w', '1', '-q', '--no-report', ...extra);
      expect(r.stderr).toBe('');
      return JSON.parse(readFileSync(join(dir, out, 'results.json'), 'utf8'));
    };
    const original = results(scenario, 'a', '--variant', 'zero_touch');
    const back = results(join(dir, 'back.yaml'), 'b');
    // a variant's description and its changes against the baseline are what make it a variant; the rest is the same
    const simulated = (v: Record<string, unknown> & { inputs: Record<string, unknown> }) => ({
      ...v,
      description: null,
      inputs: { ...v.inputs, changes: null },
    });
    expect(simulated(back.variants.baseline)).toEqual(simulated(original.variants.zero_touch));
    expect({ ...back, scenario: '', engine: null, variants: null, comparisons: null, warmup_check: null }).toEqual({
      ...original,
      scenario: '',
      engine: null,
      variants: null,
      comparisons: null,
      warmup_check: null,
    });
  });
});

describe('many problems', () => {
  test('2,000 unsupported elements: each told at its own line and column, with its id', async () => {
    const elements = Array.from({ length: 2_000 }, (_, i) => `    <bpmn:subProcess id="X${i}"/>`);
    const problems = await problemsOf(wrap(`    <bpmn:startEvent id="S"/>\n${elements.join('\n')}`));
    const told = problems.filter((p) => p.id?.startsWith('X'));
    expect(told).toHaveLength(2_000);
    told.forEach((p, i) => expect(p).toMatchObject({ line: 5 + i, col: 22, id: `X${i}` })); // at `id=`
  });
});

/** One start event, one task, one end, with a BPSim block in the namespace and with the parameters given. */
const bpsimFile = (ns: string, timer: string, taskParams: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpsim="${ns}" id="D" targetNamespace="urn:t">
  <bpmn:process id="P" name="Orders">
    <bpmn:startEvent id="S"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="T" name="Check"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="E"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T"/>
    <bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="E"/>
  </bpmn:process>
  <bpmn:relationship type="BPSimData">
    <bpmn:extensionElements>
      <bpsim:BPSimData>
        <bpsim:Scenario id="Sc" name="Orders">
          <bpsim:ScenarioParameters baseTimeUnit="min"><bpsim:Duration><bpsim:DurationParameter value="P7D"/></bpsim:Duration></bpsim:ScenarioParameters>
          <bpsim:ElementParameters elementRef="S"><bpsim:ControlParameters>${timer}</bpsim:ControlParameters></bpsim:ElementParameters>
          <bpsim:ElementParameters elementRef="T"><bpsim:TimeParameters>${taskParams}</bpsim:TimeParameters></bpsim:ElementParameters>
        </bpsim:Scenario>
      </bpsim:BPSimData>
    </bpmn:extensionElements>
    <bpmn:source>P</bpmn:source>
    <bpmn:target>P</bpmn:target>
  </bpmn:relationship>
</bpmn:definitions>
`;
const BPSIM_2 = 'http://www.bpsim.org/schemas/2.0';
const EXPONENTIAL_TIMER = '<bpsim:InterTriggerTimer><bpsim:NegativeExponentialDistribution mean="20"/></bpsim:InterTriggerTimer>';
const TRIANGULAR_TIME = '<bpsim:ProcessingTime><bpsim:TriangularDistribution min="5" mode="10" max="20"/></bpsim:ProcessingTime>';

describe('BPSim as the specification names it', () => {
  test("NegativeExponentialDistribution, BPSim's exponential, is read by its mean", async () => {
    const imported = await importBpmn(bpsimFile(BPSIM_2, EXPONENTIAL_TIMER, TRIANGULAR_TIME));
    expect(imported.doc.arrivals).toEqual([{ flow: 'Orders', interarrival: { exponential: { mean: 20 / 60 } } }]);
    expect(imported.warnings).toEqual([]);
  });

  test('a BPSim 1.0 file (the namespace jBPM writes) is read as a 2.0 one', async () => {
    const imported = await importBpmn(bpsimFile('http://www.bpsim.org/schemas/1.0', EXPONENTIAL_TIMER, TRIANGULAR_TIME));
    expect(imported.doc.arrivals).toEqual([{ flow: 'Orders', interarrival: { exponential: { mean: 20 / 60 } } }]);
    expect((imported.doc.flows as Record<string, { nodes: Record<string, unknown> }>).Orders.nodes.Check).toEqual({
      duration: { triangular: { min: 5 / 60, mode: 10 / 60, max: 20 / 60 } },
    });
    expect(imported.doc.run).toEqual({ horizon: 7 * 24 });
    expect(imported.warnings).toEqual([]);
  });

  test('export-bpmn writes the exponential as BPSim names it', async () => {
    const set = loadScenarioFile(join(import.meta.dirname, '../../scenarios/fiber-order-to-activation.yaml')).set!;
    const xml = await exportBpmn(set.baseline, 'baseline', 'test');
    const written = [...xml.matchAll(/<bpsim:(\w*Exponential\w*)/g)].map((m) => m[1]);
    expect(new Set(written)).toEqual(new Set(['NegativeExponentialDistribution']));
  });
});

describe('BPSim that etomsim cannot represent is said, not dropped', () => {
  test('a parameter etomsim does not read (set-up time, a trigger count) is a warning naming it and its element', async () => {
    const imported = await importBpmn(
      bpsimFile(
        BPSIM_2,
        `${EXPONENTIAL_TIMER}<bpsim:TriggerCount><bpsim:NumericParameter value="500"/></bpsim:TriggerCount>`,
        `<bpsim:SetupTime><bpsim:FloatingParameter value="3"/></bpsim:SetupTime>${TRIANGULAR_TIME}`,
      ),
    );
    expect(imported.warnings).toEqual([
      "BPSim ControlParameters/TriggerCount of 'S' is not read: etomsim has no equivalent, the scenario leaves it out",
      "BPSim TimeParameters/SetupTime of 'T' is not read: etomsim has no equivalent, the scenario leaves it out",
    ]);
  });

  test("a truncated normal's bounds other than 0 and infinity are a warning: etomsim's normal is resampled while negative", async () => {
    const time = (min: string, max: string) =>
      `<bpsim:ProcessingTime><bpsim:TruncatedNormalDistribution mean="10" standardDeviation="5" min="${min}" max="${max}"/></bpsim:ProcessingTime>`;
    const bounded = await importBpmn(bpsimFile(BPSIM_2, EXPONENTIAL_TIMER, time('8', '12')));
    expect(bounded.warnings).toEqual([
      "BPSim TruncatedNormalDistribution of 'T': its bounds (min 8, max 12) are not modelled; etomsim's normal is resampled while negative only",
    ]);
    expect((await importBpmn(bpsimFile(BPSIM_2, EXPONENTIAL_TIMER, time('0', 'INF')))).warnings).toEqual([]);
  });

  test('a distribution without a parameter it needs, or a duration etomsim cannot read, is a problem at its element', async () => {
    expect(
      await problemsOf(
        bpsimFile(BPSIM_2, EXPONENTIAL_TIMER, '<bpsim:ProcessingTime><bpsim:NormalDistribution mean="5"/></bpsim:ProcessingTime>'),
      ),
    ).toEqual([
      expect.objectContaining({ id: 'T', message: "BPSim NormalDistribution of 'T' has no standardDeviation (a number is needed)" }),
    ]);
    expect(
      await problemsOf(
        bpsimFile(BPSIM_2, EXPONENTIAL_TIMER, '<bpsim:ProcessingTime><bpsim:DurationParameter value="P1M"/></bpsim:ProcessingTime>'),
      ),
    ).toEqual([
      expect.objectContaining({
        id: 'T',
        message:
          "BPSim DurationParameter of 'T': 'P1M' is not an ISO 8601 duration in weeks, days, hours, minutes and seconds (months and years vary in length)",
      }),
    ]);
  });
});

describe('BPSim parameter values as the schema allows them', () => {
  test('a result request beside a value is not the value; a parameter holding only result requests asks for output and is not told', async () => {
    const imported = await importBpmn(
      bpsimFile(
        BPSIM_2,
        EXPONENTIAL_TIMER,
        '<bpsim:ProcessingTime><bpsim:ResultRequest>mean</bpsim:ResultRequest><bpsim:TriangularDistribution min="5" mode="10" max="20"/></bpsim:ProcessingTime>' +
          '<bpsim:WaitTime><bpsim:ResultRequest>mean</bpsim:ResultRequest></bpsim:WaitTime>',
      ),
    );
    expect((imported.doc.flows as Record<string, { nodes: Record<string, unknown> }>).Orders.nodes.Check).toEqual({
      duration: { triangular: { min: 5 / 60, mode: 10 / 60, max: 20 / 60 } },
    });
    expect(imported.warnings).toEqual([]);
  });

  test('a parameter with a value for each of several periods: the first is read, and that is said', async () => {
    const imported = await importBpmn(
      bpsimFile(
        BPSIM_2,
        EXPONENTIAL_TIMER,
        '<bpsim:ProcessingTime><bpsim:FloatingParameter value="5" validFor="day"/><bpsim:FloatingParameter value="9" validFor="night"/></bpsim:ProcessingTime>',
      ),
    );
    expect((imported.doc.flows as Record<string, { nodes: Record<string, unknown> }>).Orders.nodes.Check).toEqual({ duration: 5 / 60 });
    expect(imported.warnings).toEqual([
      "BPSim TimeParameters/ProcessingTime of 'T' has 2 values (each for its own period); only the first is read",
    ]);
  });
});

describe('a file of several BPSim scenarios', () => {
  test('the first is read, and the others are named as left out; an inherited scenario says its parent is not read', async () => {
    const two = bpsimFile(BPSIM_2, EXPONENTIAL_TIMER, TRIANGULAR_TIME).replace(
      '</bpsim:Scenario>',
      '</bpsim:Scenario><bpsim:Scenario id="Sc2" name="To be" inherits="Sc"></bpsim:Scenario>',
    );
    const imported = await importBpmn(two);
    expect(imported.doc.arrivals).toEqual([{ flow: 'Orders', interarrival: { exponential: { mean: 20 / 60 } } }]);
    expect(imported.warnings).toEqual([
      "BPSim: the file holds 2 scenarios ('Orders', 'To be'); etomsim reads the first, 'Orders', and leaves the others out",
    ]);
    const inheriting = bpsimFile(BPSIM_2, EXPONENTIAL_TIMER, TRIANGULAR_TIME).replace(
      '<bpsim:Scenario id="Sc" name="Orders">',
      '<bpsim:Scenario id="Sc" name="Orders" inherits="Base">',
    );
    expect((await importBpmn(inheriting)).warnings).toEqual([
      "BPSim: scenario 'Orders' inherits from 'Base', whose parameters etomsim does not read: only what 'Orders' itself gives is imported",
    ]);
  });
});

describe('a decision whose default flow has no BPSim probability', () => {
  test('the flow without one takes what the others leave (a placeholder that says so); the given ones are kept', async () => {
    const withoutNo = FIXTURE.replace(/<bpsim:ElementParameters elementRef="Flow_No">[\s\S]*?<\/bpsim:ElementParameters>/, '');
    const imported = await importBpmn(withoutNo);
    const flows = imported.doc.flows as Record<string, { nodes: Record<string, { branch?: unknown }> }>;
    expect(flows.Trouble_Ticket.nodes.Resolved_remotely.branch).toEqual([
      { to: 'Close_ticket', p: 0.6 },
      { to: 'Gateway_Split', p: 0.4 },
    ]);
    expect(imported.warnings).toContain(
      "flows.Trouble_Ticket.nodes.Resolved_remotely.branch: PLACEHOLDER: gateway 'Gateway_Resolved' gives no probability for 'Flow_No'; what the others leave, 0.4, assumed, supply it",
    );
  });
});

describe('end events where etomsim names a node', () => {
  // PM4Py's receipt.bpmn (a model mined from a log) was refused: a decision's branch led
  // straight to an end event. A join leading to one was refused alike.
  test("a decision's branch, or a join, to an end event: a step of no work after which the case ends", async () => {
    const xml = wrap(`    <bpmn:startEvent id="S"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:task id="A" name="Check"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:task>
    <bpmn:exclusiveGateway id="X"><bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>F3</bpmn:outgoing><bpmn:outgoing>F4</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:endEvent id="E1" name="Check"><bpmn:incoming>F3</bpmn:incoming></bpmn:endEvent>
    <bpmn:parallelGateway id="P1"><bpmn:incoming>F4</bpmn:incoming><bpmn:outgoing>F5</bpmn:outgoing><bpmn:outgoing>F6</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:task id="B"><bpmn:incoming>F5</bpmn:incoming><bpmn:outgoing>F7</bpmn:outgoing></bpmn:task>
    <bpmn:task id="C"><bpmn:incoming>F6</bpmn:incoming><bpmn:outgoing>F8</bpmn:outgoing></bpmn:task>
    <bpmn:parallelGateway id="P2"><bpmn:incoming>F7</bpmn:incoming><bpmn:incoming>F8</bpmn:incoming><bpmn:outgoing>F9</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:endEvent id="E2"><bpmn:incoming>F9</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="A"/>
    <bpmn:sequenceFlow id="F2" sourceRef="A" targetRef="X"/>
    <bpmn:sequenceFlow id="F3" sourceRef="X" targetRef="E1"/>
    <bpmn:sequenceFlow id="F4" sourceRef="X" targetRef="P1"/>
    <bpmn:sequenceFlow id="F5" sourceRef="P1" targetRef="B"/>
    <bpmn:sequenceFlow id="F6" sourceRef="P1" targetRef="C"/>
    <bpmn:sequenceFlow id="F7" sourceRef="B" targetRef="P2"/>
    <bpmn:sequenceFlow id="F8" sourceRef="C" targetRef="P2"/>
    <bpmn:sequenceFlow id="F9" sourceRef="P2" targetRef="E2"/>`);
    const imported = await importBpmn(xml);
    const nodes = (imported.doc.flows as Record<string, { nodes: Record<string, unknown> }>).P.nodes;
    // the end event named as the task is, a node of its own
    expect(nodes.X).toEqual({
      branch: [
        { to: 'Check_2', p: 0.5 },
        { to: 'P1', p: 0.5 },
      ],
    });
    expect(nodes.Check_2).toEqual({ duration: 0, description: expect.stringContaining("end event 'E1': no work") });
    expect(nodes.P1).toEqual({ parallel: ['B', 'C'], join: 'E2' });
    expect(nodes.E2).toEqual({ duration: 0, description: expect.stringContaining("end event 'E2': no work") });
    const loaded = loadScenarioText(scenarioYaml(imported, 'ends.bpmn'), 'ends.yaml');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe("BIMP's (QBP) simulation parameters", () => {
  // BIMP (the Fundamentals of BPM book's simulator) writes qbp:processSimulationInfo in
  // <definitions> and a JSON copy of it in <documentation> elements whose ids start with a
  // digit; both were problems (exit 2). They are not read: said as warnings, the rest imported.
  test('are warnings naming them, not problems; the model is imported with placeholders', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:qbp="http://www.qbp-simulator.com/Schema201212" id="D" targetNamespace="urn:t">
  <process id="P">
    <startEvent id="S"><outgoing>F1</outgoing>
      <documentation id="96b04510-7bb2">{"arrivalRateDistribution":{"type":"exponential","mean":1800}}</documentation></startEvent>
    <task id="A" name="Check"><incoming>F1</incoming><outgoing>F2</outgoing></task>
    <endEvent id="E"><incoming>F2</incoming></endEvent>
    <sequenceFlow id="F1" sourceRef="S" targetRef="A"/>
    <sequenceFlow id="F2" sourceRef="A" targetRef="E"/>
  </process>
<qbp:processSimulationInfo id="qbp_1" processInstances="500"><qbp:arrivalRateDistribution type="EXPONENTIAL" arg1="1800"/></qbp:processSimulationInfo>
</definitions>`;
    const imported = await importBpmn(xml);
    expect(imported.warnings.slice(0, 2)).toEqual([
      "line 5: a <documentation> with an id that is not an XML ID (BIMP's JSON copy of its simulation parameters) is not read",
      "line 11: qbp:processSimulationInfo, BIMP's (QBP) simulation parameters, is not read: the processing times, probabilities, arrivals and teams it gives are placeholders here; supply them, or give them as BPSim",
    ]);
    expect((imported.doc.flows as Record<string, { start: string }>).P.start).toBe('Check');
    // declared in single quotes, the same
    const single = await importBpmn(
      xml.replace('xmlns:qbp="http://www.qbp-simulator.com/Schema201212"', "xmlns:qbp='http://www.qbp-simulator.com/Schema201212'"),
    );
    expect(single.warnings.slice(0, 2)).toEqual(imported.warnings.slice(0, 2));
    // without BIMP's namespace, the same element is an unknown one, refused
    expect(
      await problemsOf(xml.replace(' xmlns:qbp="http://www.qbp-simulator.com/Schema201212"', ' xmlns:qbp="urn:other"')),
    ).toContainEqual(expect.objectContaining({ message: expect.stringContaining('unrecognized element <qbp:processSimulationInfo>') }));
  });
});

describe('two tasks of one name', () => {
  // BIMP's insurance claims model (ch7_InsuranceClaimsSimulationNormalSeason.bpmn) has two
  // tasks 'Check if customer has all required information': both took one node name, the
  // second overwrote the first, and the scenario was refused (nodes never reached).
  test('are two nodes, the second named with a suffix', async () => {
    const xml = wrap(`    <bpmn:startEvent id="S"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:task id="A1" name="Check"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:task>
    <bpmn:task id="A2" name="Check"><bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>F3</bpmn:outgoing></bpmn:task>
    <bpmn:endEvent id="E"><bpmn:incoming>F3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="A1"/>
    <bpmn:sequenceFlow id="F2" sourceRef="A1" targetRef="A2"/>
    <bpmn:sequenceFlow id="F3" sourceRef="A2" targetRef="E"/>`);
    const imported = await importBpmn(xml);
    const flow = (imported.doc.flows as Record<string, { start: string; nodes: Record<string, Record<string, unknown>> }>).P;
    expect(flow.start).toBe('Check');
    expect(Object.keys(flow.nodes)).toEqual(['Check', 'Check_2']);
    expect(flow.nodes.Check.next).toBe('Check_2');
    expect(flow.nodes.Check_2.next).toBeUndefined();
  });
});

describe('parallel blocks nested in a branch', () => {
  // PM4Py's a32f0n00.bpmn (mined): a fork whose first branch holds a fork and join of its
  // own was refused, 'its branches never meet': the search for the outer join stopped at the
  // inner one.
  test("the outer fork joins where its branches meet, past the inner block's join", async () => {
    const xml = wrap(`    <bpmn:startEvent id="S"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:parallelGateway id="O"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing><bpmn:outgoing>F3</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:parallelGateway id="I"><bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>F4</bpmn:outgoing><bpmn:outgoing>F5</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:task id="A"><bpmn:incoming>F4</bpmn:incoming><bpmn:outgoing>F6</bpmn:outgoing></bpmn:task>
    <bpmn:task id="B"><bpmn:incoming>F5</bpmn:incoming><bpmn:outgoing>F7</bpmn:outgoing></bpmn:task>
    <bpmn:parallelGateway id="IJ"><bpmn:incoming>F6</bpmn:incoming><bpmn:incoming>F7</bpmn:incoming><bpmn:outgoing>F8</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:task id="C"><bpmn:incoming>F8</bpmn:incoming><bpmn:outgoing>F9</bpmn:outgoing></bpmn:task>
    <bpmn:task id="T"><bpmn:incoming>F3</bpmn:incoming><bpmn:outgoing>F10</bpmn:outgoing></bpmn:task>
    <bpmn:parallelGateway id="OJ"><bpmn:incoming>F9</bpmn:incoming><bpmn:incoming>F10</bpmn:incoming><bpmn:outgoing>F11</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:task id="E"><bpmn:incoming>F11</bpmn:incoming><bpmn:outgoing>F12</bpmn:outgoing></bpmn:task>
    <bpmn:endEvent id="End"><bpmn:incoming>F12</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="O"/>
    <bpmn:sequenceFlow id="F2" sourceRef="O" targetRef="I"/>
    <bpmn:sequenceFlow id="F3" sourceRef="O" targetRef="T"/>
    <bpmn:sequenceFlow id="F4" sourceRef="I" targetRef="A"/>
    <bpmn:sequenceFlow id="F5" sourceRef="I" targetRef="B"/>
    <bpmn:sequenceFlow id="F6" sourceRef="A" targetRef="IJ"/>
    <bpmn:sequenceFlow id="F7" sourceRef="B" targetRef="IJ"/>
    <bpmn:sequenceFlow id="F8" sourceRef="IJ" targetRef="C"/>
    <bpmn:sequenceFlow id="F9" sourceRef="C" targetRef="OJ"/>
    <bpmn:sequenceFlow id="F10" sourceRef="T" targetRef="OJ"/>
    <bpmn:sequenceFlow id="F11" sourceRef="OJ" targetRef="E"/>
    <bpmn:sequenceFlow id="F12" sourceRef="E" targetRef="End"/>`);
    const imported = await importBpmn(xml);
    const nodes = (imported.doc.flows as Record<string, { nodes: Record<string, Record<string, unknown>> }>).P.nodes;
    expect(nodes.O).toEqual({ parallel: ['I', 'T'], join: 'E' });
    expect(nodes.I).toEqual({ parallel: ['A', 'B'], join: 'C' });
    expect(nodes.C.next).toBe('E');
    const loaded = loadScenarioText(scenarioYaml(imported, 'nested.bpmn'), 'nested.yaml');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe("BPSim's discrete UserDistribution", () => {
  const point = (p: string, v: string) =>
    `<bpsim:UserDistributionDataPoint probability="${p}"><bpsim:FloatingParameter value="${v}"/></bpsim:UserDistributionDataPoint>`;
  const time = (discrete: string, points: string) =>
    `<bpsim:ProcessingTime><bpsim:UserDistribution discrete="${discrete}">${points}</bpsim:UserDistribution></bpsim:ProcessingTime>`;

  test('weights that are multiples of 1/m become an empirical choice with each value m x p times: the same law', async () => {
    const imported = await importBpmn(bpsimFile(BPSIM_2, EXPONENTIAL_TIMER, time('true', point('0.3', '5') + point('0.7', '10'))));
    const check = (imported.doc.flows as Record<string, { nodes: Record<string, unknown> }>).Orders.nodes.Check;
    expect(check).toEqual({ duration: { empirical: [...Array(3).fill(5 / 60), ...Array(7).fill(10 / 60)] } });
  });

  test('a continuous one, or weights etomsim cannot write as repeats, is a problem at its element', async () => {
    expect(await problemsOf(bpsimFile(BPSIM_2, EXPONENTIAL_TIMER, time('false', point('0.5', '5') + point('0.5', '10'))))).toEqual([
      expect.objectContaining({ id: 'T', message: expect.stringContaining('continuous') }),
    ]);
    expect(await problemsOf(bpsimFile(BPSIM_2, EXPONENTIAL_TIMER, time('true', point('0.31415', '5') + point('0.68585', '10'))))).toEqual([
      expect.objectContaining({ id: 'T', message: expect.stringContaining('1/1000') }),
    ]);
  });
});
