// A problem found while validating the plain data of a scenario, before it is placed in a
// file. Validation works on plain values so that the baseline and every patched variant go
// through the same rules; the loader later turns each problem's path into LINE:COL.

import { wholeNumber } from '../number-format.js';

/** Keys and list indexes from the document root, e.g. ['flows', 'f', 'nodes', 'a']. */
export type KeyPath = readonly (string | number)[];

/**
 * Which position shows the problem best: the offending key itself (unknown or misnamed
 * keys), its value (a bad value), or the map that should have held a missing key.
 */
export type Anchor = 'key' | 'value' | 'parent';

export interface Problem {
  path: KeyPath;
  anchor: Anchor;
  message: string;
}

/**
 * How many problems a file's check tells one by one. A file can hold a million bad values (a
 * list of 300,000 wrong durations crashed validation before); beyond these, the rest are counted
 * into one more problem, so that the answer stays a page long and its memory small.
 */
export const PROBLEMS_TOLD = 200;

export class Problems {
  /** the first PROBLEMS_TOLD problems, in the order found */
  readonly list: Problem[] = [];
  /** problems found after them: counted; the first kept, to place the line that counts them */
  private untold = 0;
  private firstUntold: Problem | null = null;

  atKey(path: KeyPath, message: string): void {
    this.add({ path, anchor: 'key', message });
  }

  atValue(path: KeyPath, message: string): void {
    this.add({ path, anchor: 'value', message });
  }

  /** `path` is the missing key; the problem is shown at the map that lacks it. */
  missing(path: KeyPath, message: string): void {
    this.add({ path, anchor: 'parent', message });
  }

  private add(problem: Problem): void {
    if (this.list.length < PROBLEMS_TOLD) this.list.push(problem);
    else if (this.untold++ === 0) this.firstUntold = problem;
  }

  /** Every problem found, told or not. */
  get count(): number {
    return this.list.length + this.untold;
  }

  /** The problems to show: those told, then one at the first of the rest that counts them. */
  told(): Problem[] {
    if (this.firstUntold === null) return this.list;
    const more = `${wholeNumber(this.untold)} more problem${this.untold === 1 ? '' : 's'} from here on, not told one by one (the first ${PROBLEMS_TOLD} are): ${this.firstUntold.message}`;
    return [...this.list, { ...this.firstUntold, message: more }];
  }
}
