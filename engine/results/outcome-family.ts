// The decision family of a comparison: the outcome KPIs a redesign is judged on (how fast,
// how reliably, how much, at what cost), as against diagnostics that explain them (queues,
// utilisation, WIP). Multiple-comparison adjustment runs within this family.

const OUTCOME = [
  /^flows\.[^.]+\.(cycle_time\.(mean|p50|p90|p95)|throughput_per_day|sla_attainment|cost_per_case)$/,
  /^flows\.[^.]+\.kpis\.[^.]+\.(mean|p90|sla_attainment)$/,
];

export function isOutcome(path: string): boolean {
  return OUTCOME.some((re) => re.test(path));
}
