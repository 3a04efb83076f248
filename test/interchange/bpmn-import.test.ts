// import-bpmn on a file another tool wrote (Camunda Modeler style, lanes, BPSim), and on bad
// input: every problem with the element's id and its line, nothing written, no entity resolved.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { bpsimGaps, exportBpmn } from '../../engine/interchange/bpmn-export.js';
import { importBpmn, InvalidBpmn, MAX_ATTRIBUTES, MAX_ELEMENTS, type BpmnProblem } from '../../engine/interchange/bpmn-import.js';
import { WARNING_BUDGET, type WarningBudget } from '../../engine/interchange/moddle-warnings.js';
import { PROBLEMS_TOLD, untoldMessage } from '../../engine/io/placed-line.js';
import { boundPast, elementPast } from '../../engine/interchange/xml-elements.js';
import { elementIndexes, typedElementIndexes } from '../../engine/interchange/element-places.js';
import { scenarioYaml } from '../../engine/interchange/scenario-yaml.js';
import { loadScenarioFile, loadScenarioText } from '../../engine/scenario/load.js';
import { compileModel } from '../../engine/model/compile.js';
import { etomsimWithin } from '../support/cli.js';
import { literally } from '../support/reg-exp.js';
import { madeOnce } from '../support/made-once.js';
import { replicate } from '../support/simulate.js';
import {
  bpmnProcess,
  end,
  exclusive,
  expectRoundTrip,
  flowOf,
  flows,
  importedCycleTime,
  parallel,
  start,
  task,
} from '../support/bpmn-model.js';

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

const FIXTURE = readFileSync(join(import.meta.dirname, 'fixtures/camunda-trouble-ticket.bpmn'), 'utf8');

/** The text of `xml` from a problem's line and column on: what it points at. */
const pointedAt = (xml: string, p: BpmnProblem) => xml.split('\n')[p.line - 1].slice(p.col - 1);

