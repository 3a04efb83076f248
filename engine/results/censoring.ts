// Cases still open at the horizon are not in the cycle times. In a steady state that costs
// little (the cases completing in the window are a fair sample of the cycle time), but when
// they are many, or old, it biases the cycle times low. Counting each open case at its age so
// far, a lower bound on its cycle time, shows by how much at least; when the open cases are a
// tenth of all, the window is too short for the cycle time whatever their ages say (in a
// queue that grows, the open cases are young yet will take the longest).

/** Open cases of at least this share of those completed in the window plus open are material in any case... */
const MATERIAL_SHARE = 0.1;
/** ...and from this share on, when counting them at their age so far raises the mean cycle time by MATERIAL_RISE. */
const NOTABLE_SHARE = 0.02;
const MATERIAL_RISE = 0.02;

export interface Censoring {
  /** open / (completed + open), mean over replications */
  share: number;
  /** the mean cycle time with the open cases counted at their age so far, over the reported one, minus 1 */
  rise: number;
  material: boolean;
}

/** Per replication: completed cases in the window, their mean cycle time, cases open at the horizon, their mean age (NaN: none). */
export function censoring(
  completed: readonly number[],
  cycleMean: readonly number[],
  open: readonly number[],
  openAge: readonly number[],
): Censoring | null {
  let share = 0;
  let reported = 0;
  let bounded = 0;
  let n = 0;
  let withCompleted = 0;
  for (let i = 0; i < completed.length; i++) {
    const all = completed[i] + open[i];
    if (!(all > 0)) continue;
    const completedSum = completed[i] > 0 ? completed[i] * cycleMean[i] : 0;
    const openSum = open[i] > 0 ? open[i] * openAge[i] : 0;
    share += open[i] / all;
    if (completed[i] > 0) {
      reported += cycleMean[i];
      withCompleted++;
    }
    bounded += (completedSum + openSum) / all;
    n++;
  }
  if (n === 0) return null;
  share /= n;
  // The reported mean is over the replications that completed a case, the bounded one over every replication with a
  // case: each a mean of its own count. Their sums over those two counts read a replication that completed none as a
  // rise (s61F); where every replication completed one the two counts are equal, and the sums' ratio is that of means.
  const rise = !(reported > 0) ? Infinity : withCompleted === n ? bounded / reported - 1 : bounded / n / (reported / withCompleted) - 1;
  return { share, rise, material: share >= MATERIAL_SHARE || (share >= NOTABLE_SHARE && rise >= MATERIAL_RISE) };
}
