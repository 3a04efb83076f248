// A tall chart over several slides of report.pptx: the slices of it each slide shows. A chart is
// fitted whole to its slide's picture box, so one as tall as 50 variants make it drew its 11-px
// labels at 1.7-3.6 points (outcome gains 1,021 x 2,561 px: 1.9 pt), which no board reads (s63E).
// The chart is drawn once and its pixels cut (s63N): where a row of pixels holds the least ink (a
// panel's gap, else the gap between two bars), so no bar or label is cut in two, and every slice
// starts with the chart's heading (title and subtitle) and shows its legend where the first did.
// Invariant: the slices' bodies cover the chart below its heading from top to foot, in order,
// without overlap; a chart whose labels are readable whole is one slice, the chart itself.

import { LABEL_SIZE } from './chart.js';

/** The box a picture is fitted to on its slide, inches (a 13.333 x 7.5 in slide, under its title). */
export const PICTURE_BOX = { x: 0.4, y: 1.05, w: 13.333 - 0.8, h: 7.5 - 1.35 };

/**
 * The least size, points, a chart's labels are shown at on a slide where a taller chart is cut into
 * slices: small, but read on a screen; 8 cut the one-variant deck's line charts (7.4 pt, a panel's
 * plot halved across two slides) as well.
 */
const MIN_LABEL_POINTS = 6;

/** The most slides a chart takes: a taller one's labels are drawn smaller than MIN_LABEL_POINTS rather than the deck grow further. */
export const MOST_BANDS = 8;

/**
 * The least blank rows, CSS px, between a chart's heading and what follows: its title's and
 * subtitle's lines are 2-3 px apart, the heading 13-14 px above the first panel or legend.
 */
const HEADING_GAP = 8;

/** A picture's pixels: RGBA, `width` x `height`, `scale` of them to a CSS px. */
export interface Raster {
  width: number;
  height: number;
  scale: number;
  rgba: Uint8Array;
}

/** A rectangle of a chart, CSS px from its top left corner. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The CSS px tall a slide holds of a chart `width` wide at the least label size, or null when the whole chart is readable on one. */
export function sliceRoom(width: number, height: number): number | null {
  const inchesPerPx = MIN_LABEL_POINTS / LABEL_SIZE / 72; // LABEL_SIZE: the labels' CSS px
  const tallest = Math.floor(PICTURE_BOX.h / inchesPerPx);
  // a chart whose width alone makes its labels smaller is one slide: no cut across it mends that
  return height <= tallest || PICTURE_BOX.w / width < inchesPerPx ? null : tallest;
}

/** Ink per CSS row: how many of its pixels are not white (all `scale` pixel rows of it). */
export function rowInk(image: Raster): Uint32Array {
  const { width, height, scale, rgba } = image;
  const ink = new Uint32Array(Math.ceil(height / scale));
  for (let y = 0; y < height; y++) {
    let n = 0;
    for (let i = y * width * 4, end = i + width * 4; i < end; i += 4) if ((rgba[i] & rgba[i + 1] & rgba[i + 2]) !== 255) n++;
    ink[Math.floor(y / scale)] += n;
  }
  return ink;
}

/** Where the chart's heading ends, CSS px: mid-way down the first gap of HEADING_GAP blank rows after ink; 0 when none. */
export function headingFoot(ink: Uint32Array): number {
  let inked = false;
  for (let y = 0, blank = 0; y < ink.length / 2; y++) {
    if (ink[y] !== 0) {
      inked = true;
      blank = 0;
    } else if (inked && ++blank === HEADING_GAP) {
      while (y + 1 < ink.length && ink[y + 1] === 0) y++;
      return y + 1 - Math.floor(blank / 2);
    }
  }
  return 0;
}

/**
 * The rows, CSS px, where a chart's body (from `top` to its foot) is cut, each slice at most
 * `room` tall: the fewest equal parts (MOST_BANDS at most), each cut moved, within a quarter part
 * of where it would fall and never past `room`, to the middle of the longest run of rows of least
 * ink there (the gap between panels rather than between an axis and its labels; ties: the nearest).
 */
