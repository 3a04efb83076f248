// How a shift of a team's roster is named in prose, in every message and output that names one:
// validate's problems, size's diagnosis, the KPI labels ("noc · shift 1 wait"), the report's
// and the workbook's shift rows. A shift has no name of its own in the scenario; it is named by
// its index in the team's `shifts` list, from 0, the very number a user writes in a path
// (`--target "resources.noc.shifts.1.wait <= 15m"`) and reads in results.json
// (`resources.noc.shifts.1`), sizing.json (`shifts[].shift`) and validate's `(at ...shifts.1.hours)`;
// its description, where the output knows it, follows in brackets.
// Invariant: the same shift is "shift N" everywhere, N its index from 0.

/** "shift 1", or "shift 1 (night)" with its description; `index` a number, or a results key's digits as written. */
export function shiftName(index: number | string, description: string | null = null): string {
  return description === null ? `shift ${index}` : `shift ${index} (${description})`;
}
