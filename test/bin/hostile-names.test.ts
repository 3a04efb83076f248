// Names spelt like Object.prototype members are names like any other: a scenario that uses
// them for every kind of name validates, runs, and shows each of them in results.json, the
// CSV tables, the Markdown summary, the HTML page and the charts (issue 11, defect 1).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { scratchFolders } from '../support/scratch.js';
import { etomsim } from '../support/cli.js';

const tmp = scratchFolders('etomsim-names-');

const SCENARIO = `name: "Prototype names # <img src=x onerror=alert(1)>"
run: { horizon: 4d, warmup: 4h, replications: 2, seed: 7 }
resources:
  __proto__: { capacity: 2 }
  constructor: { capacity: 2 }
  toString: { capacity: 1 }
  hasOwnProperty: { capacity: 2 }
  prototype: { capacity: 1 }
arrivals:
  - { flow: toString, rate: 1/h }
  - { flow: __proto__, rate: 1/h }
flows:
  toString:
    etom: __proto__
    sla: 8h
    start: prototype
    kpis:
      __proto__: { from: start, to: constructor, sla: 2h }
      valueOf: { from: constructor, to: hasOwnProperty }
    nodes:
      prototype: { etom: constructor, resource: __proto__, duration: { exponential: { mean: 20m } }, next: constructor }
      constructor: { resource: constructor, duration: { exponential: { mean: 20m } }, next: hasOwnProperty }
      hasOwnProperty: { etom: "1.1.1.6", resource: hasOwnProperty, duration: { exponential: { mean: 20m } } }
  __proto__:
    start: __proto__
    nodes:
      __proto__: { etom: "=cmd|' /C calc'!A0", resource: toString, duration: 10m, next: toString }
      toString: { etom: "<img src=x onerror=alert(1)>", resource: prototype, duration: 5m }
variants:
  constructor:
    description: one more __proto__
    patch: { resources: { __proto__: { capacity: 3 } } }
  __proto__:
    patch: { resources: { constructor: { capacity: 3 } } }
  toString:
    patch: { resources: { toString: { capacity: 2 } } }
`;

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype'];

