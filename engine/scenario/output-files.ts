// How a run's output files are named from a scenario's flows and variants: one rule, used by
// the writers (reports/charts/process-map.ts, engine/interchange/write-event-logs.ts) and by the
// check that warns of two names whose files a case-blind file system cannot tell apart
// (name-clashes.ts), so that what is checked is what is written.
// Invariant: a stem depends on the names alone; the baseline's files are named as a variant's
// would be were it called BASELINE (its process maps carry no variant part).

import { hashString } from '../random/hash.js';
import { BASELINE } from './names.js';

/** A name as a file name may hold it: a scenario's names already are; anything else has '_' for each other character. */
function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** The longest a name is in a process map's or event log's file name, in characters (names have no length limit). */
export const FILE_NAME_PART = 40;

/**
 * A name as part of a process map's or event log's file name: safe(name), or beyond FILE_NAME_PART
 * characters its first 31 and 8 hex digits of a hash of the whole name (a 64-character flow and
 * variant made a map's name of 150 characters, and a variant of 250 would pass the file system's
 * 255 in events/VARIANT.ocel.sqlite). The hash, not a
 * counter, keeps a stem a function of the names alone; two long names that share their first 31
 * characters get two stems but 1 time in 2^32, and that case validate's clash check names.
 */
function filePart(name: string): string {
  const plain = safe(name);
  if (plain.length <= FILE_NAME_PART) return plain;
  return `${plain.slice(0, FILE_NAME_PART - 9)}-${hashString(name).toString(16).padStart(8, '0')}`;
}

/**
 * The process map's file stem (and SVG element id) of a flow in a variant: process-map-FLOW, or
 * process-map-FLOW-VARIANT, each name bounded by filePart.
 */
export function processMapStem(flow: string, variant: string): string {
  return variant === BASELINE ? `process-map-${filePart(flow)}` : `process-map-${filePart(flow)}-${filePart(variant)}`;
}

/** A variant's event logs, relative to the output folder, before their format's extension: events/VARIANT, the name bounded by filePart. */
export function eventLogStem(variant: string): string {
  return `events/${filePart(variant)}`;
}
