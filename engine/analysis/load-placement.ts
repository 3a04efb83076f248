// With `size --per-shift`, whose measured queue waits each Erlang C interval's load is placed after
// (reach-time.ts: a case reaches a team later by the queues before it), and how the sizing came to
// it: the current staffing's run first, then the search's choice's own, the search run again on
// those while they ask other bounds or intervals' requirements than the choice was made under. This
// module decides whose waits place the loads, when to search again and when to stop, marks the
// staffings the final placement rules out, and writes sizing.json's `queue_placement`; sizing.ts
// defines the problems and runs the searches (PlacementSizing).
// Invariant: the final placement is a fixed point (the choice, placed after its own waits, asks
// the requirements it was chosen under: `consistent` true) or is said not to be (false, with the
// last choice kept under the placement it was made under); waits of a run whose queues do not
// settle are never read (set aside, with why); every staffing another placement ran that the
// final one rules out is marked (`other_placement`); the scenario's own is judged by sizing.ts; a
// unit more the verification recommends is checked against its own waits' placement, never placed again.
import type { StepWaits } from '../model/reach-time.js';
import type { QueuePlacement, SizingCandidate, StaffingUnits } from '../results/sizing.js';
import type { Scenario } from '../scenario/types.js';
import { recordFrom } from '../records.js';

/**
 * The most searches size --per-shift runs, each on the queue waits of the last one's choice: a
 * choice whose own waits ask other intervals is searched for again (afterChoice), and waits that
 * swing between two placements would never settle.
 */
export const PLACEMENT_SEARCHES = 4;

/** A staffing run, as the placement reads it (sizing.ts' Evaluated); `P`, the sizing problem it was first run under. */
export interface RunStaffing<P> {
  capacities: number[];
  candidate: SizingCandidate;
  /** per flow, its nodes' mean queue waits on the run; null where none were read */
  waits: Map<string, StepWaits> | null;
  /** the run's own signs that its queues have no steady state (staffing-stability.ts' runInstability); null where not read */
  unsettled: string[] | null;
  runUnder: P;
}

/** What placing the loads asks of the sizing (sizing.ts), over its problem `P` and its staffings `S`. */
export interface PlacementSizing<P, S> {
  /** the sizing problem with the intervals' loads placed after these waits */
  placedAfter(waits: ReadonlyMap<string, StepWaits>): P;
  /** what a search under a problem is held to (its start, bounds and intervals' requirements): equal texts, the same search */
  requirements(problem: P): string;
  /** the problem the candidates are assessed and the scenario's own staffing judged under from now on */
  adopt(problem: P): void;
  /** whether a search under a problem may start: its start within every maximum and admissible */
  startable(problem: P): boolean;
  /** the search under a problem from its start (one that may start); null when it finds no staffing */
  search(problem: P): Promise<S | null>;
  /** why a problem's bounds rule a staffing out (an interval below its requirement, a team past its maximum), or null */
  whyIneligible(problem: P, capacities: number[]): string | null;
}

/**
 * Why a staffing's measured waits may not place the load, or null when they may: waits of a run
 * whose queues grow, or settle so slowly that they still climb at the horizon, depend on the run's
 * length, not on the staffing (s39b reviewer: validate's offered-load rule alone let a team at 97%
 * through). The signs are the verification's (staffing-stability.ts' runInstability).
 */
function unreadable(e: RunStaffing<unknown>): string | null {
  if (e.waits === null) return e.candidate.stopped ?? 'its replications gave no waits';
  if (e.candidate.unstable !== undefined) return e.candidate.unstable;
  if (e.unsettled !== null && e.unsettled.length > 0) return e.unsettled.join('; ');
  return null;
}

/** A staffing as sizing.json names it (StaffingUnits): its teams' units, and its shifts' where sized per shift. */
function unitsOf({ candidate }: { candidate: SizingCandidate }): StaffingUnits {
  return {
    capacities: candidate.capacities,
    ...(candidate.shift_capacities ? { shift_capacities: candidate.shift_capacities } : {}),
  };
}

/** The placement of the intervals' loads over one sizing: whose waits place them, and how it came to be. */
export class LoadPlacement<P, S extends RunStaffing<P>> {
  /** the staffing whose run measured the waits the loads are placed after; null: none read (placed as if no step queued) */
  private by: S | null = null;
  /** searches run: 1 (also when none could start), and one more each time the choice's own waits asked other intervals and a search on them started, whether or not it found a staffing */
  private searches = 1;
  /** the choice asks, by its own waits, the intervals it was chosen under; null: nothing chosen */
  private consistent: boolean | null = null;
  /** staffings whose waits were not read, and why */
  private readonly setAside: { staffing: S; why: string }[] = [];
  /** per problem searched, the staffing whose waits placed its loads (null: as if no step queued) */
  private readonly placedAfter = new Map<P, S | null>();
  /** the recommendation where it is the verification's unit more, checked against the placement its own waits ask (checkUnitMore) */
  private unitMore: { staffing: S; consistent: boolean | null; ruledOut: string | null; unread: string | null } | null = null;

  /** `limit`: the most searches (SizingOptions.placementSearches, PLACEMENT_SEARCHES when absent) */
  constructor(
    private readonly sizing: PlacementSizing<P, S>,
    private readonly limit: number = PLACEMENT_SEARCHES,
  ) {}

