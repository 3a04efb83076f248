// How a run's output files are named from a scenario's flows and variants: one rule, used by
// the writers (reports/charts/process-map.ts, engine/interchange/write-event-logs.ts) and by the
// check that warns of two names whose files a case-blind file system cannot tell apart
// (name-clashes.ts), so that what is checked is what is written.
// Invariant: a stem depends on the names alone; the baseline's files are named as a variant's
// would be were it called BASELINE (its process maps carry no variant part).

import { BASELINE } from './names.js';

/** A name as a file name may hold it: a scenario's names already are; anything else has '_' for each other character. */
function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** The process map's file stem (and SVG element id) of a flow in a variant: process-map-FLOW, or process-map-FLOW-VARIANT. */
export function processMapStem(flow: string, variant: string): string {
  return variant === BASELINE ? `process-map-${safe(flow)}` : `process-map-${safe(flow)}-${safe(variant)}`;
}

/** A variant's event logs, relative to the output folder, before their format's extension: events/VARIANT. */
export function eventLogStem(variant: string): string {
  return `events/${variant}`;
}
