// Team sizing: every candidate staffing the search tried, its cost against the first
// target's metric (with its 95% interval), coloured by whether it met every target; the
// recommended staffing is ringed and the target is a dashed line. A staffing its fresh
// replications did not confirm (sizing.json's `refuted` list: the search's choice, and the
// staffings tried up from it) is marked by its outcome, in the console's and the page's words
// (OUTCOME_WORDS): "refuted" with a dashed red ring, "not confirmed" (an interval too wide)
// with a dotted amber one, each in a legend; a choice so marked is never ringed as recommended
// (isRecommended), and after a refutation the recommendation is ringed and the refuted marked;
// a recommendation the search's replications missed with, confirmed on fresh ones, is drawn in a
// colour of its own (FRESH_ONLY), never as missing a target; a staffing that cannot keep up with
// its work (`unstable`) in one of its own (BACKLOG), never as meeting them, and so is one tried under
// another placement of --per-shift's loads that the final one rules out (`other_placement`: PLACED_OUT).
import {
  failedOutcome,
  isRecommended,
  type SizingCandidate,
  type SizingResult,
  staffingKey,
  type TargetOutcome,
  type VerificationOutcome,
} from '../../engine/results/sizing.js';
import { header, PANEL_WIDTH, safeForVega, type Chart } from '../chart.js';
import { metricLabel, unitOf } from '../format.js';
import { inUnit, unitFor, type TimeUnit } from '../units.js';
import { largest } from '../../engine/lists.js';
import { counted } from '../../engine/plural.js';
import { intervalName } from '../shown-intervals.js';
import { OTHER_PLACEMENT_WORDS, OUTCOME_WORDS, shownInterval } from '../sizing-tables.js';

const MEETS = 'meets every target';
const MISSES = 'misses a target';
/** A staffing offered at least its capacity (sizing.json's `unstable`): never chosen, whatever its targets, so never drawn as meeting them */
const BACKLOG = 'cannot keep up with its work';
/** The recommendation after a refutation: a unit up, which the search's replications may have missed with, confirmed on fresh ones (never drawn as missing) */
const FRESH_ONLY = "meets every target on fresh replications, not on the search's";
/** A staffing the final placement of --per-shift's loads rules out (sizing.json's `other_placement`): never chosen, so never drawn as meeting the targets */
const PLACED_OUT = OTHER_PLACEMENT_WORDS;

interface Row {
  cost: number;
  value: number;
  lo: number;
  hi: number;
  outcome: string;
  staffing: string;
  /** the recommended staffing: the search's choice, confirmed by the verification (or none run) */
  chosen: boolean;
  /** only on a staffing its fresh replications did not confirm: OUTCOME_WORDS' "refuted" or "not confirmed" */
  verified?: string;
}

/** The ring of a staffing not confirmed, by its outcome: colour and dash. */
const FAILED_RINGS: { outcome: VerificationOutcome; color: string; dash: number[] }[] = [
  { outcome: 'refuted', color: '#b91c1c', dash: [3, 2] },
  { outcome: 'not_confirmed', color: '#b45309', dash: [1, 2] },
  { outcome: 'unstable', color: '#7c2d12', dash: [6, 2] },
];

