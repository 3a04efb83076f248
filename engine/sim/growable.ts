// A Float64Array that grows by doubling: one number per observation, no boxing.

export class GrowableArray {
  private data: Float64Array;
  length = 0;

  constructor(initial = 1024) {
    this.data = new Float64Array(initial);
  }

  push(x: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }

  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}
