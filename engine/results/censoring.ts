// Cases still open at the horizon are not in the cycle times. In a steady state that costs
// nothing: as many cases were in progress when the window opened, and those complete in it with
// their whole cycle times, the time before the window included, so the cases completing in the
// window are a fair sample of the cycle time however many are open at its end (a window of whole
// weeks ending at a weekend's backlog, session 63: 25%, 14% and 7.5% open over 1, 2 and 4 weeks,
// the mean within its interval of a year's). What biases the cycle times low is the open cases in
// excess of those in progress at the window's start: after a start from empty (none in progress),
// or a backlog that grows. So the share judged is that excess, per replication from the flow's
// balance over the window (in progress at its start = completed + cancelled + open - arrived).
// Counting the open cases at their age so far, a lower bound on their cycle times, shows by how
// much at least the mean would rise; only the excess's part of that rise is a bias (the rest is
// balanced by the cases begun before the window). When the excess is a tenth of all, the window
// is too short for the cycle time whatever their ages say (in a queue that grows, the open cases
// are young yet will take the longest).

/** Open cases in excess of those in progress at the window's start, of at least this share of those completed in the window plus open, are material in any case... */
const MATERIAL_SHARE = 0.1;
/** ...and from this share on, when counting them at their age so far raises the mean cycle time by MATERIAL_RISE. */
const NOTABLE_SHARE = 0.02;
const MATERIAL_RISE = 0.02;

export interface Censoring {
  /** open / (completed + open), mean over replications */
  share: number;
  /** (open - in progress at the window's start) / (completed + open), mean over replications: the share not balanced */
  excess: number;
  /** the mean cycle time with the open cases counted at their age so far, over the reported one, minus 1 */
  rise: number;
  /** the excess's part of it (rise x excess / share, 0 without excess): the rest is balanced by the cases begun before the window */
  biasedRise: number;
  material: boolean;
}

/**
 * Per replication: completed cases in the window, their mean cycle time, cases open at the horizon, their mean age
 * (NaN: none), and the cases that arrived and were cancelled in the window (empty: not known, none taken to be in
 * progress at the window's start, so every open case counts as excess).
 */
export function censoring(
  completed: readonly number[],
  cycleMean: readonly number[],
  open: readonly number[],
  openAge: readonly number[],
  arrived: readonly number[] = [],
  cancelled: readonly number[] = [],
): Censoring | null {
  let share = 0;
  let excess = 0;
  let reported = 0;
  let bounded = 0;
  let n = 0;
  let withCompleted = 0;
  for (let i = 0; i < completed.length; i++) {
    const all = completed[i] + open[i];
    if (!(all > 0)) continue;
    const completedSum = completed[i] > 0 ? completed[i] * cycleMean[i] : 0;
    const openSum = open[i] > 0 ? open[i] * openAge[i] : 0;
    const atStart = Number.isFinite(arrived[i]) ? Math.max(0, completed[i] + (cancelled[i] || 0) + open[i] - arrived[i]) : 0;
    share += open[i] / all;
    excess += (open[i] - atStart) / all;
    if (completed[i] > 0) {
      reported += cycleMean[i];
      withCompleted++;
    }
    bounded += (completedSum + openSum) / all;
    n++;
  }
  if (n === 0) return null;
  share /= n;
  excess /= n;
  // The reported mean is over the replications that completed a case, the bounded one over every replication with a
  // case: each a mean of its own count. Their sums over those two counts read a replication that completed none as a
  // rise (s61F); where every replication completed one the two counts are equal, and the sums' ratio is that of means.
  const rise = !(reported > 0) ? Infinity : withCompleted === n ? bounded / reported - 1 : bounded / n / (reported / withCompleted) - 1;
  // the excess's part of the rise: the rest is the cases in progress at the start's, whose whole cycle times are in
  const biasedRise = excess <= 0 ? 0 : rise * Math.min(1, excess / share);
  return {
    share,
    excess,
    rise,
    biasedRise,
    material: excess >= MATERIAL_SHARE || (excess >= NOTABLE_SHARE && biasedRise >= MATERIAL_RISE),
  };
}
