// Commands that analyse one version of a scenario (bottlenecks, size) take it by name:
// the baseline unless --variant names one of the scenario's variants. `run`, which takes
// several (selectedVariants), tells the names it does not know the same way (unknownVariants).
import type { Scenario, ScenarioSet } from '../../engine/scenario/types.js';
import { BASELINE } from '../../engine/scenario/names.js';
import { closest, didYouMean } from '../../engine/scenario/suggest.js';
import { UsageError } from '../errors.js';

export function chosenScenario(set: ScenarioSet, variant: string | undefined): { name: string; scenario: Scenario } {
  if (variant === undefined || variant === BASELINE) return { name: 'baseline', scenario: set.baseline };
  const found = set.variants.find((v) => v.name === variant);
  if (found) return { name: found.name, scenario: found.scenario };
  const names = set.variants.map((v) => v.name);
  throw new UsageError(
    `unknown variant '${variant}'${didYouMean(variant, names)} (the scenario's variants: ${names.join(', ') || 'none'})`,
  );
}

/**
 * The variants `run --variant` selects beside the baseline, which always runs: null for all of
 * them (no --variant), else the names given without `baseline`, so that `--variant baseline`
 * alone runs the baseline only ([]) and naming it beside others changes nothing.
 */
export function selectedVariants(named: readonly string[] | undefined): string[] | null {
  if (named === undefined || named.length === 0) return null;
  return named.filter((v) => v !== BASELINE);
}

/**
 * What `run --variant` says of names that are none of the scenario's variants (`baseline`
 * aside): each with the closest name where one is near, as chosenScenario does, every one at
 * once.
 */
export function unknownVariants(unknown: string[], names: string[]): string {
  const known = `(the scenario's variants: ${names.join(', ') || 'none'})`;
  if (unknown.length === 1) return `unknown variant '${unknown[0]}'${didYouMean(unknown[0], names)} ${known}`;
  const each = unknown.map((v) => {
    const match = closest(v, names);
    return match === null ? `'${v}'` : `'${v}' (did you mean '${match}'?)`;
  });
  return `unknown variants ${each.join(', ')} ${known}`;
}
