// How busy teams that share skill pools are as the pooled servers they are, exactly and in
// polynomial time. Each task may be served by a set of teams; its work (hours a week) can be
// done iff a max-flow from a source through the tasks (capacity: their work) to the teams
// they may go to (unbounded) and on to a sink (capacity: each team's unit-hours) saturates
// every task: by max-flow/min-cut, iff no set of teams is offered more work that only it can
// take than it has unit-hours (Hall's condition), and a minimum cut's source side names the
// teams that cannot absorb what reaches only them.
// Invariant: levels are the density decomposition of the pools (Fujishige's principal
// partition): the densest set of teams (most work only it can take per unit-hour) is the first
// block, every team of it at that ratio; with it full, the densest set of the rest is the next,
// and so on. A team's level is its utilization in the most even split of the pools' work its
// routing allows; the levels are what enumerating every subset of teams finds
// (test/model/pool-levels.test.ts checks them against that on random pools).

/** A task's work: the teams (indices) that may serve it and its hours a week. */
export interface PoolTask {
  teams: readonly number[];
  hours: number;
}

/** One team's place in the decomposition. */
export interface PoolLevel {
  /** its block's work per unit-hour: Infinity for work and no unit-hours, 0 for neither */
  level: number;
  /** the block's order: 0 the densest */
  block: number;
  /** the teams of its block that its tasks join it to (ascending) */
  piece: number[];
  /** the hours a week of the tasks only the piece's teams and the teams of denser blocks can take, and that touch the piece */
  demand: number;
  /** the piece's unit-hours a week */
  supply: number;
}

/**
 * The density decomposition of teams with `supply` unit-hours a week each, offered `tasks`.
 * Each block is the maximal densest set of the teams left (found by Dinkelbach's iteration on
 * the ratio, each step a max-flow), taken out with its tasks before the next; a team with no
 * unit-hours and no work left is a block of its own at level 0.
 */
export function poolLevels(supply: readonly number[], tasks: readonly PoolTask[]): PoolLevel[] {
  const n = supply.length;
  const out = new Array<PoolLevel>(n);
  const left = new Array<boolean>(n).fill(true);
  const scale = tasks.reduce((sum, t) => sum + t.hours, 0) + supply.reduce((sum, u) => sum + u, 0);
  const tol = 1e-9 * Math.max(1, scale);
  let block = 0;
  for (let remaining = n; remaining > 0; block++) {
    // the tasks still to place: their teams among those left; a task all of whose teams are placed is done
    const live = tasks
      .map((t) => ({ teams: t.teams.filter((i) => left[i]), hours: t.hours }))
      .filter((t) => t.teams.length > 0 && t.hours > 0);
    const members = new Set<number>();
    // work that only teams without unit-hours may take: the densest there is (Infinity)
    for (const t of live) if (t.teams.every((i) => supply[i] === 0)) for (const i of t.teams) members.add(i);
    if (members.size === 0) {
      const teams = [...Array(n).keys()].filter((i) => left[i]);
      if (teams.every((i) => supply[i] === 0))
        for (const i of teams) members.add(i); // no work left for them (else above)
      else for (const i of densest(supply, live, teams, tol)) members.add(i);
    }
    for (const piece of pieces([...members], live)) {
      const inPiece = new Set(piece);
      const demand = live.filter((t) => t.teams.every((i) => inPiece.has(i))).reduce((sum, t) => sum + t.hours, 0);
      const unitHours = piece.reduce((sum, i) => sum + supply[i], 0);
      const level = unitHours > 0 ? demand / unitHours : demand > 0 ? Infinity : 0;
      for (const i of piece) out[i] = { level, block, piece, demand, supply: unitHours };
    }
    for (const i of members) left[i] = false;
    remaining -= members.size;
  }
  return out;
}

/**
 * The maximal densest set of `teams` (some with unit-hours): Dinkelbach's iteration from the
 * whole set's ratio, each step the set that most exceeds the ratio (a minimum cut), until none
 * does; then the union of the densest sets, less teams with no unit-hours that no work ties to them.
 */
function densest(supply: readonly number[], live: readonly PoolTask[], teams: readonly number[], tol: number): number[] {
  const within = (set: ReadonlySet<number>) => live.filter((t) => t.teams.every((i) => set.has(i))).reduce((sum, t) => sum + t.hours, 0);
  const unitHours = (set: ReadonlySet<number>) => [...set].reduce((sum, i) => sum + supply[i], 0);
  let lambda = within(new Set(teams)) / unitHours(new Set(teams));
  for (let step = 0; ; step++) {
    const cut = minCut(supply, live, teams, lambda, tol);
    const set = cut.sourceSide;
    const excess = within(set) - lambda * unitHours(set);
    if (excess > tol && step < 100) {
      lambda = within(set) / unitHours(set);
      continue;
    }
    return cut.closure;
  }
}

