// `etomsim catalog [TEXT]`: the eTOM catalogue as a plain-text table (the data and its lookups
// stay in engine/etom/).
import { allProcesses, findProcess, searchProcesses, suggestIds, type EtomProcess } from '../../engine/etom/catalog.js';
import { quoted } from '../../engine/scenario/fields.js';
import { closest } from '../../engine/scenario/suggest.js';
import { renderTable } from '../table.js';

// Each numbering in its own column, '-' where no source gives the process one: until session 63 the first column held
// the catalog's key (the classic id, else the domain id), and a process numbered only in the domain way (most level-3
// ones, 1.3.3.1) showed its domain id there, as if it were classic, beside itself again under DOMAIN ID.
const HEADER = ['CLASSIC ID', 'DOMAIN ID', 'LEVEL', 'NAME', 'VERTICAL'];
const INFERRED_MARK = ' *';
const INFERRED_FOOTNOTE =
  '* inferred: part of this entry (name, id or vertical) is not confirmed by a public source; see engine/etom/README.md';

/**
 * The output of `etomsim catalog [TEXT]`: every catalog process, or those `searchProcesses`
 * finds for TEXT, as the console's plain-text table. Returned without a trailing newline.
 */
export function renderCatalog(text?: string): string {
  const matches = searchProcesses(text ?? '');
  if (matches.length === 0) return `no eTOM process matches ${quoted(text ?? '')}${nearProcesses(text ?? '')}`;
  // the console's one table (bin/table.ts): widths in terminal columns, numbers right-aligned, a rule under the header
  const table = renderTable(HEADER, matches.map(toRow));
  return matches.some((entry) => entry.inferred) ? `${table}\n\n${INFERRED_FOOTNOTE}` : table;
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
    entry.classic ?? '-',
    entry.domain ?? '-',
    String(entry.level),
    entry.inferred ? entry.name + INFERRED_MARK : entry.name,
    entry.verticals.length === 0 ? '-' : entry.verticals.join(', '),
  ];
}