  /**
   * The first search's problem: `problem` (placed as if no step queued) with the loads placed after
   * the current staffing's waits, which its run, made first, measured; `problem` itself where they
   * are unreadable.
   */
  first(problem: P, current: S): P {
    const why = unreadable(current);
    if (why === null) {
      problem = this.sizing.placedAfter(current.waits!);
      this.sizing.adopt(problem);
      this.by = current;
    } else this.setAside.push({ staffing: current, why });
    this.placedAfter.set(problem, this.by);
    return problem;
  }

  /**
   * The search again on the waits its choice's own run measured, until they ask the requirements
   * the choice was made under (a fixed point: searched again, it would be chosen again, the
   * candidates run being cached), at most `limit` searches; the problem returned places the loads
   * after the choice's waits where they are read. Not where the choice's waits are unreadable, nor
   * past the bound, nor when they return to requirements searched already (a swing between
   * placements), nor where a search on them finds nothing: then the last choice stays with the
   * problem it was made under, `consistent` false.
   */
  async afterChoice(problem: P, chosen: S | null): Promise<{ problem: P; chosen: S | null }> {
    const searched = [this.sizing.requirements(problem)];
    while (chosen !== null) {
      if (chosen === this.by) {
        this.consistent = true;
        break;
      }
      const why = unreadable(chosen);
      if (why !== null) {
        this.setAside.push({ staffing: chosen, why });
        this.consistent = false;
        break;
      }
      const next = this.sizing.placedAfter(chosen.waits!);
      const asked = this.sizing.requirements(next);
      if (asked === searched[searched.length - 1]) {
        // the same bounds and requirements: the search would choose it again; the intervals' loads are its waits'
        problem = next;
        this.sizing.adopt(problem);
        this.placedAfter.set(problem, chosen);
        this.by = chosen;
        this.consistent = true;
        break;
      }
      if (this.searches >= this.limit || searched.includes(asked)) {
        this.consistent = false;
        break;
      }
      // the scenario's own staffing may cover the new intervals, or no longer (adopt judges it again)
      this.sizing.adopt(next);
      this.placedAfter.set(next, chosen);
      const started = this.sizing.startable(next);
      const again = started ? await this.sizing.search(next) : null;
      if (again === null) {
        // a search that ran and found nothing is one of those run (s41 Noticed: it went uncounted); one that could not start is not
        if (started) this.searches++;
        this.sizing.adopt(problem);
        this.consistent = false;
        break;
      }
      problem = next;
      this.by = chosen;
      this.searches++;
      searched.push(asked);
      chosen = again;
    }
    return { problem, chosen };
  }

  /**
   * Marks each staffing run under another placement of the intervals' loads that the final one
   * (`problem`) rules out (sizing.json's `other_placement`): the search passes it over, but listed
   * unmarked among the candidates, one cheaper than the recommendation that met the targets read
   * as an answer missed (s40 reviewer). The scenario's own staffing (`current`) is judged apart.
   */
  markRuledOut(problem: P, evaluated: readonly S[], current: S): void {
    for (const e of evaluated) {
      if (e === current || e.runUnder === problem) continue;
      const why = this.sizing.whyIneligible(problem, e.capacities);
      if (why === null) continue;
      const by = this.placedAfter.get(e.runUnder) ?? null;
      e.candidate.other_placement = { placed_after: by === null ? null : unitsOf(by), reason: why };
    }
  }

  /**
   * The recommendation where it is the verification's unit more after a refutation, which sizing.ts
   * holds to the placement the search's choice was made under (`problem`): whether, placed after its
   * own waits, it asks that placement's requirements, and where not whether those rule it out.
   * `staffing`: as its verification's run measured it (session 43; before, its run on the search's
   * replications), the run it is recommended on, on at least as many replications.
   * Recorded and said (sizing.json's `queue_placement.unit_more`), never acted on: placing it again
   * would ask a new search, whose choice the verification would need again (s41 Noticed).
   */
  checkUnitMore(problem: P, staffing: S): void {
    const unread = unreadable(staffing);
    if (unread !== null) {
      this.unitMore = { staffing, consistent: null, ruledOut: null, unread };
      return;
    }
    const own = this.sizing.placedAfter(staffing.waits!);
    const consistent = this.sizing.requirements(own) === this.sizing.requirements(problem);
    this.unitMore = {
      staffing,
      consistent,
      ruledOut: consistent ? null : this.sizing.whyIneligible(own, staffing.capacities),
      unread: null,
    };
  }

  /** sizing.json's `queue_placement`: the staffing whose waits placed the loads, the waits themselves, and the staffings set aside. */
  record(scenario: Scenario): QueuePlacement {
    const waits = this.by?.waits ?? null;
    return {
      measured_on: this.by === null ? null : unitsOf(this.by),
      waits: recordFrom(
        scenario.flows.map((f) => [
          f.name,
          recordFrom(f.nodes.flatMap((n, k) => (n.kind === 'task' ? [[n.name, waits?.get(f.name)?.[k] ?? 0] as [string, number]] : []))),
        ]),
      ),
      searches: this.searches,
      consistent: this.consistent,
      set_aside: this.setAside.map(({ staffing, why }) => ({ ...unitsOf(staffing), reason: why })),
      ...(this.unitMore === null
        ? {}
        : {
            unit_more: {
              ...unitsOf(this.unitMore.staffing),
              consistent: this.unitMore.consistent,
              ruled_out: this.unitMore.ruledOut,
              unread: this.unitMore.unread,
            },
          }),
    };
  }
}
