// Is a streaming quantile sketch worth offering for very long runs? `npm run bench` measures
// it here: the exact percentiles etomsim keeps (one 32-bit float per completed customer,
// the ranks a percentile reads selected at the end) against a DDSketch-style log-bucket histogram (Masson, Rim & Lee 2019:
// relative error at most alpha on every quantile, memory growing with log(max/min), not with
// the count), on one million M/M/5 sojourn times at 90% load. Measurement only: the engine
// does not use the sketch.
import { quantileSorted } from '../engine/stats/percentile.js';

/** FIFO M/M/c sojourn times by the Kiefer-Wolfowitz recursion: each customer takes the earliest free server. */
function sojourns(customers: number, lambda: number, mu: number, c: number): Float64Array {
  let seed = 0x2545f491;
  const uniform = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return ((seed >>> 0) + 0.5) / 4294967296;
  };
  const free = new Float64Array(c);
  const out = new Float64Array(customers);
  let t = 0;
  for (let i = 0; i < customers; i++) {
    t -= Math.log(uniform()) / lambda;
    let k = 0;
    for (let j = 1; j < c; j++) if (free[j] < free[k]) k = j;
    const start = Math.max(t, free[k]);
    free[k] = start - Math.log(uniform()) / mu;
    out[i] = free[k] - t;
  }
  return out;
}

class LogSketch {
  private readonly gamma: number;
  private readonly logGamma: number;
  private readonly counts = new Map<number, number>();
  private n = 0;

  constructor(readonly alpha: number) {
    this.gamma = (1 + alpha) / (1 - alpha);
    this.logGamma = Math.log(this.gamma);
  }

  add(x: number): void {
    const i = Math.ceil(Math.log(x) / this.logGamma);
    this.counts.set(i, (this.counts.get(i) ?? 0) + 1);
    this.n++;
  }

  /** The value at rank q (n - 1), within a relative error alpha of the order statistic there. */
  quantile(q: number): number {
    const rank = q * (this.n - 1);
    let seen = 0;
    for (const i of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(i)!;
      if (seen > rank) return (2 * this.gamma ** i) / (this.gamma + 1);
    }
    return NaN;
  }

  /** 8 bytes a bucket: a dense array from the lowest to the highest index, as an implementation would hold it. */
  get bytes(): number {
    const keys = [...this.counts.keys()];
    return 8 * (Math.max(...keys) - Math.min(...keys) + 1);
  }
}

export interface SketchMeasure {
  customers: number;
  exactBytes: number;
  sketches: { alpha: number; bytes: number; maxRelativeError: number }[];
}

export function measureSketch(customers = 1_000_000): SketchMeasure {
  const values = sojourns(customers, 4.5, 1, 5);
  const exact = Float32Array.from(values).sort(); // what the recorder keeps and sorts
  const qs = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);
  const sketches = [0.01, 0.001].map((alpha) => {
    const s = new LogSketch(alpha);
    for (const v of values) s.add(v);
    const maxRelativeError = Math.max(...qs.map((q) => Math.abs(s.quantile(q) / quantileSorted(exact, q) - 1)));
    return { alpha, bytes: s.bytes, maxRelativeError };
  });
  return { customers, exactBytes: 4 * customers, sketches };
}
