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

/**
 * M/M/c: P(T > t) for the time in system T = W + S. W is 0 with probability 1 - C(c, a) and
 * otherwise exponential with rate c mu - lambda; S is exponential with rate mu, independent.
 */
export function mmcSojournSurvival(lambda: number, mu: number, c: number, t: number): number {
  const waits = erlangC(c, lambda / mu);
  const theta = c * mu - lambda; // must differ from mu (the law below divides by theta - mu)
  const both = (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t)) / (theta - mu); // P(Exp(theta) + Exp(mu) > t)
  return (1 - waits) * Math.exp(-mu * t) + waits * both;
}

/** The p-quantile of a law given by its decreasing survival function, by bisection on [0, hi]. */
export function quantileOf(survival: (t: number) => number, p: number, hi = 1e3): number {
  let lo = 0;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (survival(mid) > 1 - p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * GI/M/1: sigma, the root in (0, 1) of sigma = A*(mu (1 - sigma)) where A* is the Laplace
 * transform of the interarrival time (load below 1). An arrival waits with probability sigma,
 * the mean wait is sigma / (mu (1 - sigma)), and the time in system is exponential with rate
 * mu (1 - sigma).
 */
export function gim1Sigma(laplace: (s: number) => number, mu: number): number {
  let sigma = 0.5;
  for (let i = 0; i < 2000; i++) sigma = laplace(mu * (1 - sigma)); // a contraction near the root below 1
  return sigma;
}

/**
 * Non-preemptive priorities on M/M/c with one service rate for all classes: mean wait of each
 * class, classes from the highest priority, W_k = C(c, a) / (c mu (1 - s_{k-1})(1 - s_k)) with
 * s_k the load of classes 1..k per server.
 */
export function mmcPriorityWaits(lambdas: number[], mu: number, c: number): number[] {
  const total = lambdas.reduce((s, l) => s + l, 0);
  const waits = erlangC(c, total / mu);
  let before = 0;
  return lambdas.map((l) => {
    const upTo = before + l / (c * mu);
    const w = waits / (c * mu * (1 - before) * (1 - upTo));
    before = upTo;
    return w;
  });
}