describe('names spelt like Object.prototype members', () => {
  const dir = tmp();
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, SCENARIO);

  test('validate and run agree, and every output carries every name', () => {
    const v = etomsim('validate', file);
    // ids outside the catalog are warned about, not refused
    expect(
      v.stderr
        .trim()
        .split('\n')
        .map((l) => /warning: '(.+)' is not an eTOM process id/.exec(l)?.[1]),
    ).toEqual(['__proto__', 'constructor', "=cmd|' /C calc'!A0", '<img src=x onerror=alert(1)>']);
    expect(v.status).toBe(0);
    const out = join(dir, 'out');
    const r = etomsim('run', file, '--workers', '1', '-q', '--out', out);
    expect(r.stderr).toBe(''); // --quiet: warnings are validate's to print
    expect(r.status).toBe(0);

    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(Object.keys(results.variants)).toEqual(['baseline', 'constructor', '__proto__', 'toString']);
    for (const v of Object.values(results.variants) as any[]) {
      expect(Object.keys(v.resources)).toEqual(NAMES);
      expect(Object.keys(v.flows)).toEqual(['toString', '__proto__']);
      expect(Object.keys(v.flows.toString.nodes)).toEqual(['prototype', 'constructor', 'hasOwnProperty']);
      expect(Object.keys(v.flows.__proto__.nodes)).toEqual(['__proto__', 'toString']);
      expect(Object.keys(v.flows.toString.kpis)).toEqual(['__proto__', 'valueOf']);
      expect(Object.keys(v.etom).sort()).toEqual([
        '1.1.1.6',
        '<img src=x onerror=alert(1)>',
        "=cmd|' /C calc'!A0",
        '__proto__',
        'constructor',
      ]);
      expect(Object.keys(v.charts.queue_length)).toEqual(NAMES);
      expect(v.resources.__proto__.utilization.mean).toBeGreaterThan(0);
    }
    // capacity 3 instead of 2 for __proto__ lowers its utilisation by a third, case for case
    const ratio =
      results.variants.constructor.resources.__proto__.utilization.mean / results.variants.baseline.resources.__proto__.utilization.mean;
    expect(ratio).toBeCloseTo(2 / 3, 1);
    expect(Object.keys(results.slas)).toEqual(['toString']);
    expect(
      results.comparisons.some(
        (c: { variant: string; metric: string }) => c.variant === '__proto__' && c.metric === 'resources.constructor.utilization',
      ),
    ).toBe(true);

    const kpis = readFileSync(join(out, 'kpis.csv'), 'utf8');
    for (const name of NAMES) expect(kpis).toMatch(new RegExp(`^\\w+,resource,${name},utilization,`, 'm'));
    expect(kpis).toMatch(/^__proto__,flow,toString,kpis\.__proto__\.mean,/m);
    expect(kpis).toMatch(/^toString,node,__proto__\.toString,visits,/m);
    // the eTOM ids arrive as text, never as a formula or as markup
    expect(kpis).toContain("\nbaseline,etom,'=cmd|' /C calc'!A0,visits,");
    const reps = readFileSync(join(out, 'replications.csv'), 'utf8');
    expect(reps).toMatch(/^constructor,2,resources\.hasOwnProperty\.utilization,/m);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    for (const name of NAMES) expect(html).toContain(name);
    expect(md).toContain('constructor');
    expect(md).toContain('hasOwnProperty');
    expect(md).toContain('# Prototype names \\# \\<img src=x onerror=alert(1)\\>');
    const svgs = readdirSync(join(out, 'charts')).filter((f) => f.endsWith('.svg'));
    for (const text of [html, md, ...svgs.map((f) => readFileSync(join(out, 'charts', f), 'utf8'))])
      expect(text).not.toMatch(/(?<!\\)<img src=x/);
    expect(svgs.length).toBeGreaterThanOrEqual(10);
    const utilization = readFileSync(join(out, 'charts', 'utilization.svg'), 'utf8');
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'prototype']) expect(utilization).toContain(name);

    // the report rebuilt from results.json is the same, file for file
    const again = join(dir, 'again');
    const rep = etomsim('report', join(out, 'results.json'), '--out', again, '-q');
    expect(rep.stderr).toBe('');
    expect(rep.status).toBe(0);
    for (const f of ['report.html', 'summary.md', 'kpis.csv', 'charts/cycle-time.vl.json', 'charts/utilization.svg']) {
      expect(readFileSync(join(again, f), 'utf8'), f).toBe(readFileSync(join(out, f), 'utf8'));
    }
  });

  test('bottlenecks and size take them too', () => {
    const out = join(dir, 'size');
    const s = etomsim(
      'size',
      file,
      '-w',
      '1',
      '-r',
      '6',
      '-q',
      '--target',
      'flows.toString.cycle_time.mean <= 3h',
      '--target',
      'resources.__proto__.utilization <= 0.9',
      '--out',
      out,
    );
    // six replications and targets with margin (at one unit a team, the search's ends 1.69 h and 45% against 3 h and 90%;
    // the fresh ones 1.68 h and 43%): one outcome, a confirmed recommendation, where two replications' intervals were so
    // wide that the verification refuted the choice (exit 3) or not by the seed's luck
    expect(s.status, s.stderr).toBe(0);
    const sizing = JSON.parse(readFileSync(join(out, 'sizing.json'), 'utf8'));
    expect(sizing.verification.meets).toBe(true);
    expect(Object.keys(sizing.chosen.capacities)).toEqual(NAMES);
    const b = etomsim('bottlenecks', file, '-w', '1', '-r', '2', '-q', '--variant', '__proto__', '--out', out);
    expect(b.status).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(join(out, 'bottlenecks.json'), 'utf8')).resources)).toEqual(NAMES);
  });
});
