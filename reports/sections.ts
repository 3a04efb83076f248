// The sections of report.html that read as an argument: the executive page (outcomes per
// variant, the cost-versus-benefit line), the assumptions, and the diagnostic changes with the
// rows that did not move folded into one line. Each builds HTML from the data functions of
// executive.ts and assumptions.ts; every text is escaped here.
import type { Results } from '../engine/results/types.js';
import { assumptions, NO_CHANGES, NO_INPUTS } from './assumptions.js';
import { variantColors } from './colors.js';
import { diagnosticChanges, foldedText } from './diagnostics.js';
import { BASELINE_ONLY, baselineSummary, executiveSummary, verdict } from './executive.js';
import { changeAmount, comparisonLabel, costsOf, metricValues, significance, words } from './format.js';
import { escapeHtml, scrolling } from './html.js';
import { append } from '../engine/lists.js';

/** One card per variant: its outcome KPIs baseline -> variant, change and interval, verdict; then cost versus benefit. */
export function executiveSection(results: Results): string {
  const summaries = executiveSummary(results);
  if (summaries.length === 0) {
    const alone = baselineSummary(results);
    if (alone === null) return '';
    const rows = alone.outcomes.map(
      (o) =>
        `<tr><th scope="row">${escapeHtml(`${words(o.flow)}: ${o.label}`)}</th><td class="number">${escapeHtml(o.value)}</td><td class="verdict">${o.warned.length > 0 ? 'see warnings' : ''}</td></tr>`,
    );
    return [
      `<p>${escapeHtml(BASELINE_ONLY)}</p>`,
      scrolling(
        `<table class="outcomes"><thead><tr><th scope="col">outcome</th><th scope="col">baseline [95% interval]</th><th scope="col">note</th></tr></thead>\n<tbody>${rows.join('')}</tbody></table>`,
      ),
      `<p class="cost"><strong>Cost:</strong> ${escapeHtml(alone.costLine)}.</p>`,
    ].join('\n');
  }
  const colors = variantColors(results);
  const cards = summaries.map((v) => {
    const rows = v.outcomes.map((o) => {
      const cls = o.kept && o.material ? (o.better === false ? 'worse' : 'significant') : 'not-significant';
      return `<tr class="${cls}"><th scope="row">${escapeHtml(`${words(o.flow)}: ${o.label}`)}</th><td class="number">${escapeHtml(o.baseline)}</td><td class="arrow">→</td><td class="number">${escapeHtml(o.value)}</td><td class="number change">${escapeHtml(o.change)}</td><td class="verdict">${escapeHtml(verdict(o))}</td></tr>`;
    });
    return [
      `<article class="variant" id="variant-${escapeHtml(v.variant)}" style="border-left-color: ${colors.get(v.variant)}">`,
      `<h3>${escapeHtml(v.variant)}</h3>`,
      v.description ? `<p class="description">${escapeHtml(v.description)}</p>` : '',
      scrolling(
        `<table class="outcomes"><thead><tr><th scope="col">outcome</th><th scope="col">baseline</th><th></th><th scope="col">variant</th><th scope="col">change [95% interval]</th><th scope="col">verdict</th></tr></thead>\n<tbody>${rows.join('')}</tbody></table>`,
      ),
      `<p class="cost"><strong>Cost versus benefit:</strong> ${escapeHtml(v.costLine)}.</p>`,
      '</article>',
    ].join('\n');
  });
  return cards.join('\n');
}

export function assumptionsSection(results: Results): string {
  const a = assumptions(results);
  const list = (items: string[]) => `<ul>${items.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul>`;
  const parts = [`<h3 id="assumptions-run">Run settings</h3>${list(a.run)}`];
  if (a.flows.length > 0) parts.push(`<h3 id="assumptions-flows">Flows (baseline)</h3>${list(a.flows)}`);
  if (a.teams.length > 0) parts.push(`<h3 id="assumptions-teams">Teams (baseline)</h3>${list(a.teams)}`);
  if (a.arrivals.length > 0) parts.push(`<h3 id="assumptions-arrivals">Arrivals (baseline)</h3>${list(a.arrivals)}`);
  if (a.variants.length > 0) {
    parts.push('<h3 id="assumptions-variants">What each variant changes</h3>');
    append(
      parts,
      a.variants.map(
        (v) =>
          `<h4>${escapeHtml(v.variant)}</h4>${v.description ? `<p>${escapeHtml(v.description)}</p>` : ''}${list(v.changes.length > 0 ? v.changes : [NO_CHANGES])}`,
      ),
    );
  }
  if (a.teams.length === 0) parts.push(`<p class="note">${escapeHtml(NO_INPUTS)}</p>`);
  return parts.join('\n');
}

/** Diagnostic comparisons per variant, those that moved as rows and the rest folded into one line. */
export function diagnosticChangesSection(results: Results): string {
  const costs = costsOf(results); // once: it reads every warning
  return diagnosticChanges(results)
    .map(({ variant, moved, still }) => {
      const rows = moved.map(
        (c) =>
          `<tr${c.significant ? '' : ' class="not-significant"'}><td>${escapeHtml(comparisonLabel(c.metric, costs, c.variant))}</td>${metricValues(
            c.metric,
            [c.baseline, c.value],
            costs,
          )
            .map((x) => `<td class="number">${escapeHtml(x)}</td>`)
            .join('')}<td class="number">${escapeHtml(changeAmount(c))}</td><td>${escapeHtml(significance(c, costs))}</td></tr>`,
      );
      if (still.length > 0) rows.push(`<tr class="folded"><td colspan="5">${escapeHtml(foldedText(still))}</td></tr>`);
      return `<h3>${escapeHtml(variant)}</h3>${scrolling(`<table><thead><tr><th scope="col">diagnostic</th><th scope="col">baseline</th><th scope="col">variant</th><th scope="col">change [95% interval]</th><th scope="col">significant</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`)}`;
    })
    .join('\n');
}
