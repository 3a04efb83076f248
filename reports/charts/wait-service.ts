// Where the time goes: per step (or eTOM process) and variant, time waiting in the queue and
// time in service, stacked. The bar's colour is the variant's; the wait is its faded part.
import type { Results, Stat } from '../../engine/results/types.js';
import { barOffset, panelTitle, PANEL_WIDTH, type UnitPanel } from '../chart.js';
import { variantColorEncoding } from '../colors.js';
import { variantNames } from '../names.js';
import { inUnit, unitFor, type TimeUnit } from '../units.js';
import { largest } from '../../engine/lists.js';

export interface TimeSplit {
  group: string;
  variant: string;
  /** hours */
  wait: number;
  service: number;
}

export interface TimePart {
  group: string;
  variant: string;
  part: 'service' | 'wait';
  /** in the panel's unit */
  time: number;
}

/** A split from two stats; null when either has no mean (a step no case reached). */
export function timeSplit(group: string, variant: string, wait: Stat | undefined, service: Stat | undefined): TimeSplit | null {
  if (wait?.mean == null || service?.mean == null) return null;
  return { group, variant, wait: wait.mean, service: service.mean };
}

export function timeParts(splits: TimeSplit[], unit: TimeUnit): TimePart[] {
  return splits.flatMap((s) => [
    { group: s.group, variant: s.variant, part: 'service' as const, time: inUnit(s.service, unit) },
    { group: s.group, variant: s.variant, part: 'wait' as const, time: inUnit(s.wait, unit) },
  ]);
}

/** The unit that fits the longest bar. */
export function splitUnit(splits: TimeSplit[]): TimeUnit {
  return unitFor(
    largest(
      splits.map((s) => s.wait + s.service),
      0,
    ),
  );
}

/** A panel of stacked bars; `measure` names the x-axis quantity, the unit is added to it. */
export function waitServicePanel(results: Results, splits: TimeSplit[], measure: string, title: string | null): UnitPanel {
  const unit = splitUnit(splits);
  const groups = [...new Set(splits.map((s) => s.group))];
  const variants = variantNames(results).filter((v) => splits.some((s) => s.variant === v));
  return {
    ...(title === null ? {} : { title: panelTitle(title) }),
    width: PANEL_WIDTH,
    height: { step: 16, for: 'offset' },
    data: { values: timeParts(splits, unit) },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'group', type: 'nominal', sort: groups, title: null },
      yOffset: barOffset('variant', variants),
      x: { field: 'time', type: 'quantitative', stack: 'zero', title: `${measure} (${unit.name})` },
      color: variantColorEncoding(results, variants),
      opacity: { field: 'part', type: 'ordinal', scale: { domain: ['service', 'wait'], range: [1, 0.4] }, legend: { title: 'time' } },
      order: { field: 'part', sort: 'ascending' },
      tooltip: [
        { field: 'variant', type: 'nominal' },
        { field: 'group', type: 'nominal', title: 'where' },
        { field: 'part', type: 'nominal' },
        { field: 'time', type: 'quantitative', title: unit.name, format: '.2f' },
      ],
    },
  };
}