export function sizingChart(sizing: SizingResult): Chart | null {
  const main = sizing.candidates[0]?.targets[0];
  if (!main) return null;
  const kind = unitOf(main.path);
  const unit =
    kind === 'hours'
      ? unitFor(
          largest(
            sizing.candidates.map((c) => c.metrics[main.path]?.mean ?? 0),
            main.value,
          ),
        )
      : null;
  const scale = (x: number) => (unit ? inUnit(x, unit) : x);
  // By staffing, not by identity: a sizing.json read back holds copies (etomsim report sizing.json).
  const chosen = sizing.chosen === null ? null : staffingKey(sizing.chosen);
  const recommended = isRecommended(sizing);
  const rows = sizing.candidates.flatMap((c) => row(sizing, c, main, scale, recommended && staffingKey(c) === chosen));
  if (rows.length === 0) return null;
  const failed = FAILED_RINGS.filter((r) => rows.some((x) => x.verified === OUTCOME_WORDS[r.outcome]));
  const fresh = rows.some((r) => r.outcome === FRESH_ONLY);
  const backlog = rows.some((r) => r.outcome === BACKLOG);
  const placedOut = rows.some((r) => r.outcome === PLACED_OUT);
  const title = 'Team sizing: cost against the main target';
  const y = {
    field: 'value',
    type: 'quantitative' as const,
    title: axisTitle(main, unit),
    scale: { zero: false },
    ...(kind === 'share' ? { axis: { format: '.1%' } } : {}),
  };
  return {
    name: 'sizing',
    title,
    spec: safeForVega({
      ...header(title, [
        `${counted(sizing.candidates.length, 'staffing')} tried for ${main.target}; bars are 95% ${intervalName(sizing.interval, true)}, ${
          recommended
            ? `ringed: the recommended staffing${failed.length > 0 ? `, ${confirmedWords(sizing)}` : ', the cheapest that meets every target'}`
            : sizing.chosen === null
              ? 'none meets every target'
              : "the search's choice is not recommended"
        }${failedNote(failed)}`,
      ]),
      width: PANEL_WIDTH,
      height: 320,
      data: { values: rows },
      layer: [
        {
          mark: { type: 'rule' },
          encoding: {
            x: { field: 'cost', type: 'quantitative' },
            y: { field: 'lo', type: 'quantitative' },
            y2: { field: 'hi' },
            color: outcomeColor(fresh, backlog, placedOut),
          },
        },
        {
          mark: { type: 'point', filled: true, size: 70 },
          encoding: {
            x: { field: 'cost', type: 'quantitative', title: 'staffed cost per hour (averaged over the week)', scale: { zero: false } },
            y,
            color: outcomeColor(fresh, backlog, placedOut),
            tooltip: [
              { field: 'staffing', type: 'nominal' },
              { field: 'cost', type: 'quantitative', title: 'cost per hour', format: '.1f' },
              { field: 'value', type: 'quantitative', title: metricLabel(main.path), format: kind === 'share' ? '.1%' : '.3f' },
              { field: 'outcome', type: 'nominal' },
            ],
          },
        },
        {
          transform: [{ filter: 'datum.chosen' }],
          mark: { type: 'point', filled: false, size: 320, strokeWidth: 2, color: '#111827' },
          encoding: { x: { field: 'cost', type: 'quantitative' }, y: { field: 'value', type: 'quantitative' } },
        },
        {
          data: { values: [{ target: scale(main.value) }] },
          mark: { type: 'rule', strokeDash: [6, 4], color: '#374151' },
          encoding: { y: { field: 'target', type: 'quantitative' } },
        },
        ...(failed.length > 0 ? failedMarks(failed) : []),
      ],
    }),
  };
}

/**
 * How the fresh replications left the recommendation: "confirmed" only where the file records
 * that they were also read for a backlog (`backlog_checked`); an older file's check may have
 * read the targets alone (s36a F3), and says so, as the verification's sentence does.
 */
function confirmedWords(sizing: Pick<SizingResult, 'verification'>): string {
  return sizing.verification?.backlog_checked === true
    ? 'confirmed on fresh replications'
    : 'its targets met again on fresh replications (a file that does not record a backlog check)';
}

/** `chosen`: whether c is the recommended staffing; `verified`: how its fresh replications left a staffing they did not confirm. */
function row(sizing: SizingResult, c: SizingCandidate, main: TargetOutcome, scale: (x: number) => number, chosen: boolean): Row[] {
  const metric = c.metrics[main.path];
  if (!metric || metric.mean === null) return [];
  const [lo, hi] = shownInterval(sizing, main.path, metric) ?? [metric.mean, metric.mean];
  const failed = failedOutcome(sizing, c);
  return [
    {
      cost: c.cost_per_hour,
      value: scale(metric.mean),
      lo: scale(lo),
      hi: scale(hi),
      outcome: pointOutcome(c, chosen),
      staffing: Object.entries(c.capacities)
        .map(([team, units]) => `${team} ${c.shift_capacities?.[team]?.join('/') ?? units}`)
        .join(', '),
      chosen,
      ...(failed === null ? {} : { verified: OUTCOME_WORDS[failed] }),
    },
  ];
}

