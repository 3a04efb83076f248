// Timestamps of an event log: ISO 8601 dates and times with or without a UTC offset, turned
// into an instant (epoch milliseconds) and the wall-clock offset it was written in.
// Invariant: the instant is exact (durations across a daylight-saving change are right),
// and instant + offset is the wall clock people worked by (hours of the week are right).
// A time without an offset is wall-clock time in the log's zone (an IANA name such as
// Europe/Paris, or UTC): in the hour a spring change skips it takes the offset before the
// change (and is counted in `skipped`: no clock showed it, so the log's clock or zone may be
// another); in the hour an autumn change repeats it is the first of the two instants. A time
// with an offset is that instant, on the wall clock of the log's zone where one other than UTC is
// given, else on its own offset's.

import { calendarDay } from '../scenario/run-start.js';

export interface Instant {
  ms: number; // epoch milliseconds, UTC
  offset: number; // minutes east of UTC of the wall clock it was written in
}

const ISO =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?$/;

/** Parses ISO 8601-like timestamps; `zone` gives the offset of those written without one. */
export class TimestampParser {
  private readonly zone: ZoneOffsets | null;
  /**
   * The timestamps parsed written with a UTC offset (Z too) and without one, and the first of
   * each: a log that mixes them may mix clocks (read-log.ts notes it, s35y F15).
   */
  readonly written = { withOffset: 0, withoutOffset: 0, firstWith: '', firstWithout: '' };
  /**
   * Wall-clock times the zone's spring change skips (no clock showed them), the first as written,
   * and where it is, which the reader sets (`row 12, column 3`): read-log.ts notes them (s36g).
   */
  readonly skipped = { count: 0, first: '', where: '' };

  constructor(zone = 'UTC') {
    this.zone = zone === 'UTC' || zone === 'Z' ? null : new ZoneOffsets(zone);
  }

  private readonly days = new Map<string, number>();

  /** The instant, or null when `text` is not a timestamp this reader knows. */
  parse(text: string): Instant | null {
    return this.parseFixed(text) ?? this.parseAny(text);
  }

  /**
   * As parse, but not counted among the log's timestamps (`written`, `skipped`): a date read only
   * to tell that one is there, of a thing whose own timestamps are counted already.
   */
  peek(text: string): Instant | null {
    return this.parseAny(text, false);
  }

  /** `instant`, counted as written with an offset or without one (the first of each kind kept). */
  private counted(instant: Instant, withOffset: boolean, text: string, count = true): Instant {
    if (!count) return instant;
    const w = this.written;
    if (withOffset) {
      if (w.withOffset++ === 0) w.firstWith = text;
    } else if (w.withoutOffset++ === 0) w.firstWithout = text;
    return instant;
  }

  /**
   * The common form fast: YYYY-MM-DD[T ]HH:MM:SS[.fff][Z|+HH:MM|+HHMM], read digit by digit,
   * each day's midnight computed once (a log has few distinct days and millions of events).
   */
  private parseFixed(t: string): Instant | null {
    const n = t.length;
    if (n < 19 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58) return null;
    const sep = t.charCodeAt(10);
    if (sep !== 84 && sep !== 32) return null;
    const dayText = t.slice(0, 10);
    let day = this.days.get(dayText);
    if (day === undefined) {
      const parsed = this.parseAny(`${dayText}T00:00:00Z`, false); // a day, not a timestamp of the log: not counted
      if (parsed === null) return null;
      day = parsed.ms;
      this.days.set(dayText, day);
    }
    const hour = two(t, 11);
    const minute = two(t, 14);
    const second = two(t, 17);
    if (!(hour <= 23 && minute <= 59 && second <= 59)) return null;
    let i = 19;
    let millis = 0;
    const dot = i < n ? t.charCodeAt(i) : 0;
    if (dot === 46 || dot === 44) {
      i++;
      let scale = 100;
      const from = i;
      while (i < n) {
        const c = t.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        millis += c * scale;
        scale /= 10;
        i++;
      }
      if (i === from) return null;
    }
    const wall = day + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis;
    if (i === n) {
      if (this.zone === null) return this.counted({ ms: wall, offset: 0 }, false, t);
      const offset = this.zone.offsetOfWallClock(wall);
      if (this.zone.skipped) this.skip(t);
      return this.counted({ ms: wall - offset * 60_000, offset }, false, t);
    }
    const rest = t.slice(i);
    if (rest === 'Z' || rest === 'z') return this.counted(this.inZone(wall), true, t);
    if (!/^[+-]\d{2}(:?\d{2})?$/.test(rest)) return null;
    return this.counted(this.inZone(wall - offsetMinutes(rest) * 60_000, offsetMinutes(rest)), true, t);
  }

  /**
   * An instant written with an offset (`written`), on the wall clock of the zone given, where one
   * other than UTC is: a log exported in UTC from an office in Europe/Berlin keeps Berlin's hours
   * (session 62; before, its zone was read for times without an offset only, and a UTC log's
   * hours of the week moved by one at each daylight-saving change, a team's 8-hour day read as 9).
   */
  private inZone(ms: number, written = 0): Instant {
    return { ms, offset: this.zone === null ? written : this.zone.offsetAtInstant(ms) };
  }

