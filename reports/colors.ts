// One colour per variant across every chart: the baseline is always the same neutral grey,
// and a variant keeps the colour of its place in the results whichever subset a chart shows.
import type { Results } from '../engine/results/types.js';
import { variantNames } from './names.js';

export const BASELINE_COLOR = '#6b7280';

/** Tableau 10 without its grey, so that no variant can pass for the baseline; beyond nine variants colours repeat. */
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f'];

export function variantColor(results: Results, name: string): string {
  if (name === 'baseline') return BASELINE_COLOR;
  const place = variantNames(results)
    .filter((v) => v !== 'baseline')
    .indexOf(name);
  if (place < 0) throw new Error(`no variant '${name}' in the results`);
  return PALETTE[place % PALETTE.length];
}

/** The colour channel of a chart whose rows carry a `variant` field. */
export function variantColorEncoding(results: Results, shown: string[] = variantNames(results)) {
  return {
    field: 'variant',
    type: 'nominal' as const,
    scale: { domain: shown, range: shown.map((name) => variantColor(results, name)) },
    legend: { title: 'variant' },
  };
}
