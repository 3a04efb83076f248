// Commands that analyse one version of a scenario (bottlenecks, size) take it by name:
// the baseline unless --variant names one of the scenario's variants. `run`, which takes
// several, tells the names it does not know the same way (unknownVariants).
import type { Scenario, ScenarioSet } from '../../engine/scenario/types.js';
import { closest, didYouMean } from '../../engine/scenario/suggest.js';
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

/**
 * What `run --variant` says of names that are none of the scenario's variants: each with the
 * closest name where one is near, as chosenScenario does. `baseline` is no variant but always
 * runs, so a user naming it is told that rather than that it is unknown, and told with the
 * other names, if any: every mistake of the command line at once.
 */
export function unknownVariants(unknown: string[], names: string[]): string {
  const known = `(the scenario's variants: ${names.join(', ') || 'none'})`;
  const others = unknown.filter((v) => v !== 'baseline');
  const told: string[] = [];
  if (others.length < unknown.length)
    told.push('--variant baseline: the baseline always runs; --variant names the variants to run beside it');
  if (others.length === 1) told.push(`unknown variant '${others[0]}'${didYouMean(others[0], names)}`);
  else if (others.length > 1) {
    const each = others.map((v) => {
      const match = closest(v, names);
      return match === null ? `'${v}'` : `'${v}' (did you mean '${match}'?)`;
    });
    told.push(`unknown variants ${each.join(', ')}`);
  }
  return `${told.join('; ')} ${known}`;
}
