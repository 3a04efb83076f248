// The shape of bottlenecks.json (`etomsim bottlenecks --out`): where the work waits, per
// team, where each flow's cycle time goes, and what one more unit of each team buys.
import type { FlowBlock, ResourceBlock, ResourceSensitivity, Stat, Warning } from './types.js';

/** What bottlenecks.json holds. */
export interface BottlenecksReport {
  scenario: string;
  variant: string;
  replications: number;
  seed: number;
  /** `bottlenecks --interval johnson`: every stat and comparison also holds Johnson's interval (ci95_johnson, ...), as in
   *  results.json; absent under Student's t (the default, and every file written before it) */
  interval?: 'johnson';
  /** the team that is the bottleneck (sole or shifting) the largest share of the time; null when none ever is */
  bottleneck: string | null;
  resources: Record<string, Pick<ResourceBlock, 'utilization' | 'queue_length' | 'wait' | 'wait_share' | 'bottleneck'>>;
  flows: Record<string, { cycle_time: Stat; breakdown: FlowBlock['breakdown'] }>;
  /** one more unit of each team against the base, largest relative cut of a flow's p90 cycle time first */
  sensitivity: ResourceSensitivity[];
  /** what `run` would warn of the variant's replications, as results.json's `warnings` (files written from 2026-12-03) */
  warnings?: Warning[];
}
