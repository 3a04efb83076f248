// summary.md: the report for a wiki or a pull request: headline gains, the charts as linked
// SVG images, and the KPI tables.
import type { Results } from '../engine/results/types.js';
import type { Chart } from './chart.js';
import type { VariantGains } from './gains.js';
import { cautions, runSummary } from './notes.js';
import { TABLE_NOTE, type Table } from './tables.js';

export interface MarkdownInput {
  results: Results;
  gains: VariantGains[];
  charts: Chart[];
  tables: Table[];
}

/** Pipes would end a cell and line breaks a row. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function markdownTable(t: Table): string {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(t.head), `|${t.numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`, ...t.rows.map(line)].join('\n');
}

function gainsSection(gains: VariantGains[]): string[] {
  if (gains.length === 0) return ['No variant to compare with the baseline.', ''];
  return gains.flatMap((g) => [
    `**${g.variant}**${g.description ? ` (${g.description})` : ''}`,
    '',
    ...g.gains.map((x) => `- ${x.label}: ${x.text}`),
    '',
  ]);
}

export function renderMarkdown({ results, gains, charts, tables }: MarkdownInput): string {
  const out = [`# ${results.scenario}`, ''];
  if (results.description) out.push(results.description, '');
  out.push(`${runSummary(results)}.`, '');
  for (const caution of cautions(results)) out.push(`> **Warning:** ${caution}`, '');
  out.push('## Main gains against the baseline', '', ...gainsSection(gains));
  out.push('## Charts', '');
  for (const c of charts) out.push(`![${c.title}](charts/${c.name}.svg)`, '');
  out.push('## KPIs', '', TABLE_NOTE, '');
  for (const t of tables) out.push(`### ${t.title}`, '', markdownTable(t), '');
  return out.join('\n');
}
