// The sections of report.html that read as an argument: the executive page (outcomes per
// variant, the cost-versus-benefit line), the assumptions, and the diagnostic changes with the
// rows that did not move folded into one line. Each builds HTML from the data functions of
// executive.ts and assumptions.ts; every text is escaped here.
import type { Comparison, Results } from '../engine/results/types.js';
import { metricKindOf } from '../engine/model/metric-catalogue.js';
import { assumptions } from './assumptions.js';
import { variantColor } from './colors.js';
import { executiveSummary, type OutcomeLine } from './executive.js';
import { changeAmount, changeOf, metricLabel, metricValue, words } from './format.js';
import { inReadingOrder } from './gains.js';
import { escapeHtml } from './html.js';

function verdict(o: OutcomeLine): string {
  if (!o.significant) return 'no significant change';
  if (o.better === null) return 'changed';
  return o.better ? 'better' : 'worse';
}

/** One card per variant: its outcome KPIs baseline -> variant, change and interval, verdict; then cost versus benefit. */
export function executiveSection(results: Results): string {
  const summaries = executiveSummary(results);
  if (summaries.length === 0) return '<p>No variant to compare with the baseline: the figures below describe the baseline alone.</p>';
  const cards = summaries.map((v) => {
    const rows = v.outcomes.map((o) => {
      const cls = o.significant ? (o.better === false ? 'worse' : 'significant') : 'not-significant';
      return `<tr class="${cls}"><th scope="row">${escapeHtml(`${words(o.flow)}: ${o.label}`)}</th><td class="number">${escapeHtml(o.baseline)}</td><td class="arrow">→</td><td class="number">${escapeHtml(o.value)}</td><td class="number change">${escapeHtml(o.change)}</td><td class="verdict">${escapeHtml(verdict(o))}</td></tr>`;
    });
    return [
      `<article class="variant" id="variant-${escapeHtml(v.variant)}" style="border-left-color: ${variantColor(results, v.variant)}">`,
      `<h3>${escapeHtml(v.variant)}</h3>`,
      v.description ? `<p class="description">${escapeHtml(v.description)}</p>` : '',
      '<table class="outcomes"><thead><tr><th scope="col">outcome</th><th scope="col">baseline</th><th></th><th scope="col">variant</th><th scope="col">change [95% interval]</th><th scope="col">verdict</th></tr></thead>',
      `<tbody>${rows.join('')}</tbody></table>`,
      `<p class="cost"><strong>Cost versus benefit:</strong> ${escapeHtml(v.costLine)}.</p>`,
      '</article>',
    ].join('\n');
  });
  return cards.join('\n');
}

export const EXECUTIVE_NOTE =
  'Outcomes only: how fast (mean and p90 cycle time), how reliably (SLA attainment), how much (throughput) and at what cost (cost per case). A change is in % of the baseline, a share\'s in percentage points (pp); the interval is the paired 95% confidence interval over the replications. "No significant change" means the interval includes zero: the simulation cannot tell this variant from the baseline on that outcome. Staffing cost is cost per unit-hour times the unit-hours a week each team is staffed.';

export function assumptionsSection(results: Results): string {
  const a = assumptions(results);
  const list = (items: string[]) => `<ul>${items.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul>`;
  const parts = [`<h3 id="assumptions-run">Run settings</h3>${list(a.run)}`];
  if (a.teams.length > 0) parts.push(`<h3 id="assumptions-teams">Teams (baseline)</h3>${list(a.teams)}`);
  if (a.arrivals.length > 0) parts.push(`<h3 id="assumptions-arrivals">Arrivals (baseline)</h3>${list(a.arrivals)}`);
  if (a.variants.length > 0) {
    parts.push(
      '<h3 id="assumptions-variants">What each variant changes</h3>',
      ...a.variants.map(
        (v) =>
          `<h4>${escapeHtml(v.variant)}</h4>${v.description ? `<p>${escapeHtml(v.description)}</p>` : ''}${list(v.changes.length > 0 ? v.changes : ["nothing in the inputs: its results equal the baseline's"])}`,
      ),
    );
  }
  if (a.teams.length === 0)
    parts.push(
      '<p class="note">This results file was written before etomsim recorded the inputs it simulated: run the scenario again to see its teams, arrivals and changes here.</p>',
    );
  return parts.join('\n');
}

/** A change too small to show at the table's precision and not significant: folded into one line. */
export function isNoChange(c: Comparison): boolean {
  if (c.significant) return false;
  const change = changeOf(c);
  return change === null
    ? c.delta === 0
    : Math.abs(change.value) < 0.05 &&
        (change.low === null || Math.abs(change.low) < 0.05) &&
        (change.high === null || Math.abs(change.high) < 0.05);
}

/** Diagnostic comparisons (teams' utilisation, queues, waits, costs; milestone KPIs after the outcomes), per variant, unchanged ones folded. */
export function diagnosticChangesSection(results: Results): string {
  const diagnostics = inReadingOrder(results.comparisons).filter(
    (c) => metricKindOf(c.metric)?.role !== 'outcome' || c.metric.includes('.kpis.'),
  );
  if (diagnostics.length === 0) return '';
  const variants = [...new Set(diagnostics.map((c) => c.variant))];
  return variants
    .map((v) => {
      const own = diagnostics.filter((c) => c.variant === v);
      const moved = own.filter((c) => !isNoChange(c));
      const still = own.filter(isNoChange);
      const rows = moved.map(
        (c) =>
          `<tr${c.significant ? '' : ' class="not-significant"'}><td>${escapeHtml(metricLabel(c.metric))}</td><td class="number">${escapeHtml(metricValue(c.metric, c.baseline))}</td><td class="number">${escapeHtml(metricValue(c.metric, c.value))}</td><td class="number">${escapeHtml(changeAmount(c))}</td><td>${c.significant ? 'yes' : 'no'}</td></tr>`,
      );
      if (still.length > 0)
        rows.push(
          `<tr class="folded"><td colspan="5">${escapeHtml(`No change (${still.length}): ${still.map((c) => metricLabel(c.metric)).join('; ')}`)}</td></tr>`,
        );
      return `<h3>${escapeHtml(v)}</h3><table><thead><tr><th scope="col">diagnostic</th><th scope="col">baseline</th><th scope="col">variant</th><th scope="col">change [95% interval]</th><th scope="col">significant</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
    })
    .join('\n');
}
