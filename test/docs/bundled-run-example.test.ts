// What the docs show of a run of the bundled fiber scenario is what it prints: README's "What a run
// tells you" block (`npx etomsim run`, in a folder of its own, as a user types it: every line but
// the wall time and the workers, which are the machine's), and results-format.md's example of a
// damaged results.json that `etomsim report` refuses (its three lines, exit 2, nothing written);
// and the page's columns of the CSV tables, which it did not list before session 49. None was under test: the report's lines had drifted by hundreds (s49h). When a change moves
// these figures on purpose, the failure names each figure that moved, from what to what, and
// `npm run build && node tools/doc-runs.mjs` writes both blocks again (session 50).
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromCSV } from 'arquero';
import { beforeAll, describe, expect, test } from 'vitest';
import { BIN } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';
import { damaged, machineFree, movedFigures, README_BLOCK, REFUSED_BLOCK, REGENERATE, textBlock } from '../../tools/doc-runs.mjs';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
const README = read('README.md');
const RESULTS_FORMAT = read('docs/results-format.md');
const tmp = scratchFolders('etomsim-bundled-run-');

describe('the bundled fiber scenario, run as the docs show', () => {
  let dir = '';
  let run: SpawnSyncReturns<string>;
  beforeAll(() => {
    dir = tmp();
    run = spawnSync(process.execPath, [BIN, 'run'], { cwd: dir, encoding: 'utf8' });
  }, 300_000);

  test('prints README\'s "What a run tells you" lines', () => {
    const shown = textBlock(README, README_BLOCK);
    expect(shown.first).toBe('$ npx etomsim run');
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(machineFree(lines[0])).not.toBe(lines[0]);
    const [now, was] = [lines.map(machineFree), shown.printed.map(machineFree)];
    const moved = movedFigures('README.md', shown.line + 1, was, now);
    expect(
      now,
      `README.md's "What a run tells you" is out of date (the page's -> the run's; ${REGENERATE} writes it again):\n${moved.join('\n')}\n`,
    ).toEqual(was);
  });

  test('its CSV tables have the columns results-format.md lists, in its order, and a change row of kpis.csv as the page reads it', () => {
    const section = RESULTS_FORMAT.slice(RESULTS_FORMAT.indexOf('## Addition: the CSV tables'));
    for (const file of ['kpis.csv', 'comparisons.csv', 'replications.csv']) {
      const row = new RegExp(`^\\| ${file.replace('.', '\\.')} \\| (.*) \\|$`, 'm').exec(section);
      expect(row, `no row for ${file}`).not.toBeNull();
      const documented = [...row![1].matchAll(/`([a-z_]+)`/g)].map((m) => m[1]);
      const header = readFileSync(join(dir, 'out', file), 'utf8').split('\n')[0];
      expect(header.split(','), file).toEqual(documented);
    }
    // "A change row's mean, ci_low and ci_high are comparisons.csv's change, change_low and change_high, its unit their change_unit"
    const rows = (file: string) =>
      readFileSync(join(dir, 'out', file), 'utf8')
        .trimEnd()
        .split('\n')
        .slice(1);
    const change = rows('kpis.csv').find(
      (r) => r.startsWith('zero_touch,flow,order_to_activation,cycle_time.mean,') && r.includes(',change,'),
    )!;
    const compared = rows('comparisons.csv').find((r) => r.startsWith('zero_touch,flows.order_to_activation.cycle_time.mean,'))!;
    const [, , , , mean, low, high, , unit, role, kind, significant] = change.split(',');
    const [, , , , , , c, cUnit, cLow, cHigh, cSignificant] = compared.split(',');
    expect([mean, low, high, unit, role, kind, significant]).toEqual([c, cLow, cHigh, cUnit, 'outcome', 'change', cSignificant]);
  });

  test("every number's unit in its row, as the page's table of units says: kpis.csv's stats and comparisons.csv's baselines agree read in them", () => {
    const objects = (file: string) => fromCSV(readFileSync(join(dir, 'out', file), 'utf8')).objects() as Record<string, unknown>[];
    const kpis = objects('kpis.csv');
    const HOURS_IN: Record<string, number> = { hours: 1, days: 24, minutes: 1 / 60 };
    const inHours = (x: number, unit: string) => x * (HOURS_IN[unit] ?? 1);
    const compared = objects('comparisons.csv');
    expect(compared.length).toBeGreaterThan(0);
    // a stat row's path in the variant block, as comparisons.csv's `metric` gives it (the page: `scope`, `name`, `metric`)
    const pathOf = ({ scope, name, metric }: Record<string, unknown>) =>
      scope === 'resource'
        ? `resources.${name}.${metric}`
        : scope === 'node'
          ? `flows.${(name as string).replace('.', '.nodes.')}.${metric}`
          : `flows.${name}.${metric}`;
    const baseline = new Map(kpis.filter((r) => r.variant === 'baseline' && r.row === 'stat').map((r) => [pathOf(r), r]));
    for (const c of compared) {
      const kpi = baseline.get(c.metric as string);
      expect(kpi, c.metric as string).toBeDefined();
      const [cUnit, kUnit] = [c.value_unit as string, kpi!.unit as string];
      expect(cUnit in HOURS_IN ? 'time' : cUnit, c.metric as string).toBe(kUnit in HOURS_IN ? 'time' : kUnit);
      expect(inHours(c.baseline as number, c.value_unit as string)).toBeCloseTo(inHours(kpi!.mean as number, kpi!.unit as string), 6);
    }
    const units = new Map(compared.map((c) => [c.metric, c.value_unit]));
    for (const r of objects('replications.csv')) if (units.has(r.metric)) expect(r.unit, r.metric as string).toBe(units.get(r.metric));
  });

  test("its results.json, damaged as results-format.md says, gives the page's lines from `report`, exit 2, nothing written", () => {
    const shown = textBlock(RESULTS_FORMAT, REFUSED_BLOCK);
    expect(shown.first).toMatch(/^results\.json:\d+:\d+: /); // the block holds the output alone
    // "the baseline's `resources` set to `"oops"`, zero_touch's mean cycle time's `mean` to `"3.2"` and the first comparison's `delta` deleted"
    const results = JSON.parse(readFileSync(join(dir, 'out/results.json'), 'utf8'));
    writeFileSync(join(dir, 'results.json'), damaged(results));
    expect(results.variants.baseline.resources).not.toBe('oops'); // damaged a copy
    const r = spawnSync(process.execPath, [BIN, 'report', 'results.json', '--out', 'report'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(2);
    const [now, was] = [r.stderr.trimEnd().split('\n'), [shown.first, ...shown.printed]];
    const moved = movedFigures('docs/results-format.md', shown.line, was, now);
    expect(
      now,
      `docs/results-format.md's example of a refused results.json is out of date (the page's -> the run's; ${REGENERATE} writes it again):\n${moved.join('\n')}\n`,
    ).toEqual(was);
    expect(existsSync(join(dir, 'report'))).toBe(false);
  });
});
