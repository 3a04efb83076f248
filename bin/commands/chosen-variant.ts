// Commands that analyse one version of a scenario (bottlenecks, size) take it by name:
// the baseline unless --variant names one of the scenario's variants.
import type { Scenario, ScenarioSet } from '../../engine/scenario/types.js';
import { didYouMean } from '../../engine/scenario/suggest.js';
import { UsageError } from '../errors.js';

export function chosenScenario(set: ScenarioSet, variant: string | undefined): { name: string; scenario: Scenario } {
  if (variant === undefined || variant === 'baseline') return { name: 'baseline', scenario: set.baseline };
  const found = set.variants.find((v) => v.name === variant);
  if (found) return { name: found.name, scenario: found.scenario };
  const names = set.variants.map((v) => v.name);
  throw new UsageError(
    `unknown variant '${variant}'${didYouMean(variant, names)} (the scenario's variants: ${names.join(', ') || 'none'})`,
  );
}
