// Text widths for charts rendered in Node. Without a canvas, vega guesses 0.8 em for every
// character, about 60% wider than real text: labels then get cut short and margins swell in
// the SVG files. Helvetica's advance widths (identical to Arial's, the charts' fonts) make the
// layout match what a browser draws. vega provides textMetrics.width for this purpose; the
// charts' renderer (svg.ts) installs itemWidth there. This module loads no vega: the process
// maps measure their text with it in the thread that does not draw charts.

import { isWide, isZeroWidth } from '../engine/io/char-width.js';

/** Helvetica advance widths of the printable ASCII characters, 32 (space) to 126 (~), in 1/1000 em. */
const ASCII_WIDTHS = [
  278,
  278,
  355,
  556,
  556,
  889,
  667,
  191,
  333,
  333,
  389,
  584,
  278,
  333,
  278,
  278, // space to /
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  278,
  278,
  584,
  584,
  584,
  556, // 0 to ?
  1015,
  667,
  667,
  722,
  722,
  667,
  611,
  778,
  722,
  278,
  500,
  667,
  556,
  833,
  722,
  778, // @ to O
  667,
  778,
  722,
  667,
  611,
  722,
  667,
  944,
  667,
  667,
  611,
  278,
  278,
  278,
  469,
  556, // P to _
  333,
  556,
  556,
  500,
  556,
  556,
  278,
  556,
  556,
  222,
  222,
  500,
  222,
  833,
  556,
  556, // ` to o
  556,
  556,
  333,
  500,
  278,
  556,
  500,
  722,
  500,
  500,
  500,
  334,
  260,
  334,
  584, // p to ~
];

/** Anything else (accents, dashes, the minus sign, arrows) counts as a digit. */
const OTHER_WIDTH = 556;

// East Asian wide and fullwidth characters and emoji a whole em (counted as a digit, a Japanese or
// Chinese text was measured at 56% of its width, s35y F13: a slide's row too short for its text)
const WIDE_WIDTH = 1000;

/** Bold Helvetica runs about a tenth wider. */
const BOLD_FACTOR = 1.1;

export interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  limit?: number;
}

export function textWidth(text: string, fontSize: number, bold: boolean): number {
  let ems = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)! - 32;
    if (code >= 0 && code < ASCII_WIDTHS.length) ems += ASCII_WIDTHS[code];
    else if (isZeroWidth(ch))
      continue; // the zero-width space of safeForVega too
    else ems += isWide(ch) ? WIDE_WIDTH : OTHER_WIDTH;
  }
  return (ems / 1000) * fontSize * (bold ? BOLD_FACTOR : 1);
}

/** The width vega's textMetrics.width gives a text item. */
export function itemWidth(item: TextItem, text: unknown): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11; // vega's default size
  const weight = item.fontWeight;
  const bold = weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
  const width = text == null ? 0 : textWidth(String(text).trim(), size, bold);
  // vega truncates text longer than its limit, so it never takes more room than that
  return item.limit !== undefined && item.limit > 0 ? Math.min(width, item.limit) : width;
}

/** Greedy word wrap to a width, breaking words only where one is wider than the line. */
export function wrap(text: string, width: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (textWidth(candidate, fontSize, bold) <= width) line = candidate;
    else {
      if (line !== '') lines.push(line);
      let rest = word;
      while (textWidth(rest, fontSize, bold) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && textWidth(rest.slice(0, cut), fontSize, bold) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
