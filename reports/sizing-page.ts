// The sizing report: what `etomsim size --out` writes beside sizing.json, and what
// `etomsim report sizing.json` rebuilds from it: the cost-against-KPI chart (Vega-Lite and
// SVG) and sizing.html, a self-contained page with the current and recommended staffing,
// their weekly costs, the KPIs of both with intervals, the verification of the choice on fresh
// replications (first, when it refutes the choice), and the diagnosis when the targets cannot be met. Invariant: every text from the scenario or the command line is escaped.
import type { OutputFiles } from '../engine/io/atomic.js';
import { failedOutcome, type SizingCandidate, type SizingResult, staffingKey } from '../engine/results/sizing.js';
import { sizingChart } from './charts/sizing.js';
import { metricValue } from './format.js';
import { escapeHtml, htmlTable } from './html.js';
import {
  boundInterval,
  candidatesTable,
  chosenLabel,
  currentNote,
  unstableOnlyNote,
  noWorkNote,
  OUTCOME_WORDS,
  otherPlacementNote,
  OTHER_PLACEMENT_WORDS,
  placementNote,
  SHIFT_COLUMNS_NOTE,
  sizingTables,
  targetRule,
  uncostedNote,
  wholeRosterNote,
} from './sizing-tables.js';
import { counted } from '../engine/plural.js';
import { isRecommended, targetLabel } from '../engine/results/sizing.js';
import { verificationLeads, verificationNote, verificationTable } from './sizing-verification.js';
import { cycleTimeLines, fragileTeamLines, unitsReasonLines } from './sizing-explanation.js';

export async function sizingFiles(sizing: SizingResult): Promise<OutputFiles> {
  const files: OutputFiles = new Map();
  const chart = sizingChart(sizing);
  let svg = '';
  if (chart) {
    files.set('sizing.vl.json', JSON.stringify(chart.spec, null, 2) + '\n');
    const { renderSvg } = await import('./svg.js'); // vega loads only to draw: isSizingResult and the tables need none
    svg = await renderSvg(chart.spec);
    files.set('sizing.svg', svg);
  }
  files.set('sizing.html', sizingHtml(sizing, svg));
  return files;
}

/** Is this parsed JSON a sizing.json (rather than a results.json)? */
export function isSizingResult(data: unknown): data is SizingResult {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Partial<SizingResult>;
  return Array.isArray(d.candidates) && Array.isArray(d.targets) && 'chosen' in d && typeof d.current === 'object';
}

/** A candidate's mark in the page's candidates table: the chosen (as its verification left it), one the fresh replications did not confirm (by its outcome), one the search could not have made, one the final placement of --per-shift's loads rules out (`other_placement`), one that cannot keep up with its work (sizing.json's `unstable`). */
function candidateMark(sizing: SizingResult, c: SizingCandidate): string {
  if (sizing.chosen !== null && staffingKey(c) === staffingKey(sizing.chosen))
    return isRecommended(sizing) ? 'chosen' : `chosen, ${chosenLabel(sizing)}`;
  const failed = failedOutcome(sizing, c);
  if (failed !== null) return OUTCOME_WORDS[failed];
  if (c.ineligible !== undefined) return 'not eligible';
  return c.other_placement !== undefined ? OTHER_PLACEMENT_WORDS : c.unstable !== undefined ? 'cannot keep up' : '';
}

function sizingHtml(sizing: SizingResult, svg: string): string {
  const uncosted = uncostedNote(sizing);
  const kept = currentNote(sizing);
  const backlog = unstableOnlyNote(sizing);
  const idle = noWorkNote(sizing);
  const rosters = wholeRosterNote(sizing);
  const placement = placementNote(sizing);
  const placedOut = otherPlacementNote(sizing);
  const explained = [...cycleTimeLines(sizing), ...fragileTeamLines(sizing)];
  // the staffing table first, each team's reason for its units right under it
  const [first, ...tables] = sizingTables(sizing);
  const staffing = htmlTable(first);
  const note = verificationNote(sizing);
  const table = verificationTable(sizing);
  // a refuted choice is why nothing is recommended, and a recommendation made after one is not the search's: either
  // leads the page; a choice confirmed at once follows the tables
  const verified = `${note === null ? '' : isRecommended(sizing) && (sizing.refuted ?? []).length === 0 ? `<p>${escapeHtml(note)}</p>` : `<p><strong>${escapeHtml(note)}</strong></p>`}\n${table === null ? '' : htmlTable(table)}`;
  const refuted = verificationLeads(sizing);
  const diagnosis = sizing.diagnosis.map((d) => {
    const best =
      d.best_mean === null
        ? 'no value (no case observed)'
        : `${metricValue(d.path, d.best_mean)} (the end of its ${boundInterval(sizing)}: ${metricValue(d.path, d.best_bound)})`;
    const limits = d.limits.map((l) => `<li>${escapeHtml(l)}</li>`).join('');
    return `<h3>${escapeHtml(`Target '${targetLabel(d)}' cannot be met`)}</h3><p>${escapeHtml(`Best reached: ${best}.`)}</p><ul>${limits}</ul>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(`Sizing: ${sizing.scenario}`)}</title>
<style>body { font-family: system-ui, sans-serif; margin: 24px; color: #111827; } table { border-collapse: collapse; margin: 8px 0 20px; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e5e7eb; text-align: left; } td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; } .table-scroll { overflow-x: auto; }</style>
</head><body>
<h1>${escapeHtml(`Sizing ${sizing.resources.join(', ')}: ${sizing.scenario}`)}</h1>
<p>${escapeHtml(`${targetRule(sizing)}. ${counted(sizing.replications, 'replication')} per candidate, seed ${sizing.seed}, ${counted(sizing.candidates.length, 'candidate')} tried.`)}</p>
${uncosted === null ? '' : `<p>${escapeHtml(uncosted)}</p>`}
${idle === null ? '' : `<p>${escapeHtml(idle)}</p>`}
${kept === null ? '' : `<p>${escapeHtml(kept)}</p>`}
${backlog === null ? '' : `<p><strong>${escapeHtml(backlog)}</strong></p>`}
${refuted ? verified : ''}
${diagnosis.join('\n')}
${[staffing, reasonsHtml(sizing), ...[...tables, candidatesTable(sizing, (c) => candidateMark(sizing, c))].map(htmlTable)].filter((part) => part !== '').join('\n')}
${explained.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
${rosters === null ? '' : `<p>${escapeHtml(rosters)}</p>`}
${sizing.shifts.length === 0 ? '' : `<p>${escapeHtml(`Staffing per shift: ${SHIFT_COLUMNS_NOTE}.`)}</p>`}
${placement === null ? '' : `<p>${escapeHtml(placement)}</p>`}
${placedOut === null ? '' : `<p>${escapeHtml(placedOut)}</p>`}
${refuted ? '' : verified}
${svg ? `<figure>${svg}</figure>` : ''}
</body></html>
`;
}

/** Why each sized team has its units (unitsReasonLines): its heading as a paragraph, a list item a team; '' without them. */
function reasonsHtml(sizing: SizingResult): string {
  const [head, ...lines] = unitsReasonLines(sizing);
  if (head === undefined) return '';
  return `<p>${escapeHtml(head)}</p><ul>${lines.map((line) => `<li>${escapeHtml(line.trim())}</li>`).join('')}</ul>`;
}
