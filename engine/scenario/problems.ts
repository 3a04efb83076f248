// A problem found while validating the plain data of a scenario, before it is placed in a
// file. Validation works on plain values so that the baseline and every patched variant go
// through the same rules; the loader later turns each problem's path into LINE:COL.

import { wholeNumber } from '../number-format.js';
import { agree } from '../plural.js';
import { PROBLEMS_TOLD, type Standing, untoldMessage } from '../io/placed-line.js';

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
  /**
   * The keys whose presence is the problem, in the map at `at` (a distribution's two kinds, a
   * shift its kind takes not). A variant's patch that writes that map but not one of these keys
   * kept the baseline's (a merge patch merges maps): the loader tells the user to delete it there.
   */
  keys?: { at: KeyPath; names: readonly string[] };
  /**
   * A line told() made for several problems (a list's rest, the file's rest): how many. Counted so where it is
   * added again (a shard's shape check's lines among its other problems) or told beside other files' (merge).
   */
  stands?: Standing;
}

/**
 * How many problems of one list a check tells one by one (those of a whole file: PROBLEMS_TOLD,
 * placed-line.ts, every input's). Beyond the first few of a list, its problems are counted into
 * one line at the list; beyond the first PROBLEMS_TOLD of the file, into one line at the first of
 * the rest, except those of a list already told in part, which go to that list's line (it says
 * how many of the list were told). So one long bad list cannot hide a problem elsewhere, and the
 * answer stays a page long and its memory small.
 */
export const PROBLEMS_TOLD_PER_LIST = 5;

/** Problems not told one by one, counted; the first kept, to place or tell them. */
interface Untold {
  path: KeyPath;
  count: number;
  first: Problem;
}

export class Problems {
  /** the problems told one by one, in the order found */
  readonly list: Problem[] = [];
  /** per list (by its path): how many of its problems were told, and those that were not */
  private readonly lists = new Map<string, { told: number; untold: Untold | null }>();
  private overflow: Untold | null = null;
  private hidden = 0;
  /** the problems beyond one that the told lines standing for several add (Problem.stands) */
  private toldBeyond = 0;

  /**
   * `ignored`: the places whose problems another check tells (a shard file's damaged values,
   * which its shape check would find again): left out before they are counted, so that a list's
   * rest line counts only this check's own (until session 63 a shard's list of damaged values
   * had its rest line told twice, its told ones once).
   */
  constructor(private readonly ignored: (path: KeyPath) => boolean = () => false) {}

  atKey(path: KeyPath, message: string, keys?: Problem['keys']): void {
    this.add(keys === undefined ? { path, anchor: 'key', message } : { path, anchor: 'key', message, keys });
  }

  atValue(path: KeyPath, message: string, keys?: Problem['keys']): void {
    this.add(keys === undefined ? { path, anchor: 'value', message } : { path, anchor: 'value', message, keys });
  }

  /** `path` is the missing key; the problem is shown at the map that lacks it. */
  missing(path: KeyPath, message: string): void {
    this.add({ path, anchor: 'parent', message });
  }

  /** A problem another Problems told (told()), its anchor and the problems it stands for kept: a check whose lines join these. */
  addTold(problem: Problem): void {
    this.add(problem);
  }

  private add(problem: Problem): void {
    if (this.ignored(problem.path)) return;
    const weight = problem.stands?.count ?? 1;
    const item = lastIndex(problem.path);
    if (item >= 0) {
      const listPath = problem.path.slice(0, item);
      const key = JSON.stringify(listPath);
      let tally = this.lists.get(key);
      // A list is tallied only while the file's problems are still told: a tally is made with
      // a told problem, so there are at most PROBLEMS_TOLD of them, and the problems of a list
      // first met past the cap are counted in the file's rest (a million one-item bad lists
      // would otherwise hold a million tallies to print 200 lines).
      if (!tally && this.list.length >= PROBLEMS_TOLD) {
        this.overflowWith(problem, weight);
        return;
      }
      if (!tally) this.lists.set(key, (tally = { told: 0, untold: null }));
      // A list that straddles the file's cap keeps its rest in its own line, which says how
      // many of it were told: one line per list, never split with the file's rest.
      if (tally.told === PROBLEMS_TOLD_PER_LIST || this.list.length >= PROBLEMS_TOLD) {
        this.hidden += weight;
        if (tally.untold === null) tally.untold = { path: listPath, count: weight, first: problem };
        else tally.untold.count += weight;
        return;
      }
      tally.told++;
    } else if (this.list.length >= PROBLEMS_TOLD) {
      this.overflowWith(problem, weight);
      return;
    }
    this.list.push(problem);
    this.toldBeyond += weight - 1;
  }

  private overflowWith(problem: Problem, weight: number): void {
    this.hidden += weight;
    if (this.overflow === null) this.overflow = { path: problem.path, count: weight, first: problem };
    else this.overflow.count += weight;
  }

  /** How many lists have a tally of their own (at most PROBLEMS_TOLD), for the test of that bound. */
  get listsTallied(): number {
    return this.lists.size;
  }

  /** Every problem found, told or not. */
  get count(): number {
    return this.list.length + this.toldBeyond + this.hidden;
  }

  /** The problems to show: those told one by one, then a line for each list's rest and the file's rest (a rest of one is told as it is). */
  told(): Problem[] {
    const out = [...this.list];
    for (const { told, untold } of this.lists.values()) {
      if (untold === null) continue;
      out.push(
        untold.count === 1
          ? untold.first
          : {
              path: untold.path,
              anchor: 'value',
              message: `${wholeNumber(untold.count)} more problems in this list, not told one by one (${agree(told, 'the first is', `the first ${told} are`)})`,
              stands: { count: untold.count },
            },
      );
    }
    const rest = this.overflow;
    if (rest !== null) {
      // the first of the rest may itself stand for several (a line of another check's, added again): its own first is quoted
      const first = rest.first.stands?.first ?? rest.first.message;
      out.push(
        rest.count === 1 ? rest.first : { ...rest.first, message: untoldMessage(rest.count, first), stands: { count: rest.count, first } },
      );
    }
    return out;
  }
}

/** Where in a path its last list index is (the item of the innermost list), -1 when none. */
function lastIndex(path: KeyPath): number {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'number') return i;
  return -1;
}
