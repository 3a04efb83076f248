// BIMP's simulation parameters (QBP, namespace http://www.qbp-simulator.com/Schema201212),
// which BIMP, Apromore and Simod write in a BPMN file's <definitions>: read from the text
// into plain records, and their distributions and timetables said in the scenario's terms.
//
// QBP's conventions (BIMP's files, and Simod, which writes them): every distribution's
// numbers are in seconds whatever its qbp:timeUnit says (that only picks the unit BIMP's
// editor shows); FIXED is `mean`; NORMAL is `mean` and its standard deviation in `arg1`;
// EXPONENTIAL's mean is `arg1` (BIMP writes mean="0"); UNIFORM is `arg1` to `arg2`;
// TRIANGULAR's mode is `mean`, between `arg1` and `arg2`; LOGNORMAL and GAMMA are `mean` and
// their variance in `arg1`. etomsim's lognormal and gamma take the distribution's own mean and
// sd, so each maps exactly (sd = the root of the variance).
//
// Invariant: the file is data. The text is parsed by saxes, which expands no external entity
// and loads nothing (import-bpmn refuses a DOCTYPE before any parsing); only elements in the
// QBP namespace are kept, each with its place in the file.
import { SaxesParser } from 'saxes';
import type { DistSpec, WeeklyPeriod } from '../scenario/types.js';

export const QBP_NS = 'http://www.qbp-simulator.com/Schema201212';

/** One QBP element: its local name, attributes, text and children, and where its start tag ends. */
export interface QbpElement {
  local: string;
  attrs: Record<string, string>;
  text: string;
  children: QbpElement[];
  line: number;
  col: number;
}

/** Every qbp:processSimulationInfo of the text, in document order (none when the text has none or is not well-formed). */
export function readQbp(xml: string): QbpElement[] {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const roots: QbpElement[] = [];
  const open: (QbpElement | null)[] = [];
  let failed = false;
  parser.on('error', () => {
    failed = true;
  });
  parser.on('opentag', (tag) => {
    if (tag.uri !== QBP_NS) {
      open.push(null);
      return;
    }
    const attrs: Record<string, string> = Object.create(null);
    for (const a of Object.values(tag.attributes)) if (typeof a === 'object' && a.uri === '') attrs[a.local] = a.value;
    const e: QbpElement = { local: tag.local ?? '', attrs, text: '', children: [], line: parser.line, col: parser.column };
    const parent = open.length > 0 ? open[open.length - 1] : null;
    if (parent) parent.children.push(e);
    else if (e.local === 'processSimulationInfo') roots.push(e);
    open.push(e);
  });
  parser.on('text', (text) => {
    const e = open[open.length - 1];
    if (e) e.text += text;
  });
  parser.on('closetag', () => {
    open.pop();
  });
  try {
    parser.write(xml);
    if (!failed) parser.close();
  } catch {
    failed = true;
  }
  // bpmn-moddle has parsed the same text already and said what is wrong with it
  return failed ? [] : roots;
}

/** The first child of this local name. */
export function qbpChild(e: QbpElement | undefined, local: string): QbpElement | undefined {
  return e?.children.find((c) => c.local === local);
}

/** Every child of this local name. */
export function qbpChildren(e: QbpElement | undefined, local: string): QbpElement[] {
  return e?.children.filter((c) => c.local === local) ?? [];
}

const SECONDS = 1 / 3600; // QBP's numbers are seconds; the scenario's are hours

/**
 * A QBP distribution (arrivalRateDistribution, durationDistribution) in hours; a message when
 * its type is not one etomsim has or a number it needs is missing or out of range. `of` names
 * what it belongs to in messages.
 */