export function cutRows(ink: Uint32Array, top: number, room: number): number[] {
  const foot = ink.length;
  const cuts: number[] = [];
  // no room below the heading and the legend (a legend as tall as a slide): the chart whole, labels small, where each
  // cut would stay at or above the last (zero or negative slices, a PNG of no rows: the review, s63R)
  if (!(room > 0)) return cuts;
  let from = top;
  while (foot - from > room && cuts.length < MOST_BANDS - 1) {
    const parts = Math.min(MOST_BANDS - cuts.length, Math.ceil((foot - from) / room));
    const step = (foot - from) / parts;
    const ideal = Math.round(from + step);
    const low = Math.max(from + 1, Math.round(ideal - step / 4));
    const high = Math.min(from + room, Math.round(ideal + step / 4));
    let least = Infinity;
    for (let y = low; y <= high; y++) least = Math.min(least, ink[y]);
    let best = { cut: Math.min(ideal, high), run: 0 };
    for (let y = low; y <= high; y++) {
      if (ink[y] !== least) continue;
      let end = y;
      while (end + 1 < foot && ink[end + 1] === least) end++;
      let start = y;
      while (start - 1 > from && ink[start - 1] === least) start--;
      const cut = Math.min(high, Math.max(low, Math.round((start + end + 1) / 2)));
      const run = end - start + 1;
      if (run > best.run || (run === best.run && Math.abs(cut - ideal) < Math.abs(best.cut - ideal))) best = { cut, run };
      y = end;
    }
    cuts.push(best.cut);
    from = best.cut;
  }
  return cuts;
}

/** Where `slices` cuts a chart: its heading's foot and the cuts (CSS px), the legend it repeats; null: the chart whole. */
export function slicePlan(image: Raster, legend?: Box): { head: number; cuts: number[]; box?: Box; legendRows: number } | null {
  const { width, height, scale } = image;
  const room = sliceRoom(width / scale, height / scale);
  if (room === null) return null;
  const ink = rowInk(image);
  const head = headingFoot(ink);
  const box = legend !== undefined && legend.y >= head ? legend : undefined;
  const legendRows = box !== undefined ? Math.ceil(box.y + box.h) - head : 0;
  let cuts = cutRows(ink, head, room - head);
  // a slice whose legend corner is not blank shows the legend above its part: room for it in every part
  if (box !== undefined && cuts.some((top) => !blank(image, box, top - head))) cuts = cutRows(ink, head, room - head - legendRows);
  return cuts.length === 0 ? null : { head, cuts, box, legendRows };
}

/** A slice of a chart's pixels: its rows, RGBA, `width` pixels each (most of them the whole drawing's own rows, not copies). */
export interface Slice {
  width: number;
  rows: Uint8Array[];
}

/**
 * The slices of a chart drawn at `image` (its legend at `legend`, if any), none when it is readable
 * on one slide: each slice the heading's rows, then its part of the body, with the legend drawn
 * where it stood on the first slice when that corner is blank (above the part when it is not).
 */
export function slices(image: Raster, legend?: Box): Slice[] {
  const { width, height, scale, rgba } = image;
  const plan = slicePlan(image, legend);
  if (plan === null) return [];
  const { head, cuts, box, legendRows } = plan;
  const bounds = [head, ...cuts, Math.ceil(height / scale)].map((y) => Math.min(y * scale, height));
  const row = (y: number) => rgba.subarray(y * width * 4, (y + 1) * width * 4);
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => row(from + i));
  return bounds.slice(0, -1).map((top, i) => {
    const foot = bounds[i + 1];
    if (i === 0) return { width, rows: range(0, foot) };
    const overlay = box !== undefined && blank(image, box, top / scale - head);
    const strip = box !== undefined && !overlay ? legendRows * scale : 0;
    const rows = [...range(0, head * scale), ...range(0, strip).map(() => new Uint8Array(width * 4).fill(255)), ...range(top, foot)];
    if (box !== undefined) {
      // the legend's rows of this slice, copied, the legend's pixels drawn over them
      const [x0, x1] = [Math.floor(box.x * scale) * 4, Math.min(width, Math.ceil((box.x + box.w) * scale)) * 4];
      for (let y = Math.floor(box.y * scale); y < Math.min(rows.length, Math.ceil((box.y + box.h) * scale)); y++) {
        rows[y] = rows[y].slice();
        rows[y].set(row(y).subarray(x0, x1), x0);
      }
    }
    return { width, rows };
  });
}

/** Whether the rows of the legend's box, moved down by `shift` CSS px, are white in the image (where a later slice shows them). */
function blank(image: Raster, box: Box, shift: number): boolean {
  const { width, height, scale, rgba } = image;
  const [x0, x1] = [Math.floor(box.x * scale), Math.min(width, Math.ceil((box.x + box.w) * scale))];
  const [y0, y1] = [Math.floor((box.y + shift) * scale), Math.min(height, Math.ceil((box.y + box.h + shift) * scale))];
  for (let y = y0; y < y1; y++) {
    for (let i = (y * width + x0) * 4; i < (y * width + x1) * 4; i += 4) if ((rgba[i] & rgba[i + 1] & rgba[i + 2]) !== 255) return false;
  }
  return true;
}
