import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { type CapturedOutput, captureOutput } from '../support/captured-output.js';
import { reportCommand } from '../../bin/commands/report.js';
import { InputRefused } from '../../engine/io/input-file.js';
import { SIZING_PATH, smallResults, smallSizing } from './fixture.js';

let dir: string;
let said: CapturedOutput;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'etomsim-report-command-'));
  said = captureOutput();
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function resultsFile(content: string = JSON.stringify(smallResults())): string {
  const file = join(dir, 'results.json');
  writeFileSync(file, content);
  return file;
}

const REPORT_FILES = ['comparisons.csv', 'kpis.csv', 'replications.csv', 'report.html', 'summary.md'];

describe('etomsim report', () => {
  test('rebuilds the report beside the results file and lists what it wrote', async () => {
    expect(await reportCommand(resultsFile(), undefined, false)).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['.etomsim-manifest.json', 'charts', ...REPORT_FILES, 'results.json'].sort());
    expect(readdirSync(join(dir, 'charts'))).toContain('kpi-gains.svg');
    // 14 charts (spec and SVG) and 2 process maps (the baseline's, the redesign's)
    expect(said.out).toContain(`wrote ${5 + 2 * 14 + 2} files to ${dir}:`);
    expect(said.out).toContain(join(dir, 'report.html'));
  });

  test('--out puts it elsewhere; quiet prints nothing', async () => {
    const out = join(dir, 'elsewhere');
    expect(await reportCommand(resultsFile(), out, true)).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.etomsim-manifest.json', 'charts', ...REPORT_FILES].sort());
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('# Order \\<handling\\> \\& co');
    expect(said.out).toBe('');
  });

  test('a missing file is refused as every input is (engine/io/input-file.ts)', async () => {
    await expect(reportCommand(join(dir, 'none.json'), undefined, true)).rejects.toThrow(
      new InputRefused(join(dir, 'none.json'), 'cannot read the results file: no such file'),
    );
  });

  // Each malformed file: exit 2, one line per problem at the offending value's LINE:COL (found
  // here by searching the text for a marker, independently of the locator), nothing written.
  const pretty = (data: unknown) => JSON.stringify(data, null, 2);
  /** LINE:COL of the first occurrence of `needle` in `text` (plus `shift` characters). */
  function at(text: string, needle: string, shift = 0): string {
    const offset = text.indexOf(needle);
    if (offset < 0) throw new Error(`no ${needle} in the file`);
    const before = text.slice(0, offset + shift).split('\n');
    return `${before.length}:${before[before.length - 1].length + 1}`;
  }
  const CASES: { name: string; text: () => string; expected: (text: string) => string[] }[] = [
    {
      name: 'a team block that is a text',
      text: () =>
        pretty({
          ...smallResults(),
          variants: { ...smallResults().variants, baseline: { ...smallResults().variants.baseline, resources: 'oops' } },
        }),
      expected: (t) => [
        `${at(t, '"oops"')}: expected a map of names, each to a team's stats, found the text "oops" (at variants.baseline.resources)`,
      ],
    },
    {
      name: 'a metric that is a text, deep inside a variant',
      text: () => {
        const r = smallResults();
        (r.variants.redesign.flows.order.cycle_time.p90 as { mean: unknown }).mean = '70.5';
        return pretty(r);
      },
      expected: (t) => [
        `${at(t, '"70.5"')}: expected a number or null, found the text "70.5" (at variants.redesign.flows.order.cycle_time.p90.mean)`,
      ],
    },
    {
      name: 'a missing list the report reads (an eTOM process without its nodes), shown at the map that lacks it',
      text: () => {
        const r = smallResults();
        delete (r.variants.baseline.etom as Record<string, { nodes?: unknown }>)['1.1.1.5'].nodes;
        return pretty(r);
      },
      expected: (t) => [`${at(t, '"1.1.1.5": {', 11)}: missing key 'nodes' (a list of texts) (at variants.baseline.etom.1.1.1.5.nodes)`],
    },
    {
      name: 'a missing required key at the top',
      text: () => {
        const r: Partial<ReturnType<typeof smallResults>> = smallResults();
        delete r.comparisons;
        return pretty(r);
      },
      expected: () => ["1:1: missing key 'comparisons' (a list of comparisons) (at comparisons)"],
    },
    {
      name: 'extra nesting: a stat wrapped in a list, an interval of three numbers',
      text: () => {
        const r = smallResults() as unknown as { variants: Record<string, { resources: Record<string, Record<string, unknown>> }> };
        r.variants.baseline.resources.desk.wait = [{ mean: 2, sd: 0, n: 3, ci95: null }];
        (r.variants.baseline.resources.techs.cost as { ci95: unknown }).ci95 = [1, 2, 3.25];
        return pretty(r);
      },
      expected: (t) => [
        `${at(t, '"wait": [', 8)}: expected a stat ({ mean, sd, n, ci95 }), found a list of 1 item (at variants.baseline.resources.desk.wait)`,
        `${at(t, '3.25', t.lastIndexOf('[', t.indexOf('3.25')) - t.indexOf('3.25'))}: expected a list of 2 numbers, found a list of 3 items (at variants.baseline.resources.techs.cost.ci95)`,
      ],
    },
    {
      name: 'a number too large to hold, and one out of range',
      text: () => pretty({ ...smallResults(), horizon: 'HUGE', warmup: -5 }).replace('"HUGE"', '1e400'),
      expected: (t) => [
        `${at(t, '1e400')}: expected a number above 0, found a number too large to hold (beyond ±1.8e308) (at horizon)`,
        `${at(t, '-5')}: expected a number of at least 0, found the number -5 (at warmup)`,
      ],
    },
    {
      name: '__proto__ as a team name with a malformed block, and as a variant without a baseline',
      text: () => {
        const r = smallResults();
        // the team is __proto__ everywhere (its chart series too), and its block misspells a key
        const text = pretty(r)
          .replaceAll('"techs"', '"__proto__"')
          .replace('"__proto__": {\n          "utilization"', '"__proto__": {\n          "utilisation"');
        return text;
      },
      expected: (t) => [
        `${at(t, '"__proto__": {\n          "utilisation"', 13)}: missing key 'utilization' (a stat ({ mean, sd, n, ci95 })); did you mean 'utilisation'? (at variants.baseline.resources.__proto__.utilization)`,
      ],
    },
    {
      name: 'variants without a baseline (only __proto__), and a misspelt time unit',
      text: () =>
        pretty({ ...smallResults(), time_unit: 'hour', variants: 'VARIANTS', comparisons: [] }).replace(
          '"VARIANTS"',
          `{"__proto__": ${pretty(smallResults().variants.redesign)}}`,
        ),
      expected: (t) => [
        `${at(t, '"hour"')}: expected one of 'minutes', 'hours', 'days', found the text "hour"; did you mean 'hours'? (at time_unit)`,
        `${at(t, '"variants": {', 12)}: missing the variant 'baseline' (every results file has it) (at variants.baseline)`,
      ],
    },
    {
      name: 'a comparison naming a variant the file does not hold',
      text: () => pretty({ ...smallResults(), comparisons: [{ ...smallResults().comparisons[0], variant: 'ghost' }] }),
      expected: (t) => [
        `${at(t, '"ghost"')}: the comparison names the variant 'ghost', which the file does not hold (at comparisons.0.variant)`,
      ],
    },
    {
      name: 'a process map starting at a step the flow lacks, beside a wrong type: both at once',
      text: () => {
        const r = smallResults();
        r.variants.redesign.inputs!.flows.order.start = 'captur';
        return pretty({ ...r, horizon: '96 h' });
      },
      expected: (t) => [
        `${at(t, '"96 h"')}: expected a number above 0, found the text "96 h" (at horizon)`,
        `${at(t, '"captur"')}: 'captur' is not a step of the flow 'order'; did you mean 'capture'? (its steps: capture, route, install) (at variants.redesign.inputs.flows.order.start)`,
      ],
    },
    {
      name: "a change of the inputs read by its field: a distribution without its parameter, a decision's branch to a number",
      text: () => {
        const r = smallResults();
        const changes = r.variants.redesign.inputs!.changes;
        changes[1].baseline = { kind: 'constant', valu: 0.5 };
        changes.push({ path: 'flows.order.nodes.route.branch', baseline: [{ to: 'install', p: 0.9 }], variant: [{ to: 404, p: 0.9 }] });
        return pretty(r);
      },
      expected: (t) => [
        `${at(t, '"valu"', t.lastIndexOf('{', t.indexOf('"valu"')) - t.indexOf('"valu"'))}: missing key 'value' (a number); did you mean 'valu'? (at variants.redesign.inputs.changes.1.baseline.value)`,
        `${at(t, '404')}: expected a text, found the number 404 (at variants.redesign.inputs.changes.2.variant.0.to)`,
      ],
    },
    {
      name: 'a sizing.json with a metric that is a text and no cost difference beside its chosen staffing',
      text: () => {
        const s = smallSizing();
        (s.candidates[2].metrics[SIZING_PATH] as { mean: unknown }).mean = '72 h';
        return pretty({ ...s, cost_difference_per_week: null });
      },
      expected: (t) => [
        `${at(t, '"cost_difference_per_week": null', 28)}: expected a number: the file has a chosen staffing (at cost_difference_per_week)`,
        `${at(t, '"72 h"')}: expected a number or null, found the text "72 h" (at candidates.2.metrics.${SIZING_PATH}.mean)`,
      ],
    },
    {
      name: 'a sizing.json without its current staffing',
      text: () => {
        const s: Partial<ReturnType<typeof smallSizing>> = smallSizing();
        delete s.current;
        return pretty(s);
      },
      expected: () => [
        "1:1: missing key 'current' (a staffing ({ capacities, cost_per_hour, cost_per_week, meets, metrics, targets })) (at current)",
      ],
    },
    {
      name: 'a sizing.json that lost its candidates: still a sizing file (its sizing_format says so), the missing key told',
      text: () => {
        const s: Partial<ReturnType<typeof smallSizing>> = smallSizing();
        delete s.candidates;
        return pretty(s);
      },
      expected: () => [
        "1:1: missing key 'candidates' (a list of staffings ({ capacities, cost_per_hour, cost_per_week, meets, metrics, targets })) (at candidates)",
      ],
    },
    {
      name: 'a sizing.json of a later format, said alone',
      text: () => pretty({ ...smallSizing(), sizing_format: 2 }),
      expected: (t) => [`${at(t, '2')}: a sizing file of format 2; this etomsim reads format 1 (at sizing_format)`],
    },
    {
      name: 'not JSON',
      text: () => '{\n  "format": 1,\n  "engine": tru\n}',
      expected: () => [
        "3:13: invalid JSON: expected a value (a number, a string in double quotes, true, false, null, a list or a map), found 't'; give the results.json that 'etomsim run' wrote (at file)",
      ],
    },
    {
      // a sizing.json's error asked for the results.json of 'etomsim run' (until session 56): the kind its keys show, named
      name: 'a sizing.json that is not JSON: the sizing.json asked for',
      text: () => '{\n  "sizing_format": 1,\n  "candidates": tru\n}',
      expected: () => [
        "3:17: invalid JSON: expected a value (a number, a string in double quotes, true, false, null, a list or a map), found 't'; give the sizing.json that 'etomsim size --out' wrote (at file)",
      ],
    },
    {
      name: 'not JSON before the keys that tell its kind ("format" alone, no "engine"): both kinds asked for',
      text: () => '{\n  "format" 1\n}',
      expected: () => [
        "2:12: invalid JSON: expected ':' after a key; give the results.json that 'etomsim run' wrote, or the sizing.json of 'etomsim size --out' (at file)",
      ],
    },
    {
      name: 'a byte order mark before the JSON (as some Windows editors save it): read past, and columns counted as an editor shows them',
      text: () => `\ufeff${JSON.stringify({ ...smallResults(), horizon: 'long' })}`,
      expected: (t) => [`${at(t.slice(1), '"long"')}: expected a number above 0, found the text "long" (at horizon)`],
    },
    {
      name: 'a thousand bad values in one list: the first five told, the rest counted in one line at the list',
      text: () => {
        const r = smallResults();
        (r.variants.baseline.replications as Record<string, unknown>)['resources.desk.utilization'] = Array.from(
          { length: 1000 },
          (_, i) => `x${i}`,
        );
        return pretty(r);
      },
      expected: (t) => [
        `${at(t, '"resources.desk.utilization": [', 30)}: 995 more problems in this list, not told one by one (the first 5 are) (at variants.baseline.replications.resources.desk.utilization)`,
        ...[0, 1, 2, 3, 4].map(
          (i) =>
            `${at(t, `"x${i}"`)}: expected a number or null, found the text "x${i}" (at variants.baseline.replications.resources.desk.utilization.${i})`,
        ),
      ],
    },
    {
      name: 'JSON of another kind',
      text: () => '[1, 2]',
      expected: () => [
        "1:1: not an etomsim results file (found a list of 2 items); give the results.json that 'etomsim run' wrote, or the sizing.json of 'etomsim size --out' (at file)",
      ],
    },
    {
      // V8's JSON.parse reads it (no recursion); what the file has is said, not a key it cannot have
      name: 'a list nested 200,000 deep',
      text: () => `${'['.repeat(200_000)}${']'.repeat(200_000)}`,
      expected: () => [
        "1:1: not an etomsim results file (found a list of 1 item); give the results.json that 'etomsim run' wrote, or the sizing.json of 'etomsim size --out' (at file)",
      ],
    },
    {
      name: 'no engine',
      text: () => '{"format": 1}',
      expected: () => [
        "1:1: not an etomsim results file (it has no key 'engine'); give the results.json that 'etomsim run' wrote, or the sizing.json of 'etomsim size --out' (at engine)",
      ],
    },
    {
      name: 'an engine that is no map',
      text: () => '{"format": 1, "engine": [[["etomsim"]]]}',
      expected: () => [
        "1:25: not an etomsim results file (its engine is a list of 1 item); give the results.json that 'etomsim run' wrote, or the sizing.json of 'etomsim size --out' (at engine)",
      ],
    },
    {
      name: 'a format beyond a double, said as written',
      text: () => '{"engine": {"name": "etomsim"},\n  "format":  -1E+999}',
      expected: () => ['2:14: expected format 1, found -1E+999, a number too large to hold (beyond ±1.8e308) (at format)'],
    },
    {
      name: 'a sizing format beyond a double, said as written',
      text: () => '{"sizing_format": 1e400, "candidates": []}',
      expected: () => ['1:19: expected sizing_format 1, found 1e400, a number too large to hold (beyond ±1.8e308) (at sizing_format)'],
    },
    {
      name: 'another engine',
      text: () => '{"format": 1, "engine": {"name": "other"}}',
      expected: () => [
        `1:34: not an etomsim results file (its engine.name is the text "other", not 'etomsim'); give the results.json that 'etomsim run' wrote, or the sizing.json of 'etomsim size --out' (at engine.name)`,
      ],
    },
    {
      // placed at the engine map, said missing (before session 41: "its engine.name is not 'etomsim'")
      name: 'an engine without a name',
      text: () => '{"format": 1, "engine": {"version": "0.1.0"}}',
      expected: () => [
        "1:25: not an etomsim results file (its engine has no key 'name'); give the results.json that 'etomsim run' wrote, or the sizing.json of 'etomsim size --out' (at engine.name)",
      ],
    },
    {
      // JSON.parse keeps the last, which the report showed; another reader may keep the first (session 62)
      name: 'the horizon written twice, told alone at its second',
      text: () => pretty(smallResults()).replace(/\n( *)"horizon": ([^,\n]+),/, '\n$1"horizon": $2,\n$1"horizon": 1,'),
      expected: (t) => [
        `${at(t, '"horizon": 1,')}: key 'horizon' appears twice in the same map (first at ${at(t, '"horizon"')}); keep only one: JSON readers differ on which one counts (at horizon)`,
      ],
    },
    {
      // nested: its path is the map's, then the key; the file's other problem (a seed that is a text) waits for it
      name: 'a key written twice in a sizing file, beside a wrong value',
      text: () => pretty({ ...smallSizing(), seed: 'x' }).replace('"techs": 3\n', '"techs": 3,\n    "techs": 4\n'),
      expected: (t) => [
        `${at(t, '"techs": 4')}: key 'techs' appears twice in the same map (first at ${at(t, '"techs": 3')}); keep only one: JSON readers differ on which one counts (at lower_bounds.techs)`,
      ],
    },
    {
      name: 'a later format, said alone',
      text: () => '{"format": 2, "engine": {"name": "etomsim"}}',
      expected: () => ['1:12: a results file of format 2; this etomsim reads format 1 (at format)'],
    },
  ];

  test.each(CASES.map((c) => [c.name, c] as const))('%s: exit 2, each problem at its LINE:COL, nothing written', async (_, c) => {
    const text = c.text();
    const file = resultsFile(text);
    const out = join(dir, 'out');
    expect(await reportCommand(file, out, false)).toBe(2);
    expect(said.err.trimEnd().split('\n')).toEqual(c.expected(text).map((line) => `${file}:${line}`));
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['results.json']);
    expect(said.out).toBe('');
  });

  test('through the command line: exit 2 and the lines alone, no stack trace, no internal error', () => {
    const file = resultsFile(pretty({ ...smallResults(), warmup: 'a day' }));
    const r = spawnSync(
      process.execPath,
      [fileURLToPath(new URL('../../bin/etomsim.cjs', import.meta.url)), 'report', file, '--out', join(dir, 'out')],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `${file}:${at(readFileSync(file, 'utf8'), '"a day"')}: expected a number of at least 0, found the text "a day" (at warmup)\n`,
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  test('__proto__ as the name of a flow, a team and a variant is data: the report is built', async () => {
    const text = pretty(smallResults()).replaceAll('"techs"', '"__proto__"').replaceAll('"redesign"', '"constructor"');
    expect(await reportCommand(resultsFile(text), join(dir, 'out'), true)).toBe(0);
    expect(readFileSync(join(dir, 'out', 'kpis.csv'), 'utf8')).toContain('__proto__');
  });

  test('a results.json written by the first etomsim with a report command (1afd903, no bottlenecks, inputs or warnings) is reported', async () => {
    const old = readFileSync(new URL('./fixtures/results-1afd903.json', import.meta.url), 'utf8');
    expect(await reportCommand(resultsFile(old), join(dir, 'out'), true, ['html', 'csv', 'md'])).toBe(0);
    expect(readFileSync(join(dir, 'out', 'report.html'), 'utf8')).toContain('Tiny desk');
  });

  test('a sizing.json written before --per-shift and currency is reported', async () => {
    const old: Partial<ReturnType<typeof smallSizing>> = smallSizing();
    for (const key of ['sizing_format', 'per_shift', 'shifts', 'erlang_c_intervals', 'erlang_c_exact', 'currency'] as const)
      delete old[key];
    expect(await reportCommand(resultsFile(pretty(old)), join(dir, 'out'), true)).toBe(0);
    expect(readFileSync(join(dir, 'out', 'sizing.html'), 'utf8')).toContain('Sizing techs: test');
  });

  test('a sizing.json with --formats is refused, nothing written: its report is always sizing.html, .svg and .vl.json (s63M: --formats csv wrote them)', async () => {
    const file = resultsFile(pretty(smallSizing()));
    const out = join(dir, 'out');
    await expect(reportCommand(file, out, true, ['csv'])).rejects.toThrow(
      `--formats picks the files of a results.json's report; ${file} is a sizing.json, whose report is always sizing.html, sizing.svg and sizing.vl.json: leave out --formats`,
    );
    expect(existsSync(out)).toBe(false);
    expect(await reportCommand(file, out, true)).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.etomsim-manifest.json', 'sizing.html', 'sizing.svg', 'sizing.vl.json']);
  });

  test('a write that fails leaves no half-written report', async () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'charts'), 'a file where the charts folder should go');
    await expect(reportCommand(resultsFile(), out, true)).rejects.toThrow();
    expect(readdirSync(out)).toEqual(['charts']);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
  });
});