/** A point's colour: the recommendation's as it met the targets; a staffing never chosen (a backlog, another placement's) as such, never as meeting them. */
function pointOutcome(c: SizingCandidate, chosen: boolean): string {
  if (chosen) return c.meets ? MEETS : FRESH_ONLY;
  if (c.other_placement !== undefined) return PLACED_OUT; // first, as the console's and sizing.html's candidates tables say it
  if (c.unstable !== undefined) return BACKLOG;
  return c.meets ? MEETS : MISSES;
}

/** The subtitle's words for the rings shown ('' without any). */
function failedNote(failed: typeof FAILED_RINGS): string {
  const words: Partial<Record<VerificationOutcome, string>> = {
    refuted: 'red dashed ring: refuted on fresh replications',
    not_confirmed: 'amber dotted ring: not confirmed on fresh replications (an interval too wide)',
    unstable: 'brown dashed ring: no steady state on fresh replications (its queues do not settle)',
  };
  return failed.map((r) => `; ${words[r.outcome]}`).join('');
}

/** The staffings not confirmed: a ring per outcome (its row's `verified`), in a legend of its own, and labelled. */
function failedMarks(failed: typeof FAILED_RINGS) {
  const at = { x: { field: 'cost', type: 'quantitative' as const }, y: { field: 'value', type: 'quantitative' as const } };
  const domain = failed.map((r) => OUTCOME_WORDS[r.outcome]);
  const scale = (range: unknown[]) => ({ domain, range });
  return [
    {
      transform: [{ filter: 'isValid(datum.verified)' }],
      mark: { type: 'point' as const, filled: false, size: 320, strokeWidth: 2 },
      encoding: {
        ...at,
        stroke: {
          field: 'verified',
          type: 'nominal' as const,
          scale: scale(failed.map((r) => r.color)),
          legend: { title: 'on fresh replications' },
        },
        strokeDash: {
          field: 'verified',
          type: 'nominal' as const,
          scale: scale(failed.map((r) => r.dash)),
          legend: { title: 'on fresh replications' },
        },
      },
    },
    ...failed.map((r) => ({
      transform: [{ filter: { field: 'verified', equal: OUTCOME_WORDS[r.outcome] } }],
      mark: { type: 'text' as const, dy: -16, color: r.color, text: OUTCOME_WORDS[r.outcome] },
      encoding: at,
    })),
  ];
}

/** `fresh`: the recommendation is drawn as met on fresh replications alone (FRESH_ONLY), a colour of its own; `backlog`, `placedOut`: such staffings are drawn. */
function outcomeColor(fresh: boolean, backlog: boolean, placedOut: boolean) {
  const kinds: [string, string][] = [
    [MEETS, '#59a14f'],
    ...(fresh ? [[FRESH_ONLY, '#76b7b2'] as [string, string]] : []),
    [MISSES, '#e15759'],
    ...(backlog ? [[BACKLOG, '#9c755f'] as [string, string]] : []),
    ...(placedOut ? [[PLACED_OUT, '#bab0ac'] as [string, string]] : []),
  ];
  return {
    field: 'outcome',
    type: 'nominal' as const,
    scale: { domain: kinds.map(([k]) => k), range: kinds.map(([, c]) => c) },
    legend: { title: null },
  };
}

function axisTitle(main: TargetOutcome, unit: TimeUnit | null): string {
  return `${metricLabel(main.path)}${unit ? ` (${unit.name})` : ''}`;
}
