// The decision family of a comparison: the outcome KPIs a redesign is judged on (how fast,
// how reliably, how much, at what cost), as the metric catalogue marks them, against the
// diagnostics that explain them (queues, utilisation, WIP). Multiple-comparison adjustment
// runs within this family.
import { metricKindOf } from '../model/metric-catalogue.js';

export function isOutcome(path: string): boolean {
  return metricKindOf(path)?.role === 'outcome';
}
