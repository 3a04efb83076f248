// Discovery of rework that is not geometric: a log whose cases check their fix once, twice or
// three times (rework probability [0.6, 0.2, 0] by pass) is discovered with p per visit, and the
// discovered scenario reproduces the log's distribution of passes (never a 4th), where a
// first-order chain of the same share goes round 4 times or more in some 7% of its cases. A log
// whose rework is geometric keeps its single p.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { compileModel } from '../../engine/model/compile.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import type { BranchSpec, Scenario } from '../../engine/scenario/types.js';
import { observeReplication } from '../../engine/sim/replicate.js';
import { simulatedCsv } from '../support/simulated-log.js';

const dir = mkdtempSync(join(tmpdir(), 'etomsim-visit-rework-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scenario = (rework: string, close: string) => `name: Rework
run: { horizon: 120d, replications: 1 }
resources: {}
arrivals: [ { flow: f, interarrival: { exponential: { mean: 3h } } } ]
flows:
  f:
    start: intake
    nodes:
      intake: { duration: { exponential: { mean: 1h } }, next: fix }
      fix: { duration: { exponential: { mean: 2h } }, next: check }
      check: { duration: { exponential: { mean: 30m } }, next: checked }
      checked:
        branch:
          - { to: fix, p: ${rework} }
          - { to: close, p: ${close} }
      close: { duration: { exponential: { mean: 1h } } }
`;

function load(text: string, name: string): Scenario {
  const loaded = loadScenarioText(text, name);
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return loaded.set!.baseline;
}

/** Per case completed, how many times it did `fix`: the share of cases with 1, 2, 3 and 4 or more. */
function passShares(s: Scenario, replication: number, seed = 11): number[] {
  const model = compileModel(s);
  const fix = model.nodes.filter((n) => n.name === 'fix').map((n) => n.id);
  const passes = new Map<number, number>();
  const ended: number[] = [];
  observeReplication(model, replication, seed, {
    taskStart() {},
    taskEnd(serial, node) {
      if (fix.includes(node)) passes.set(serial, (passes.get(serial) ?? 0) + 1);
    },
    taskSuspend() {},
    taskResume() {},
    taskAbandoned() {},
    caseEnd(serial, _flow, _at, cancelled) {
      if (!cancelled) ended.push(serial);
    },
  });
  const shares = [0, 0, 0, 0];
  for (const serial of ended) shares[Math.min(passes.get(serial) ?? 0, 4) - 1] += 1 / ended.length;
  return shares;
}

async function discovered(original: Scenario, name: string): Promise<{ scenario: Scenario; yaml: string }> {
  const path = join(dir, `${name}.csv`);
  writeFileSync(path, simulatedCsv(original, 0, 3));
  const yaml = writeScenarioYaml(discover(await readEventLog(path, { columns: { flow: 'flow' } }), { minShare: 0.05 }), path);
  return { scenario: load(yaml, `${name}-discovered.yaml`), yaml };
}

/** The decision after `check` in a discovered flow. */
function afterCheck(s: Scenario): BranchSpec[] {
  const node = s.flows[0].nodes.find((n) => n.name === 'after_check')!;
  if (node.kind !== 'decision') throw new Error('after_check is not a decision');
  return node.branch;
}

describe('discovery of rework by pass', () => {
  it('[0.6, 0.2, 0] is discovered per visit and its passes reproduced; a first-order chain would not', async () => {
    const original = load(scenario('[0.6, 0.2, 0]', '[0.4, 0.8, 1]'), 'rework.yaml');
    const log = passShares(original, 0, 3); // what the log holds: simulatedCsv's run
    const { scenario: found, yaml } = await discovered(original, 'rework');
    expect(yaml).toContain("# by the case's pass of the step before");
    const branch = afterCheck(found);
    const fix = branch.find((b) => b.to.startsWith('fix'))!;
    // some 960 cases: the first class's share within 0.06 of 0.6, the second's within 0.08 of 0.2; no case checks a 4th time
    expect(fix.byVisit).toHaveLength(3);
    expect(Math.abs(fix.byVisit![0] - 0.6)).toBeLessThan(0.06);
    expect(Math.abs(fix.byVisit![1] - 0.2)).toBeLessThan(0.08);
    expect(fix.byVisit![2]).toBe(0);
    // simulated again (another seed): never a 4th pass, the shares of 1, 2 and 3 passes near the log's
    const again = passShares(found, 1);
    expect(again[3]).toBe(0);
    for (let k = 0; k < 3; k++) expect(Math.abs(again[k] - log[k])).toBeLessThan(0.06);
    expect(Math.abs(again[0] - 0.4)).toBeLessThan(0.06);
    // the same scenario as a first-order chain, rework at its share of all passes: geometric, so a 4th pass and more in some 7% of the cases
    const pooled = fix.p;
    const firstOrder = structuredClone(found);
    for (const b of afterCheck(firstOrder)) {
      b.p = b === afterCheck(firstOrder).find((x) => x.to.startsWith('fix')) ? pooled : 1 - pooled;
      delete b.byVisit;
    }
    const geometric = passShares(firstOrder, 1);
    expect(geometric[3]).toBeGreaterThan(0.04);
    expect(Math.abs(geometric[0] - log[0])).toBeGreaterThan(0.06);
  });

  it('geometric rework keeps its single p', async () => {
    const original = load(scenario('0.4', '0.6'), 'geometric.yaml');
    const { scenario: found, yaml } = await discovered(original, 'geometric');
    expect(yaml).not.toContain('p: [');
    const fix = afterCheck(found).find((b) => b.to.startsWith('fix'))!;
    expect(fix.byVisit).toBeUndefined();
    expect(Math.abs(fix.p - 0.4)).toBeLessThan(0.04);
  });
});
