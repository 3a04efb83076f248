// A replication's statistics travel from a worker as one Float64Array (copied: see
// worker.ts for why not moved). The model fixes every length, so no sizes are sent.
import type { MetricLayout } from '../model/metrics.js';
import type { ModelLayout } from '../model/model.js';
import { HOURS_PER_WEEK } from '../week.js';
import { QUANTILE_POINTS, type ReplicationStats } from '../sim/replication-summary.js';

interface Shape {
  metrics: number;
  quantiles: number;
  series: number;
  flows: number;
  hourOfWeek: number;
}

const HEADER = 2; // replication, events

export function shapeOf(model: ModelLayout, layout: MetricLayout): Shape {
  return {
    metrics: layout.paths.length,
    quantiles: model.flows.length * QUANTILE_POINTS,
    series: (2 * model.flows.length + 2 * model.resources.length) * model.seriesBins,
    flows: model.flows.length,
    hourOfWeek: model.resources.length * HOURS_PER_WEEK,
  };
}

/** How many numbers `pack` writes for a model of this shape: a received buffer of another length is damaged. */
export function packedLength(shape: Shape): number {
  return HEADER + shape.metrics + shape.quantiles + shape.series + shape.flows + shape.hourOfWeek;
}

export function pack(stats: ReplicationStats): Float64Array {
  const parts = [stats.metrics, stats.quantiles, stats.series, stats.mserWarmup, stats.queueByHourOfWeek];
  const out = new Float64Array(HEADER + parts.reduce((n, p) => n + p.length, 0));
  out[0] = stats.replication;
  out[1] = stats.events;
  let at = HEADER;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function unpack(buffer: Float64Array, shape: Shape): ReplicationStats {
  let at = HEADER;
  const take = (n: number) => buffer.subarray(at, (at += n));
  return {
    replication: buffer[0],
    events: buffer[1],
    metrics: take(shape.metrics),
    quantiles: take(shape.quantiles),
    series: take(shape.series),
    mserWarmup: take(shape.flows),
    queueByHourOfWeek: take(shape.hourOfWeek),
  };
}
