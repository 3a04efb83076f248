// A task's `activity` (etomsim addition): the link between a task and the log's activity as
// data. discover writes it, so activities whose names slug alike ('a.b', 'a_b', 'a-b', 'a b';
// 'Check', 'check'), which it writes as a_b, a_b_2, ..., meet their own tasks in fidelity; a
// task without it is matched by name, and a name several activities slug to stands for none,
// which the warning says (before, a_b was compared with the log's 'a_b' and a_b_2 with nothing:
// paths' total variation 1.000 on discover's own scenario, s33x F8).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { activityMatch, fidelity } from '../../engine/fidelity/fidelity.js';
import { exportBpmn } from '../../engine/interchange/bpmn-export.js';
import { importBpmn } from '../../engine/interchange/bpmn-import.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { scenarioYaml } from '../../engine/interchange/scenario-yaml.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { diagnose, where, yaml } from '../scenario/diagnose.js';
import { scratchFolders } from '../support/scratch.js';

const dir = scratchFolders('etomsim-activity-key-')();
const ALIKE = ['a.b', 'a_b', 'a-b', 'a b', 'Check', 'check'];

/** 120 cases doing the six activities in turn, each with a team of its own. */
async function alikeLog() {
  const rows = ['case_id,activity,resource,start_time,end_time'];
  const at = (ms: number) => new Date(ms).toISOString();
  for (let c = 0; c < 120; c++) {
    let t = Date.UTC(2024, 0, 8, 8) + c * 2 * 3_600_000 + (c % 5) * 300_000;
    ALIKE.forEach((activity, k) => {
      const minutes = 10 * (k + 1) + (c % 3);
      rows.push(`c${c},${activity},r${k},${at(t)},${at(t + minutes * 60_000)}`);
      t += minutes * 60_000;
    });
  }
  const path = join(dir, 'alike.csv');
  writeFileSync(path, `${rows.join('\n')}\n`);
  return { path, log: await readEventLog(path) };
}

describe("a task's activity", () => {
  it('discover writes it and fidelity meets every activity of names that slug alike; without it, the ambiguous name is said', async () => {
    const { path, log } = await alikeLog();
    const text = writeScenarioYaml(discover(log, { minShare: 0.05 }), path);
    const loaded = loadScenarioText(text, 'alike.yaml');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const tasks = loaded.set!.baseline.flows[0].nodes.flatMap((n) => (n.kind === 'task' ? [[n.name, n.activity]] : []));
    expect(tasks).toEqual([
      ['a_b', 'a.b'],
      ['a_b_2', 'a_b'],
      ['a_b_3', 'a-b'],
      ['a_b_4', 'a b'],
      ['check', 'Check'],
      ['check_2', 'check'],
    ]);
    const f = await fidelity(loaded.set!.baseline, 'alike', log, { replications: 2, seed: 1, slaHours: null });
    expect(f.warnings).toEqual([]);
    expect(f.log).toMatchObject({ activities_matched: 6, activities_unmatched: [], tasks_unmatched: [] });
    // each step is its own activity's: the simulated mean processing time within a minute of the log's
    // each step its own activity's, done by every simulated case as by every case of the log; one path, the log's
    expect(f.steps.map((s) => [s.activity, s.log.n])).toEqual(ALIKE.map((a) => [a, 120]));
    for (const s of f.steps) expect(s.simulation.n.mean, s.activity).toBeGreaterThan(100);
    expect(f.paths.total_variation.mean).toBeLessThan(0.1);

    // through BPMN and back (etomsim:activity), the same keys
    const back = loadScenarioText(
      scenarioYaml(await importBpmn(await exportBpmn(loaded.set!.baseline, 'baseline', 'test')), 'x.bpmn'),
      'back.yaml',
    );
    expect(back.set!.baseline.flows[0].nodes.flatMap((n) => (n.kind === 'task' ? [[n.name, n.activity]] : []))).toEqual(tasks);

    // the keys removed (a scenario discovered before them): matched by name, the ambiguous slugs stand for none
    const unkeyed = loadScenarioText(text.replace(/^ {8}activity: .*\n/gm, ''), 'unkeyed.yaml').set!.baseline;
    expect(unkeyed.flows[0].nodes.some((n) => n.kind === 'task' && n.activity !== undefined)).toBe(false);
    const match = activityMatch(unkeyed, log);
    // 'a_b' and 'check' are activities' own names; a_b_2..4 and check_2 are no name nor a single slug
    expect(match.unmatched).toEqual(['a.b', 'a-b', 'a b', 'Check']);
    expect(match.tasksUnmatched).toEqual(['a_b_2', 'a_b_3', 'a_b_4', 'check_2']);
    expect(match.tasksAmbiguous).toEqual([]);
    // a task named as several activities slug, with no activity of that very name ('a_b' renamed 'a:b'): none is taken, and the warning says why
    const dotted = { ...log, activities: log.activities.map((a) => (a === 'a_b' ? 'a:b' : a)) };
    const m2 = activityMatch(unkeyed, dotted);
    expect(m2.tasksAmbiguous).toEqual(['a_b']);
    const g = await fidelity(unkeyed, 'unkeyed', dotted, { replications: 1, seed: 1, slaHours: null });
    expect(g.warnings.find((w) => w.code === 'tasks_unmatched')?.message).toMatch(
      /; of them, 'a_b' is the node name discover gives several of the log's activities \(their names differ only in case or punctuation\), so none is taken for it: give it the log's activity with the task's activity key, as discover writes it$/,
    );
  });

  it('is text, not empty, and on a task alone', () => {
    const bad = yaml`
      name: t
      run: { horizon: 10d }
      resources: {}
      arrivals: [{ flow: f, rate: 1/h }]
      flows:
        f:
          start: a
          nodes:
            a: { duration: 1h, activity: 12, next: b }
            b: { duration: 1h, activity: "", next: c }
            c: { branch: [{ to: d, p: 1 }], activity: "D" }
            d: { duration: 1h, activity: "Check order" }
    `;
    const found = diagnose(bad);
    expect(found.slice(0, 2)).toEqual([
      {
        at: where(bad, '12'),
        path: 'flows.f.nodes.a.activity',
        message: "activity (the event log's activity the task stands for) must be text; found 12 (put it in quotes)",
      },
      {
        at: where(bad, '""'),
        path: 'flows.f.nodes.b.activity',
        message: "activity must be the event log's activity the task stands for; found ''",
      },
    ]);
    expect(found[2]).toMatchObject({
      path: 'flows.f.nodes.c',
      message: expect.stringMatching(/it mixes a task \(activity\) and a decision \(branch\)/),
    });
    expect(found).toHaveLength(3);
    const good = loadScenarioText(bad.replace(/activity: 12, |activity: "", |, activity: "D"/g, ''), 't.yaml');
    expect(good.diagnostics).toEqual([]);
    expect(good.set!.baseline.flows[0].nodes.find((n) => n.name === 'd')).toMatchObject({ kind: 'task', activity: 'Check order' });
  });
});

