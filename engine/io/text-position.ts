// The line and column of an offset in a text, from the offsets at which its lines start: one
// binary search, so that n places cost the text once (its line starts) plus n lookups. Each
// reader scans its own line starts (JSON ends lines at \r too, the BPMN places at \n only).
import type { Position } from '../scenario/diagnostics.js';

/** 1-based line and column of `offset`; `starts` ascending, starting with 0. */
export function positionOf(starts: ArrayLike<number>, offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - starts[lo] + 1 };
}
