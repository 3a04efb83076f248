// `etomsim catalog [TEXT]`: the eTOM catalogue as a plain-text table (the data and its lookups
// stay in engine/etom/).
import { allProcesses, findProcess, searchProcesses, suggestIds, type EtomProcess } from '../../engine/etom/catalog.js';
import { quoted } from '../../engine/scenario/fields.js';
import { closest } from '../../engine/scenario/suggest.js';

const HEADER = ['ID', 'DOMAIN ID', 'LEVEL', 'NAME', 'VERTICAL'];
const COLUMN_GAP = '  ';
const INFERRED_MARK = ' *';
const INFERRED_FOOTNOTE =
  '* inferred: part of this entry (name, id or vertical) is not confirmed by a public source; see engine/etom/README.md';

/**
 * The output of `etomsim catalog [TEXT]`: every catalog process, or those `searchProcesses`
 * finds for TEXT, as a plain-text table. Returned without a trailing newline.
 */
export function renderCatalog(text?: string): string {
  const matches = searchProcesses(text ?? '');
  if (matches.length === 0) return `no eTOM process matches ${quoted(text ?? '')}${nearProcesses(text ?? '')}`;
  const lines = formatTable([HEADER, ...matches.map(toRow)]);
  return matches.some((entry) => entry.inferred) ? [...lines, '', INFERRED_FOOTNOTE].join('\n') : lines.join('\n');
}

/**
 * The processes a search that found none most likely meant, as validate suggests them for an
 * `etom:` id it does not know: near ids (suggestIds), else the nearest name ("oder handling");
 * '' for none.
 */
function nearProcesses(text: string): string {
  const ids = suggestIds(text);
  if (ids.length > 0) return `; did you mean ${ids.map((id) => `'${id}' (${findProcess(id)!.name})`).join(' or ')}?`;
  const byName = new Map(allProcesses().map((p) => [p.name, p]));
  const name = closest(text.trim(), [...byName.keys()]);
  return name === null ? '' : `; did you mean '${name}' (${byName.get(name)!.id})?`;
}

function toRow(entry: EtomProcess): string[] {
  return [
    entry.id,
    entry.domain ?? '-',
    String(entry.level),
    entry.inferred ? entry.name + INFERRED_MARK : entry.name,
    entry.verticals.length === 0 ? '-' : entry.verticals.join(', '),
  ];
}

/** Pads every column to its widest cell; the last column is left ragged so no line ends in spaces. */
function formatTable(rows: string[][]): string[] {
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join(COLUMN_GAP));
}
