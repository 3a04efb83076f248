// The bookkeeping of teams with a roster (`shifts`): which step of the week comes next, who
// holds a unit in the order they took it (a capacity drop pauses the latest), the line of
// paused tasks (they resume first, in the order they paused) and the slots that tell a
// rostered task's standing end event from one a pause made stale. Teams without a roster
// never reach here: the simulation checks `rostered` first.
import type { Model, WeeklyCapacity } from '../model/model.js';
import { TOKEN_STATE, type TokenPool } from './entities.js';
import { CLOCK } from './clock-rounding.js';
import { Fifo } from './fifo.js';
import { HOURS_PER_WEEK } from '../week.js';

export class Rosters {
  /** per resource: 1 when its capacity follows a roster */
  readonly rostered: Uint8Array;
  /** per resource: tasks paused by a capacity drop, waiting to resume */
  readonly pausedCount: Int32Array;
  private readonly roster: (WeeklyCapacity | null)[];
  private readonly holders: number[][]; // per resource: tokens holding a unit, in the order they took it
  private readonly paused: Fifo[]; // per resource: (token, pause serial)
  private serial = 0;
  private readonly upcomingWeek: Float64Array; // per resource: the roster step the next change event is for
  private readonly upcomingIndex: Int32Array;
  private readonly slotToken: number[] = []; // per pending rostered end event: its token
  private readonly freeSlots: number[] = [];
  private readonly scratch: number[] = [];

  constructor(model: Model) {
    const n = model.resources.length;
    this.roster = model.resources.map((r) => r.roster);
    this.rostered = Uint8Array.from(this.roster, (r) => (r ? 1 : 0));
    this.pausedCount = new Int32Array(n);
    this.holders = model.resources.map(() => []);
    this.paused = model.resources.map((r) => (r.roster ? new Fifo() : (null as unknown as Fifo)));
    this.upcomingWeek = new Float64Array(n);
    this.upcomingIndex = new Int32Array(n); // step 0 is the capacity at time 0: the first change is step 1
  }

  /**
   * The time of team r's next roster step, from the step it last changed at (so that rounding
   * in week arithmetic can never return the same step twice); Infinity for a constant roster.
   */
  nextStep(r: number): number {
    const w = this.roster[r]!;
    if (w.starts.length === 1) return Infinity;
    let i = this.upcomingIndex[r] + 1;
    if (i === w.starts.length) {
      i = 0;
      this.upcomingWeek[r]++;
    }
    this.upcomingIndex[r] = i;
    return this.upcomingWeek[r] * HOURS_PER_WEEK + w.starts[i];
  }

  /** The capacity from the step the last scheduled change is for. */
  upcomingCapacity(r: number): number {
    return this.roster[r]!.capacity[this.upcomingIndex[r]];
  }

  take(r: number, token: number): void {
    this.holders[r].push(token);
  }

  leave(r: number, token: number): void {
    const holders = this.holders[r];
    holders.splice(holders.lastIndexOf(token), 1);
  }

  /**
   * At a drop `excess` units below the busy ones, the holders that took their units last, in the order they took
   * them; they join the paused line. A task whose work ends at this instant (up to the clock's rounding,
   * clock-rounding.ts) is not paused: its end, due now, frees its unit, and counts towards the excess (1 h of work
   * from 16:00 on a shift ending at 17:00 ends then, as on a calendar team, where it was paused overnight with none
   * of its work left). Capacity drops are a few a day: a scan of the holders, off the hot path.
   */
  pauseLatest(r: number, excess: number, tokens: TokenPool, now: number): number[] {
    const holders = this.holders[r];
    const out = this.scratch;
    out.length = 0;
    const ending = (id: number) => {
      const token = tokens.items[id];
      return token.left - (now - token.since) <= now * CLOCK.rounding;
    };
    let count = excess;
    for (const id of holders) if (ending(id)) count--;
    let i = holders.length;
    while (count > 0) if (!ending(holders[--i])) count--; // i: the first of those to pause
    for (const id of holders.splice(i)) {
      if (ending(id)) {
        holders.push(id); // it keeps its unit until its end, due now
        continue;
      }
      const token = tokens.items[id];
      token.ticket = ++this.serial;
      this.paused[r].push(id, token.ticket);
      this.pausedCount[r]++;
      out.push(id);
    }
    return out;
  }

  /** The paused task to resume next, or -1; entries of tasks cancelled while paused are skipped. */
  nextPaused(r: number, tokens: TokenPool): number {
    const line = this.paused[r];
    while (line.length > 0) {
      const id = line.headId();
      const ticket = line.headTicket();
      line.shift();
      const token = tokens.items[id];
      if (token.state === TOKEN_STATE.paused && token.ticket === ticket) {
        this.pausedCount[r]--;
        return id;
      }
    }
    return -1;
  }

  /** A paused task was cancelled: its entry stays in the line, stale. */
  forgetPaused(r: number): void {
    this.pausedCount[r]--;
  }

  /** A slot for a rostered task's end event; it stays taken until that event comes. */
  slotFor(token: number): number {
    const slot = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.slotToken.length;
    this.slotToken[slot] = token;
    return slot;
  }

  /** The event of `slot` came: the slot is free again; returns the token it was for. */
  releaseSlot(slot: number): number {
    this.freeSlots.push(slot);
    return this.slotToken[slot];
  }
}
