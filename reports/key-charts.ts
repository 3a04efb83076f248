// The charts report.pptx gives a slide of their own. A list of names apart from reports/pptx.ts,
// which reads it to plan the deck, because buildReport reads it too (which pictures a deck
// needs) for every report: importing it from pptx.ts evaluated the deck's module, and with it
// jszip (stable-package.ts), in every report, also one without a deck (about 40-60 ms of the
// main thread's loading in `etomsim report`).
// Invariant: names of charts in reports/index.ts' CHARTS, in the deck's order.

/** The charts that get a slide of their own, in this order, when the report has them. */
export const KEY_CHARTS: readonly string[] = [
  'kpi-gains',
  'cycle-time',
  'sla',
  'throughput',
  'breakdown',
  'utilization',
  'bottlenecks',
  'bottleneck-timeline',
  'queue-heatmap',
];