export function qbpDistribution(d: QbpElement, of: string): DistSpec | string {
  const type = (d.attrs.type ?? '').trim().toUpperCase();
  const bad: string[] = [];
  const num = (key: 'mean' | 'arg1' | 'arg2', atLeast = 0) => {
    const text = d.attrs[key];
    const v = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(v) || v < atLeast) bad.push(`${key}="${text ?? ''}"`);
    return v * SECONDS;
  };
  const spec = ((): DistSpec | string => {
    switch (type) {
      case 'FIXED':
        return { kind: 'constant', value: num('mean') };
      case 'NORMAL':
        return { kind: 'normal', mean: num('mean'), sd: num('arg1') };
      case 'EXPONENTIAL': {
        // BIMP writes the mean in arg1 and 0 in mean; a writer that put it in mean alone is read the same
        const arg1 = Number(d.attrs.arg1);
        const mean = Number(d.attrs.mean);
        const key = !(arg1 > 0) && mean > 0 ? 'mean' : 'arg1';
        return { kind: 'exponential', mean: num(key, Number.MIN_VALUE) };
      }
      case 'UNIFORM':
        return { kind: 'uniform', min: num('arg1'), max: num('arg2') };
      case 'TRIANGULAR':
        return { kind: 'triangular', min: num('arg1'), mode: num('mean'), max: num('arg2') };
      case 'LOGNORMAL':
        return { kind: 'lognormal', mean: num('mean', Number.MIN_VALUE), sd: Math.sqrt(num('arg1') / SECONDS) * SECONDS };
      case 'GAMMA':
        return { kind: 'gamma', mean: num('mean', Number.MIN_VALUE), sd: Math.sqrt(num('arg1') / SECONDS) * SECONDS };
      default:
        return `QBP distribution type '${d.attrs.type ?? ''}' of ${of} is not one etomsim reads (FIXED, NORMAL, EXPONENTIAL, UNIFORM, TRIANGULAR, LOGNORMAL, GAMMA)`;
    }
  })();
  if (typeof spec === 'string') return spec;
  if (bad.length > 0)
    return `QBP ${type} distribution of ${of}: ${bad.join(', ')} is not a number of seconds it can have${type === 'LOGNORMAL' || type === 'GAMMA' ? ' (mean above 0, variance in arg1 at least 0)' : ''}`;
  return spec;
}

const QBP_DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/** A timetable's rules as weekly periods and as the shifts that write them; a message for a rule etomsim cannot read. */
export function qbpTimetable(
  t: QbpElement,
): { periods: WeeklyPeriod[]; rules: { days: number[]; from: number; to: number }[]; rounded: boolean } | string {
  const rules: { days: number[]; from: number; to: number }[] = [];
  let rounded = false;
  const id = t.attrs.id ?? t.attrs.name ?? '';
  for (const r of qbpChildren(qbpChild(t, 'rules'), 'rule')) {
    const fromDay = QBP_DAYS.indexOf((r.attrs.fromWeekDay ?? '').trim().toUpperCase());
    const toDay = QBP_DAYS.indexOf((r.attrs.toWeekDay ?? '').trim().toUpperCase());
    const from = clockHours(r.attrs.fromTime);
    const to = clockHours(r.attrs.toTime);
    if (fromDay < 0 || toDay < 0 || from === null || to === null)
      return `QBP timetable '${id}': a rule needs fromWeekDay and toWeekDay (MONDAY to SUNDAY) and fromTime and toTime (HH:MM:SS)`;
    // BIMP ends a day at 23:59:59.999; a time off the minute is rounded to it (the scenario's calendars count minutes)
    const end = to.hours >= 24 - 1 / 3600 ? 24 : Math.round(to.hours * 60) / 60;
    const start = Math.round(from.hours * 60) / 60;
    if (start !== from.hours || (end !== to.hours && to.hours < 24 - 1 / 3600)) rounded = true;
    if (start === end) return `QBP timetable '${id}': a rule from ${r.attrs.fromTime} to ${r.attrs.toTime} covers no time`;
    const days: number[] = [];
    for (let d = fromDay; ; d = (d + 1) % 7) {
      days.push(d);
      if (d === toDay) break;
    }
    rules.push({ days, from: start, to: end });
  }
  if (rules.length === 0) return `QBP timetable '${id}' has no rule`;
  const periods: WeeklyPeriod[] = [];
  for (const rule of rules)
    for (const d of rule.days) {
      const length = rule.to > rule.from ? rule.to - rule.from : rule.to + 24 - rule.from;
      periods.push({ start: d * 24 + rule.from, end: d * 24 + rule.from + length });
    }
  return { periods: periods.sort((a, b) => a.start - b.start), rules, rounded };
}

/** "09:00:00.000+00:00" (xs:time, its offset not applied: the clock time as written) in hours. */
function clockHours(text: string | undefined): { hours: number } | null {
  const m = /^(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?/.exec((text ?? '').trim());
  if (!m) return null;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 24 || min > 59 || s >= 60 || (h === 24 && (min > 0 || s > 0))) return null;
  return { hours: h + min / 60 + s / 3600 };
}
