export { tQuantile } from './t-quantile.js';
export { summarize } from './summary.js';
export type { Stat } from './summary.js';
export { pairedComparison } from './paired.js';
export type { PairedComparison } from './paired.js';
export { quantileSorted } from './percentile.js';
export { mser5 } from './mser.js';
export type { MserTruncation } from './mser.js';
