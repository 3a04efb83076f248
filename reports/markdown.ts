// summary.md: the report for a wiki or a pull request: headline gains, the charts as linked
// SVG images, and the KPI tables.
import type { Results } from '../engine/results/types.js';
import type { Chart } from './chart.js';
import type { MapFigure } from './index.js';
import type { VariantGains } from './gains.js';
import { cautions, runSummary } from './notes.js';
import { TABLE_NOTE, type Table } from './tables.js';

export interface MarkdownInput {
  results: Results;
  gains: VariantGains[];
  charts: Chart[];
  tables: Table[];
  maps?: MapFigure[];
}

/**
 * Text from the scenario or the results (names, ids, descriptions) as inline Markdown that
 * shows it literally: characters that would make emphasis, links, code, HTML, an entity or
 * a table cell's end are backslash-escaped, and line breaks become spaces (a break could
 * start a new block).
 */
export function markdownText(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(/[\\`*_[\]<>|~&#!]/g, (c) => `\\${c}`);
}

/** The same, for text that begins a paragraph: a start that would open a list or underline a heading is escaped too. */
function markdownParagraph(text: string): string {
  return markdownText(text)
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([-+=])/, '\\$1');
}

export function markdownTable(t: Table): string {
  const line = (cells: string[]) => `| ${cells.map(markdownText).join(' | ')} |`;
  return [line(t.head), `|${t.numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`, ...t.rows.map(line)].join('\n');
}

function gainsSection(gains: VariantGains[]): string[] {
  if (gains.length === 0) return ['No variant to compare with the baseline.', ''];
  return gains.flatMap((g) => [
    `**${markdownText(g.variant)}**${g.description ? ` (${markdownText(g.description)})` : ''}`,
    '',
    ...g.gains.map((x) => `- ${markdownText(x.label)}: ${x.text}`),
    '',
  ]);
}

export function renderMarkdown({ results, gains, charts, tables, maps = [] }: MarkdownInput): string {
  const out = [`# ${markdownText(results.scenario)}`, ''];
  if (results.description) out.push(markdownParagraph(results.description), '');
  out.push(`${markdownText(runSummary(results))}.`, '');
  for (const caution of cautions(results)) out.push(`> **Warning:** ${markdownText(caution)}`, '');
  out.push('## Main gains against the baseline', '', ...gainsSection(gains));
  if (maps.length > 0) {
    out.push('## Process maps', '');
    for (const m of maps) out.push(`![${markdownText(m.title)}](charts/${m.name}.svg)`, '');
  }
  out.push('## Charts', '');
  for (const c of charts) out.push(`![${markdownText(c.title)}](charts/${c.name}.svg)`, '');
  out.push('## KPIs', '', TABLE_NOTE, '');
  for (const t of tables) out.push(`### ${markdownText(t.title)}`, '', markdownTable(t), '');
  return out.join('\n');
}
