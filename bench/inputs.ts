// Growth of etomsim's cost with the size of its inputs: each kind of input generated at n, 2n,
// 4n and 8n in a temporary folder and read by the CLI in a fresh process, with its wall time,
// CPU time (every thread) and peak memory (process-usage.mjs). A cost that grows by four times
// or more per doubling is quadratic somewhere. Usage (after `npm run build`):
//   node dist/bench/inputs.js [KIND...]      kinds: see INPUTS below; all by default
// The inputs are made here (test-only data) and removed after.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const USAGE = join(ROOT, 'bench/process-usage.mjs');
const ETOMSIM = join(ROOT, 'bin/etomsim.cjs');

interface Input {
  /** what is measured */
  what: string;
  command: string[]; // the etomsim command before the file (its output, if any, goes to the scratch folder)
  extension: string;
  n: number; // the smallest size
  make: (n: number) => string;
}

/** A scenario of one team `desk` of `capacity` units and one flow `f` from `start` through `nodes` (lines under `nodes:`). */
const oneFlowScenario = (capacity: number, start: string, nodes: string[]) =>
  [
    'name: Big',
    'run: { horizon: 10h, replications: 1 }',
    'resources:',
    `  desk: { capacity: ${capacity} }`,
    'arrivals:',
    '  - { flow: f, rate: 1/h }',
    'flows:',
    '  f:',
    `    start: ${start}`,
    '    nodes:',
    ...nodes,
  ].join('\n');
const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i));

/** A CSV log of n cases of five 10-minute steps, 15 minutes apart, case c starting 10 minutes after c - 1; step k of case c shifted by jitter(c, k) ms and done by resource r<resource(c, k)>. */
function fiveStepLog(n: number, jitter: (c: number, k: number) => number, resource: (c: number, k: number) => number): string {
  const steps = ['register', 'check', 'approve', 'ship', 'close'];
  const rows = ['case,activity,start,end,resource'];
  const t0 = Date.UTC(2026, 0, 5, 8);
  for (let c = 0; c < n; c++)
    steps.forEach((s, k) => {
      const at = t0 + c * 600_000 + k * 900_000 + jitter(c, k);
      rows.push(`c${c},${s},${new Date(at).toISOString()},${new Date(at + 600_000).toISOString()},r${resource(c, k)}`);
    });
  return rows.join('\n');
}

const INPUTS: Record<string, Input> = {
  typos: {
    what: 'validate: n nodes, each `next` misspelt (did-you-mean among n names)',
    command: ['validate'],
    extension: 'yaml',
    n: 1000,
    make: (n) =>
      oneFlowScenario(
        2,
        'node0',
        lines(n, (i) => `      node${i}: { resource: desk, duration: 1m, next: nod${i + 1} }`),
      ),
  },
  fork: {
    what: 'validate: a fork of n branches to one join',
    command: ['validate'],
    extension: 'yaml',
    n: 2000,
    make: (n) =>
      oneFlowScenario(2, 'd', [
        `      d: { parallel: [${lines(n, (i) => `t${i}`).join(', ')}], join: j }`,
        ...lines(n, (i) => `      t${i}: { duration: 1m, next: j }`),
        '      j: { duration: 1m }',
      ]),
  },
  loop: {
    what: 'validate: a rework loop of n steps',
    command: ['validate'],
    extension: 'yaml',
    n: 1000,
    make: (n) =>
      oneFlowScenario(20, 't0', [
        ...lines(n, (i) => `      t${i}: { resource: desk, duration: 1s, next: ${i + 1 < n ? `t${i + 1}` : 'd'} }`),
        '      d: { branch: [ { to: t0, p: 0.5 }, { to: e, p: 0.5 } ] }',
        '      e: { duration: 1m }',
      ]),
  },
  empirical: {
    what: 'validate: an empirical distribution of n values',
    command: ['validate'],
    extension: 'yaml',
    n: 20000,
    make: (n) =>
      oneFlowScenario(2, 'a', [
        `      a: { resource: desk, duration: { empirical: [${lines(n, (i) => `${(i % 100) + 1}m`).join(', ')}] } }`,
      ]),
  },
  'bpmn-problems': {
    what: 'import-bpmn: n unsupported elements (n problems, each placed)',
    command: ['import-bpmn'],
    extension: 'bpmn',
    n: 2000,
    make: (n) =>
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="urn:t">',
        '<process id="p"><startEvent id="start"/>',
        ...lines(n, (i) => `<subProcess id="s${i}"/>`),
        '</process></definitions>',
      ].join('\n'),
  },
  'bpmn-gateway': {
    what: 'import-bpmn: an exclusive gateway of n outgoing flows, n flows into the end event',
    command: ['import-bpmn'],
    extension: 'bpmn',
    n: 3000,
    make: (n) =>
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="urn:t">',
        '<process id="p">',
        '<startEvent id="start"><outgoing>fs</outgoing></startEvent><sequenceFlow id="fs" sourceRef="start" targetRef="gw"/>',
        `<exclusiveGateway id="gw"><incoming>fs</incoming>${lines(n, (i) => `<outgoing>g${i}</outgoing>`).join('')}</exclusiveGateway>`,
        ...lines(
          n,
          (i) =>
            `<sequenceFlow id="g${i}" sourceRef="gw" targetRef="t${i}"/><task id="t${i}"><incoming>g${i}</incoming><outgoing>e${i}</outgoing></task><sequenceFlow id="e${i}" sourceRef="t${i}" targetRef="end"/>`,
        ),
        `<endEvent id="end">${lines(n, (i) => `<incoming>e${i}</incoming>`).join('')}</endEvent>`,
        '</process></definitions>',
      ].join('\n'),
  },
  'log-resources': {
    what: 'discover: a CSV log of n cases of 5 steps, each step by a resource of its own',
    command: ['discover'],
    extension: 'csv',
    n: 2000,
    make: (n) =>
      fiveStepLog(
        n,
        () => 0,
        (c, k) => c * 5 + k,
      ),
  },
  'log-cases': {
    what: 'discover: a CSV log of n cases of 5 steps, 10 resources',
    command: ['discover'],
    extension: 'csv',
    n: 5000,
    make: (n) =>
      fiveStepLog(
        n,
        (c, k) => (c * 7919 + k * 104729) % 300_000,
        (c, k) => (c + k) % 10,
      ),
  },
  'log-overlap': {
    what: 'discover: a lifecycle CSV log whose first case starts its step n times, then completes it n times (n at work at once)',
    command: ['discover'],
    extension: 'csv',
    n: 4000,
    make: (n) => lifecycleLog(n, () => 'r0'),
  },
  'log-overlap-resources': {
    what: 'discover: as log-overlap, each start by a resource of its own, the completes in the reverse order',
    command: ['discover'],
    extension: 'csv',
    n: 4000,
    make: (n) => lifecycleLog(n, (i) => `r${i}`, true),
  },
};

