// What a file's baseline read without a problem, for its variants. A variant's patched document
// holds the baseline's very object for every part its patch leaves alone (merge-patch.ts copies
// only the maps on the way to what a patch changes), and reading that object again, with the same
// context, gives the same value and no problem: so the variant takes the baseline's value, the
// same object, and is checked only where its patch reaches (issue 18: validate read and checked
// each variant as a whole scenario again). A part the patch changes is read anew, and so is one
// whose context differs (a flow under other teams, a node among other node names): the
// cross-references into and out of what a patch changes are checked as before.
//
// Invariant: a reader given here reads nothing but its raw object and the context it is kept
// under (the names and settings it consults beside the object), and the value it returns is
// never changed afterwards (settleVisitShares changes a decision's p per visit as its flow is
// read: such a decision is not kept). A value read with a problem is not kept, so a variant reads
// that part again and finds the same problems, which the loader tells once (load.ts).
import type { Problems } from './problems.js';

/**
 * What a reader consults beside its raw object: names, settings, lists of names (equal when
 * their items are) and values read already (equal when the same object).
 */
export type ReadContext = readonly unknown[];

interface Kept {
  kind: string;
  context: ReadContext;
  value: unknown;
}

export class ReadOnce {
  private readonly kept = new WeakMap<object, Kept[]>();

  /**
   * The value `reader` gives for `raw`: the one kept from an earlier read of the same object, of
   * the same kind, under an equal context; else read now, and kept when the read added no problem
   * and `keep` allows it. A raw value that is no object (a number, a missing key) is always read.
   */
  read<T>(kind: string, raw: unknown, context: ReadContext, problems: Problems, reader: () => T, keep?: (value: T) => boolean): T {
    if (typeof raw !== 'object' || raw === null) return reader();
    const list = this.kept.get(raw);
    if (list !== undefined) for (const k of list) if (k.kind === kind && sameContext(k.context, context)) return k.value as T;
    const before = problems.count;
    const value = reader();
    if (problems.count !== before || value === undefined || (keep !== undefined && !keep(value))) return value;
    const entry = { kind, context, value };
    if (list !== undefined) list.push(entry);
    else this.kept.set(raw, [entry]);
    return value;
  }
}

function sameContext(a: ReadContext, b: ReadContext): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return false;
  }
  return true;
}
