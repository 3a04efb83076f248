// Whether a staffing `size` tries can keep up with its work at all: a staffing whose queues grow
// without bound has no steady state, so its targets (cycle times and SLA shares of the cases
// that complete) describe only the cases that got through, and a flow that a priority or a
// pool starves can pile up unseen behind targets that are met (s35y F11: a pool's member at
// 0 units and the other team offered 100%, "verified"). Two tests, both refusing the staffing:
// before any run, the offered load against the staffing's unit-hours, by the one stability rule
// (offered-load.ts' overloaded: each team alone, skill pools' teams by the max-flow of
// pool-levels.ts, a roster by its shifts' unit-hours); after the verification's run, what the
// simulation itself shows (results.json's `unstable` signs, the queue's climb over the second
// half of the window among them, a team so near saturation that its queue cannot settle within
// the window (results.json's slow-settling warning: its waits read low, s36a found 1 desk at 99%
// "verified" for a mean wait of at most 60 h, M/M/1's being 99 h), and a flow whose cases in
// progress grew over the window).
// Invariant: a staffing either test refuses is never recommended nor called verified.
import type { VariantRun } from '../experiment/experiment.js';
import { finiteOverloads, offeredLoad, overloaded, teamList } from '../model/offered-load.js';
import { instabilities } from '../results/instability.js';
import { slowSettling, WINDOW_RELAXATIONS } from '../results/relaxation.js';
import { fixedNumber, hoursOrDays, percentText } from '../number-format.js';
import { hasWeeklyRhythm } from '../model/weekly-rhythm.js';
import { HOURS_PER_WEEK } from '../week.js';
import type { ReplicationValues } from '../results/per-replication.js';
import type { Scenario } from '../scenario/types.js';

/**
 * A flow whose cases in progress at the horizon exceed their time-average over the window by more
 * than this share of the window's arrivals has a backlog, not a steady state: a queue growing
 * steadily ends the window at twice its climb over the average, so a flow offered r times what
 * it can complete shows (1 - 1/r) / 2 (M/M/1 at 125%: 10%), while a steady one shows about 0,
 * however long its cycle time, with or without a warm-up (its arrivals not completed in the
 * window are its cases in progress, which its average already counts). A model with a weekly
 * rhythm (a calendar, a profile) swings within the week, and its horizon may fall at the week's
 * peak (an office desk's weekend backlog on Monday 00:00): there the growth must also pass one
 * week's arrivals, the most a swing within the week can hold (backlogThreshold).
 */
export const BACKLOG_SHARE = 0.05;

/** A ratio of offered work to unit-hours counted at most this in `overload`, so that work for no unit-hours (Infinity) still compares. */
const RATIO_CAP = 100;

export interface StaffingStability {
  /** one clause per overloaded set of teams, in the scenario's order, with how its queues grow (without bound, or until the run ends where only streams with `cases` overload it); empty: every team keeps up */
  reasons: string[];
  /** how far from stable: the summed offered-to-capacity ratio of the overloaded teams (each at least 1), 0 when stable; falls as units are added */
  overload: number;
}

/** The offered-load test of a scenario's staffing: every team, and every set of teams sharing skill pools, below its unit-hours. */
export function staffingStability(scenario: Scenario): StaffingStability {
  const reasons: string[] = [];
  const said = new Set<string>();
  let overload = 0;
  const loads = offeredLoad(scenario);
  const finite = finiteOverloads(scenario, loads);
  for (const load of loads) {
    if (!overloaded(load)) continue;
    const { teams, ratio } = load.stability;
    overload += Math.min(ratio, RATIO_CAP);
    const key = JSON.stringify(teams);
    if (said.has(key)) continue;
    said.add(key);
    const grows = finite.has(load.resource)
      ? 'until the run ends (the streams with `cases` bring more than it can do by the horizon)'
      : 'without bound';
    reasons.push(
      teams.length === 1
        ? `'${teams[0]}' is offered ${percentText(ratio)} of its capacity, so its queue grows ${grows}`
        : `${teamList(teams, "'")}, which share skill pools, are offered ${percentText(ratio)} of their summed capacity (the work only they can take), so their queues grow ${grows}`,
    );
  }
  return { reasons, overload };
}

/**
 * What a staffing's own run says of its stability, one sentence per sign (empty: none): each
 * team results.json would warn `unstable` of (offered at least its capacity, or its queue
 * climbing materially over the second half of the window), each team whose queue's relaxation
 * time is more than a WINDOW_RELAXATIONS-th of the window (results.json's slow-settling warning:
 * its waits and the cycle times through it read low, so a target met there is not evidence), and
 * each flow whose backlogShare passes its threshold.
 */
export function runInstability(run: VariantRun, values: ReplicationValues): string[] {
  const out: string[] = [];
  for (const u of instabilities([run])) {
    const signs: string[] = [];
    if (u.offered !== null)
      signs.push(`${u.with.length === 0 ? 'it is' : `with ${teamList(u.with, "'")} it is`} offered ${percentText(u.offered)} of capacity`);
    if (u.trend !== null)
      signs.push(
        `its queue rose by ${fixedNumber(u.trend.rise, 1)} cases over the second half of the window (to a mean of ${fixedNumber(u.trend.level, 1)})`,
      );
    out.push(`'${u.resource}' is unstable: ${signs.join(', and ')}`);
  }
  for (const slow of slowSettling([run]))
    out.push(
      `'${slow.resource}'${slow.with.length === 0 ? '' : ` (with ${teamList(slow.with, "'")})`} is offered ${percentText(slow.utilization)} of capacity, so near saturation that its queue takes about ${hoursOrDays(slow.relaxation)} to settle, more than a ${WINDOW_RELAXATIONS === 4 ? 'quarter' : `1/${WINDOW_RELAXATIONS}`} of the window of ${hoursOrDays(slow.window)}: its waits, and the cycle times through it, read low`,
    );
  const threshold = backlogThreshold(run.model);
  for (const flow of run.model.flows) {
    const grown = backlogShare(values, flow.name);
    if (grown !== null && grown > threshold)
      out.push(
        `flow '${flow.name}' ended the window with more cases in progress than its average over it, by ${percentText(grown)} of the cases that arrived in the window`,
      );
  }
  return out;
}

/** The share of a flow's arrivals its cases in progress must grow by to be a backlog: BACKLOG_SHARE, or with a weekly rhythm at least one week's arrivals. */
export function backlogThreshold(model: VariantRun['model']): number {
  if (!hasWeeklyRhythm(model.resources, model.arrivals)) return BACKLOG_SHARE;
  const window = model.horizon - model.warmup;
  return Math.max(BACKLOG_SHARE, window > 0 ? HOURS_PER_WEEK / window : Infinity);
}

/**
 * The mean over replications of (cases open at the horizon - the window's time-average cases in
 * progress) / cases arrived in the window: how far the flow's cases in progress grew, as a share
 * of its arrivals (BACKLOG_SHARE); null when no replication had an arrival.
 */
export function backlogShare(values: ReplicationValues, flow: string): number | null {
  const arrived = values.values(`flows.${flow}.arrived`);
  const open = values.values(`flows.${flow}.open_at_horizon`);
  const wip = values.values(`flows.${flow}.wip`);
  if (arrived === null || open === null || wip === null) return null;
  let sum = 0;
  let n = 0;
  arrived.forEach((a, i) => {
    if (!(a > 0) || !Number.isFinite(open[i]) || !Number.isFinite(wip[i])) return;
    sum += (open[i] - wip[i]) / a;
    n++;
  });
  return n === 0 ? null : sum / n;
}