// A step of no work (automated, duration 0) is no task the log could show: discover's
// end_of_case, where a case ends after a choice, was warned of as a task 'the log cannot speak
// for' on discover's own scenario (pm4py's OCEL 2.0 example and receipt log, session 39). One
// automated step of an hour the log lacks is still warned of.
it("a step of no work (discover's end_of_case) is no task unmatched; an automated step of some time still is", async () => {
  const rows = ['case_id,activity,start_time,end_time'];
  const at = (ms: number) => new Date(ms).toISOString();
  for (let c = 0; c < 40; c++) {
    const t = Date.UTC(2024, 0, 8, 8) + c * 3_600_000;
    rows.push(`${c},Register,${at(t)},${at(t + 600_000)}`);
    if (c % 2 === 0) rows.push(`${c},Approve,${at(t + 900_000)},${at(t + 1_500_000)}`);
  }
  const path = join(dir, 'ends-after-choice.csv');
  writeFileSync(path, `${rows.join('\n')}\n`);
  const log = await readEventLog(path);
  const text = writeScenarioYaml(discover(log, { minShare: 0.05 }), path);
  expect(text).toMatch(/^ {6}end_of_case: \{ duration: 0,/m);
  const found = loadScenarioText(text, 'found.yaml').set!.baseline;
  expect(activityMatch(found, log).tasksUnmatched).toEqual([]);
  const timed = loadScenarioText(text.replace(/end_of_case: \{ duration: 0,/, 'end_of_case: { duration: 1h,'), 'timed.yaml').set!.baseline;
  expect(activityMatch(timed, log).tasksUnmatched).toEqual(['end_of_case']);
});

// A delay step leading to a fork is spoken for where a branch starts at a step the log has, at any
// depth of forks heading branches (discover's delay of the step that starts a block first may
// head a block nested at its branch's head); before session 44 only the fork's own entries were
// looked at. One leading to forks of automated steps alone is still warned of.
it('a delay step leading to nested forks that reach a step the log has is spoken for', async () => {
  const rows = ['case_id,activity,start_time,end_time'];
  const at = (ms: number) => new Date(ms).toISOString();
  for (let c = 0; c < 10; c++) {
    const t = Date.UTC(2024, 0, 8, 8) + c * 3_600_000;
    for (const [k, activity] of ['A', 'B', 'C'].entries()) rows.push(`${c},${activity},${at(t + k * 60_000)},${at(t + 600_000)}`);
  }
  const path = join(dir, 'nested-forks.csv');
  writeFileSync(path, `${rows.join('\n')}\n`);
  const log = await readEventLog(path);
  const text = (steps: [string, string, string]) => `
name: nested
time_unit: hours
run: { horizon: 1d, replications: 1, seed: 1 }
resources: {}
arrivals:
  - { flow: f, interarrival: 1 }
flows:
  f:
    start: wait
    nodes:
      wait: { duration: 1, next: outer }
      outer: { parallel: [inner, ${steps[2]}], join: done }
      inner: { parallel: [${steps[0]}, ${steps[1]}], join: done_inner }
      done_inner: { duration: 0, next: done }
${steps.map((s, k) => `      ${s}: { duration: 0.1, next: ${k < 2 ? 'done_inner' : 'done'}${/^[a-c]$/.test(s) ? `, activity: ${s.toUpperCase()}` : ''} }`).join('\n')}
      done: { duration: 0 }
`;
  // the outer fork's entries: the inner fork and an automated step, neither a step the log has
  const nested = loadScenarioText(text(['a', 'b', 'z']), 'nested.yaml');
  expect(nested.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(activityMatch(nested.set!.baseline, log).tasksUnmatched).toEqual(['z']);
  const automated = loadScenarioText(text(['x', 'y', 'z']), 'automated.yaml');
  expect(automated.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(activityMatch(automated.set!.baseline, log).tasksUnmatched).toEqual(['wait', 'x', 'y', 'z']);
});
