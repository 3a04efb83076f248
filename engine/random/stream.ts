// Counter-based random numbers for common random numbers (CRN). A draw is a pure function
// of (replication key, stream key, case key, visit, draw index), so a case that visits the
// same node the n-th time gets the same number in every variant, whatever else changed,
// and nothing depends on the order in which events happened to be processed.
import seedrandom from 'seedrandom';
import { combine, mix32 } from './hash.js';

/** A 32-bit hash h (as a uint32) makes the uniform (h + 0.5) * TWO_POW_MINUS_32, in (0, 1). */
export const TWO_POW_MINUS_32 = 2 ** -32;

/** The key of one replication: seedrandom's ARC4, once per replication, never per draw. */
export function replicationKey(seed: number, replication: number): number {
  const rng = seedrandom(`etomsim:${seed}:${replication}`);
  return rng.int32() >>> 0;
}

/**
 * The key of a named stream (a node's durations, a node's branch choices, an arrival stream) in one replication.
 * Both arguments reach combineInt32 as int32s, the same 32 bits (it reads them through `^` and `imul`): mix32's and
 * hashString's uint32s above 2^31 are heap numbers, and combineInt32 is optimised on the loop's int32s (arrive's
 * key per arrival), so such a call at the next replication's start threw its code away ("not a Smi"; hot path:
 * CONTRIBUTING.md, rule 2; test/random/stream-key-feedback.test.ts).
 */
export function streamKey(repKey: number, nameHash: number): number {
  return combine(mix32(repKey) | 0, nameHash | 0);
}

/**
 * The hash behind the first uniform of the sequence for (stream, case, visit), as an int32:
 * `((firstHash(stream, caseKey, visit) >>> 0) + 0.5) * TWO_POW_MINUS_32` is what `new
 * Draws().at(stream, caseKey, visit).uniform()` gives, bit for bit, for the draws that take one
 * uniform (exponential durations and gaps, branch choices), without a cursor to re-point. An
 * int32, not the uniform: a double returned from a call V8 does not inline is boxed, an int32
 * never is (hot path: CONTRIBUTING.md, rule 2), so the caller writes that line out. Its three `mix32` are
 * written out: called, each counted against the inlining budget of the loop's functions,
 * which then left other calls out (hot path: CONTRIBUTING.md, rule 3); the multipliers are locals, each
 * written once (219 -> 191 bytes of bytecode in the bundle), for the same reason. `Math.imul` and
 * GOLDEN are locals too, GOLDEN as the int32 of its 32 bits: the module's, in the bundle, were
 * variables that V8 loaded and checked at every use, GOLDEN (above 2^31) a heap number converted
 * each time (mm5 1M: 124 M instructions fewer; hot path: CONTRIBUTING.md, rule 3).
 */
export function firstHash(stream: number, caseKey: number, visit: number): number {
  const imul = Math.imul;
  const golden = -0x61c88647; // GOLDEN: 2^32 / phi (0x9e3779b9) as an int32, spreads consecutive counters over the word
  const m1 = 0x21f0aaad;
  const m2 = 0x735a2d97;
  let x = stream ^ imul(caseKey + 1, golden);
  x = imul(x ^ (x >>> 16), m1);
  x = imul(x ^ (x >>> 15), m2);
  x = x ^ (x >>> 15) ^ imul(visit + 1, golden); // at()'s state
  x = imul(x ^ (x >>> 16), m1);
  x = imul(x ^ (x >>> 15), m2);
  x = x ^ (x >>> 15) ^ golden; // draw index 1: imul(1, GOLDEN) has GOLDEN's 32 bits
  x = imul(x ^ (x >>> 16), m1);
  x = imul(x ^ (x >>> 15), m2);
  return x ^ (x >>> 15);
}

/**
 * A reusable cursor over the uniforms of one (stream, case, visit) key. The simulator keeps
 * one instance and re-points it before each sample, so drawing allocates nothing. Each
 * uniform is one 32-bit hash: a resolution of 2^-32, as with MRG32k3a, the generator of most
 * commercial simulators, so an exponential tail is cut at 22 means (probability 2e-10).
 * The arithmetic is written out rather than calling `combine` (hot path: CONTRIBUTING.md, rule 3).
 */
export class Draws {
  /** What `sampleAt` drew last (distributions.ts): stored, not returned (hot path: CONTRIBUTING.md, rule 2). */
  value = Number.NaN;
  private state = 0; // an int32, not mix32's uint32 (hot path: CONTRIBUTING.md, rule 1)
  private index = 0;

  /** Point at the sequence for (stream, case, visit). */
  at(stream: number, caseKey: number, visit: number): this {
    const imul = Math.imul; // locals, as firstHash's
    const golden = -0x61c88647;
    this.state = mix32(mix32(stream ^ imul(caseKey + 1, golden)) ^ imul(visit + 1, golden)) | 0;
    this.index = 0;
    return this;
  }

  /** Next uniform in (0, 1), never 0, so log(u) is finite. */
  uniform(): number {
    const h = mix32(this.state ^ Math.imul(++this.index, -0x61c88647)); // GOLDEN, as firstHash's
    return (h + 0.5) * 2 ** -32;
  }
}