/**
 * A lifecycle log whose case c0 starts its step n times a minute apart, then completes it n times (by the same
 * resources; last started first with `reversed`); 20 more cases of one instance each, as discover needs many cases.
 */
function lifecycleLog(n: number, resource: (i: number) => string, reversed = false): string {
  const t0 = Date.UTC(2026, 0, 5, 8);
  const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
  const rows = ['case,activity,resource,lifecycle:transition,timestamp'];
  for (let i = 0; i < n; i++) rows.push(`c0,work,${resource(i)},start,${at(i)}`);
  for (let k = 0; k < n; k++) rows.push(`c0,work,${resource(reversed ? n - 1 - k : k)},complete,${at(n + k)}`);
  for (let c = 1; c <= 20; c++) rows.push(`c${c},work,r0,start,${at(2 * n + c)}`, `c${c},work,r0,complete,${at(2 * n + c + 30)}`);
  return rows.join('\n');
}

function measure(
  input: Input,
  file: string,
  scratch: string,
): { wall_s: number; cpu_s: number; peak_rss_mb: number; status: number | null } {
  const usage = join(scratch, 'usage.json');
  rmSync(usage, { force: true });
  const out = input.command[0] === 'validate' ? [] : ['--out', join(scratch, 'out.yaml')];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', USAGE, ETOMSIM, ...input.command, file, ...out], {
    env: { ...process.env, ETOMSIM_BENCH_USAGE: usage },
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 1 << 30, // thousands of problem lines: the default 1 MB would kill the process
  });
  const wall_s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!existsSync(usage))
    throw new Error(
      `etomsim ${input.command.join(' ')} ${file} ended without its usage (exit ${r.status}, ${r.signal ?? 'no signal'}):\n${r.stderr}`,
    );
  const used = JSON.parse(readFileSync(usage, 'utf8')) as { cpu_s: number; peak_rss_mb: number };
  return { wall_s, ...used, status: r.status };
}

const kinds = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(INPUTS);
const scratch = mkdtempSync(join(tmpdir(), 'etomsim-bench-inputs-'));
try {
  for (const kind of kinds) {
    const input = INPUTS[kind];
    if (!input) throw new Error(`unknown kind '${kind}'; known: ${Object.keys(INPUTS).join(', ')}`);
    process.stdout.write(`${kind}: ${input.what}\n`);
    let previous: number | null = null;
    for (const scale of [1, 2, 4, 8]) {
      const n = input.n * scale;
      const file = join(scratch, `${kind}-${n}.${input.extension}`);
      writeFileSync(file, input.make(n));
      const m = measure(input, file, scratch);
      const growth = previous === null ? '' : `, x${(m.cpu_s / previous).toFixed(1)} CPU`;
      previous = m.cpu_s;
      process.stdout.write(
        `  n = ${n}, ${(statSync(file).size / 1e6).toFixed(2)} MB: exit ${m.status}, ${m.wall_s.toFixed(2)} s wall, ${m.cpu_s.toFixed(2)} s CPU, ${m.peak_rss_mb.toFixed(0)} MB peak${growth}\n`,
      );
      rmSync(file);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
