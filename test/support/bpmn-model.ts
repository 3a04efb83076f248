// Small BPMN models for import-bpmn's tests, written as their elements and chains of flows
// rather than as XML by hand: bpmnProcess(start('S'), parallel('G'), task('A'), ..., flows('S>G>A',
// 'G>B')). What a model imports to is checked by what it does: the cycle time of one replication
// with durations set, and a round trip (export-bpmn, then import-bpmn) that compiles to the same model.
import { expect } from 'vitest';
import { exportBpmn } from '../../engine/interchange/bpmn-export.js';
import { importBpmn } from '../../engine/interchange/bpmn-import.js';
import { scenarioYaml } from '../../engine/interchange/scenario-yaml.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { compileModel } from '../../engine/model/compile.js';
import { replicate } from './simulate.js';

/** A file of one process 'P' holding `elements`. */
export const bpmnProcess = (...elements: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions" targetNamespace="urn:t">
  <bpmn:process id="P">
${elements.map((e) => `    ${e}`).join('\n')}
  </bpmn:process>
</bpmn:definitions>
`;

export const start = (id: string) => `<bpmn:startEvent id="${id}"/>`;
/** A task named as its id, unless named otherwise. */
export const task = (id: string, name = id) => `<bpmn:task id="${id}" name="${name}"/>`;
export const parallel = (id: string) => `<bpmn:parallelGateway id="${id}"/>`;
export const exclusive = (id: string) => `<bpmn:exclusiveGateway id="${id}"/>`;
/** An end event, named when given a name; `throws` its event definition ("terminate"). */
export const end = (id: string, { name, throws }: { name?: string; throws?: string } = {}) =>
  throws === undefined
    ? `<bpmn:endEvent id="${id}"${name === undefined ? '' : ` name="${name}"`}/>`
    : `<bpmn:endEvent id="${id}"${name === undefined ? '' : ` name="${name}"`}><bpmn:${throws}EventDefinition id="${id}_def"/></bpmn:endEvent>`;
/** An embedded sub-process holding `elements`, named when given a name. */
export const subProcess = (id: string, elements: string[], name?: string) =>
  `<bpmn:subProcess id="${id}"${name === undefined ? '' : ` name="${name}"`}>\n${elements.map((e) => `      ${e}`).join('\n')}\n    </bpmn:subProcess>`;
/** A lane set of lanes, each [id, name, ids of the nodes it lists]. */
export const lanes = (id: string, ...each: [string, string, string[]][]) =>
  `<bpmn:laneSet id="${id}">${each
    .map(
      ([lane, name, refs]) =>
        `<bpmn:lane id="${lane}" name="${name}">${refs.map((r) => `<bpmn:flowNodeRef>${r}</bpmn:flowNodeRef>`).join('')}</bpmn:lane>`,
    )
    .join('')}</bpmn:laneSet>`;

/** Sequence flows along chains of ids: 'S>G>A' is S to G and G to A, the flow from X to Y has id F_X_Y. */
export const flows = (...chains: string[]) =>
  chains
    .flatMap((chain) => {
      const ids = chain.split('>');
      return ids.slice(1).map((to, i) => `<bpmn:sequenceFlow id="F_${ids[i]}_${to}" sourceRef="${ids[i]}" targetRef="${to}"/>`);
    })
    .join('\n    ');

type Flow = { start: string; nodes: Record<string, Record<string, unknown>> };
/** The imported scenario's flow of that name, as plain data. */
export const flowOf = (imported: { doc: Record<string, unknown> }, name = 'P') => (imported.doc.flows as Record<string, Flow>)[name];

/** The imported scenario, its durations (hours, by node) set, run for one replication of 100 h: the flow's cycle time mean. */
export async function importedCycleTime(xml: string, hours: Record<string, number>, flow = 'P'): Promise<number> {
  const imported = await importBpmn(xml);
  for (const [node, h] of Object.entries(hours)) flowOf(imported, flow).nodes[node].duration = h;
  const loaded = loadScenarioText(scenarioYaml(imported, 'model.bpmn'), 'model.yaml');
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const r = replicate({ ...loaded.set!.baseline, run: { ...loaded.set!.baseline.run, horizon: 100, replications: 1 } });
  return r.mean(`flows.${flow}.cycle_time.mean`);
}

/** The imported scenario, and it exported and imported again, load without errors and compile to the same model. */
export async function expectRoundTrip(xml: string): Promise<void> {
  const errors = (loaded: ReturnType<typeof loadScenarioText>) => loaded.diagnostics.filter((d) => d.severity === 'error');
  const loadedFirst = loadScenarioText(scenarioYaml(await importBpmn(xml), 'a.bpmn'), 'a.yaml');
  expect(errors(loadedFirst)).toEqual([]);
  const first = loadedFirst.set!.baseline;
  const again = await importBpmn(await exportBpmn(first, 'baseline', 'test'));
  const loadedBack = loadScenarioText(scenarioYaml(again, 'b.bpmn'), 'b.yaml');
  expect(errors(loadedBack)).toEqual([]);
  const back = loadedBack.set!.baseline;
  expect({ ...compileModel(back), name: '' }).toEqual({ ...compileModel(first), name: '' });
}

/**
 * Forks nested `depth` deep: G1 into A1 and G2, ..., the deepest G{depth} into A{depth} and B; each
 * G{i}'s branches join at J{i}, then task C{i} leads to the join of the level around it (C1 to end
 * event E). `extra` flows (chains, as `flows`) added to the model.
 */
export function nestedForks(depth: number, ...extra: string[]): string {
  const elements = [start('S'), end('E'), task('B')];
  const chains = ['S>G1', 'C1>E'];
  for (let i = 1; i <= depth; i++) {
    elements.push(parallel(`G${i}`), task(`A${i}`), parallel(`J${i}`), task(`C${i}`));
    chains.push(`G${i}>A${i}>J${i}>C${i}`);
    if (i < depth) chains.push(`G${i}>G${i + 1}`, `C${i + 1}>J${i}`);
  }
  return bpmnProcess(...elements, flows(...chains, `G${depth}>B>J${depth}`, ...extra));
}

/**
 * Forks nested `depth` deep whose branches never meet: G1 into A1 and G2, ..., the deepest
 * G{depth} into A{depth} and B, no join anywhere; each task ends its path, by itself (`ends`
 * 'tasks': no flow out) or at an end event of its own ('events': E{i}, and EB after B).
 */
export function nestedApart(depth: number, ends: 'tasks' | 'events'): string {
  const elements = [start('S'), task('B')];
  const chains = ['S>G1'];
  for (let i = 1; i <= depth; i++) {
    elements.push(parallel(`G${i}`), task(`A${i}`));
    chains.push(`G${i}>A${i}`);
    if (ends === 'events') {
      elements.push(end(`E${i}`));
      chains.push(`A${i}>E${i}`);
    }
    if (i < depth) chains.push(`G${i}>G${i + 1}`);
  }
  if (ends === 'events') elements.push(end('EB'));
  return bpmnProcess(...elements, flows(...chains, `G${depth}>B`, ...(ends === 'events' ? ['B>EB'] : [])));
}
