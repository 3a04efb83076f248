// Which report files to write (`--formats` on run and report): one name per kind of file a
// reader puts somewhere, `all` for every one. The default is what the report always wrote.
import { closest } from '../engine/scenario/suggest.js';

export const FORMATS = ['html', 'svg', 'png', 'csv', 'md', 'pptx', 'xlsx'] as const;
export type ReportFormat = (typeof FORMATS)[number];

/** report.html, the charts as SVG (and their Vega-Lite specs), the CSV tables and summary.md. */
export const DEFAULT_FORMATS: readonly ReportFormat[] = ['html', 'svg', 'csv', 'md'];

/** Whether the formats need the charts drawn (as SVG, or as PNG from the SVG): a report that draws them starts threads. */
export function drawsCharts(formats: readonly ReportFormat[] = DEFAULT_FORMATS): boolean {
  return formats.includes('svg') || formats.includes('png') || formats.includes('pptx');
}

/** What each format writes, for --help and the README. */
export const FORMAT_FILES: Record<ReportFormat, string> = {
  html: 'report.html (self-contained, offline, printable)',
  svg: 'charts/*.svg and charts/*.vl.json (Vega-Lite)',
  png: 'charts/*.png at 2x, for slides',
  csv: 'kpis.csv, replications.csv, comparisons.csv',
  md: 'summary.md (its pictures are charts/*.svg, so md brings svg with it)',
  pptx: 'report.pptx: title, executive page, process maps, gains and key charts, speaker notes',
  xlsx: 'report.xlsx: KPIs, gains, teams, assumptions, per-replication data',
};

/**
 * The formats asked for, in FORMATS order, from values like "html,png" (repeatable); a
 * message naming the unknown ones otherwise. `md` brings `svg`: summary.md shows the SVGs.
 */
export function parseFormats(values: readonly string[]): { formats: ReportFormat[] } | { error: string } {
  const words = values
    .flatMap((v) => v.split(','))
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w !== '');
  if (words.length === 0) return { error: `--formats needs at least one of ${[...FORMATS, 'all'].join(', ')}` };
  const unknown = words.filter((w) => w !== 'all' && !(FORMATS as readonly string[]).includes(w));
  if (unknown.length > 0) {
    const hints = unknown.map((w) => {
      const match = closest(w, [...FORMATS, 'all']);
      return match ? `'${w}' (did you mean '${match}'?)` : `'${w}'`;
    });
    return { error: `unknown report format ${hints.join(', ')}; choose among ${[...FORMATS, 'all'].join(', ')}` };
  }
  const chosen = new Set(words.includes('all') ? FORMATS : (words as ReportFormat[]));
  if (chosen.has('md')) chosen.add('svg');
  return { formats: FORMATS.filter((f) => chosen.has(f)) };
}
