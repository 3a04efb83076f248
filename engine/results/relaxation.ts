// Is the measured window long enough for a team near saturation to forget how the run began?
// A stable queue still settles slowly when it is heavily loaded: in heavy traffic its length
// behaves like a reflected Brownian motion with drift -delta and variance sigma^2 per hour,
// whose relaxation time is 2 sigma^2 / delta^2 (Abate and Whitt 1987; Whitt 1989, "Planning
// queueing simulations"). With arrivals whose interarrival times have squared coefficient of
// variation c_a^2 and work whose c^2 is c_s^2 (sigma^2 = lambda (c_a^2 + c_s^2); delta = lambda (1 - rho) / rho
// for lambda tasks an hour) that is 2 (c_a^2 + c_s^2) rho^2 / (lambda (1 - rho)^2); Poisson
// arrivals and exponential work, 1 and 1, give 4 rho^2 / (lambda (1 - rho)^2): for M/M/1,
// 4 rho / (1 - rho)^2 mean task times, 360 at 90% load, 1,520 at 95%, 9,800 at 98%; constant
// work (M/D/1) or constant gaps between arrivals (D/M/1) half of it.
// The units do not enter (c units: delta = c mu - lambda, sigma^2 = lambda + c mu, the same
// in heavy traffic), nor does a calendar: a team working a share f of the week sees
// lambda / f tasks per working hour, so relaxes in f times as many calendar hours as the
// working-hour figure; in calendar hours lambda is the calendar rate, tasksPerWeek / 168.
// Teams that share skill pools are judged as the pooled servers they are, as the stability
// check judges them: rho is that of the set of teams the team is judged in (offeredLoad's
// stability, the work only they can take against their summed unit-hours; the team alone
// outside pools, where it is its utilization) and lambda the tasks the set's teams are offered
// (tasksPerWeek summed), not the preferred team's weekly fill, which may reach its capacity
// while the pool idles; a roster counts by its weekly unit-hours, as utilization does. c_s^2 is that of the team's mix
// of tasks (offeredLoad's workScv); c_a^2 that of the tasks reaching it (offeredLoadWithArrivals'
// arrivalScv: its streams' own, merged, split at decisions and passed on by the teams before it,
// by the Queueing Network Analyzer's approximations, model/arrival-variability.ts).
// Measured with etomsim's engine (M/M/1, mean task 1 h, 10 replications, warm-up a tenth of
// the window, 100 seeds at each of 90%, 95% and 98% load; scripts in the s10a note): a window
// of 1 relaxation time left the mean cycle time 19-21% low and its 95% interval covering
// 1/(mu - lambda) in 54-57 of 100 runs; 2 relaxation times 7-11% low, 76-83 of 100;
// 4 relaxation times 2.5-6% low, 84-90 of 100; 8 relaxation times 0-4% low, 84-86 of 100.
// The Welch/MSER warm-up checks warned in 19-34 of 100 runs at 1 relaxation time, 6-12 at 4.
// A longer warm-up takes off much of the bias, not all of it, and the window still counts:
// warm-up 2-3 relaxation times and window 1, 3-5% low (78-88 of 100); warm-up 2 and window
// 3.3 (95%, 3,000 h and 8,000 h), 4.4% low (se 1.6), 81 of 100; no warm-up and window 4,
// 9% low, 78-79 of 100. So the check reads the window alone.
// The same team on a 40 h week at 95% of its working time (relaxation time 6,384 calendar
// hours; 40 seeds, against a run of 16 relaxation times after 4): 20% low at 1, 13% at 2,
// 9% at 4, as the calendar-hour scale says. Constant work (M/D/1 at 95%, mean task 1 h,
// relaxation time 760 h against exponential work's 1,520 h; one-off, scripts in the s12 note):
// a window of 1 relaxation time left the mean cycle time 17.7% low (40 seeds, 27 covering),
// 4 of them 5.1% low (+-1.3%; 100 seeds, 80 covering), as M/M/1 at 1 and 4 of its own: the
// variability term is what the data show, not a caution of its own. The analytic sign needs only the offered load,
// so it speaks when the data cannot.
import type { LoadWithArrivals } from '../model/offered-load.js';
import { HOURS_PER_WEEK } from '../week.js';

/** A window shorter than this many relaxation times leaves the figures materially biased (see above). */
export const WINDOW_RELAXATIONS = 4;

export interface SlowSettling {
  variant: string;
  resource: string;
  /** offered load / capacity in working time, below 1 (of the set of teams in `with` and it, when `with` is not empty) */
  utilization: number;
  /** the teams it shares skill pools with, judged with it (its offered load's stability set); empty outside pools */
  with: string[];
  /** the heavy-traffic relaxation time of its queue, calendar hours */
  relaxation: number;
  /** its tasks' work's variance / mean² (offeredLoad's workScv), which the relaxation time grows with */
  workScv: number;
  /** the same of the times between the tasks reaching it (offeredLoadWithArrivals' arrivalScv) */
  arrivalScv: number;
  /** horizon - warm-up, hours */
  window: number;
}

/** What the check reads of a variant's run. */
export interface RelaxationInput {
  name: string;
  model: { warmup: number; horizon: number };
  offeredLoad?: readonly LoadWithArrivals[];
}

/**
 * The heavy-traffic relaxation time of a team's queue in calendar hours, from its offered load
 * (that of its stability set, whose teams' loads `loads` holds) and the variability of its
 * arrivals and of its tasks' work; NaN when it is offered no tasks or at least its capacity
 * (unstable: no steady state to relax to).
 */
export function relaxationTime(load: LoadWithArrivals, loads: readonly LoadWithArrivals[] = [load]): number {
  const rho = load.stability.ratio;
  const tasksPerWeek = load.stability.teams.reduce((sum, team) => sum + (loads.find((l) => l.resource === team)?.tasksPerWeek ?? 0), 0);
  const tasksPerHour = tasksPerWeek / HOURS_PER_WEEK;
  if (!(tasksPerHour > 0) || !(rho < 1)) return Number.NaN;
  return (2 * (load.arrivalScv + load.workScv) * rho * rho) / (tasksPerHour * (1 - rho) ** 2);
}

/** The teams whose queue's relaxation time is more than a WINDOW_RELAXATIONS-th of the measured window. */
export function slowSettling(runs: readonly RelaxationInput[]): SlowSettling[] {
  const out: SlowSettling[] = [];
  for (const run of runs) {
    const window = run.model.horizon - run.model.warmup;
    for (const load of run.offeredLoad ?? []) {
      const relaxation = relaxationTime(load, run.offeredLoad);
      if (relaxation * WINDOW_RELAXATIONS > window)
        out.push({
          variant: run.name,
          resource: load.resource,
          utilization: load.stability.ratio,
          with: load.stability.teams.filter((team) => team !== load.resource),
          relaxation,
          workScv: load.workScv,
          arrivalScv: load.arrivalScv,
          window,
        });
    }
  }
  return out;
}
