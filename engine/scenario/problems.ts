// A problem found while validating the plain data of a scenario, before it is placed in a
// file. Validation works on plain values so that the baseline and every patched variant go
// through the same rules; the loader later turns each problem's path into LINE:COL.

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

export class Problems {
  readonly list: Problem[] = [];

  atKey(path: KeyPath, message: string): void {
    this.list.push({ path, anchor: 'key', message });
  }

  atValue(path: KeyPath, message: string): void {
    this.list.push({ path, anchor: 'value', message });
  }

  /** `path` is the missing key; the problem is shown at the map that lacks it. */
  missing(path: KeyPath, message: string): void {
    this.list.push({ path, anchor: 'parent', message });
  }

  get count(): number {
    return this.list.length;
  }
}
