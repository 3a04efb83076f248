// Real results whose names are as long as a scenario allows them to be drawn whole or nearly so:
// a flow of 59 characters, a team of 64 and a variant of 87, with `count` variants in all
// (the rest short), simulated in this process (one worker, two replications of eight days).
import { runResults } from '../../bin/commands/run.js';
import { runExperiment } from '../../engine/experiment/experiment.js';
import type { Results } from '../../engine/results/types.js';
import { loadScenarioText } from '../../engine/scenario/load.js';

export const LONG_FLOW = 'order_to_activation_for_fibre_to_the_premises_residential_x';
export const LONG_TEAM = `${LONG_FLOW}_team`;
export const LONG_VARIANT = `${LONG_FLOW}_more_people_in_every_team`;

function scenarioText(variants: number): string {
  const lines = [
    'name: Long names',
    'time_unit: hours',
    'run: { horizon: 8d, warmup: 1d, replications: 2, seed: 3 }',
    'resources:',
    '  desk: { capacity: 3, cost_per_hour: 30 }',
    `  ${LONG_TEAM}: { capacity: 2, cost_per_hour: 50 }`,
    'arrivals:',
    '  - { flow: order, rate: 1.6/h }',
    `  - { flow: ${LONG_FLOW}, rate: 0.6/h }`,
    'flows:',
    '  order:',
    '    sla: 8h',
    '    start: take',
    '    nodes:',
    '      take: { resource: desk, duration: { exponential: { mean: 1.5h } }, next: fit }',
    `      fit: { resource: ${LONG_TEAM}, duration: { exponential: { mean: 0.5h } } }`,
    `  ${LONG_FLOW}:`,
    '    sla: 12h',
    '    start: a',
    '    nodes:',
    `      a: { resource: ${LONG_TEAM}, duration: { exponential: { mean: 2h } }, next: b }`,
    '      b: { resource: desk, duration: { exponential: { mean: 0.3h } } }',
  ];
  if (variants > 1) lines.push('variants:');
  for (let v = 1; v < variants; v++) {
    const team = v % 2 === 0 ? 'desk' : LONG_TEAM;
    const capacity = (v % 2 === 0 ? 3 : 2) + 1 + Math.floor(v / 2);
    lines.push(`  ${v === 1 ? LONG_VARIANT : `option_${v}`}: { patch: { resources: { ${team}: { capacity: ${capacity} } } } }`);
  }
  return `${lines.join('\n')}\n`;
}

/** The scenario's text with its three long names in capitals, some 40% wider as drawn (s63E). */
function inCapitals(text: string): string {
  return [LONG_VARIANT, LONG_TEAM, LONG_FLOW].reduce((t, name) => t.replaceAll(name, name.toUpperCase()), text);
}

/** The results of the long-named scenario with `variants` variants, the baseline counted; `capitals`: its long names in capitals. */
export async function longNamesResults(variants: number, capitals = false): Promise<Results> {
  const text = scenarioText(variants);
  const set = loadScenarioText(capitals ? inCapitals(text) : text, 'long-names.yaml').set;
  if (!set) throw new Error('the long-named scenario does not load');
  const seed = set.baseline.run.seed;
  const experiment = await runExperiment(set, { replications: 2, seed, workers: 1, variants: null, precision: null, maxReplications: 2 });
  return runResults(set, seed, experiment);
}