/**
 * The flow network at ratio `lambda`: source -> task (its hours) -> its teams (unbounded) ->
 * sink (lambda x the team's unit-hours), solved by Dinic's algorithm. `sourceSide`: the teams
 * that cannot reach the sink in the residual network (the largest set maximizing the work only
 * it can take less lambda x its unit-hours); `closure`: what the source and that set's teams
 * with unit-hours reach (the smallest such set holding them all).
 */
function minCut(supply: readonly number[], live: readonly PoolTask[], teams: readonly number[], lambda: number, tol: number) {
  // nodes: 0 source, 1 sink, 2.. tasks, then teams
  const teamNode = new Map(teams.map((i, k) => [i, 2 + live.length + k]));
  const size = 2 + live.length + teams.length;
  const head: number[] = new Array(size).fill(-1);
  const to: number[] = [];
  const cap: number[] = [];
  const next: number[] = [];
  const edge = (a: number, b: number, c: number) => {
    for (const [x, y, z] of [
      [a, b, c],
      [b, a, 0],
    ]) {
      to.push(y);
      cap.push(z);
      next.push(head[x]);
      head[x] = to.length - 1;
    }
  };
  live.forEach((t, k) => {
    edge(0, 2 + k, t.hours);
    for (const i of t.teams) edge(2 + k, teamNode.get(i)!, Infinity);
  });
  for (const i of teams) edge(teamNode.get(i)!, 1, lambda * supply[i]);
  const level = new Array<number>(size);
  const bfs = () => {
    level.fill(-1);
    level[0] = 0;
    const queue = [0];
    for (let q = 0; q < queue.length; q++)
      for (let e = head[queue[q]]; e !== -1; e = next[e])
        if (cap[e] > tol && level[to[e]] < 0) {
          level[to[e]] = level[queue[q]] + 1;
          queue.push(to[e]);
        }
    return level[1] >= 0;
  };
  const iter = new Array<number>(size);
  const push = (v: number, f: number): number => {
    if (v === 1) return f;
    for (; iter[v] !== -1; iter[v] = next[iter[v]]) {
      const e = iter[v];
      if (cap[e] <= tol || level[to[e]] !== level[v] + 1) continue;
      const got = push(to[e], Math.min(f, cap[e]));
      if (got > 0) {
        cap[e] -= got;
        cap[e ^ 1] += got;
        return got;
      }
    }
    return 0;
  };
  while (bfs()) {
    for (let v = 0; v < size; v++) iter[v] = head[v];
    while (push(0, Infinity) > 0);
  }
  // who reaches the sink in the residual network: walk back from it
  const reachesSink = new Array<boolean>(size).fill(false);
  reachesSink[1] = true;
  const back = [1];
  for (let q = 0; q < back.length; q++)
    for (let e = head[back[q]]; e !== -1; e = next[e])
      if (cap[e ^ 1] > tol && !reachesSink[to[e]]) {
        reachesSink[to[e]] = true;
        back.push(to[e]);
      }
  const sourceSide = new Set(teams.filter((i) => !reachesSink[teamNode.get(i)!]));
  const reached = new Array<boolean>(size).fill(false);
  const queue = [0, ...[...sourceSide].filter((i) => supply[i] > 0).map((i) => teamNode.get(i)!)];
  for (const v of queue) reached[v] = true;
  for (let q = 0; q < queue.length; q++)
    for (let e = head[queue[q]]; e !== -1; e = next[e])
      if (cap[e] > tol && !reached[to[e]]) {
        reached[to[e]] = true;
        queue.push(to[e]);
      }
  return { sourceSide, closure: teams.filter((i) => reached[teamNode.get(i)!]) };
}

/** `members` split into the sets that tasks within them join (each ascending), in order of their least team. */
function pieces(members: readonly number[], live: readonly PoolTask[]): number[][] {
  const inSet = new Set(members);
  const parent = new Map(members.map((i) => [i, i]));
  const root = (i: number): number => {
    while (parent.get(i) !== i) i = parent.get(i)!;
    return i;
  };
  for (const t of live) if (t.teams.every((i) => inSet.has(i))) for (const i of t.teams.slice(1)) parent.set(root(i), root(t.teams[0]));
  const groups = new Map<number, number[]>();
  for (const i of [...members].sort((a, b) => a - b)) {
    const r = root(i);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(i);
  }
  return [...groups.values()];
}
