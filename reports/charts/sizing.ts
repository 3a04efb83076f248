// Team sizing: every candidate staffing the search tried, its cost against the first
// target's metric (with its 95% interval), coloured by whether it met every target; the
// recommended staffing is ringed and the target is a dashed line. A choice its fresh
// replications refuted is no recommendation (isRecommended, as the console and sizing.json
// say): it is not ringed as one but marked, with a dashed red ring, as refuted.
import { isRecommended, type SizingCandidate, type SizingResult, type TargetOutcome } from '../../engine/results/sizing.js';
import { header, PANEL_WIDTH, safeForVega, type Chart } from '../chart.js';
import { metricLabel, unitOf } from '../format.js';
import { inUnit, unitFor, type TimeUnit } from '../units.js';
import { largest } from '../../engine/lists.js';
import { counted } from '../../engine/plural.js';
import { intervalName } from '../shown-intervals.js';
import { shownInterval } from '../sizing-tables.js';

const MEETS = 'meets every target';
const MISSES = 'misses a target';

interface Row {
  cost: number;
  value: number;
  lo: number;
  hi: number;
  outcome: string;
  staffing: string;
  /** the recommended staffing: the search's choice, confirmed by the verification (or none run) */
  chosen: boolean;
  /** only on the search's choice where its fresh replications refuted it (not recommended) */
  refuted?: true;
}

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
  const refuted = sizing.chosen !== null && !isRecommended(sizing);
  const rows = sizing.candidates.flatMap((c) => row(sizing, c, main, scale, staffingKey(c) === chosen, refuted));
  if (rows.length === 0) return null;
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
          refuted
            ? "dashed red ring: the search's choice, which its fresh replications refuted (not recommended)"
            : 'ringed: the cheapest that meets every target'
        }`,
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
            color: outcomeColor(),
          },
        },
        {
          mark: { type: 'point', filled: true, size: 70 },
          encoding: {
            x: { field: 'cost', type: 'quantitative', title: 'staffed cost per hour (averaged over the week)', scale: { zero: false } },
            y,
            color: outcomeColor(),
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
        ...(refuted ? refutedMarks() : []),
      ],
    }),
  };
}

/** `chosen`: whether c is the search's choice; `refuted`: whether its fresh replications refuted that choice. */
function row(
  sizing: SizingResult,
  c: SizingCandidate,
  main: TargetOutcome,
  scale: (x: number) => number,
  chosen: boolean,
  refuted: boolean,
): Row[] {
  const metric = c.metrics[main.path];
  if (!metric || metric.mean === null) return [];
  const [lo, hi] = shownInterval(sizing, main.path, metric) ?? [metric.mean, metric.mean];
  return [
    {
      cost: c.cost_per_hour,
      value: scale(metric.mean),
      lo: scale(lo),
      hi: scale(hi),
      outcome: c.meets ? MEETS : MISSES,
      staffing: Object.entries(c.capacities)
        .map(([team, units]) => `${team} ${c.shift_capacities?.[team]?.join('/') ?? units}`)
        .join(', '),
      chosen: chosen && !refuted,
      ...(chosen && refuted ? { refuted: true as const } : {}),
    },
  ];
}

/** The search's refuted choice: a dashed red ring, labelled (its row's `refuted`). */
function refutedMarks() {
  const at = { x: { field: 'cost', type: 'quantitative' as const }, y: { field: 'value', type: 'quantitative' as const } };
  return [
    {
      transform: [{ filter: 'datum.refuted' }],
      mark: { type: 'point' as const, filled: false, size: 320, strokeWidth: 2, strokeDash: [3, 2], color: '#b91c1c' },
      encoding: at,
    },
    { transform: [{ filter: 'datum.refuted' }], mark: { type: 'text' as const, dy: -16, color: '#b91c1c', text: 'refuted' }, encoding: at },
  ];
}

/** A staffing's identity: its teams' capacities and, sized per shift, its shifts' (two rosters may share a largest capacity). */
export function staffingKey(c: SizingCandidate): string {
  return JSON.stringify([c.capacities, c.shift_capacities ?? null]);
}

function outcomeColor() {
  return {
    field: 'outcome',
    type: 'nominal' as const,
    scale: { domain: [MEETS, MISSES], range: ['#59a14f', '#e15759'] },
    legend: { title: null },
  };
}

function axisTitle(main: TargetOutcome, unit: TimeUnit | null): string {
  return `${metricLabel(main.path)}${unit ? ` (${unit.name})` : ''}`;
}
