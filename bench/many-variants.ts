// Issue 18's report of 50 variants ("2.1 s with 50 variants"): the bundled fiber scenario with
// its three variants and 47 more generated ones, each staffing one of its four teams with one to
// twelve more units (the same metric paths as the baseline's, other numbers), simulated once,
// untimed, for `npm run bench` to time `etomsim report` of its results.json beside the bundled
// scenario's. Run alone it makes the results and times one report (a check that the row works):
//
//   node dist/bench/many-variants.js            (after `npm run build`)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ETOMSIM = join(ROOT, 'bin/etomsim.cjs');
const FIBER = join(ROOT, 'scenarios/fiber-order-to-activation.yaml');

/** The variants of the generated scenario: the bundled scenario's three and the generated ones. */
export const VARIANTS = 50;
/** The bundled scenario's teams and their baseline capacities (scenarios/fiber-order-to-activation.yaml). */
const TEAMS: [string, number][] = [
  ['order_desk', 3],
  ['provisioning', 4],
  ['fallout_desk', 2],
  ['field_techs', 20],
];
/** Replications of the untimed simulation: the report's cost grows with the variants, and two give every interval. */
const REPLICATIONS = 2;

/** The bundled fiber scenario's text with generated variants after its own three, VARIANTS in all. */
export function manyVariantScenario(): string {
  const text = readFileSync(FIBER, 'utf8');
  const sections = [...text.matchAll(/^([a-z_]+):/gm)].map((m) => m[1]);
  if (sections.at(-1) !== 'variants')
    throw new Error(`${FIBER}: its last section is no longer its variants, which this generator appends to`);
  const lines: string[] = [];
  for (let v = 3; v < VARIANTS; v++) {
    const [team, capacity] = TEAMS[v % TEAMS.length];
    const more = 1 + Math.floor(v / TEAMS.length);
    lines.push(
      `  staffing_${v}:`,
      `    description: ${more} more in ${team}`,
      '    patch:',
      `      resources: { ${team}: { capacity: ${capacity + more} } }`,
    );
  }
  return `${text.replace(/\n*$/, '\n')}${lines.join('\n')}\n`;
}

/** The generated scenario simulated in `folder` (untimed, `--no-report`): the path of its results.json. */
export function manyVariantResults(folder: string): string {
  const scenario = join(folder, 'many-variants.yaml');
  writeFileSync(scenario, manyVariantScenario());
  const out = join(folder, 'many-variants');
  const r = spawnSync(process.execPath, [ETOMSIM, 'run', scenario, '-r', String(REPLICATIONS), '--no-report', '-q', '--out', out], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`benchmark run failed: etomsim run ${scenario}\n${r.stderr}`);
  return join(out, 'results.json');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const folder = mkdtempSync(join(tmpdir(), 'etomsim-variants-'));
  try {
    const results = manyVariantResults(folder);
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [ETOMSIM, 'report', results, '-q', '--out', join(folder, 'report')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`etomsim report failed\n${r.stderr}`);
    console.log(`etomsim report of ${VARIANTS} variants: ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(3)} s wall (one run)`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
