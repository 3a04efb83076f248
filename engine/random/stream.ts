// Counter-based random numbers for common random numbers (CRN). A draw is a pure function
// of (replication key, stream key, case key, visit, draw index), so a case that visits the
// same node the n-th time gets the same number in every variant, whatever else changed,
// and nothing depends on the order in which events happened to be processed.
import seedrandom from 'seedrandom';
import { combine, mix32 } from './hash.js';

const TWO_POW_MINUS_53 = 2 ** -53;

/** The key of one replication: seedrandom's ARC4, once per replication, never per draw. */
export function replicationKey(seed: number, replication: number): number {
  const rng = seedrandom(`etomsim:${seed}:${replication}`);
  return rng.int32() >>> 0;
}

/** The key of a named stream (a node's durations, a node's branch choices, an arrival stream) in one replication. */
export function streamKey(repKey: number, nameHash: number): number {
  return combine(mix32(repKey), nameHash);
}

/**
 * A reusable cursor over the uniforms of one (stream, case, visit) key. The simulator keeps
 * one instance and re-points it before each sample, so drawing allocates nothing.
 */
export class Draws {
  private state = 0;
  private index = 0;

  /** Point at the sequence for (stream, case, visit). */
  at(stream: number, caseKey: number, visit: number): this {
    this.state = combine(combine(stream, caseKey), visit);
    this.index = 0;
    return this;
  }

  /** Next uniform in (0, 1) with 53 random bits; never 0, so log(u) is finite. */
  uniform(): number {
    const i = this.index;
    this.index = i + 2;
    const hi = combine(this.state, i) >>> 5; // 27 bits
    const lo = combine(this.state, i + 1) >>> 6; // 26 bits
    return (hi * 67108864 + lo + 0.5) * TWO_POW_MINUS_53;
  }
}
