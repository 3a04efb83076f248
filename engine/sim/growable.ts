// A typed array that grows by doubling: one number per observation, no boxing. Cycle times
// kept for percentiles use 32-bit floats (half the memory; see recorder.ts).

type Storage = Float64Array | Float32Array;

export class GrowableArray<T extends Storage = Float64Array> {
  private data: T;
  length = 0;

  constructor(
    private readonly make: (size: number) => T,
    initial = 16, // hot path: CONTRIBUTING.md, rule 9
  ) {
    this.data = make(initial);
  }

  push(x: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }

  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

export const float64 = (size: number) => new Float64Array(size);
export const float32 = (size: number) => new Float32Array(size);
