// Integer hashing for counter-based random numbers. `mix32` is Chris Wellons' "lowbias32"
// finaliser: a bijection on 32 bits with near-ideal avalanche, so hashing the counters
// (stream, case, visit, draw) gives independent-looking uniforms without any state.

// Each hashing function takes `Math.imul` into a local of its own: the loop hashes for every draw,
// and a module's constant is, in the command line's bundle, a variable every read of which V8
// loads and checks (hot path: CONTRIBUTING.md, rule 3).

export function mix32(x: number): number {
  const imul = Math.imul;
  x = imul(x ^ (x >>> 16), 0x21f0aaad);
  x = imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/** Combine a hashed state with one more counter; distinct counters give distinct results. */
export function combine(state: number, counter: number): number {
  return combineInt32(state, counter) >>> 0;
}

/**
 * `combine` as an int32, the same 32 bits: what an Int32Array slot keeps, and what crosses a
 * call unboxed, where a uint32 above 2^31 is a heap number (hot path: CONTRIBUTING.md, rule 2).
 * `mix32` is written out: a call to it would return such a uint32.
 */
export function combineInt32(state: number, counter: number): number {
  const imul = Math.imul;
  let x = state ^ imul(counter + 1, -0x61c88647); // 0x9e3779b9's 32 bits as an int32
  x = imul(x ^ (x >>> 16), 0x21f0aaad);
  x = imul(x ^ (x >>> 15), 0x735a2d97);
  return x ^ (x >>> 15);
}

/** FNV-1a over the UTF-16 code units, then mixed: stable names become stream keys. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h >>> 0);
}