  private skip(text: string): void {
    if (this.skipped.count++ === 0) this.skipped.first = text;
  }

  private parseAny(text: string, count = true): Instant | null {
    const m = ISO.exec(text.trim());
    if (m === null) return null;
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
    const year = Number(y);
    const month = Number(mo);
    const day = Number(d);
    const hour = Number(h);
    const minute = Number(mi);
    const second = Number(s);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
    const millis = frac === '' ? 0 : Number(`0.${frac}`) * 1000;
    // the day as written: Date.UTC read years 0000-0099 as 1900-1999 (session 59: .NET's
    // DateTime.MinValue, 0001-01-01, a common sentinel, was quoted as 1901-01-01, and
    // 0000-02-29 was refused, 1900 being no leap year); null on 31 April
    const midnight = calendarDay(year, month, day);
    if (midnight === null) return null;
    const wall = midnight + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis;
    if (zone !== undefined) {
      const offset = zone === 'Z' || zone === 'z' || zone === 'UTC' ? 0 : offsetMinutes(zone);
      return this.counted(this.inZone(wall - offset * 60_000, offset), true, text, count);
    }
    if (this.zone === null) return this.counted({ ms: wall, offset: 0 }, false, text, count);
    const offset = this.zone.offsetOfWallClock(wall);
    if (count && this.zone.skipped) this.skip(text);
    return this.counted({ ms: wall - offset * 60_000, offset }, false, text, count);
  }
}

/** A two-digit number at `at`, or NaN. */
function two(t: string, at: number): number {
  const a = t.charCodeAt(at) - 48;
  const b = t.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
}

function offsetMinutes(zone: string): number {
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

/** True when `zone` is a time zone this runtime knows (IANA names, UTC). */
export function knownZone(zone: string): boolean {
  // UTC, every log's default, without Intl: its first DateTimeFormat costs a process some 12 ms of CPU
  if (zone === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const YEAR_1800 = Date.UTC(1800, 0, 1);

/**
 * Offsets of an IANA zone, cached per wall-clock hour: Intl is slow, and a log of a million
 * events has only a few thousand distinct hours.
 */
class ZoneOffsets {
  private readonly format: Intl.DateTimeFormat;
  private readonly cache = new Map<number, number>();
  /** the wall-clock hours a spring change skips, met so far */
  private readonly gaps = new Set<number>();
  /** whether the last wall-clock time asked about is in one */
  skipped = false;

  constructor(zone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /**
   * Offset (minutes) in force at the instant `utcMs`. Before 1800 a zone keeps its earliest offset
   * (no zone changed its offset before the 19th century), which is read at 1800: formatToParts
   * writes years 0 and before by era (1 BC as 1) and Date.UTC reads 0-99 as 1900-1999.
   */
  private offsetAt(utcMs: number): number {
    const parts: Record<string, number> = {};
    const at = Math.max(utcMs, YEAR_1800);
    for (const p of this.format.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return Math.round((wall - Math.floor(at / 1000) * 1000) / 60_000);
  }

  /** the offsets in force, per quarter-hour of UTC (a zone's changes fall on its quarter-hours) */
  private readonly atInstant = new Map<number, number>();

  /** Offset (minutes) in force at the instant `utcMs`. */
  offsetAtInstant(utcMs: number): number {
    const quarter = Math.floor(utcMs / 900_000);
    let offset = this.atInstant.get(quarter);
    if (offset === undefined) {
      offset = this.offsetAt(quarter * 900_000);
      this.atInstant.set(quarter, offset);
    }
    return offset;
  }

  /** Offset of a wall-clock time (given as if it were UTC). */
  offsetOfWallClock(wall: number): number {
    const hour = Math.floor(wall / 3_600_000);
    const cached = this.cache.get(hour);
    if (cached !== undefined) {
      this.skipped = this.gaps.size > 0 && this.gaps.has(hour);
      return cached;
    }
    const at = hour * 3_600_000;
    // The offsets in force a day either side bracket every transition near this hour.
    const before = this.offsetAt(at - 86_400_000);
    const after = this.offsetAt(at + 86_400_000);
    let offset: number;
    if (before === after) offset = before;
    else {
      const asBefore = this.offsetAt(at - before * 60_000) === before;
      const asAfter = this.offsetAt(at - after * 60_000) === after;
      // Both valid: the repeated autumn hour, take the first instant (larger offset).
      // Neither: the skipped spring hour, take the offset before the change.
      offset = asBefore && asAfter ? Math.max(before, after) : asBefore ? before : asAfter ? after : before;
      if (!asBefore && !asAfter) this.gaps.add(hour);
    }
    this.skipped = this.gaps.has(hour);
    this.cache.set(hour, offset);
    return offset;
  }
}
