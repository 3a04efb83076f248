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
  const theta = c * mu - lambda;
  // P(Exp(theta) + Exp(mu) > t); where theta = mu (c = a + 1) its limit, Erlang(2, mu)'s survival
  const both =
    Math.abs(theta - mu) < 1e-9 * mu
      ? Math.exp(-mu * t) * (1 + mu * t)
      : (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t)) / (theta - mu);
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

/** M/M/c FCFS: the share of arrivals whose wait in queue is at most t, 1 - C(c, a) e^{-(c mu - lambda) t}. */
export function mmcWaitWithin(lambda: number, mu: number, c: number, t: number): number {
  return 1 - erlangC(c, lambda / mu) * Math.exp(-(c * mu - lambda) * t);
}

/**
 * M/M/1 FCFS where every case leaves at `deadline` after its arrival, waiting or in service
 * (a flow's `cancel_after`), at any load. The workload V (the work the server will give the
 * cases present) jumps at an arrival by min(S, deadline - V), the work that case gets before it
 * leaves either way, so V stays below the deadline: a case always reaches the server before
 * its deadline (every case ahead has left by its own, earlier one) and is cut, if at all, in
 * service. V's density f on (0, deadline) balances its down-crossings against the arrivals
 * that jump over the level v, f(v) = lambda (P0 e^{-mu v} + int_0^v f(u) e^{-mu (v - u)} du),
 * M/M/1's own equation, so f(v) = P0 lambda e^{-(mu - lambda) v} there, P0 from the total of 1.
 * An arrival sees V (PASTA) as its wait W, and is cut when W + S > deadline, with probability
 * E e^{-mu (deadline - W)} = P0 e^{-(mu - lambda) deadline}.
 */
export function mm1Deadline(lambda: number, mu: number, deadline: number) {
  const a = mu - lambda;
  const decay = Math.exp(-a * deadline);
  const small = Math.abs(a * deadline) < 1e-6; // lambda = mu: the limits of the two integrals below
  const mass = small ? deadline : (1 - decay) / a; // int_0^D e^{-a w} dw
  const first = small ? deadline ** 2 / 2 : (1 - decay * (1 + a * deadline)) / a ** 2; // int_0^D w e^{-a w} dw
  const idle = 1 / (1 + lambda * mass); // P0
  const cut = idle * decay;
  const wait = idle * lambda * first; // E W, every case's (none leaves the queue)
  const held = wait + (1 - cut) / mu; // E min(W + S, deadline): W plus E min(S, deadline - W)
  return {
    /** share of the arrivals cut in service */
    cut,
    /** mean wait in queue of every case */
    wait,
    /** the server's busy share */
    utilization: 1 - idle,
    /** mean cycle time of the cases that complete: E[T; T <= D] = E min(T, D) - D P(cut) */
    completedCycle: (held - deadline * cut) / (1 - cut),
    /** mean number of cases in the system (Little: each holds its place min(T, D)) */
    wip: lambda * held,
  };
}
