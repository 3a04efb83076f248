import seedrandom from 'seedrandom';

/** A seeded source of standard normal draws (Box-Muller), so statistical tests are repeatable. */
export function normalDraws(seed: string): () => number {
  const uniform = seedrandom(seed);
  return () => {
    // 1 - u lies in (0, 1], keeping the logarithm finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    return radius * Math.cos(2 * Math.PI * uniform());
  };
}