async function problemsOf(xml: string, budget?: WarningBudget): Promise<BpmnProblem[]> {
  try {
    await importBpmn(xml, budget);
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

test("a model's name on two lines (a modeller's line break) or with a tab is the scenario's name on one line, which validates", async () => {
  const simple = wrap(
    '    <bpmn:startEvent id="S"/><bpmn:task id="T" name="Check"/><bpmn:endEvent id="E"/>\n' +
      '    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T"/><bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="E"/>',
  );
  for (const [written, name] of [
    ['Order&#10;handling', 'Order handling'],
    ['Order &#13;&#10;  handling&#9;(EU)', 'Order handling (EU)'],
    ['&#10;&#1;', 'Imported BPMN'], // nothing but control characters: no name given
  ]) {
    const imported = await importBpmn(simple.replace('id="D"', `id="D" name="${written}"`));
    expect(imported.doc.name, written).toBe(name);
    expect(loadScenarioText(scenarioYaml(imported, 'm.bpmn'), 'm.yaml').set, written).toBeTruthy();
  }
});

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

describe('the most elements read (bpmn-moddle holds an object for each)', () => {
  test('elements are counted by the tags that open them: end tags, comments, CDATA, instructions and declarations open none', () => {
    const xml = '<?xml version="1.0"?><a x=">"><!-- <b> --><![CDATA[<c>]]><?pi <d>?><e/><f></f>text</a>';
    expect(elementPast(xml, 3)).toBe(-1);
    expect(elementPast(xml, 2)).toBe(xml.indexOf('<f>'));
    expect(elementPast('<a><!-- <b> <c> <d>', 1)).toBe(-1); // a comment never closed: counted no further, the parser says where
  });

  test('a file of more elements than that is refused at the one past them, with its id, before it is parsed', async () => {
    const extra = Array.from({ length: MAX_ELEMENTS }, (_, i) => `<x:e id="E${i}"/>`).join('');
    const xml = wrap(`    <bpmn:extensionElements>${extra}</bpmn:extensionElements>`);
    // definitions, process and extensionElements open three: extra element MAX_ELEMENTS - 3 (from 0) is the one past the bound
    const past = `<x:e id="E${MAX_ELEMENTS - 3}"/>`;
    const problems = await problemsOf(xml);
    expect(problems).toEqual([
      {
        line: 4,
        col: xml.split('\n')[3].indexOf(past) + 1,
        id: `E${MAX_ELEMENTS - 3}`,
        message:
          'the file has more than 100,000 elements, the most etomsim reads in a BPMN file (each takes memory as it is read): is it a process model?',
      },
    ]);
    expect(pointedAt(xml, problems[0]).startsWith(past)).toBe(true);
  });

  test("attributes are counted by their '=' outside a quoted value, up to each tag's end; past the most, the attribute's name is the place", () => {
    const xml = `<a x="=" y='"=>'><b z = "1"/><!-- w="2" --><c>v=1</c></a>`;
    expect(boundPast(xml, 10, 3)).toBeNull();
    expect(boundPast(xml, 10, 2)).toEqual({ index: xml.indexOf('z = '), attribute: true, element: xml.indexOf('<b') });
    expect(boundPast(xml, 2, 10)).toEqual({ index: xml.indexOf('<c>'), attribute: false, element: xml.indexOf('<c>') });
    // a value never closed, or with a '<' in it, ends its tag there: the next tag's attributes are still counted
    expect(boundPast('<a x="1><b y="2" z="3"/>', 10, 2)).toEqual({ index: 17, attribute: true, element: 8 });
  });

  test('a file of more attributes than MAX_ATTRIBUTES is refused at the one past them, before it is parsed (s60: a million in one tag, 1.6 GB)', async () => {
    const many = Array.from({ length: MAX_ATTRIBUTES }, (_, i) => `a${i}="1"`).join(' ');
    const xml = wrap(`    <bpmn:task ${many} id="T"/>`);
    // xmlns:bpmn, id and targetNamespace of definitions and id of the process hold four: a{MAX_ATTRIBUTES - 4} is past them
    const past = `a${MAX_ATTRIBUTES - 4}="1"`;
    const problems = await problemsOf(xml);
    expect(problems).toEqual([
      {
        line: 4,
        col: xml.split('\n')[3].indexOf(` ${past}`) + 2,
        id: null, // the element's id is written after its attributes, too far on to be looked for
        message: `the file has more than ${MAX_ATTRIBUTES.toLocaleString('en-US')} attributes, the most etomsim reads in a BPMN file (each takes memory as it is read): is it a process model?`,
      },
    ]);
    expect(pointedAt(xml, problems[0]).startsWith(past)).toBe(true);
  });

  test('past PROBLEMS_TOLD problems, the first of the rest stands for them, as in every refusal (s61: 199,000 unknown attributes printed 199,000 lines)', async () => {
    const many = Array.from({ length: PROBLEMS_TOLD + 50 }, (_, i) => `a${i}="1"`).join(' ');
    const problems = await problemsOf(wrap(`    <bpmn:task id="T" ${many}/>`));
    const attribute = (i: number) => ({ line: 4, col: 16, id: 'T', message: `unknown attribute <a${i}> on Task 'T'` });
    expect(problems).toEqual([
      ...Array.from({ length: PROBLEMS_TOLD }, (_, i) => attribute(i)),
      { ...attribute(PROBLEMS_TOLD), message: untoldMessage(50, attribute(PROBLEMS_TOLD).message) },
    ]);
  });

  // bpmn-moddle places each thing it cannot read by counting lines from the start of the file: time ~ places x lines
  const STOPS = 'etomsim stops reading the file here';
  test('the parser stops at the place past the most it may place: unknown elements, duplicate ids, stray text alike', async () => {
    const budget = { warnings: 50, lines: 1e9 };
    const hostile = {
      'unknown elements in a documentation': wrap(`    <bpmn:documentation>\n${'<x id="X"/>\n'.repeat(3000)}</bpmn:documentation>`),
      'duplicate ids': wrap('    <bpmn:task id="T"/>\n'.repeat(3000)),
      'text between comments': wrap('    x<!---->\n'.repeat(3000)),
    };
    for (const [what, xml] of Object.entries(hostile)) {
      const problems = await problemsOf(xml, budget);
      expect(problems, what).toHaveLength(51);
      expect(
        problems.slice(0, 50).some((p) => p.message.includes(STOPS)),
        what,
      ).toBe(false);
      const last = problems[50];
      // the 51st place: the first is on line 4 (duplicate ids: the second task), one a line
      expect({ line: last.line, stops: last.message.includes(STOPS) }, what).toEqual({
        line: what === 'duplicate ids' ? 55 : what === 'text between comments' ? 54 : 55,
        stops: true,
      });
    }
  });

  test('a budget of more places than PROBLEMS_TOLD: the first told, one line for the rest, then the place it stopped at', async () => {
    const problems = await problemsOf(wrap('    <bpmn:task id="T"/>\n'.repeat(3000)), { warnings: PROBLEMS_TOLD + 100, lines: 1e9 });
    expect(problems).toHaveLength(PROBLEMS_TOLD + 2);
    expect(problems.filter((p) => p.message.includes(STOPS))).toEqual([problems.at(-1)]);
    expect(problems[PROBLEMS_TOLD].message).toMatch(
      new RegExp(`^100 more problems, not told one by one \\(the first ${PROBLEMS_TOLD} are\\); `),
    );
    expect(problems[PROBLEMS_TOLD].line).toBe(PROBLEMS_TOLD + 5); // the first of them, one duplicate a line from line 5
  });

  test('and where the places lie on more lines in all than it may count, but never for one place alone', async () => {
    const far = wrap(`${'\n'.repeat(400)}    <bpmn:frob id="F1"/>\n    <bpmn:frob id="F2"/>\n    <bpmn:frob id="F3"/>`);
    const budget = { warnings: 1000, lines: 805 };
    // F1 on line 404 and F2 on 405 count 809 lines (0-based, plus one each): stopped at F2
    expect(await problemsOf(far, budget)).toEqual([
      { line: 404, col: 5, id: 'F1', message: 'unparsable content <bpmn:frob> detected: unknown type <bpmn:Frob>' },
      expect.objectContaining({ line: 405, col: 5, id: 'F2', message: expect.stringContaining(STOPS) }),
    ]);
    const one = wrap(`${'\n'.repeat(400)}    <bpmn:frob id="F1"/>`);
    expect(await problemsOf(one, { warnings: 1000, lines: 10 })).toEqual(await problemsOf(one));
  });

  test('below the budget nothing changes', async () => {
    const xml = wrap('    <bpmn:startEvent id="S"/>\n    <bpmn:frobnicate id="X1"/>\n    <bpmn:frobnicate id="X2"/>');
    const within = await problemsOf(xml, { warnings: 2, lines: 12 });
    expect(within).toEqual(await problemsOf(xml, WARNING_BUDGET));
    expect(within.map((p) => p.id)).toEqual(['X1', 'X2', 'S']);
    expect((await problemsOf(xml, { warnings: 1, lines: 12 })).map((p) => p.id)).toEqual(['X1', 'X2']);
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

  test('import-bpmn of broken XML, where no element has an id to name: exit 2, FILE:LINE:COL (at file), nothing written', () => {
    // found by test/fuzz/bpmn.test.ts (session 54): a mangled closing tag was told without the (at ...) of every error line
    const dir = tempDir('etomsim-bpmn-');
    const file = join(dir, 'broken.bpmn');
    writeFileSync(file, wrap('    <bpmn:startEvent id="S1"/>').replace('</bpmn:process>', "</bpmn':process>"));
    const out = join(dir, 'scenario.yaml');
    const r = etomsim('import-bpmn', file, '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^${literally(file)}:\\d+:\\d+: unparsable content </bpmn':process> detected: closing tag mismatch \\(at file\\)\n$`),
    );
    expect(existsSync(out)).toBe(false);
  });

  test('import-bpmn of an empty file (nothing, white space, a byte-order mark): exit 2, FILE:1:1 says it is empty, nothing written', () => {
    // bpmn-moddle said 'unparsable content detected: missing start tag'
    const dir = tempDir('etomsim-bpmn-');
    const out = join(dir, 'scenario.yaml');
    for (const [name, content] of [
      ['nothing.bpmn', ''],
      ['blank.bpmn', ' \n\t\r\n'],
      ['marked.bpmn', '\uFEFF\n'],
    ]) {
      const file = join(dir, name);
      writeFileSync(file, content);
      const r = etomsim('import-bpmn', file, '--out', out);
      expect({ status: r.status, stderr: r.stderr }).toEqual({
        status: 2,
        stderr: `${file}:1:1: the file is empty: a BPMN model is an XML document (at file)\n`,
      });
    }
    expect(existsSync(out)).toBe(false);
  });

  test('import-bpmn of a file past the most elements read: exit 2 at the one past the bound, nothing written', () => {
    const dir = tempDir('etomsim-bpmn-');
    const file = join(dir, 'many.bpmn');
    // a million took bpmn-moddle 15 CPU s and 1.4 GB
    writeFileSync(file, wrap(`    <bpmn:extensionElements>${'<a></a>'.repeat(MAX_ELEMENTS)}</bpmn:extensionElements>`));
    const out = join(dir, 'scenario.yaml');
    const r = etomsim('import-bpmn', file, '--out', out);
    expect({ status: r.status, stderr: r.stderr }).toEqual({
      status: 2,
      stderr: `${file}:4:${29 + 7 * (MAX_ELEMENTS - 3)}: the file has more than 100,000 elements, the most etomsim reads in a BPMN file (each takes memory as it is read): is it a process model? (at file)\n`,
    });
    expect(existsSync(out)).toBe(false);
  });

  test('import-bpmn of a file of more unreadable places than the parser may place: exit 2 at the one past them, nothing written', () => {
    const dir = tempDir('etomsim-bpmn-');
    const file = join(dir, 'unreadable.bpmn');
    // 32,000 of them took 5.7 CPU s, 100,000 about a minute
    writeFileSync(file, wrap(`    <bpmn:documentation>\n${'<x/>\n'.repeat(2 * WARNING_BUDGET.warnings)}</bpmn:documentation>`));
    const out = join(dir, 'scenario.yaml');
    const r = etomsim('import-bpmn', file, '--out', out);
    const lines = r.stderr.trimEnd().split('\n');
    // the first PROBLEMS_TOLD, one line for the rest before it, and the place it stopped at
    expect({ status: r.status, told: lines.length }).toEqual({ status: 2, told: PROBLEMS_TOLD + 2 });
    expect(lines[PROBLEMS_TOLD]).toBe(
      `${file}:${5 + PROBLEMS_TOLD}:1: ${untoldMessage(WARNING_BUDGET.warnings - PROBLEMS_TOLD, 'unparsable content <x/> detected: unrecognized element <x>')} (at file)`,
    );
    expect(lines[PROBLEMS_TOLD + 1]).toBe(
      `${file}:${5 + WARNING_BUDGET.warnings}:1: unparsable content <x/> detected: unrecognized element <x>; etomsim stops reading the file here: it has more than 1,000 places the parser cannot read, or they lie on more than 2,000,000 lines in all (the parser counts the lines from the start of the file to place each one, which for many takes minutes) (at file)`,
    );
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
        new RegExp(`^${literally(file)}:${place('Activity_Register')}: .*min.*max.* \\(at element Activity_Register\\)$`),
      ),
      `${file}:${place('Gateway_Resolved')}: the probabilities p of decision 'Resolved_remotely' add up to 0.99; they must add up to 1 (at element Gateway_Resolved)`,
      // the conclusion, no problem: not in the problems' form, which a problem matcher counts (session 55: `FILE:1:1: ... (at file)`)
      `etomsim: ${file}: the BPMN model does not give a valid scenario (2 problems above); nothing written`,
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

  /** A scenario whose one flow is a chain of `steps` automated steps. */
  const longScenario = (dir: string, steps: number) => {
    const file = join(dir, 'long.yaml');
    const nodes = Array.from({ length: steps }, (_, i) => `      s${i}: { duration: 1m${i + 1 < steps ? `, next: s${i + 1}` : ''} }`);
    const head = [
      'name: long',
      'run: { horizon: 10h, replications: 1 }',
      'resources: {}',
      'arrivals: [ { flow: calls, rate: 1/h } ]',
      'flows:',
    ];
    writeFileSync(file, [...head, '  calls:', '    start: s0', '    nodes:', ...nodes].join('\n'));
    return file;
  };

  // elkjs recurses along a flow's paths: a chain of 4,600 steps overflowed the stack (engine/layout/flow-layout.ts, MAX_STEPS)
  test('a flow of more steps than a layout draws: validate warns at the flow, export-bpmn refuses it (exit 2, nothing written), at once', () => {
    const dir = tempDir('etomsim-bpmn-');
    const file = longScenario(dir, 2_001);
    const LONG = "flow 'calls': the flow has 2,001 steps; a flow diagram draws at most 2,000";
    const checked = etomsim('validate', file);
    expect(checked.status).toBe(0);
    expect(checked.stderr).toBe(
      `${file}:6:3: warning: ${LONG}, so export-bpmn refuses this flow and the report shows its process map as not drawn; the simulation runs as it is (at flows.calls)\n`,
    );
    const out = join(dir, 'flow.bpmn');
    const r = etomsim('export-bpmn', file, '--out', out, '-q');
    expect(r.stderr).toBe(`${file}:6:3: ${LONG}; nothing written (at flows.calls)\n`);
    expect(r.status).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(etomsim('validate', longScenario(dir, 2_000)).stderr).toBe(''); // 2,000 are drawn
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
    // a warning names the variant it is of (here the import's baseline) and may advise a variant's patch: the same codes on the same subjects
    const said = (r: { warnings: { code: string; subject: string | null }[] }) => r.warnings.map((w) => [w.code, w.subject]);
    expect(said(back)).toEqual(said(original));
    expect({ ...back, scenario: '', engine: null, variants: null, comparisons: null, warmup_check: null, warnings: null }).toEqual({
      ...original,
      scenario: '',
      engine: null,
      variants: null,
      comparisons: null,
      warmup_check: null,
      warnings: null,
    });
  });
});

describe("etomsim's own attributes edited by hand (s33x F9)", () => {
  // export-bpmn writes JSON inside etomsim:* attributes; a modeller may type anything there. The
  // file is exported once for the thirteen tests that edit it (a string: each edit is a new text)
  const exportOnce = madeOnce<Promise<string>>();
  const exported = () =>
    exportOnce('fault-to-repair', () =>
      exportBpmn(loadScenarioFile(join(import.meta.dirname, '../../scenarios/fault-to-repair.yaml')).set!.baseline, 'baseline', 'test'),
    );
  const xmlAttr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  /** `xml` with the first attribute `name` set to `value`. */
  const edit = (xml: string, name: string, value: string) => {
    const m = new RegExp(`\\s${literally(name)}="[^"]*"`).exec(xml);
    if (m === null) throw new Error(`no ${name} in the exported file`);
    return { xml: xml.slice(0, m.index) + ` ${name}="${xmlAttr(value)}"` + xml.slice(m.index + m[0].length) };
  };
  const like = {
    duration: `a distribution in hours, like {"kind":"exponential","mean":2}`,
    pool: `a list of team names, like ["tier1","tier2"]`,
    shifts: `a list of shifts, each its weekly periods and capacity, like [{"periods":[{"start":8,"end":16}],"capacity":2}]`,
    periods: `a list of weekly periods in hours from Monday 00:00, like [{"start":8,"end":18},{"start":32,"end":42}]`,
    profile: `a profile of 7 day factors (Monday first) and 24 hour factors, like {"days":[1,1,1,1,1,0.5,0],"hours":[0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0]}`,
  };
  // [attribute, value typed, what the message says it must be, the problem's element id, what its place points at]
  const cases: [string, string, string, string | null, RegExp][] = [
    [
      'etomsim:duration',
      '2h',
      `etomsim:duration must be etomsim's JSON for ${like.duration}; found '2h'`,
      'Node.fault_to_repair.create_report',
      /^id="Node\.fault_to_repair\.create_report"/,
    ],
    [
      'etomsim:pool',
      '"tier1"',
      `etomsim:pool must be etomsim's JSON for ${like.pool}; found '"tier1"'`,
      'Node.fault_to_repair.correct_service',
      /^id="Node\.fault_to_repair\.correct_service"/,
    ],
    [
      'etomsim:shifts',
      'day shift',
      `etomsim:shifts must be etomsim's JSON for ${like.shifts}; found 'day shift'`,
      'Resource.service_ops',
      /^id="Resource\.service_ops"/,
    ],
    [
      'periods',
      '{}',
      `periods of etomsim:calendar 'contact_centre' must be etomsim's JSON for ${like.periods}; found '{}'`,
      null,
      /^<etomsim:calendar name="contact_centre"/,
    ],
    [
      'interarrival',
      '2h',
      `interarrival of etomsim:arrival must be etomsim's JSON for ${like.duration}; found '2h'`,
      'Start.fault_to_repair',
      /^<etomsim:arrival interarrival="2h"/,
    ],
    [
      'profile',
      'null',
      `profile of etomsim:arrival must be etomsim's JSON for ${like.profile}; found 'null'`,
      'Start.fault_to_repair',
      /^<etomsim:arrival /,
    ],
  ];
  test.each(cases)(
    '%s="%s": one problem at its element, what it must be and what was found',
    async (name, value, message, id, pointsAt) => {
      const { xml } = edit(await exported(), name, value);
      const problems = await problemsOf(xml);
      expect(problems.map((p) => ({ id: p.id, message: p.message }))).toEqual([{ id, message }]);
      expect(pointedAt(xml, problems[0])).toMatch(pointsAt);
    },
  );

  test('a key written twice in one map of the JSON: refused at its element, with both its places in the value', async () => {
    // JSON.parse keeps the last, another reader may keep the first: until session 62 this imported a mean of 0.1
    const xml = await exported();
    const twice = (key: string, first: string, again: string) =>
      `key '${key}' appears twice in the same map (at ${first} and ${again} of its value); keep only one: JSON readers differ on which one counts`;
    const duration = edit(xml, 'etomsim:duration', '{"kind":"exponential","mean":5,"mean":0.1}').xml;
    const problems = await problemsOf(duration);
    expect(problems.map((p) => ({ id: p.id, message: p.message }))).toEqual([
      { id: 'Node.fault_to_repair.create_report', message: `etomsim:duration: ${twice('mean', '1:23', '1:32')}` },
    ]);
    expect(pointedAt(duration, problems[0])).toMatch(/^id="Node\.fault_to_repair\.create_report"/);
    // inside a list: a calendar's second period
    const periods = edit(xml, 'periods', '[{"start":8,"end":18},{"start":32,"end":42,"end":46}]').xml;
    const inList = await problemsOf(periods);
    expect(inList.map((p) => ({ id: p.id, message: p.message }))).toEqual([
      { id: null, message: `periods of etomsim:calendar 'contact_centre': ${twice('end', '1:35', '1:44')}` },
    ]);
    expect(pointedAt(periods, inList[0])).toMatch(/^<etomsim:calendar name="contact_centre"/);
  });

  test('JSON of the wrong shape is told as text that is no JSON is', async () => {
    const xml = await exported();
    const duration = (value: string) => `etomsim:duration must be etomsim's JSON for ${like.duration}; found '${value}'`;
    for (const value of ['{"kind":"exponential","mean":"2"}', '{"kind":"constructor"}', '{"kind":"empirical","values":[]}', '[]', '"2h"'])
      expect((await problemsOf(edit(xml, 'etomsim:duration', value).xml)).map((p) => p.message)).toEqual([duration(value)]);
    const pool = (value: string) => `etomsim:pool must be etomsim's JSON for ${like.pool}; found '${value}'`;
    for (const value of ['5', '[]', '[1,2]', '{"any":["service_desk"]}'])
      expect((await problemsOf(edit(xml, 'etomsim:pool', value).xml)).map((p) => p.message)).toEqual([pool(value)]);
    const shifts = (value: string) => `etomsim:shifts must be etomsim's JSON for ${like.shifts}; found '${value}'`;
    for (const value of ['5', '[{}]', '[{"periods":[{"start":8}],"capacity":2}]', '[{"periods":[],"capacity":"2"}]'])
      expect((await problemsOf(edit(xml, 'etomsim:shifts', value).xml)).map((p) => p.message)).toEqual([shifts(value)]);
    const profile = (value: string) => `profile of etomsim:arrival must be etomsim's JSON for ${like.profile}; found '${value}'`;
    for (const value of ['[1,2]', '{"days":[1,1,1,1,1,1],"hours":[]}'])
      expect((await problemsOf(edit(xml, 'profile', value).xml)).map((p) => p.message)).toEqual([profile(value)]);
  });

  // a rate given as its exponential interarrival: a mean of -5 was told as "rate ... found '-0.2/h'", a value never written
  test('an arrival rate="true" whose mean is not above 0: told as the interarrival written', async () => {
    const xml = await exported();
    const rate = edit(xml, 'rate', 'true').xml;
    for (const mean of ['-5', '0']) {
      const problems = await problemsOf(edit(rate, 'interarrival', `{"kind":"exponential","mean":${mean}}`).xml);
      expect(problems.map((p) => ({ id: p.id, message: p.message }))).toEqual([
        {
          id: 'Start.fault_to_repair',
          message: `interarrival of etomsim:arrival with rate="true": its exponential mean (hours) must be above 0 to give a rate; found ${mean}`,
        },
      ]);
      expect(pointedAt(xml, problems[0])).toMatch(/^<etomsim:arrival /);
    }
    // above 0 it is the rate, read back as written
    const imported = await importBpmn(edit(rate, 'interarrival', '{"kind":"exponential","mean":0.25}').xml);
    expect((imported.doc.arrivals as { rate?: string }[])[0].rate).toBe('4/h');
  });

  // the scenario's own advice ("write rate: N/h instead of interarrival") named YAML a BPMN file does not hold (s39e)
  test("a profile on an arrival that gives no rate: told in the file's words, at the etomsim:arrival", async () => {
    const xml = await exported(); // its first arrival: rate="true", an exponential interarrival and a profile
    const told = (found: string) =>
      `profile of etomsim:arrival scales a rate over the week, so it needs rate="true" and an exponential interarrival (its mean in hours); found ${found}: write those, or remove profile`;
    const constant = '{"kind":"constant","value":1}';
    for (const [edited, found] of [
      [edit(xml, 'rate', 'false').xml, 'rate="false"'],
      [edit(xml, 'rate', 'yes').xml, 'rate="yes"'],
      [edit(xml, 'interarrival', constant).xml, 'a constant interarrival'],
      [edit(edit(xml, 'interarrival', constant).xml, 'rate', 'false').xml, 'rate="false" and a constant interarrival'],
    ]) {
      const problems = await problemsOf(edited);
      expect(problems.map((p) => ({ id: p.id, message: p.message }))[0], found).toEqual({
        id: 'Start.fault_to_repair',
        message: told(found),
      });
      expect(problems.every((p) => !p.message.includes('rate: N/h'))).toBe(true);
      expect(pointedAt(edited, problems[0])).toMatch(/^<etomsim:arrival /);
    }
  });

  test('every such problem of a file at once; a long value quoted in part', async () => {
    let { xml } = edit(await exported(), 'etomsim:duration', 'x'.repeat(100));
    xml = edit(xml, 'etomsim:shifts', '5').xml;
    xml = edit(xml, 'interarrival', '2h').xml;
    const messages = (await problemsOf(xml)).map((p) => p.message);
    expect(messages).toHaveLength(3);
    expect(messages).toContain(`etomsim:duration must be etomsim's JSON for ${like.duration}; found '${'x'.repeat(57)}...'`);
  });

  // JSON of the right shape whose periods are no day's hours (s34y F1): written as "HH:MM-HH:MM",
  // {"start":18,"end":8} became a 14-hour night shift, {"start":8,"end":40} 08:00-16:00, 1e300 an
  // end at midnight, 8.123456789 08:07, each exit 0
  test('a period that is none (end before start, longer than a day, outside the week, a fraction of a minute): one problem at its element, with the value found', async () => {
    const xml = await exported();
    const rule =
      'a period runs from its start, in hours from Monday 00:00 (0 or more, under 168), to a later end at most 24 hours on (a night shift ends the next day: {"start":22,"end":30}), each a whole minute';
    const wrong: [string, string][] = [
      ['{"start":18,"end":8}', 'does not end after its start'],
      ['{"start":8,"end":8}', 'does not end after its start'],
      ['{"start":8,"end":40}', 'lasts more than 24 hours'],
      ['{"start":8,"end":1e+300}', 'lasts more than 24 hours'],
      ['{"start":-1,"end":8}', 'starts outside the week'],
      ['{"start":170,"end":180}', 'starts outside the week'],
      ['{"start":8.123456789,"end":18}', 'is not in whole minutes'],
    ];
    for (const [period, why] of wrong) {
      const calendar = await problemsOf(edit(xml, 'periods', `[{"start":8,"end":18},${period}]`).xml);
      expect(calendar.map((p) => [p.id, p.message])).toEqual([
        [null, `periods of etomsim:calendar 'contact_centre': the period ${period} ${why}: ${rule}`],
      ]);
      const shifts = await problemsOf(
        edit(xml, 'etomsim:shifts', `[{"periods":[{"start":6,"end":14}],"capacity":2},{"periods":[${period}],"capacity":1}]`).xml,
      );
      expect(shifts.map((p) => [p.id, p.message])).toEqual([
        ['Resource.service_ops', `etomsim:shifts: shift 2's period ${period} ${why}: ${rule}`],
      ]);
    }
    // what a scenario writes is still read: a night shift past Sunday midnight, a whole day, half hours;
    // imported and validated (a whole day was written "00:00-00:00", refused)
    for (const [periods, hours] of [
      ['[{"start":166,"end":174}]', '22:00-06:00'],
      ['[{"start":0,"end":24}]', '00:00-24:00'], // was 00:00-00:00, which the scenario refuses
      ['[{"start":8.5,"end":17.25}]', '08:30-17:15'],
    ]) {
      const imported = await importBpmn(edit(xml, 'periods', periods).xml);
      expect((imported.doc.calendars as Record<string, { hours: string }>).contact_centre.hours).toBe(hours);
      expect(
        loadScenarioText(scenarioYaml(imported, 'edited.bpmn'), 'back.yaml').diagnostics.filter((d) => d.severity === 'error'),
      ).toEqual([]);
    }
  });

  // Number() of the text was what the messages quoted: "found NaN" for after="abc", "found Infinity" for cases="1e999" (s34y F14)
  test('a value that is no number is quoted as the file says it, not as Number() reads it', async () => {
    let xml = edit(await exported(), 'priority', '__proto__').xml;
    xml = edit(xml, 'etomsim:sla', '2x').xml;
    xml = xml.replace('<etomsim:arrival ', '<etomsim:arrival after="abc" cases="1e999" ');
    const imported = await importBpmn(xml);
    const messages = loadScenarioText(scenarioYaml(imported, 'edited.bpmn'), 'back.yaml')
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => d.message);
    for (const found of ["found '__proto__'", "found 'abc'", "found '1e999'", "found '2x'"]) expect(messages.join('\n')).toContain(found);
    expect(messages.join('\n')).not.toMatch(/found (NaN|Infinity)/);
    // a JSON number past the largest double is no number: the attribute's text is quoted
    const duration = `etomsim:duration must be etomsim's JSON for ${like.duration}; found '{"kind":"exponential","mean":1e999}'`;
    expect(
      (await problemsOf(edit(await exported(), 'etomsim:duration', '{"kind":"exponential","mean":1e999}').xml)).map((p) => p.message),
    ).toEqual([duration]);
  });

  test('import-bpmn of a hand-typed duration: exit 2, FILE:LINE:COL at the task, nothing written', async () => {
    const dir = tempDir('etomsim-bpmn-');
    const file = join(dir, 'edited.bpmn');
    const { xml } = edit(await exported(), 'etomsim:duration', '2h');
    writeFileSync(file, xml);
    const out = join(dir, 'scenario.yaml');
    const r = etomsimWithin(60_000, 'import-bpmn', file, '--out', out);
    expect(r.status).toBe(2);
    const lines = xml.split('\n');
    const line = lines.findIndex((l) => l.includes('id="Node.fault_to_repair.create_report"')) + 1;
    const col = lines[line - 1].indexOf('id="Node.fault_to_repair.create_report"') + 1;
    expect(r.stderr).toBe(
      `${file}:${line}:${col}: etomsim:duration must be etomsim's JSON for ${like.duration}; found '2h' (at element Node.fault_to_repair.create_report)\n`,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('references to an id the file does not hold', () => {
  test('told at the element that names it, once per id, with every element that names it', async () => {
    // the second task was meant to be U: its id typed as T's, it is dropped, and F2 and F3 name an id no element has
    const xml = wrap(`    <bpmn:startEvent id="S"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:task id="T"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:task>
    <bpmn:task id="T"><bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>F3</bpmn:outgoing></bpmn:task>
    <bpmn:endEvent id="E"><bpmn:incoming>F3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T"/>
    <bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="U"/>
    <bpmn:sequenceFlow id="F3" sourceRef="U" targetRef="E"/>`);
    const problems = await problemsOf(xml);
    expect(problems.map((p) => p.message)).toContain('unparsable content <bpmn:task> detected: duplicate ID <T>');
    const unresolved = problems.filter((p) => p.message.startsWith('unresolved reference'));
    expect(unresolved).toEqual([
      {
        line: 9,
        col: 24,
        id: 'F2',
        message: 'unresolved reference <U>: no element of the file has this id (named by targetRef of F2, sourceRef of F3)',
      },
    ]);
    expect(pointedAt(xml, unresolved[0])).toMatch(/^id="F2"/);
  });
});

describe('many problems', () => {
  test('2,000 unsupported elements: each told at its own line and column, with its id, the first PROBLEMS_TOLD one by one', async () => {
    const elements = Array.from({ length: 2_000 }, (_, i) => `    <bpmn:callActivity id="X${i}"/>`);
    const problems = await problemsOf(wrap(`    <bpmn:startEvent id="S"/>\n${elements.join('\n')}`));
    expect(problems).toHaveLength(PROBLEMS_TOLD + 1);
    problems.forEach((p, i) => expect(p).toMatchObject({ line: 5 + i, col: 24, id: `X${i}` })); // at `id=`
    // the rest, the start event's (no flow out) last, counted at the first of them
    expect(problems.at(-1)!.message).toMatch(/^1,801 more problems, not told one by one \(the first 200 are\); the first of them: /);
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

  test("a BPSim calendar's weekly event is on its DTSTART's weekday, in any year; one on no such day is not read", async () => {
    // 0026-01-05 is a Monday (proleptic Gregorian, as RFC 5545 counts); Date.UTC read the year as 1926, a Tuesday
    const withCalendar = (start: string, end: string) =>
      bpsimFile(BPSIM_2, EXPONENTIAL_TIMER, TRIANGULAR_TIME).replace(
        '</bpsim:Scenario>',
        `<bpsim:Calendar id="C" name="office">BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nDTSTART:${start}\nDTEND:${end}\nRRULE:FREQ=WEEKLY\nEND:VEVENT\nEND:VCALENDAR</bpsim:Calendar></bpsim:Scenario>`,
      );
    for (const year of ['0026', '2026'])
      expect((await importBpmn(withCalendar(`${year}0105T080000`, `${year}0105T180000`))).doc.calendars).toEqual({
        office: { days: ['mon'], hours: '08:00-18:00' },
      });
    // 30 February: Date.UTC rolled it to 2 March (a Monday) and read a calendar no one wrote
    const rolled = await importBpmn(withCalendar('20260230T080000', '20260230T180000'));
    expect(rolled.doc.calendars).toBeUndefined();
    expect(rolled.warnings).toContainEqual(expect.stringMatching(/^BPSim calendar 'office' is not read/));
  });

  test('export-bpmn writes the exponential as BPSim names it', async () => {
    const set = loadScenarioFile(join(import.meta.dirname, '../../scenarios/fiber-order-to-activation.yaml')).set!;
    const xml = await exportBpmn(set.baseline, 'baseline', 'test');
    const written = [...xml.matchAll(/<bpsim:(\w*Exponential\w*)/g)].map((m) => m[1]);
    expect(new Set(written)).toEqual(new Set(['NegativeExponentialDistribution']));
  });
});

describe('BPSim that etomsim cannot represent is said, not dropped', () => {
  test("a parameter etomsim does not read (set-up time) is a warning naming it and its element; a trigger count is the stream's cases", async () => {
    const imported = await importBpmn(
      bpsimFile(
        BPSIM_2,
        `${EXPONENTIAL_TIMER}<bpsim:TriggerCount><bpsim:NumericParameter value="500"/></bpsim:TriggerCount>`,
        `<bpsim:SetupTime><bpsim:FloatingParameter value="3"/></bpsim:SetupTime>${TRIANGULAR_TIME}`,
      ),
    );
    expect(imported.warnings).toEqual([
      "BPSim TimeParameters/SetupTime of 'T' is not read: etomsim has no equivalent, the scenario leaves it out",
    ]);
    expect((imported.doc.arrivals as { cases?: number }[])[0].cases).toBe(500);
    // a count of 0 is BPSim's (a start event that never fires), but a stream's cases are 1 or more: refused at the
    // count, where a warning left the stream without a limit, a full load where the model meant none
    const never = bpsimFile(
      BPSIM_2,
      `${EXPONENTIAL_TIMER}<bpsim:TriggerCount><bpsim:NumericParameter value="0"/></bpsim:TriggerCount>`,
      TRIANGULAR_TIME,
    );
    const problems = await problemsOf(never);
    expect(problems.map((p) => [p.id, p.message])).toEqual([
      [
        'S',
        "BPSim ControlParameters/TriggerCount of 'S' is 0, a start event that never fires, which etomsim has no equivalent for (a stream brings 1 case or more): remove the start event's timer, or give 1 or more",
      ],
    ]);
    expect(pointedAt(never, problems[0])).toMatch(/^<bpsim:NumericParameter value="0"\/>/);
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

describe('BPSim numbers that are no numbers', () => {
  test("a probability, team size, unit cost, replications or seed that is no number is a problem at its parameter, every one at once (they were read as none, '' as 0)", async () => {
    const xml = FIXTURE.replace('<bpsim:FloatingParameter value="0.6" />', '<bpsim:FloatingParameter value="abc" />')
      .replace('<bpsim:FloatingParameter value="0.4" />', '<bpsim:FloatingParameter value="" />')
      .replace('<bpsim:NumericParameter value="3" />', '<bpsim:NumericParameter value="NaN" />')
      .replace('<bpsim:FloatingParameter value="0.75" />', '<bpsim:FloatingParameter value="INF" />')
      .replace('replication="5" seed="42"', 'replication="five" seed=""');
    const problems = await problemsOf(xml);
    expect(problems.map((p) => ({ id: p.id, message: p.message }))).toEqual([
      {
        id: 'Flow_Yes',
        message: "BPSim ControlParameters/Probability of 'Flow_Yes' 'abc' is not a number (a probability, between 0 and 1)",
      },
      { id: 'Flow_No', message: "BPSim ControlParameters/Probability of 'Flow_No' '' is not a number (a probability, between 0 and 1)" },
      {
        id: 'Lane_ServiceDesk',
        message: "BPSim ResourceParameters/Quantity of 'Lane_ServiceDesk' 'NaN' is not a number (a team size, in units)",
      },
      {
        id: 'Lane_ServiceDesk',
        message: "BPSim CostParameters/UnitCost of 'Lane_ServiceDesk' 'INF' is not a number (a cost per base time unit, 0 or more)",
      },
      {
        id: 'Scenario_1',
        message: "BPSim ScenarioParameters replication of 'Scenario_1' 'five' is not a number (a count of replications)",
      },
      { id: 'Scenario_1', message: "BPSim ScenarioParameters seed of 'Scenario_1' '' is not a number (a whole number)" },
    ]);
    // each at its own parameter (the ScenarioParameters' attributes at that element), not at the element it is for
    expect(problems.map((p) => pointedAt(xml, p).replace(/\s*\/>.*/, ''))).toEqual([
      '<bpsim:FloatingParameter value="abc"',
      '<bpsim:FloatingParameter value=""',
      '<bpsim:NumericParameter value="NaN"',
      '<bpsim:FloatingParameter value="INF"',
      '<bpsim:ScenarioParameters replication="five" seed="" baseTimeUnit="min">',
      '<bpsim:ScenarioParameters replication="five" seed="" baseTimeUnit="min">',
    ]);
  });

  // BPSim gives a resource's Quantity and a start event's TriggerCount alike, as a
  // NumericParameter (its schema's value a whole number, xsd:long) counting units or tokens: a
  // value that is no whole number of 0 or more is refused at its element, for either (a
  // TriggerCount of 2.5 or -1 was a warning and the stream ran unlimited, while a Quantity of 2.5
  // was refused and one of -1 reached the scenario's validation as capacity -1)
  test('a team size that is a number but no whole one of 0 or more is a problem at its parameter (it was a placeholder: 1 assumed)', async () => {
    for (const value of ['2.5', '-1']) {
      const xml = FIXTURE.replace('<bpsim:NumericParameter value="3" />', `<bpsim:NumericParameter value="${value}" />`);
      const problems = await problemsOf(xml);
      expect(problems.map((p) => [p.id, p.message])).toEqual([
        [
          'Lane_ServiceDesk',
          `BPSim ResourceParameters/Quantity of 'Lane_ServiceDesk' '${value}' is not a whole number of 0 or more (a team size, in units)`,
        ],
      ]);
      expect(pointedAt(xml, problems[0])).toMatch(new RegExp(`^<bpsim:NumericParameter value="${literally(value)}"`));
    }
  });

  test('a trigger count that is no number, or no whole number of 0 or more, is a problem at its parameter, as a team size is', async () => {
    const trigger = (value: string) =>
      bpsimFile(
        BPSIM_2,
        `${EXPONENTIAL_TIMER}<bpsim:TriggerCount><bpsim:NumericParameter value="${value}"/></bpsim:TriggerCount>`,
        TRIANGULAR_TIME,
      );
    const count = await problemsOf(trigger('abc'));
    expect(count.map((p) => [p.id, p.message])).toEqual([
      ['S', "BPSim ControlParameters/TriggerCount of 'S' 'abc' is not a number (how many cases the start event brings)"],
    ]);
    // what JavaScript's Number() reads but xs:double's lexical space has not (0x10 was read as 16 cases)
    for (const value of ['0x10', '0b11', '0o7', 'Infinity', '1_000']) {
      const problems = await problemsOf(trigger(value));
      expect(problems.map((p) => [p.id, p.message])).toEqual([
        ['S', `BPSim ControlParameters/TriggerCount of 'S' '${value}' is not a number (how many cases the start event brings)`],
      ]);
    }
    for (const value of ['2.5', '-1']) {
      const problems = await problemsOf(trigger(value));
      expect(problems.map((p) => [p.id, p.message])).toEqual([
        [
          'S',
          `BPSim ControlParameters/TriggerCount of 'S' '${value}' is not a whole number of 0 or more (how many cases the start event brings)`,
        ],
      ]);
      expect(pointedAt(trigger(value), problems[0])).toMatch(new RegExp(`^<bpsim:NumericParameter value="${literally(value)}"/>`));
    }
  });
});

describe("BPSim problems at the parameter's own line and column", () => {
  // the fixture's team size, its NumericParameter moved to a line of its own (line 197, after its Quantity's)
  const ownLine = (value: string) =>
    FIXTURE.replace(
      '<bpsim:Quantity><bpsim:NumericParameter value="3" /></bpsim:Quantity>',
      `<bpsim:Quantity>\n                <bpsim:NumericParameter value="${value}" />\n              </bpsim:Quantity>`,
    );

  test('a bad NumericParameter on a line of its own: that line and column, the element it is for named', async () => {
    expect(ownLine('x').split('\n')[196]).toBe('                <bpsim:NumericParameter value="x" />');
    expect(await problemsOf(ownLine('x'))).toEqual([
      {
        line: 197,
        col: 17,
        id: 'Lane_ServiceDesk',
        message: "BPSim ResourceParameters/Quantity of 'Lane_ServiceDesk' 'x' is not a number (a team size, in units)",
      },
    ]);
    // a count that is no whole number likewise; and with Windows line ends, the same line and column
    expect(await problemsOf(ownLine('2.5'))).toEqual([expect.objectContaining({ line: 197, col: 17 })]);
    expect(await problemsOf(ownLine('x').replace(/\n/g, '\r\n'))).toEqual([expect.objectContaining({ line: 197, col: 17 })]);
  });

  test("a distribution etomsim cannot read and a base time unit it does not know: at the distribution's and the ScenarioParameters' places", async () => {
    const xml = FIXTURE.replace(
      '<bpsim:NormalDistribution mean="120" standardDeviation="30" />',
      '<bpsim:NormalDistribution mean="120" />',
    ).replace('baseTimeUnit="min"', 'baseTimeUnit="fortnight"');
    const problems = await problemsOf(xml);
    expect(problems.map((p) => [p.id, pointedAt(xml, p)])).toEqual([
      [null, '<bpsim:ScenarioParameters replication="5" seed="42" baseTimeUnit="fortnight">'],
      ['Activity_Dispatch', '<bpsim:NormalDistribution mean="120" /></bpsim:ProcessingTime>'],
    ]);
  });

  test("the text's BPSim elements and the tree's are paired only when their names agree in order: else none is placed", () => {
    const xml = '<a xmlns:b="urn:b"><!-- <b:Not/> --><b:One x="a>b"/><b:Two><![CDATA[<b:Not/>]]></b:Two>\n <b:Three/></a>';
    const tree = [{ $type: 'b:One' }, { $type: 'b:Two' }, { $type: 'b:Three' }];
    const indexes = elementIndexes(xml, 'b', tree);
    expect(tree.map((e) => xml.slice(indexes.get(e)).match(/^<b:\w+/)?.[0])).toEqual(['<b:One', '<b:Two', '<b:Three']);
    // one the tree left out, or one named otherwise: no element is placed (each problem stays at the element it is for)
    expect(elementIndexes(xml, 'b', tree.slice(1)).size).toBe(0);
    expect(elementIndexes(xml, 'b', [tree[0], { $type: 'b:Other' }, tree[2]]).size).toBe(0);
  });

  test('the command: FILE:LINE:COL of the parameter, with the element it is for, nothing written', () => {
    const dir = tempDir('etomsim-bpsim-');
    const file = join(dir, 'bad.bpmn');
    writeFileSync(file, ownLine('three'));
    const out = join(dir, 'scenario.yaml');
    const r = etomsimWithin(60_000, 'import-bpmn', file, '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `${file}:197:17: BPSim ResourceParameters/Quantity of 'Lane_ServiceDesk' 'three' is not a number (a team size, in units) (at element Lane_ServiceDesk)\n`,
    );
    expect(existsSync(out)).toBe(false);
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
  // BIMP, Apromore and Simod write qbp:processSimulationInfo in <definitions>: arrivals, each
  // task's duration and team, the teams (units, cost, timetable) and the decisions'
  // probabilities, every number in seconds. The fixture is our own, written as BIMP writes them.
  const QBP = readFileSync(join(import.meta.dirname, 'fixtures/qbp-loan.bpmn'), 'utf8');
  const qbpFile = (process: string, info: string) => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:qbp="http://www.qbp-simulator.com/Schema201212" id="D" targetNamespace="urn:t">
  <process id="P">
${process}
  </process>
  <qbp:processSimulationInfo id="qbp_1" processInstances="10">
${info}
  </qbp:processSimulationInfo>
</definitions>
`;
  const line = (process: string) => `    <startEvent id="S"><outgoing>F1</outgoing></startEvent>
    <task id="A" name="Sort"><incoming>F1</incoming><outgoing>F2</outgoing></task>
    <task id="B" name="File"><incoming>F2</incoming><outgoing>F3</outgoing></task>
    <endEvent id="E"><incoming>F3</incoming></endEvent>
    <sequenceFlow id="F1" sourceRef="S" targetRef="A"/>
    <sequenceFlow id="F2" sourceRef="A" targetRef="B"/>
    <sequenceFlow id="F3" sourceRef="B" targetRef="E"/>${process}`;
  const element = (id: string, dist: string, resource = 'R') =>
    `<qbp:element elementId="${id}"><qbp:durationDistribution ${dist}/><qbp:resourceIds><qbp:resourceId>${resource}</qbp:resourceId></qbp:resourceIds></qbp:element>`;
  const teamAllWeek = `<qbp:timetables><qbp:timetable id="T"><qbp:rules><qbp:rule fromWeekDay="MONDAY" toWeekDay="SUNDAY" fromTime="00:00:00.000+00:00" toTime="23:59:59.999+00:00"/></qbp:rules></qbp:timetable></qbp:timetables>
<qbp:resources><qbp:resource id="R" name="Clerk" totalAmount="2" timetableId="T"/></qbp:resources>`;

  test('are read: seconds to hours, each distribution by mean and sd, teams with units, cost and hours, probabilities as written', async () => {
    const imported = await importBpmn(QBP);
    expect(imported.doc).toEqual({
      name: 'Imported BPMN',
      time_unit: 'hours',
      currency: 'EUR',
      run: { horizon: 57.5 + 10 + 168, start: '2026-01-05T00:00:00Z' }, // from the startDateTime, 10 cases' arrival and a week
      calendars: { Office: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '09:00-17:00' } },
      resources: {
        Clerk: { capacity: 2, cost_per_hour: 25 }, // 24/7 (to 23:59:59.999): around the clock, no calendar
        Credit_Officer: { capacity: 3, cost_per_hour: 40, calendar: 'Office' },
        // days of different hours: a roster of the timetable's rules, each with the team's units
        Weekend_Desk: {
          shifts: [
            { days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '08:00-16:00', capacity: 1 },
            { days: ['sat'], hours: '09:00-13:00', capacity: 1 },
          ],
        },
      },
      arrivals: [{ flow: 'Loan', interarrival: 1, after: 57.5, cases: 10 }], // FIXED 3600 s, though its timeUnit says minutes; from the startDateTime, processInstances
      flows: {
        Loan: {
          start: 'Register',
          nodes: {
            Register: { resource: 'Clerk', duration: 0.5, next: 'Complete' },
            Complete: {
              branch: [
                { to: 'Check', p: 0.25 },
                { to: 'Approve', p: 0.75 },
              ],
            },
            Check: { resource: 'Credit_Officer', duration: { normal: { mean: 1, sd: 600 / 3600 } } }, // NORMAL: arg1 is the sd
            Approve: { resource: 'Credit_Officer', duration: { lognormal: { mean: 2, sd: 1 } } }, // LOGNORMAL: arg1 is the variance, 3600 s squared
          },
        },
      },
    });
    expect(imported.placeholders.size).toBe(0);
    expect(imported.warnings).toEqual([
      'run.horizon: QBP processInstances 10: the stream brings at most 10 cases (arrivals.0.cases), which BIMP simulates each until it ends; etomsim simulates a length of time, here 57.5 h (from time 0 to the startDateTime) + 10 x the mean interarrival 1 h (the time 10 cases take to arrive on average) + a week (168 h) for the last to arrive and end = 235.5 h (cases still open at the end are not in the cycle times: results.json counts them in open_at_horizon; lengthen the horizon if there are some)',
      "QBP startDateTime '2026-01-07T09:30:00.000+00:00' is 57.5 h after a Monday 00:00: the scenario's time 0 is that Monday (run.start 2026-01-05T00:00:00Z), where its calendars' weeks begin, and its arrivals begin that much after it (arrivals.0.after), as BIMP's begin at the startDateTime",
    ]);
    const loaded = loadScenarioText(scenarioYaml(imported, 'qbp-loan.bpmn'), 'qbp-loan.yaml');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test("the run's horizon and start, made from processInstances and startDateTime, are placed at the processSimulationInfo", async () => {
    // a horizon or start the validation refuses was told at FILE:1:1 (at run.horizon of the imported scenario)
    const imported = await importBpmn(QBP);
    const info = { id: 'qbp_info', line: QBP.split('\n').findIndex((l) => l.includes('<qbp:processSimulationInfo')) + 1 };
    expect(imported.elements.get('run.horizon')).toMatchObject(info);
    expect(imported.elements.get('run.start')).toMatchObject(info);
  });

  test('startDateTime: a day that does not exist or a time past 23:59 is a problem; a year before 100 is that year', async () => {
    // Date.UTC rolled 2026-02-30 into March and 25:61 into the next day, and read year 0050 as 1950 (run.start 1950-05-29)
    const at = (start: string) => QBP.replace('startDateTime="2026-01-07T09:30:00.000+00:00"', `startDateTime="${start}"`);
    for (const bad of ['2026-02-30T10:00:00Z', '2026-13-01T10:00:00Z', '2026-02-27T25:61:00Z'])
      expect((await problemsOf(at(bad))).map((p) => p.message)).toEqual([
        `QBP startDateTime '${bad}' is not a date and time (xs:dateTime)`,
      ]);
    const early = await importBpmn(at('0050-06-01T00:00:00Z'));
    expect((early.doc.run as Record<string, unknown>).start).toBe('0050-05-30T00:00:00Z'); // a Monday, 48 h before
    expect(new Date('0050-05-30T00:00:00Z').getUTCDay()).toBe(1);
    const loaded = loadScenarioText(scenarioYaml(early, 'early.bpmn'), 'early.yaml');
    expect(loaded.set!.baseline.run.start?.epochMs).toBe(Date.parse('0050-05-30T00:00:00Z'));
  });

  test('round trip: the imported scenario exported (BPSim and etomsim attributes, not QBP) and imported again is the same model', async () => {
    const first = loadScenarioText(scenarioYaml(await importBpmn(QBP), 'qbp-loan.bpmn'), 'a.yaml').set!.baseline;
    const again = await importBpmn(await exportBpmn(first, 'baseline', 'test'));
    expect(again.warnings).toEqual([]);
    const back = loadScenarioText(scenarioYaml(again, 'exported.bpmn'), 'b.yaml').set!.baseline;
    expect({ ...compileModel(back), name: '' }).toEqual({ ...compileModel(first), name: '' });
    expect(back.run).toEqual(first.run);
    expect(back.arrivals.map((x) => [x.after, x.cases])).toEqual([[57.5, 10]]);
  });

  test("round trip through BPSim alone: processInstances becomes the start event's TriggerCount and comes back as cases", async () => {
    const first = loadScenarioText(scenarioYaml(await importBpmn(QBP), 'qbp-loan.bpmn'), 'a.yaml').set!.baseline;
    const exported = await exportBpmn(first, 'baseline', 'test');
    expect(exported).toContain('<bpsim:TriggerCount><bpsim:NumericParameter value="10"/></bpsim:TriggerCount>');
    expect(bpsimGaps(first)).toEqual([
      {
        path: 'arrivals.0.after',
        message:
          "BPSim has no place for an arrival stream's start: the stream of 'Loan' is written with after 57.5 h as an etomsim:arrival attribute, which import-bpmn reads back; a tool that reads BPSim alone starts it at time 0",
      },
    ]);
    const bpsimOnly = await importBpmn(exported.replace(/<etomsim:arrival [^>]*\/>/g, ''));
    expect(bpsimOnly.doc.arrivals).toEqual([{ flow: 'Loan', interarrival: 1, cases: 10 }]);
  });

  test('the other distributions: EXPONENTIAL by arg1, UNIFORM arg1 to arg2, TRIANGULAR mode in mean, GAMMA by mean and variance', async () => {
    const dists = [
      ['type="EXPONENTIAL" mean="0" arg1="900" arg2="0"', { exponential: { mean: 0.25 } }],
      ['type="EXPONENTIAL" mean="900"', { exponential: { mean: 0.25 } }], // a writer that put the mean in mean
      ['type="UNIFORM" mean="3600" arg1="1800" arg2="5400"', { uniform: { min: 0.5, max: 1.5 } }],
      ['type="TRIANGULAR" mean="3600" arg1="1800" arg2="9000"', { triangular: { min: 0.5, mode: 1, max: 2.5 } }],
      ['type="GAMMA" mean="7200" arg1="3240000" arg2="0"', { gamma: { mean: 2, sd: 0.5 } }],
      ['type="FIXED" mean="0"', 0],
    ] as const;
    for (const [dist, expected] of dists) {
      const imported = await importBpmn(qbpFile(line(''), `${teamAllWeek}<qbp:elements>${element('A', dist)}</qbp:elements>`));
      const nodes = (imported.doc.flows as Record<string, { nodes: Record<string, { duration: unknown }> }>).P.nodes;
      expect(nodes.Sort.duration, dist).toEqual(expected);
      expect(nodes.File.duration).toBe(1); // no QBP element: the placeholder, said
      expect(imported.placeholders.get('flows.P.nodes.File.duration')).toContain("no processing time for 'B'");
    }
  });

  test('run as imported: FIXED times and a FIXED interarrival give exact counts and cycle times', async () => {
    const xml = qbpFile(
      line(''),
      `<qbp:arrivalRateDistribution type="FIXED" mean="3600"/>${teamAllWeek}
<qbp:elements>${element('A', 'type="FIXED" mean="1800"')}${element('B', 'type="FIXED" mean="5400"')}</qbp:elements>`,
    );
    const imported = await importBpmn(xml);
    const loaded = loadScenarioText(scenarioYaml(imported, 'q.bpmn'), 'q.yaml');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const scenario = { ...loaded.set!.baseline, run: { ...loaded.set!.baseline.run, replications: 1 } };
    const r = replicate(scenario);
    // processInstances 10: the stream's cases, arriving at 1, 2, ..., 10 h and no more within the
    // horizon of 10 x 1 h + a week; each case 0.5 + 1.5 h on one of the clerk's 2 units (never both
    // busy with one case's steps: no wait); every one ends, as BIMP simulates them
    expect(scenario.arrivals[0].cases).toBe(10);
    expect(scenario.run.horizon).toBe(10 + 168);
    expect(r.mean('flows.P.arrived')).toBe(10);
    expect(r.mean('flows.P.completed')).toBe(10);
    expect(r.mean('flows.P.cycle_time.mean')).toBe(2);
    expect(r.mean('flows.P.cycle_time.p90')).toBe(2);
    expect(r.mean('resources.Clerk.wait')).toBe(0);
  });

  test('bad QBP values are problems at their place, naming the BPMN element', async () => {
    const xml = qbpFile(
      line(''),
      `${teamAllWeek}
<qbp:elements>${element('A', 'type="HISTOGRAM" mean="60"')}
${element('B', 'type="LOGNORMAL" mean="60" arg1="-4"', 'R_NONE')}</qbp:elements>`,
    );
    const problems = await problemsOf(xml);
    expect(problems.map((p) => ({ id: p.id, message: p.message }))).toEqual([
      {
        id: 'A',
        message:
          "QBP distribution type 'HISTOGRAM' of task 'A' is not one etomsim reads (FIXED, NORMAL, EXPONENTIAL, UNIFORM, TRIANGULAR, LOGNORMAL, GAMMA)",
      },
      { id: 'B', message: "QBP parameters of task 'B' name resource 'R_NONE', which its qbp:resources does not declare" },
      {
        id: 'B',
        message:
          'QBP LOGNORMAL distribution of task \'B\': arg1="-4" is not a number of seconds it can have (mean above 0, variance in arg1 at least 0)',
      },
    ]);
    // each at its QBP element's '<'
    const at = (p: BpmnProblem) => xml.split('\n')[p.line - 1].slice(p.col - 1);
    expect(at(problems[0])).toMatch(/^<qbp:durationDistribution type="HISTOGRAM"/);
    expect(at(problems[1])).toMatch(/^<qbp:element elementId="B">/);
    expect(at(problems[2])).toMatch(/^<qbp:durationDistribution type="LOGNORMAL"/);
  });

  test('a cost per hour or a branch probability that is no number is a problem at its place, both at once (they were read as none)', async () => {
    // costPerHour '1e309' (Infinity) left the team at no cost; executionProbability 'abc' was a placeholder 'gives no probability'
    const xml = QBP.replace('costPerHour="25"', 'costPerHour="1e309"').replace('executionProbability="0.25"', 'executionProbability="abc"');
    const problems = await problemsOf(xml);
    expect(problems.map((p) => ({ id: p.id, message: p.message }))).toEqual([
      { id: 'F_B', message: "QBP executionProbability 'abc' of sequence flow 'F_B' is not a number; a probability is between 0 and 1" },
      { id: 'R_CLERK', message: "QBP resource 'Clerk': costPerHour '1e309' is not a number (a cost per hour, 0 or more)" },
    ]);
    const at = (p: BpmnProblem) => xml.split('\n')[p.line - 1].slice(p.col - 1);
    expect(at(problems[0])).toMatch(/^<qbp:sequenceFlow elementId="F_B"/);
    expect(at(problems[1])).toMatch(/^<qbp:resource id="R_CLERK"/);
  });

  test('a fixed cost, a second resource, parameters of an element that is not a task: warnings that say so', async () => {
    const xml = qbpFile(
      line(''),
      `${teamAllWeek}
<qbp:elements><qbp:element elementId="A" fixedCost="5"><qbp:durationDistribution type="FIXED" mean="60"/><qbp:resourceIds><qbp:resourceId>R</qbp:resourceId><qbp:resourceId>R</qbp:resourceId></qbp:resourceIds></qbp:element>${element('E', 'type="FIXED" mean="60"')}</qbp:elements>`,
    );
    const imported = await importBpmn(xml);
    expect(imported.warnings).toEqual([
      "flows.P.nodes.Sort: QBP gives task 'A' 2 resources; etomsim reads the first, 'R'",
      "flows.P.nodes.Sort: QBP fixedCost 5 of task 'A' is not read: etomsim's costs are its teams' hours (cost_per_hour)",
      "flows.P.nodes.File: task 'B' has no lane or performer: imported as automated (no team, no queue)",
      "flows.P.nodes.File.duration: PLACEHOLDER: no processing time for 'B'; 1 hour assumed, supply the real one",
      "arrivals.0.rate: PLACEHOLDER: no arrival timer on 'S'; 1 case an hour assumed, supply the real rate",
      'run.horizon: PLACEHOLDER: no simulation length (BPSim Duration); 30 days assumed',
      "QBP parameters of 'E' are not read: it is not a task etomsim simulates",
    ]);
  });

  test("BIMP's JSON copy in <documentation> is a warning; the same element outside BIMP's namespace is refused", async () => {
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
    expect(imported.warnings[0]).toBe(
      "line 5: a <documentation> with an id that is not an XML ID (BIMP's JSON copy of its simulation parameters) is not read",
    );
    expect(imported.doc.arrivals).toEqual([{ flow: 'P', interarrival: { exponential: { mean: 0.5 } }, cases: 500 }]);
    expect(imported.doc.run).toEqual({ horizon: 500 }); // 500 x 0.5 h to arrive, as long again to end
    // declared in single quotes, the same
    const single = await importBpmn(
      xml.replace('xmlns:qbp="http://www.qbp-simulator.com/Schema201212"', "xmlns:qbp='http://www.qbp-simulator.com/Schema201212'"),
    );
    expect(single.warnings).toEqual(imported.warnings);
    expect(single.doc).toEqual(imported.doc);
    // BIMP's namespace as the default one of its element, unprefixed: the same (it was refused, 'unrecognized element <ns0:processSimulationInfo>')
    const unprefixed = xml
      .replace(' xmlns:qbp="http://www.qbp-simulator.com/Schema201212"', '')
      .replace(/<documentation id="96b04510-7bb2">.*<\/documentation>/, '')
      .replace(/<qbp:processSimulationInfo /, '<processSimulationInfo xmlns="http://www.qbp-simulator.com/Schema201212" ')
      .replace(/<(\/?)qbp:/g, '<$1');
    expect(unprefixed).toContain('<arrivalRateDistribution type="EXPONENTIAL" arg1="1800"/></processSimulationInfo>');
    const asDefault = await importBpmn(unprefixed);
    expect(asDefault.doc).toEqual(imported.doc);
    expect(asDefault.warnings).toEqual(imported.warnings.slice(1)); // all but the <documentation> one, which it has not
    // without BIMP's namespace, the same element is an unknown one, refused
    expect(
      await problemsOf(xml.replace(' xmlns:qbp="http://www.qbp-simulator.com/Schema201212"', ' xmlns:qbp="urn:other"')),
    ).toContainEqual(expect.objectContaining({ message: expect.stringContaining('unrecognized element <qbp:processSimulationInfo>') }));
  });

  test('import-bpmn of a bad QBP value: exit 2 at its line and column with the element id, nothing written', () => {
    const dir = tempDir('etomsim-qbp-');
    const file = join(dir, 'bad.bpmn');
    writeFileSync(file, qbpFile(line(''), `${teamAllWeek}<qbp:elements>${element('A', 'type="NORMAL" mean="60"')}</qbp:elements>`));
    const out = join(dir, 'scenario.yaml');
    const r = etomsimWithin(60_000, 'import-bpmn', file, '--out', out);
    expect(r.status).toBe(2);
    const [, l, c] = new RegExp(`^${literally(file)}:(\\d+):(\\d+): `).exec(r.stderr) ?? [];
    expect(
      readFileSync(file, 'utf8')
        .split('\n')
        [Number(l) - 1].slice(Number(c) - 1),
    ).toMatch(/^<qbp:durationDistribution type="NORMAL"/);
    expect(r.stderr).toContain('QBP NORMAL distribution of task \'A\': arg1="" is not a number of seconds it can have (at element A)');
    expect(existsSync(out)).toBe(false);
  });
});

describe('embedded sub-processes', () => {
  // BPMN runs an embedded sub-process in line: from its start event to its end, then on.
  const sub = (process: string) => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="urn:t">
  <process id="P">
${process}
  </process>
</definitions>
`;
  const nested = `    <laneSet id="LS"><lane id="L1" name="Back office"><flowNodeRef>S</flowNodeRef><flowNodeRef>SP</flowNodeRef><flowNodeRef>Z</flowNodeRef><flowNodeRef>E</flowNodeRef></lane></laneSet>
    <startEvent id="S"><outgoing>F1</outgoing></startEvent>
    <subProcess id="SP" name="Review"><incoming>F1</incoming><outgoing>F2</outgoing>
      <startEvent id="SS"><outgoing>G1</outgoing></startEvent>
      <task id="X" name="Read"><incoming>G1</incoming><outgoing>G2</outgoing></task>
      <subProcess id="SP2"><incoming>G2</incoming><outgoing>G3</outgoing>
        <startEvent id="SS2"><outgoing>H1</outgoing></startEvent>
        <task id="Y" name="Sign"><incoming>H1</incoming><outgoing>H2</outgoing></task>
        <endEvent id="SE2"><incoming>H2</incoming></endEvent>
        <sequenceFlow id="H1" sourceRef="SS2" targetRef="Y"/>
        <sequenceFlow id="H2" sourceRef="Y" targetRef="SE2"/>
      </subProcess>
      <endEvent id="SE"><incoming>G3</incoming></endEvent>
      <sequenceFlow id="G1" sourceRef="SS" targetRef="X"/>
      <sequenceFlow id="G2" sourceRef="X" targetRef="SP2"/>
      <sequenceFlow id="G3" sourceRef="SP2" targetRef="SE"/>
    </subProcess>
    <task id="Z" name="Send"><incoming>F2</incoming><outgoing>F3</outgoing></task>
    <endEvent id="E"><incoming>F3</incoming></endEvent>
    <sequenceFlow id="F1" sourceRef="S" targetRef="SP"/>
    <sequenceFlow id="F2" sourceRef="SP" targetRef="Z"/>
    <sequenceFlow id="F3" sourceRef="Z" targetRef="E"/>`;

  test('are inlined, nested ones too: start -> what is inside -> what follows; their tasks in the lane that lists them', async () => {
    const imported = await importBpmn(sub(nested));
    expect((imported.doc.flows as Record<string, unknown>).P).toEqual({
      start: 'Read',
      nodes: {
        Send: { resource: 'Back_office', duration: 1 },
        Read: { resource: 'Back_office', duration: 1, next: 'Sign' },
        Sign: { resource: 'Back_office', duration: 1, next: 'Send' },
      },
    });
    expect(imported.elements.get('flows.P.nodes.Sign')).toMatchObject({ id: 'Y', line: 11 });
    const loaded = loadScenarioText(scenarioYaml(imported, 'sub.bpmn'), 'sub.yaml');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('nested 5,000 deep (a generated file), each level a task: one chain, every task in the lane listing the outermost, no stack overflow', async () => {
    // each level: start -> task -> the next level (or, at the deepest, its end) -> end; every level ends into the task after it
    const depth = 5000;
    const level = (i: number): string =>
      i === depth
        ? ''
        : `<subProcess id="SP${i}"><incoming>in${i}</incoming><outgoing>out${i}</outgoing>
<startEvent id="S${i}"><outgoing>a${i}</outgoing></startEvent><task id="T${i}" name="t${i}"><incoming>a${i}</incoming><outgoing>in${i + 1}</outgoing></task>
<sequenceFlow id="a${i}" sourceRef="S${i}" targetRef="T${i}"/>
${level(i + 1)}<sequenceFlow id="in${i + 1}" sourceRef="T${i}" targetRef="${i + 1 === depth ? `E${i}` : `SP${i + 1}`}"/>
${i + 1 === depth ? '' : `<sequenceFlow id="out${i + 1}" sourceRef="SP${i + 1}" targetRef="E${i}"/>`}<endEvent id="E${i}"><incoming>${i + 1 === depth ? `in${i + 1}` : `out${i + 1}`}</incoming></endEvent>
</subProcess>`;
    const imported = await importBpmn(
      sub(`<laneSet id="LS"><lane id="L" name="Desk"><flowNodeRef>S</flowNodeRef><flowNodeRef>SP0</flowNodeRef><flowNodeRef>E</flowNodeRef></lane></laneSet>
<startEvent id="S"><outgoing>in0</outgoing></startEvent><sequenceFlow id="in0" sourceRef="S" targetRef="SP0"/>
${level(0)}<sequenceFlow id="out0" sourceRef="SP0" targetRef="E"/><endEvent id="E"><incoming>out0</incoming></endEvent>`),
    );
    const flow = (imported.doc.flows as Record<string, { start: string; nodes: Record<string, Record<string, unknown>> }>).P;
    expect(flow.start).toBe('t0');
    expect(Object.keys(flow.nodes)).toHaveLength(depth);
    expect(flow.nodes[`t${depth - 1}`]).toEqual({ resource: 'Desk', duration: 1 });
    expect([flow.nodes.t0.next, flow.nodes.t1.next]).toEqual(['t1', 't2']);
  });

  test('a decision inside, and a sub-process whose branch ends the case: the inner end leads on, the outer end ends', async () => {
    const imported = await importBpmn(
      sub(`    <startEvent id="S"><outgoing>F1</outgoing></startEvent>
    <subProcess id="SP"><incoming>F1</incoming><outgoing>F2</outgoing>
      <startEvent id="SS"><outgoing>G1</outgoing></startEvent>
      <exclusiveGateway id="X" name="OK?"><incoming>G1</incoming><outgoing>G2</outgoing><outgoing>G3</outgoing></exclusiveGateway>
      <task id="T" name="Fix"><incoming>G2</incoming><outgoing>G4</outgoing></task>
      <endEvent id="SE1"><incoming>G3</incoming></endEvent>
      <endEvent id="SE2"><incoming>G4</incoming></endEvent>
      <sequenceFlow id="G1" sourceRef="SS" targetRef="X"/>
      <sequenceFlow id="G2" sourceRef="X" targetRef="T"/>
      <sequenceFlow id="G3" sourceRef="X" targetRef="SE1"/>
      <sequenceFlow id="G4" sourceRef="T" targetRef="SE2"/>
    </subProcess>
    <task id="Z" name="Close"><incoming>F2</incoming><outgoing>F3</outgoing></task>
    <endEvent id="E"><incoming>F3</incoming></endEvent>
    <sequenceFlow id="F1" sourceRef="S" targetRef="SP"/>
    <sequenceFlow id="F2" sourceRef="SP" targetRef="Z"/>
    <sequenceFlow id="F3" sourceRef="Z" targetRef="E"/>`),
    );
    const nodes = (imported.doc.flows as Record<string, { start: string; nodes: Record<string, Record<string, unknown>> }>).P;
    expect(nodes.start).toBe('OK');
    expect(nodes.nodes.OK.branch).toEqual([
      { to: 'Fix', p: 0.5 },
      { to: 'Close', p: 0.5 },
    ]);
    expect(nodes.nodes.Fix.next).toBe('Close');
    expect(nodes.nodes.Close.next).toBeUndefined();
  });

  test('a sub-process holding nothing (collapsed, as Signavio writes a step) is one task, and says so', async () => {
    const imported = await importBpmn(
      sub(`    <startEvent id="S"><outgoing>F1</outgoing></startEvent>
    <subProcess id="SP" name="Test"><incoming>F1</incoming><outgoing>F2</outgoing></subProcess>
    <endEvent id="E"><incoming>F2</incoming></endEvent>
    <sequenceFlow id="F1" sourceRef="S" targetRef="SP"/>
    <sequenceFlow id="F2" sourceRef="SP" targetRef="E"/>`),
    );
    expect((imported.doc.flows as Record<string, unknown>).P).toEqual({ start: 'Test', nodes: { Test: { duration: 1 } } });
    expect(imported.warnings[0]).toBe(
      "sub-process 'SP' holds no flow (a collapsed sub-process): imported as one task, its processing time that of the whole",
    );
  });

  test('a task that loops or is multi-instance is imported as one run per case, and says so', async () => {
    const imported = await importBpmn(
      sub(`    <startEvent id="S"><outgoing>F1</outgoing></startEvent>
    <task id="A" name="Call"><incoming>F1</incoming><outgoing>F2</outgoing><multiInstanceLoopCharacteristics/></task>
    <task id="B" name="Retry"><incoming>F2</incoming><standardLoopCharacteristics/></task>
    <sequenceFlow id="F1" sourceRef="S" targetRef="A"/>
    <sequenceFlow id="F2" sourceRef="A" targetRef="B"/>`),
    );
    expect(imported.warnings.filter((w) => w.includes('one run per case'))).toEqual([
      "flows.P.nodes.Call: task 'A' is multi-instance: imported as one run per case (its duration is that of all its instances; or model them as a parallel block or a decision back to it)",
      "flows.P.nodes.Retry: task 'B' loops: imported as one run per case (its duration is that of all its rounds; or model them as a parallel block or a decision back to it)",
    ]);
  });

  test('what cannot be inlined is refused at its element: event, multi-instance, looping, call activity, transaction, two starts, a throwing end', async () => {
    const inner = (id: string) =>
      `<startEvent id="${id}s"><outgoing>${id}f</outgoing></startEvent><task id="${id}t"><incoming>${id}f</incoming></task><sequenceFlow id="${id}f" sourceRef="${id}s" targetRef="${id}t"/>`;
    const problems = await problemsOf(
      sub(`    <startEvent id="S"/>
    <subProcess id="EV" triggeredByEvent="true">${inner('ev')}</subProcess>
    <subProcess id="MI"><multiInstanceLoopCharacteristics/>${inner('mi')}</subProcess>
    <subProcess id="LO"><standardLoopCharacteristics/>${inner('lo')}</subProcess>
    <callActivity id="CA" calledElement="Other"/>
    <transaction id="TR">${inner('tr')}</transaction>
    <subProcess id="NS"><startEvent id="ns1"/><startEvent id="ns2"/></subProcess>
    <subProcess id="TH"><startEvent id="ths"><outgoing>thf</outgoing></startEvent><endEvent id="the"><incoming>thf</incoming><errorEventDefinition/></endEvent><sequenceFlow id="thf" sourceRef="ths" targetRef="the"/></subProcess>`),
    );
    expect(problems.map((p) => [p.id, p.line, p.message])).toEqual([
      ['EV', 5, "event sub-process 'EV' is not supported: it starts on an event beside the flow, which etomsim does not model"],
      [
        'MI',
        6,
        "sub-process 'MI' is multi-instance: etomsim inlines a sub-process that runs once per case; model the instances as a parallel block",
      ],
      [
        'LO',
        7,
        "sub-process 'LO' loops: etomsim inlines a sub-process that runs once per case; model the loop with a decision back to its start",
      ],
      ['CA', 8, "call activity 'CA' is not supported: etomsim does not inline the process it calls; model its steps in this flow"],
      [
        'TR',
        9,
        "transaction sub-process 'TR' is not supported (its cancel and compensation are not modelled); an embedded sub-process is inlined",
      ],
      ['NS', 10, "sub-process 'NS' has 2 start events; etomsim inlines a sub-process from its one start event"],
      [
        'the',
        11,
        "end event 'the' of sub-process 'TH' throws (ErrorEventDefinition); etomsim inlines a sub-process whose end events only end it",
      ],
      ['S', 4, "start event 'S' has no outgoing sequence flow"],
    ]);
  });

  test('QBP parameters of tasks inside a sub-process are read: an exact cycle time through it', async () => {
    const xml = sub(nested)
      .replace('xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"', '$& xmlns:qbp="http://www.qbp-simulator.com/Schema201212"')
      .replace(
        '</definitions>',
        `<qbp:processSimulationInfo id="q" processInstances="4"><qbp:arrivalRateDistribution type="FIXED" mean="7200"/>
<qbp:resources><qbp:resource id="R" name="Clerk" totalAmount="1"/></qbp:resources>
<qbp:elements>${['X', 'Y', 'Z'].map((id, i) => `<qbp:element elementId="${id}"><qbp:durationDistribution type="FIXED" mean="${(i + 1) * 900}"/><qbp:resourceIds><qbp:resourceId>R</qbp:resourceId></qbp:resourceIds></qbp:element>`).join('')}</qbp:elements>
</qbp:processSimulationInfo></definitions>`,
      );
    const imported = await importBpmn(xml);
    const loaded = loadScenarioText(scenarioYaml(imported, 'sub.bpmn'), 'sub.yaml');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const r = replicate({ ...loaded.set!.baseline, run: { ...loaded.set!.baseline.run, replications: 1 } });
    // arrivals at 2, 4, 6, 8 h and no more (cases: 4; horizon 4 x 2 h + a week); each case 0.25 + 0.5 + 0.75 h on the one clerk, alone
    expect(r.mean('flows.P.arrived')).toBe(4);
    expect(r.mean('flows.P.completed')).toBe(4);
    expect(r.mean('flows.P.cycle_time.mean')).toBe(1.5);
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

describe("shapes met in the modeller's own test models (bpmn-js fixtures, session 42 sweep)", () => {
  const SIMPLE =
    '    <bpmn:startEvent id="S"/><bpmn:task id="T" name="Check"/><bpmn:endEvent id="E"/>\n' +
    '    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T"/><bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="E"/>';

  test('a <definitions> with no root element, or only one bpmn-moddle cannot read, is refused as holding no process (was an internal error, exit 1)', async () => {
    const head =
      '<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="urn:t">\n';
    const empty = await problemsOf(`${head}</bpmn:definitions>\n`);
    expect(empty.map((p) => p.message)).toEqual(['the file has no process: nothing to simulate']);
    const unknown = await problemsOf(`${head}  <someElement a="b"/>\n</bpmn:definitions>\n`);
    expect(unknown.map((p) => p.message)).toContain('the file has no process: nothing to simulate');
    expect(unknown.some((p) => p.message.includes('<someElement>') && p.line === 3)).toBe(true);
  });

  test('an unknown attribute is told at its element, by id (bpmn-moddle gives it no place: it was at 1:1)', async () => {
    const xml = wrap(`${SIMPLE}\n    <bpmn:dataObjectReference id="DOR" isCollection="true" name="Applicant"/>`);
    const problems = await problemsOf(xml);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ id: 'DOR', message: "unknown attribute <isCollection> on DataObjectReference 'DOR'" });
    expect(pointedAt(xml, problems[0])).toMatch(/^id="DOR" isCollection/);
  });

  test('a reference only the diagram makes to an id the file lacks is a warning; the model imports as without it', async () => {
    const di = (bpmnElement: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" id="D" targetNamespace="urn:t">
  <bpmn:process id="P">
${SIMPLE}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Dia"><bpmndi:BPMNPlane id="Plane" bpmnElement="${bpmnElement}"/></bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
    const good = await importBpmn(di('P'));
    const broken = await importBpmn(di('Collaboration_2'));
    expect(broken.doc).toEqual(good.doc);
    const extra = broken.warnings.filter((w) => !good.warnings.includes(w));
    expect(extra).toEqual([
      'the diagram (BPMNDI) names <Collaboration_2>, which no element of the file has (bpmnElement of Plane): the diagram is not read, the import goes on',
    ]);
    // a reference of the process itself is still a problem
    const flowTo = await problemsOf(wrap(SIMPLE.replace('targetRef="E"', 'targetRef="Nowhere"')));
    expect(flowTo.some((p) => p.message.startsWith('unresolved reference <Nowhere>'))).toBe(true);
  });

  test('what bpmn-moddle cannot read inside the diagram (BPMNDI) is one warning, the model imported as without it; the same in the process is refused', async () => {
    const di = (shapes: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="D" targetNamespace="urn:t">
  <bpmn:process id="P">
${SIMPLE}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Dia"><bpmndi:BPMNPlane id="Plane" bpmnElement="P">
${shapes}
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
    const good = await importBpmn(
      di('    <bpmndi:BPMNShape id="Sh" bpmnElement="S"><dc:Bounds x="1" y="2" width="3" height="4"/></bpmndi:BPMNShape>'),
    );
    // an unknown element of the diagram's namespaces, a process element inside an edge, a shape reusing the process's id
    const shapes = [
      '    <bpmndi:BPMNShape id="Sh" bpmnElement="S"><dc:Bounds x="1" y="2" width="3" height="4"/><dc:Foo/></bpmndi:BPMNShape>',
      '    <bpmndi:BPMNEdge id="Ed" bpmnElement="F1"><bpmn:task id="X"/></bpmndi:BPMNEdge>',
      '    <bpmndi:BPMNShape id="P" bpmnElement="S"/>',
    ].join('\n');
    const xml = di(shapes);
    const broken = await importBpmn(xml);
    expect(broken.doc).toEqual(good.doc);
    const extra = broken.warnings.filter((w) => !good.warnings.includes(w));
    const foo = xml.split('\n').findIndex((l) => l.includes('<dc:Foo/>'));
    expect(extra).toEqual([
      `the diagram (BPMNDI) holds 3 things that cannot be read (the first at ${foo + 1}:${xml.split('\n')[foo].indexOf('<dc:Foo/>') + 1}: unparsable content <dc:Foo/> detected: unknown type <dc:Foo>): the diagram is not read, the import goes on`,
    ]);
    // the same element in the process is refused where it stands
    const inProcess = wrap(`${SIMPLE}\n    <dc:Foo xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"/>`);
    const problems = await problemsOf(inProcess);
    expect(problems.map((p) => pointedAt(inProcess, p).slice(0, 7))).toEqual(['<dc:Foo']);
  });

  test('a declared ISO-8859-1 over ASCII text is read (a warning); over UTF-8 text it is refused where the first non-ASCII character stands', async () => {
    const latin = (name: string) => wrap(SIMPLE.replace('Check', name)).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const ascii = await importBpmn(latin('Pruefen'));
    expect((ascii.doc.flows as Record<string, { nodes: Record<string, unknown> }>).P.nodes.Pruefen).toBeDefined();
    expect(ascii.warnings).toContain('the file declares encoding ISO-8859-1; its text is ASCII, the same in UTF-8, and is read as such');
    const xml = latin('Prüfen');
    const problems = await problemsOf(xml);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toBe(
      'the file declares encoding ISO-8859-1 but its text is UTF-8 from here on; etomsim reads UTF-8 alone: save it as UTF-8 (its declaration too)',
    );
    expect(pointedAt(xml, problems[0])).toMatch(/^üfen/);
  });
});

test('an empty pool beside a process with steps is left out with a warning by id; a file of empty pools alone is still refused', async () => {
  const pools = (first: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="urn:t">
  <bpmn:collaboration id="C">
    <bpmn:participant id="Us" processRef="P"/><bpmn:participant id="Partner" processRef="Q"/>
  </bpmn:collaboration>
  <bpmn:process id="P">
${first}
  </bpmn:process>
  <bpmn:process id="Q"/>
</bpmn:definitions>
`;
  const steps =
    '    <bpmn:startEvent id="S"/><bpmn:task id="T" name="Check"/><bpmn:endEvent id="E"/>\n' +
    '    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T"/><bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="E"/>';
  const imported = await importBpmn(pools(steps));
  expect(Object.keys(imported.doc.flows as object)).toEqual(['P']);
  expect(imported.warnings).toContain("process 'Q' holds no flow element (an empty pool): it has nothing to simulate and is left out");
  const empty = await problemsOf(pools(''));
  expect(empty.map((p) => p.id)).toEqual(['P', 'Q']);
  expect(empty.every((p) => p.message.includes('has no start event'))).toBe(true);
});

test('an element without an id is refused naming its kind and process, at its own line and column (it was "start event \'undefined\'" at 1:1, then at its process)', async () => {
  const xml = wrap(
    '    <bpmn:startEvent/><bpmn:userTask name="Check"/><bpmn:endEvent id="E"/>\n    <bpmn:sequenceFlow id="F1" sourceRef="E" targetRef="E"/>',
  );
  const problems = await problemsOf(xml);
  expect(problems.map((p) => p.message)).toEqual([
    "a StartEvent in process 'P' has no id, which BPMN requires of it and etomsim names its steps by",
    "a UserTask in process 'P' has no id, which BPMN requires of it and etomsim names its steps by",
  ]);
  expect(problems.map((p) => [p.id, pointedAt(xml, p).slice(0, 20)])).toEqual([
    ['P', '<bpmn:startEvent/><b'],
    ['P', '<bpmn:userTask name='],
  ]);
  expect(problems.some((p) => p.message.includes('undefined'))).toBe(false);
});

test("elements without an id in a file whose BPMN namespace is the default one are placed too; a type whose text and tree do not pair stays at the holder's", async () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="urn:t">
  <process id="P">
    <startEvent id="S"/>
    <task name="One"/>
    <task id="T2" name="Two"/>
    <endEvent id="E"/>
    <sequenceFlow id="F1" sourceRef="S" targetRef="E"/>
  </process>
</definitions>
`;
  const problems = await problemsOf(xml);
  expect(problems.map((p) => [p.id, pointedAt(xml, p)])).toEqual([['P', '<task name="One"/>']]);
});

test('typedElementIndexes pairs each BPMN type by its tag in any prefix, and leaves out a type whose ids or count differ', () => {
  const xml = [
    '<a:definitions xmlns:a="urn:m" xmlns:o="urn:other">',
    '<a:task name="One"/><!-- <a:task/> --><o:task/><a:userTask id="U"/>',
    '<a:task id="T2"><a:documentation>d</a:documentation></a:task></a:definitions>',
  ].join('\n');
  const one = { $type: 'bpmn:Task', name: 'One' };
  const two = { $type: 'bpmn:Task', id: 'T2' };
  const user = { $type: 'bpmn:UserTask', id: 'U' };
  const docs = { $type: 'bpmn:Documentation' };
  const at = (indexes: Map<object, number>, e: object) => (indexes.has(e) ? xml.slice(indexes.get(e)).match(/^<[\w:]+/)?.[0] : null);
  const all = typedElementIndexes(xml, 'urn:m', [one, user, two, docs]);
  expect([one, two, user, docs].map((e) => at(all, e))).toEqual(['<a:task', '<a:task', '<a:userTask', '<a:documentation']);
  expect(xml.slice(all.get(two)).startsWith('<a:task id="T2">')).toBe(true);
  // the tree's walk met the tasks in another order, or left one out: the tasks are not placed, the user task still is
  const swapped = typedElementIndexes(xml, 'urn:m', [two, user, one]);
  expect([one, two, user].map((e) => at(swapped, e))).toEqual([null, null, '<a:userTask']);
  expect(typedElementIndexes(xml, 'urn:m', [two]).size).toBe(0);
  // another namespace's elements of the same local name are not the model's
  expect(typedElementIndexes(xml, 'urn:other', [one, two]).size).toBe(0);
});

test('an element without an id inside a sub-process: import-bpmn exits 2 at the element, naming kind, sub-process and process (the id of the sub-process), nothing written', () => {
  // the task is inlined into the flow: it reached the sub-process inliner, whose messages said 'undefined'
  const xml = wrap(`    <bpmn:laneSet id="LS"><bpmn:lane name="Desk"/><bpmn:lane/></bpmn:laneSet>
    <bpmn:startEvent id="S"/>
    <bpmn:subProcess id="Sub">
      <bpmn:startEvent id="S2"/><bpmn:task name="Check"/>
      <bpmn:subProcess><bpmn:startEvent id="S3"/><bpmn:userTask/></bpmn:subProcess>
      <bpmn:endEvent id="E2"/>
      <bpmn:sequenceFlow id="G1" sourceRef="S2" targetRef="E2"/>
    </bpmn:subProcess>
    <bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Sub"/><bpmn:sequenceFlow id="F2" sourceRef="Sub" targetRef="E"/>`);
  const dir = tempDir('etomsim-bpmn-');
  const file = join(dir, 'anonymous.bpmn');
  writeFileSync(file, xml);
  const out = join(dir, 'scenario.yaml');
  const r = etomsimWithin(60_000, 'import-bpmn', file, '--out', out);
  expect(r.status).toBe(2);
  const lines = xml.split('\n');
  // each at its own element's '<' (the id named is the nearest holder's: none of its own)
  const placeOf = (text: string) => {
    const line = lines.findIndex((l) => l.includes(text)) + 1;
    return `${file}:${line}:${lines[line - 1].indexOf(text) + 1}`;
  };
  const tail = 'has no id, which BPMN requires of it and etomsim';
  expect(r.stderr.split('\n').filter((l) => l.startsWith(file))).toEqual([
    `${placeOf('<bpmn:task name="Check"/>')}: a Task in sub-process 'Sub' of process 'P' ${tail} names its steps by (at element Sub)`,
    `${placeOf('<bpmn:subProcess><bpmn:startEvent id="S3"/>')}: a SubProcess in sub-process 'Sub' of process 'P' ${tail} names its steps by (at element Sub)`,
    `${placeOf('<bpmn:userTask/>')}: a UserTask in a SubProcess without id in sub-process 'Sub' of process 'P' ${tail} names its steps by (at element Sub)`,
    `${placeOf('<bpmn:lane/>')}: a Lane in process 'P' ${tail} places its team's messages by (at element P)`,
  ]);
  expect(r.stderr).not.toContain('undefined');
  expect(existsSync(out)).toBe(false);
});

describe("a process or sub-process without a start event (BPMN's implicit start and end, session 43)", () => {
  // BPMN 2.0.2, 10.5.2: without a start event, every flow node no sequence flow enters starts
  // when the process does; an activity without an outgoing flow ends its path (10.5.3), and the
  // process completes when all its paths have. 36 of bpmn-js's 112 test models were refused for it.
  const task = (id: string) => `    <bpmn:task id="${id}" name="${id}"/>`;
  const flow = (id: string, from: string, to: string) => `    <bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;

  test('one node no flow enters: the case starts there, said by id', async () => {
    const xml = wrap([task('A'), task('B'), flow('F1', 'A', 'B')].join('\n'));
    const imported = await importBpmn(xml);
    expect(flowOf(imported)).toEqual({ start: 'A', nodes: { A: { duration: 1, next: 'B' }, B: { duration: 1 } } });
    expect(imported.warnings[0]).toBe(
      "process 'P' has no start event: a case starts at 'A', the one node no sequence flow enters, as BPMN starts it",
    );
    await expectRoundTrip(xml);
  });

  test('several whose paths end apart: a fork into them, joined at a step of no work where every path ends; the case ends when all have', async () => {
    // bpmn-js's sequence-flows.bpmn: two lone tasks and a decision to an end event or a task
    const xml = wrap(
      [
        task('A'),
        '    <bpmn:exclusiveGateway id="G"/>',
        task('B'),
        task('C'),
        '    <bpmn:endEvent id="E"/>',
        '    <bpmn:endEvent id="Idle"/>',
        flow('F1', 'G', 'E'),
        flow('F2', 'G', 'B'),
      ].join('\n'),
    );
    const imported = await importBpmn(xml);
    expect(flowOf(imported)).toEqual({
      start: 'start_of_P',
      nodes: {
        start_of_P: { parallel: ['A', 'G', 'C'], join: 'end_of_P' },
        A: { duration: 1, next: 'end_of_P' },
        G: {
          branch: [
            { to: 'end_of_P', p: 0.5 },
            { to: 'B', p: 0.5 },
          ],
        },
        B: { duration: 1, next: 'end_of_P' },
        C: { duration: 1, next: 'end_of_P' },
        end_of_P: {
          duration: 0,
          description: "the end of process 'P': no work (added by import-bpmn: its paths end apart, and BPMN ends it when all have)",
        },
      },
    });
    expect(imported.warnings[0]).toBe(
      "process 'P' has no start event: a case starts at each of the 3 nodes no sequence flow enters ('A', 'G', 'C') at once, as BPMN starts them: a fork into them whose paths end apart, joined at a step of no work after which the case ends, as BPMN ends it when all have; end event 'Idle', which no flow enters, ends at once and is left out",
    );
    expect(imported.elements.get('flows.P.nodes.start_of_P')?.id).toBe('P');
    await expectRoundTrip(xml);
    // each path automated: the case takes its longest, A's 1 h, C's 3 h, G's 0 or 2 h
    expect(await importedCycleTime(xml, { A: 1, B: 2, C: 3 })).toBe(3);
  });

  test('several whose paths meet at a converging parallel gateway: a fork joined there', async () => {
    const xml = wrap(
      [
        task('A'),
        task('B'),
        '    <bpmn:parallelGateway id="J"/>',
        task('C'),
        '    <bpmn:endEvent id="E"/>',
        flow('F1', 'A', 'J'),
        flow('F2', 'B', 'J'),
        flow('F3', 'J', 'C'),
        flow('F4', 'C', 'E'),
      ].join('\n'),
    );
    const imported = await importBpmn(xml);
    expect(flowOf(imported)).toEqual({
      start: 'start_of_P',
      nodes: {
        start_of_P: { parallel: ['A', 'B'], join: 'C' },
        A: { duration: 1, next: 'C' },
        B: { duration: 1, next: 'C' },
        C: { duration: 1 },
      },
    });
    expect(imported.warnings[0]).toBe(
      "process 'P' has no start event: a case starts at each of the 2 nodes no sequence flow enters ('A', 'B') at once, as BPMN starts them: a fork into them, joined where their paths meet, 'J'",
    );
    await expectRoundTrip(xml);
    expect(await importedCycleTime(xml, { A: 2, B: 5, C: 1 })).toBe(6);
  });

  test('what cannot start is still refused, by id: no node, a cycle no flow enters, nodes no start reaches', async () => {
    const empty = await problemsOf(wrap('    <bpmn:textAnnotation id="Note"/>'));
    expect(empty).toEqual([
      { line: 3, col: 17, id: 'P', message: "process 'P' has no start event and no task or gateway: nothing to simulate" },
    ]);
    const cycle = await problemsOf(wrap([task('A'), task('B'), flow('F1', 'A', 'B'), flow('F2', 'B', 'A')].join('\n')));
    expect(cycle.map((p) => [p.id, p.message])).toEqual([
      [
        'P',
        "process 'P' has no start event, and a sequence flow enters each of its nodes (a cycle that no flow enters): no case starts anywhere; add a start event",
      ],
    ]);
    const stranded = await problemsOf(wrap([task('A'), task('B'), task('C'), flow('F1', 'B', 'C'), flow('F2', 'C', 'B')].join('\n')));
    expect(stranded.map((p) => [p.id, p.message])).toEqual([
      [
        'P',
        "process 'P' has no start event: a case starts at each node no sequence flow enters ('A'), and none of them leads to 'B', 'C' (on or after a cycle that no flow enters); add a start event",
      ],
    ]);
    // a task that a boundary event leads to is not on a cycle: the boundary event is what is refused (bpmn-js's connection.bpmn)
    const boundary = await problemsOf(
      wrap([task('A'), '    <bpmn:boundaryEvent id="B" attachedToRef="A"/>', task('C'), flow('F1', 'B', 'C')].join('\n')),
    );
    expect(boundary.map((p) => [p.id, p.message.slice(0, 40)])).toEqual([['B', "BoundaryEvent 'B' is not supported (etom"]]);
  });

  const inSub = (inner: string) =>
    wrap(
      [
        '    <bpmn:startEvent id="S"/>',
        `    <bpmn:subProcess id="SP" name="Review">\n${inner}\n    </bpmn:subProcess>`,
        task('Z'),
        '    <bpmn:endEvent id="E"/>',
        flow('F1', 'S', 'SP'),
        flow('F2', 'SP', 'Z'),
        flow('F3', 'Z', 'E'),
      ].join('\n'),
    );

  test('a sub-process without a start event starts at each node in it no flow enters, and goes on when all its paths have ended', async () => {
    const xml = inSub([task('X'), task('Y')].join('\n'));
    const imported = await importBpmn(xml);
    expect(flowOf(imported)).toEqual({
      start: 'start_of_Review',
      nodes: {
        start_of_Review: { parallel: ['X', 'Y'], join: 'Z' },
        Z: { duration: 1 },
        X: { duration: 1, next: 'Z' },
        Y: { duration: 1, next: 'Z' },
      },
    });
    expect(imported.warnings[0]).toBe(
      "sub-process 'SP' has no start event: a case starts at each of the 2 nodes no sequence flow enters ('X', 'Y') at once, as BPMN starts them: a fork into them whose paths end apart, joined at a step of no work after which the case ends, as BPMN ends it when all have",
    );
    await expectRoundTrip(xml);
    expect(await importedCycleTime(xml, { X: 1, Y: 4, Z: 2 })).toBe(6);
    const one = await importBpmn(inSub([task('X'), task('Y'), flow('G1', 'X', 'Y')].join('\n')));
    expect(flowOf(one)).toEqual({
      start: 'X',
      nodes: { Z: { duration: 1 }, X: { duration: 1, next: 'Y' }, Y: { duration: 1, next: 'Z' } },
    });
    // told after the sub-processes' other warnings (soleStarts tells all such in one)
    expect(one.warnings).toContain(
      "sub-process 'SP' has no start event: a case starts at 'X', the one node no sequence flow enters, as BPMN starts it",
    );
    const cycle = await problemsOf(inSub([task('X'), task('Y'), flow('G1', 'X', 'Y'), flow('G2', 'Y', 'X')].join('\n')));
    expect(cycle.map((p) => [p.id, p.message])).toEqual([
      [
        'SP',
        "sub-process 'SP' has no start event, and a sequence flow enters each of its nodes (a cycle that no flow enters): no case starts anywhere; add a start event",
      ],
    ]);
  });

  test('a fork whose branches end apart (no converging gateway) joins at a step of no work where every path ends: in a process, and in a sub-process before what follows it', async () => {
    const fork = [
      '    <bpmn:startEvent id="S"/>',
      '    <bpmn:parallelGateway id="G"/>',
      task('A'),
      task('B'),
      task('C'),
      '    <bpmn:endEvent id="E1"/>',
      flow('F1', 'S', 'G'),
      flow('F2', 'G', 'A'),
      flow('F3', 'G', 'B'),
      flow('F4', 'A', 'E1'),
      flow('F5', 'B', 'C'),
    ].join('\n');
    const xml = wrap(fork);
    const imported = await importBpmn(xml);
    expect(flowOf(imported)).toEqual({
      start: 'G',
      nodes: {
        G: { parallel: ['A', 'B'], join: 'end_of_P' },
        A: { duration: 1, next: 'end_of_P' },
        B: { duration: 1, next: 'C' },
        C: { duration: 1, next: 'end_of_P' },
        end_of_P: {
          duration: 0,
          description: "the end of process 'P': no work (added by import-bpmn: its paths end apart, and BPMN ends it when all have)",
        },
      },
    });
    expect(imported.warnings[0]).toBe(
      "parallel gateway 'G' of process 'P' splits into branches that meet at no converging parallel gateway: as BPMN ends process 'P' when all its paths have ended, every path's end leads to one step of no work, added, where they join",
    );
    await expectRoundTrip(xml);
    expect(await importedCycleTime(xml, { A: 4, B: 1, C: 2 })).toBe(4);
    // in a sub-process: the branches join before Z, which runs once, when both have ended (they were refused)
    const inner = inSub(
      [
        '      <bpmn:startEvent id="SS"/>',
        '      <bpmn:parallelGateway id="G"/>',
        task('X'),
        task('Y'),
        '      <bpmn:endEvent id="SE"/>',
        flow('G1', 'SS', 'G'),
        flow('G2', 'G', 'X'),
        flow('G3', 'G', 'Y'),
        flow('G4', 'X', 'SE'),
      ].join('\n'),
    );
    const sub = await importBpmn(inner);
    expect(flowOf(sub)).toEqual({
      start: 'G',
      nodes: {
        Z: { duration: 1 },
        G: { parallel: ['X', 'Y'], join: 'Z' },
        X: { duration: 1, next: 'Z' },
        Y: { duration: 1, next: 'Z' },
      },
    });
    expect(await importedCycleTime(inner, { X: 1, Y: 3, Z: 2 })).toBe(5);
  });

  test('a path ending apart at an end event that throws (terminate: the first branch to end ends the case) is refused there, not joined', async () => {
    const fork = (definition: string) =>
      wrap(
        [
          '    <bpmn:startEvent id="S"/>',
          '    <bpmn:parallelGateway id="G"/>',
          task('A'),
          task('B'),
          `    <bpmn:endEvent id="T"><bpmn:${definition} id="TD"/></bpmn:endEvent>`,
          '    <bpmn:endEvent id="E"/>',
          flow('F1', 'S', 'G'),
          flow('F2', 'G', 'A'),
          flow('F3', 'G', 'B'),
          flow('F4', 'A', 'T'),
          flow('F5', 'B', 'E'),
        ].join('\n'),
      );
    const refused = (kind: string, what = "process 'P'") =>
      `end event 'T' of ${what} throws (${kind}); etomsim ends ${what}, whose paths end apart, when all have, which BPMN does only where each end event just ends its path`;
    for (const [definition, kind] of [
      ['terminateEventDefinition', 'TerminateEventDefinition'],
      ['errorEventDefinition', 'ErrorEventDefinition'],
      ['messageEventDefinition', 'MessageEventDefinition'],
    ]) {
      const xml = fork(definition);
      const problems = await problemsOf(xml);
      expect(problems.map((p) => [p.id, p.message])).toEqual([['T', refused(kind)]]);
      expect(pointedAt(xml, problems[0])).toMatch(/^id="T">/);
    }
    // paths that end apart from an implicit start: the same
    const starts = wrap(
      [
        task('A'),
        task('B'),
        '    <bpmn:endEvent id="T"><bpmn:terminateEventDefinition id="TD"/></bpmn:endEvent>',
        flow('F1', 'A', 'T'),
      ].join('\n'),
    );
    expect((await problemsOf(starts)).map((p) => [p.id, p.message])).toEqual([['T', refused('TerminateEventDefinition')]]);
    // in a sub-process
    const inner = inSub(
      [
        '      <bpmn:startEvent id="SS"/>',
        '      <bpmn:parallelGateway id="G"/>',
        task('X'),
        task('Y'),
        '      <bpmn:endEvent id="T"><bpmn:terminateEventDefinition id="TD"/></bpmn:endEvent>',
        flow('G1', 'SS', 'G'),
        flow('G2', 'G', 'X'),
        flow('G3', 'G', 'Y'),
        flow('G4', 'X', 'T'),
      ].join('\n'),
    );
    expect((await problemsOf(inner)).map((p) => [p.id, p.message])).toEqual([
      ['T', refused('TerminateEventDefinition', "sub-process 'SP'")],
    ]);
    // where every path ends at it, a terminate end event ends the case as a plain one does: imported
    const joined = wrap(
      [
        '    <bpmn:startEvent id="S"/>',
        '    <bpmn:parallelGateway id="G"/>',
        task('A'),
        task('B'),
        '    <bpmn:parallelGateway id="J"/>',
        task('C'),
        '    <bpmn:endEvent id="T"><bpmn:terminateEventDefinition id="TD"/></bpmn:endEvent>',
        flow('F1', 'S', 'G'),
        flow('F2', 'G', 'A'),
        flow('F3', 'G', 'B'),
        flow('F4', 'A', 'J'),
        flow('F5', 'B', 'J'),
        flow('F6', 'J', 'C'),
        flow('F7', 'C', 'T'),
      ].join('\n'),
    );
    expect(await importedCycleTime(joined, { A: 1, B: 3, C: 2 })).toBe(5);
  });

  test("the file's own nodes are named before the forks made: a task named 'start of P' or 'after B' keeps its name, and a KPI naming it means it", async () => {
    const xml = wrap(
      [
        '    <bpmn:extensionElements><etomsim:kpi name="k" from="start of P" to="after B"/></bpmn:extensionElements>',
        '    <bpmn:task id="A" name="start of P"/>',
        task('B'),
        '    <bpmn:task id="C" name="after B"/>',
        task('Q'),
        '    <bpmn:parallelGateway id="J1"/>',
        '    <bpmn:parallelGateway id="J"/>',
        '    <bpmn:endEvent id="E"/>',
        flow('F1', 'A', 'J'),
        flow('F2', 'B', 'C'),
        flow('F3', 'B', 'Q'),
        flow('F4', 'C', 'J1'),
        flow('F5', 'Q', 'J1'),
        flow('F6', 'J1', 'J'),
        flow('F7', 'J', 'E'),
      ].join('\n'),
    ).replace('<bpmn:definitions ', '<bpmn:definitions xmlns:etomsim="https://github.com/etomsim/etomsim/bpmn/1" ');
    const imported = await importBpmn(xml);
    // the forks made (the start's, the one after B) take a suffix; the tasks keep the names written
    expect(flowOf(imported)).toEqual({
      start: 'start_of_P_2',
      nodes: {
        start_of_P_2: { parallel: ['start_of_P', 'B'], join: 'E' },
        start_of_P: { duration: 1, next: 'E' },
        B: { duration: 1, next: 'after_B_2' },
        after_B_2: { parallel: ['after_B', 'Q'], join: 'E' },
        after_B: { duration: 1, next: 'E' },
        Q: { duration: 1, next: 'E' },
        E: { duration: 0, description: "end event 'E': no work (added by import-bpmn: a decision's branch or a join names a node)" },
      },
      kpis: { k: { from: 'start_of_P', to: 'after_B' } },
    });
    expect(imported.elements.get('flows.P.nodes.start_of_P')?.id).toBe('A');
    expect(imported.elements.get('flows.P.nodes.after_B')?.id).toBe('C');
    // A beside B then the longer of C and Q
    expect(await importedCycleTime(xml, { start_of_P: 1, B: 1, after_B: 2, Q: 3 })).toBe(4);
  });

  test('a task in a sub-process without a flow out ends its path there, and the case goes on after the sub-process (it ended the case before)', async () => {
    const xml = inSub(
      [
        '      <bpmn:startEvent id="SS"/>',
        '      <bpmn:exclusiveGateway id="Dec"/>',
        task('X'),
        '      <bpmn:endEvent id="SE"/>',
        flow('G1', 'SS', 'Dec'),
        flow('G2', 'Dec', 'X'),
        flow('G3', 'Dec', 'SE'),
      ].join('\n'),
    );
    const imported = await importBpmn(xml);
    expect(flowOf(imported).nodes.X).toEqual({ duration: 1, next: 'Z' });
    expect(imported.warnings[0]).toBe(
      "Task 'X' of sub-process 'SP' has no outgoing sequence flow: its path ends there and, as BPMN completes a sub-process when its paths have ended, the case goes on to what follows 'SP'",
    );
    await expectRoundTrip(xml);
    // followed by an end event, the case ends after X as it did: nothing to say (bpmn-js's simple.bpmn)
    const last = await importBpmn(
      wrap(
        [
          '    <bpmn:startEvent id="S"/>',
          `    <bpmn:subProcess id="SP">\n      <bpmn:startEvent id="SS"/>\n${task('X')}\n${flow('G1', 'SS', 'X')}\n    </bpmn:subProcess>`,
          '    <bpmn:endEvent id="E"/>',
          flow('F1', 'S', 'SP'),
          flow('F2', 'SP', 'E'),
        ].join('\n'),
      ),
    );
    expect(flowOf(last)).toEqual({ start: 'X', nodes: { X: { duration: 1 } } });
    expect(last.warnings.filter((w) => w.includes('no outgoing sequence flow'))).toEqual([]);
    // the sub-process's one path ends at X: the case runs X, then Z (it ended after X)
    expect(
      await importedCycleTime(inSub(['      <bpmn:startEvent id="SS"/>', task('X'), flow('G1', 'SS', 'X')].join('\n')), { X: 1, Z: 2 }),
    ).toBe(3);
  });
});

test('lanes within a lane (childLaneSet): a task is in the innermost lane that lists it (a nested lane was not read)', async () => {
  // bpmn-js's collaboration-sequence-flows.bpmn: the inner lanes alone list their nodes; Signavio lists them in the outer lane too
  const xml = wrap(`    <bpmn:laneSet id="LS">
      <bpmn:lane id="Outer" name="Back office"><bpmn:flowNodeRef>T1</bpmn:flowNodeRef><bpmn:flowNodeRef>T3</bpmn:flowNodeRef>
        <bpmn:childLaneSet id="LS2">
          <bpmn:lane id="Inner" name="Clerks"><bpmn:flowNodeRef>T1</bpmn:flowNodeRef></bpmn:lane>
          <bpmn:lane id="Deep"><bpmn:childLaneSet id="LS3"><bpmn:lane id="Deepest" name="Signers"><bpmn:flowNodeRef>T2</bpmn:flowNodeRef></bpmn:lane></bpmn:childLaneSet></bpmn:lane>
        </bpmn:childLaneSet>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="S"/><bpmn:task id="T1" name="Check"/><bpmn:task id="T2" name="Sign"/><bpmn:task id="T3" name="File"/><bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T1"/><bpmn:sequenceFlow id="F2" sourceRef="T1" targetRef="T2"/>
    <bpmn:sequenceFlow id="F3" sourceRef="T2" targetRef="T3"/><bpmn:sequenceFlow id="F4" sourceRef="T3" targetRef="E"/>`);
  const imported = await importBpmn(xml);
  const nodes = (imported.doc.flows as Record<string, { nodes: Record<string, { resource?: string }> }>).P.nodes;
  expect([nodes.Check.resource, nodes.Sign.resource, nodes.File.resource]).toEqual(['Clerks', 'Signers', 'Back_office']);
  expect(Object.keys(imported.doc.resources as object)).toEqual(['Clerks', 'Signers', 'Back_office']);
  expect(imported.elements.get('resources.Signers')?.id).toBe('Deepest');
  // a lane with neither id nor name is refused as one of the process's own is
  const anonymous = await problemsOf(xml.replace('<bpmn:lane id="Deepest" name="Signers">', '<bpmn:lane>'));
  expect(anonymous.map((p) => p.message)).toEqual([
    "a Lane in process 'P' has no id, which BPMN requires of it and etomsim places its team's messages by",
  ]);
});

test('a QBP processSimulationInfo for an empty pool is said by id; one without processId is for the first process with steps', async () => {
  const bimp = (processId: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:qbp="http://www.qbp-simulator.com/Schema201212" id="D" targetNamespace="urn:t">
  <bpmn:process id="Partner"/>
  <bpmn:process id="P">
    <bpmn:startEvent id="S"/><bpmn:task id="T" name="Check"/><bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T"/><bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="E"/>
  </bpmn:process>
  <qbp:processSimulationInfo id="q"${processId}><qbp:arrivalRateDistribution type="FIXED" mean="7200"/></qbp:processSimulationInfo>
</bpmn:definitions>
`;
  const toEmpty = await importBpmn(bimp(' processId="Partner"'));
  expect(toEmpty.warnings).toContain(
    "QBP processSimulationInfo 'q' is for process 'Partner', an empty pool left out: its arrivals are not read",
  );
  expect(toEmpty.doc.arrivals).toEqual([{ flow: 'P', rate: '1/h' }]);
  const unnamed = await importBpmn(bimp(''));
  expect(unnamed.warnings).toContain(
    "QBP processSimulationInfo 'q' names no processId: its arrivals are read for the first process with a flow element, 'P'",
  );
  expect(unnamed.doc.arrivals).toEqual([{ flow: 'P', interarrival: 2 }]);
});

describe('several sequence flows out of a task or start event (uncontrolled flow, session 43)', () => {
  // BPMN 2.0.2, 10.5.1: an activity's or event's outgoing flows without conditions are all taken
  // at once (a parallel split); with conditions, each whose condition holds (an inclusive split).
  const task = (id: string) => `    <bpmn:task id="${id}" name="${id}"/>`;
  const flow = (id: string, from: string, to: string, condition = '') =>
    condition === ''
      ? `    <bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`
      : `    <bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`;

  test('a task whose two flows meet at a converging gateway: a fork after it, joined there', async () => {
    const xml = wrap(
      [
        '    <bpmn:startEvent id="S"/>',
        task('A'),
        task('B'),
        task('C'),
        '    <bpmn:parallelGateway id="J"/>',
        task('K'),
        '    <bpmn:endEvent id="E"/>',
        flow('F1', 'S', 'A'),
        flow('F2', 'A', 'B'),
        flow('F3', 'A', 'C'),
        flow('F4', 'B', 'J'),
        flow('F5', 'C', 'J'),
        flow('F6', 'J', 'K'),
        flow('F7', 'K', 'E'),
      ].join('\n'),
    );
    const imported = await importBpmn(xml);
    expect(flowOf(imported)).toEqual({
      start: 'A',
      nodes: {
        A: { duration: 1, next: 'after_A' },
        after_A: { parallel: ['B', 'C'], join: 'K' },
        B: { duration: 1, next: 'K' },
        C: { duration: 1, next: 'K' },
        K: { duration: 1 },
      },
    });
    expect(imported.warnings[0]).toBe(
      "task 'A' of process 'P' has several outgoing sequence flows without a condition: BPMN takes them all at once (a parallel split), so a fork after it, added, takes them",
    );
    // a message about the fork names the task it follows
    expect(imported.elements.get('flows.P.nodes.after_A')?.id).toBe('A');
    await expectRoundTrip(xml);
    // A, then B and C at once (the longer, 5 h), then K
    expect(await importedCycleTime(xml, { A: 1, B: 2, C: 5, K: 1 })).toBe(7);
  });

  test('a start event and a task whose flows end apart: each a fork, joined where every path ends', async () => {
    // the start event's second flow was dropped without a word before
    const xml = wrap(
      [
        '    <bpmn:startEvent id="S"/>',
        task('A'),
        task('B'),
        task('C'),
        task('K'),
        '    <bpmn:endEvent id="E1"/>',
        '    <bpmn:endEvent id="E2"/>',
        flow('F1', 'S', 'A'),
        flow('F2', 'S', 'K'),
        flow('F3', 'A', 'B'),
        flow('F4', 'A', 'C'),
        flow('F5', 'B', 'E1'),
        flow('F6', 'C', 'E2'),
      ].join('\n'),
    );
    const imported = await importBpmn(xml);
    expect(flowOf(imported)).toEqual({
      start: 'after_S',
      nodes: {
        after_S: { parallel: ['A', 'K'], join: 'end_of_P' },
        A: { duration: 1, next: 'after_A' },
        after_A: { parallel: ['B', 'C'], join: 'end_of_P' },
        B: { duration: 1, next: 'end_of_P' },
        C: { duration: 1, next: 'end_of_P' },
        K: { duration: 1, next: 'end_of_P' },
        end_of_P: {
          duration: 0,
          description: "the end of process 'P': no work (added by import-bpmn: its paths end apart, and BPMN ends it when all have)",
        },
      },
    });
    expect(imported.warnings.slice(0, 2)).toEqual([
      "2 nodes of process 'P' ('S', 'A') each have several outgoing sequence flows without a condition: BPMN takes them all at once (a parallel split), so a fork after each, added, takes them",
      "parallel splits (the flows out of 'S', the flows out of 'A') of process 'P' split into branches that meet at no converging parallel gateway: as BPMN ends process 'P' when all its paths have ended, every path's end leads to one step of no work, added, where they join",
    ]);
    await expectRoundTrip(xml);
    expect(await importedCycleTime(xml, { A: 1, B: 2, C: 3, K: 6 })).toBe(6);
    expect(await importedCycleTime(xml, { A: 1, B: 2, C: 3, K: 1 })).toBe(4);
  });

  test('in a sub-process, and a sub-process with two flows out: forks, joined before what follows', async () => {
    const xml = wrap(
      [
        '    <bpmn:startEvent id="S"/>',
        '    <bpmn:subProcess id="SP">',
        '      <bpmn:startEvent id="SS"/>',
        task('X'),
        task('Y'),
        task('W'),
        flow('G1', 'SS', 'X'),
        flow('G2', 'X', 'Y'),
        flow('G3', 'X', 'W'),
        '    </bpmn:subProcess>',
        task('Z1'),
        task('Z2'),
        '    <bpmn:parallelGateway id="J"/>',
        '    <bpmn:endEvent id="E"/>',
        flow('F1', 'S', 'SP'),
        flow('F2', 'SP', 'Z1'),
        flow('F3', 'SP', 'Z2'),
        flow('F4', 'Z1', 'J'),
        flow('F5', 'Z2', 'J'),
        flow('F6', 'J', 'E'),
      ].join('\n'),
    );
    const imported = await importBpmn(xml);
    expect(imported.warnings.slice(0, 2)).toEqual([
      "sub-process 'SP' of process 'P' has several outgoing sequence flows without a condition: BPMN takes them all at once (a parallel split), so a fork after it, added, takes them",
      "task 'X' of sub-process 'SP' has several outgoing sequence flows without a condition: BPMN takes them all at once (a parallel split), so a fork after it, added, takes them",
    ]);
    await expectRoundTrip(xml);
    // X, then Y and W at once (ending apart: the sub-process completes when both have), then Z1 and Z2 at once
    expect(await importedCycleTime(xml, { X: 1, Y: 2, W: 4, Z1: 3, Z2: 1 })).toBe(8);
  });

  test('flows with a condition, or a default one, are an inclusive split: refused at the task, saying why', async () => {
    const conditioned = await problemsOf(
      wrap(
        [
          '    <bpmn:startEvent id="S"/>',
          task('A'),
          task('B'),
          task('C'),
          '    <bpmn:endEvent id="E"/>',
          flow('F1', 'S', 'A'),
          flow('F2', 'A', 'B', 'x &gt; 1'),
          flow('F3', 'A', 'C'),
          flow('F4', 'B', 'E'),
          flow('F5', 'C', 'E'),
        ].join('\n'),
      ),
    );
    expect(conditioned.map((p) => [p.id, p.message])).toEqual([
      [
        'A',
        "task 'A' has 2 outgoing sequence flows, 'F2' with a condition or the default: BPMN takes each whose condition holds (an inclusive split), and etomsim has no inclusive gateway; put an exclusive or a parallel gateway after it",
      ],
    ]);
    const defaulted = await problemsOf(
      wrap(
        [
          '    <bpmn:startEvent id="S"/>',
          '    <bpmn:task id="A" default="F3"/>',
          task('B'),
          task('C'),
          flow('F1', 'S', 'A'),
          flow('F2', 'A', 'B'),
          flow('F3', 'A', 'C'),
        ].join('\n'),
      ),
    );
    expect(defaulted.map((p) => p.id)).toEqual(['A']);
    expect(defaulted[0].message).toContain("'F3' with a condition or the default");
  });
});

test('sub-processes nested without start events, each starting at its one node, are told in one warning, listing five by id and counting the rest', async () => {
  let inner = '<bpmn:task id="X" name="X"/>';
  for (let i = 6; i >= 0; i--) inner = `<bpmn:subProcess id="SP${i}">${inner}</bpmn:subProcess>`;
  const imported = await importBpmn(
    wrap(`    <bpmn:startEvent id="S"/>${inner}<bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="SP0"/>`),
  );
  expect((imported.doc.flows as Record<string, unknown>).P).toEqual({ start: 'X', nodes: { X: { duration: 1 } } });
  expect(imported.warnings.filter((w) => w.includes('no start event'))).toEqual([
    "7 sub-processes have no start event ('SP0', 'SP1', 'SP2', 'SP3', 'SP4' and 2 more): a case starts in each at the one node in it no sequence flow enters ('SP1', 'SP2', 'SP3', 'SP4', 'SP5' and 2 more), as BPMN starts it",
  ]);
});

describe('a file with nothing to simulate is told at an element (the bpmn-js sweep, session 45)', () => {
  test('a pool that names no process: at its participant', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="urn:t">
  <bpmn:collaboration id="C">
    <bpmn:participant id="Pool_1" name="Orders"/>
  </bpmn:collaboration>
</bpmn:definitions>
`;
    expect(await problemsOf(xml)).toEqual([
      {
        line: 4,
        col: 23,
        id: 'Pool_1',
        message: "the file has no process: nothing to simulate (pool 'Orders', participant 'Pool_1', holds none)",
      },
    ]);
  });

  test('a start event straight into an end event, with and without a task no flow reaches: at the start event', async () => {
    const told = "start event 'S' of process 'P' leads to no task or gateway: a case would end as it starts, nothing to simulate";
    for (const elements of [[], [task('T')]]) {
      const xml = bpmnProcess(start('S'), end('E'), ...elements, flows('S>E'));
      expect((await problemsOf(xml)).map((p) => [p.id, p.message])).toEqual([['S', told]]);
    }
    // through a merge and a join, the same
    const through = bpmnProcess(start('S'), exclusive('M'), parallel('J'), end('E'), flows('S>M>J>E'));
    expect((await problemsOf(through)).map((p) => [p.id, p.message])).toEqual([['S', told]]);
  });
});

test("a fork into 1,000 tasks whose file lists some of its flows among its <outgoing>: each flow once, the listed first, then the file's order", async () => {
  const n = 1_000;
  const ids = Array.from({ length: n }, (_, i) => `T${i}`);
  // the gateway lists its flows to T999 and T5 (in that order); the rest only by their sourceRef
  const xml = bpmnProcess(
    start('S'),
    `<bpmn:parallelGateway id="G"><bpmn:outgoing>F_G_T999</bpmn:outgoing><bpmn:outgoing>F_G_T5</bpmn:outgoing></bpmn:parallelGateway>`,
    parallel('J'),
    end('E'),
    ...ids.map((id) => task(id)),
    flows('S>G', 'J>E', ...ids.map((id) => `G>${id}>J`)),
  );
  const imported = await importBpmn(xml);
  const order = ['T999', 'T5', ...ids.filter((id) => id !== 'T999' && id !== 'T5')];
  expect(flowOf(imported).nodes.G).toEqual({ parallel: order, join: 'E' });
});
