// Closed-form queueing results, written out here independently of the engine.

/** Erlang C: probability that an arrival waits in M/M/c with offered load a = lambda/mu (erlangs). */
export function erlangC(c: number, a: number): number {
  let term = 1; // a^k / k!
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = (term * a) / c; // a^c / c!
  const top = last * (c / (c - a));
  return top / (sum + top);
}

/** Mean wait in queue of M/M/c. */
export function mmcWait(lambda: number, mu: number, c: number): number {
  const a = lambda / mu;
  return erlangC(c, a) / (c * mu - lambda);
}

/** Pollaczek-Khinchine: mean wait in queue of M/G/1 with service mean m and variance v. */
export function mg1Wait(lambda: number, mean: number, variance: number): number {
  const rho = lambda * mean;
  return (lambda * (variance + mean * mean)) / (2 * (1 - rho));
}

/**
 * Non-preemptive priority M/G/1 (Cobham): mean wait of each class, classes listed from the
 * highest priority; each with arrival rate and the service's first two moments.
 */
export function priorityWaits(classes: { lambda: number; mean: number; second: number }[]): number[] {
  const w0 = classes.reduce((s, c) => s + (c.lambda * c.second) / 2, 0);
  let sigma = 0;
  return classes.map((c) => {
    const before = sigma;
    sigma += c.lambda * c.mean;
    return w0 / ((1 - before) * (1 - sigma));
  });
}
