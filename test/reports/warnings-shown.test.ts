// The run's warnings reach every place a reader looks, each once: the console, report.html,
// summary.md, the deck (a slide before any figure) and the workbook (a sheet). A warning that
// several variants share word for word (a KPI no variant touches, under common random numbers)
// is said once, naming them all.
import { describe, expect, test } from 'vitest';
import type { Results, Warning } from '../../engine/results/types.js';
import { summaryText } from '../../bin/run-summary.js';
import { executiveSummary, verdict } from '../../reports/executive.js';
import { headlineGains } from '../../reports/gains.js';
import { renderHtml } from '../../reports/html.js';
import { reportCharts } from '../../reports/index.js';
import { renderMarkdown } from '../../reports/markdown.js';
import { cautions, fewReplicationsNote, groupedWarnings, readingNotes } from '../../reports/notes.js';
import { CAUTION_TEXT, cautionPages, slidePlan } from '../../reports/pptx.js';
import { kpiTables } from '../../reports/tables.js';
import { workbookSheets } from '../../reports/xlsx.js';
import { smallResults } from './fixture.js';

const SKEW = 'the 20 replications\u2019 values of flows.order.kpis.capture.p90 are markedly skewed (skewness -2.37).';

/** The same skew in three variants, another in one, and a warning about the whole run. */
function warned(): Results {
  const results = smallResults();
  const skew = (variant: string): Warning => ({ code: 'skewed', variant, subject: 'flows.order.kpis.capture.p90', message: SKEW });
  results.warnings = [
    skew('baseline'),
    { code: 'unstable', variant: 'redesign', subject: 'resources.techs', message: 'techs is unstable <b>&</b>.' },
    skew('redesign'),
    skew('__proto__'),
    { code: 'precision', variant: null, subject: null, message: 'The precision asked was not reached.' },
  ];
  return results;
}

const EXPECTED = [
  `baseline, redesign, __proto__: ${SKEW}`,
  'redesign: techs is unstable <b>&</b>.',
  'The precision asked was not reached.',
];

const count = (text: string, part: string) => text.split(part).length - 1;

describe("the run's warnings, each said once wherever a reader looks", () => {
  test('shared ones grouped in their first place, the variants in their order; a differing message stays apart', () => {
    expect(cautions(warned())).toEqual(EXPECTED);
    const results = warned();
    results.warnings.push({ ...results.warnings[0], variant: 'other', message: `${SKEW} (another)` });
    expect(groupedWarnings(results.warnings).map((g) => [g.code, g.variants.join(' ')])).toEqual([
      ['skewed', 'baseline redesign __proto__'],
      ['unstable', 'redesign'],
      ['precision', ''],
      ['skewed', 'other'],
    ]);
  });

  test('the console: the count of lines it prints, each warning once', () => {
    const text = summaryText(warned());
    expect(text).toContain('Warnings (3): where these numbers may not mean what they seem to');
    for (const line of EXPECTED) expect(count(text, `warning: ${line}`)).toBe(1);
    expect(count(text, SKEW)).toBe(1);
  });

  test('report.html and summary.md: each once, escaped', () => {
    const results = warned();
    const html = renderHtml({ results, gains: headlineGains(results), charts: reportCharts(results), tables: kpiTables(results) });
    const block = html.slice(html.indexOf('id="warnings"'), html.indexOf('</div>', html.indexOf('id="warnings"')));
    expect(block.match(/<p class="caution">/g)).toHaveLength(3);
    expect(count(html, 'markedly skewed')).toBe(1);
    expect(block).toContain('redesign: techs is unstable &lt;b&gt;&amp;&lt;/b&gt;.');
    const md = renderMarkdown({ results, charts: reportCharts(results), tables: kpiTables(results) });
    expect(count(md, 'markedly skewed')).toBe(1);
    expect(md.match(/> \*\*Warning:\*\*/g)).toHaveLength(3);
  });

  test('the deck: a slide of them after the title, before any figure; none without warnings', () => {
    const slides = slidePlan(warned(), [], new Map(), []);
    expect(slides.map((s) => s.kind).slice(0, 3)).toEqual(['title', 'cautions', 'executive']);
    expect(slides[1].title).toBe('Before relying on these figures');
    expect(slides[1].lines).toEqual(EXPECTED);
    expect(slidePlan(smallResults(), [], new Map(), []).some((s) => s.kind === 'cautions')).toBe(false);
  });

  test('the deck: many long warnings go over several slides, each once and in order, each slide within its room', () => {
    const long = Array.from(
      { length: 14 },
      (_, i) => `Warning ${i}: ${'a reason a figure may not mean what it seems to, '.repeat(6 + (i % 5))}`,
    );
    const pages = cautionPages(long);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flat()).toEqual(long);
    // a measure of its own: this text in 14 pt Arial averages 0.45 em a character (text-width.ts' metrics), taken as 0.5; the bullet's box 12.3 - 0.4 in wide
    const perLine = Math.floor(((CAUTION_TEXT.w - 0.4) * 72) / (CAUTION_TEXT.fontSize * 0.5));
    for (const page of pages) {
      const height = page.reduce((sum, t) => sum + Math.ceil(t.length / perLine) * CAUTION_TEXT.lineHeight + CAUTION_TEXT.gap, 0);
      expect(height).toBeLessThanOrEqual(7.5 - 0.3 - 0.95);
    }
    const results = warned();
    results.warnings = long.map((message) => ({ code: 'censored', variant: null, subject: null, message }));
    const titles = slidePlan(results, [], new Map(), [])
      .filter((s) => s.kind === 'cautions')
      .map((s) => s.title);
    expect(titles).toEqual(pages.map((_, i) => `Before relying on these figures (${i + 1} of ${pages.length})`));
  });

  test('the workbook: a Warnings sheet after Executive, one row per grouped warning, with its code, variants and subject', () => {
    const sheets = workbookSheets(warned());
    expect(sheets.map((s) => s.name).slice(0, 3)).toEqual(['Executive', 'Warnings', 'KPIs']);
    const sheet = sheets[1];
    expect(sheet.columns.map((c) => c.header)).toEqual(['code', 'variants', 'subject', 'warning']);
    expect(sheet.rows).toEqual([
      ['skewed', 'baseline, redesign, __proto__', 'flows.order.kpis.capture.p90', SKEW],
      ['unstable', 'redesign', 'resources.techs', 'techs is unstable <b>&</b>.'],
      ['precision', '', null, 'The precision asked was not reached.'],
    ]);
    const lone = smallResults();
    lone.engine.replications = 1;
    expect(workbookSheets(lone)[1].rows).toEqual([[null, null, null, cautions(lone)[0]]]);
  });
});

describe("the run's notes (2 replications' intervals) apart from its warnings, in every output that shows them (s62E)", () => {
  /** warned() from 2 replications: three warnings and the note. */
  function noted(): Results {
    const results = warned();
    results.engine.replications = 2;
    return results;
  }
  const note = () => fewReplicationsNote(noted())!;

  test('one definition: readingNotes holds the note, cautions the warnings alone', () => {
    expect(note()).toContain('12.7 standard errors');
    expect(readingNotes(noted())).toEqual([note()]);
    expect(cautions(noted())).toEqual(EXPECTED);
    expect(readingNotes(warned())).toEqual([]);
  });

  test('report.html: its own block under the warnings, marked as a note; none without a note', () => {
    const results = noted();
    const html = renderHtml({ results, gains: headlineGains(results), charts: reportCharts(results), tables: kpiTables(results) });
    const block = (id: string) => html.slice(html.indexOf(`id="${id}"`), html.indexOf('</div>', html.indexOf(`id="${id}"`)));
    expect(block('warnings').match(/<p class="caution">/g)).toHaveLength(3);
    expect(block('warnings')).not.toContain('12.7');
    expect(block('notes')).toBe(`id="notes"><p class="reading-note"><strong>Note:</strong> ${note().replaceAll("'", '&#39;')}</p>`);
    expect(html.indexOf('id="notes"')).toBeGreaterThan(html.indexOf('id="warnings"'));
    expect(count(html, '12.7 standard errors')).toBe(1);
    const plain = warned();
    expect(renderHtml({ results: plain, gains: headlineGains(plain), charts: [], tables: [] })).not.toContain('id="notes"');
  });

  test('summary.md: a Note after the Warnings', () => {
    const results = noted();
    const md = renderMarkdown({ results, charts: [], tables: [] });
    expect(md.match(/> \*\*Warning:\*\*/g)).toHaveLength(3);
    expect(md.match(/> \*\*Note:\*\*/g)).toHaveLength(1);
    expect(md).toContain('> **Note:** With 2 replications every 95% interval reaches 12.7 standard errors');
    expect(md.lastIndexOf('**Warning:**')).toBeLessThan(md.indexOf('**Note:**'));
  });

  test("the deck: a slide of its own after the warnings' slide, not among them", () => {
    const slides = slidePlan(noted(), [], new Map(), []);
    expect(slides.map((s) => s.kind).slice(0, 4)).toEqual(['title', 'cautions', 'notes', 'executive']);
    expect(slides[1].lines).toEqual(EXPECTED);
    expect(slides[2].title).toBe('Reading these figures');
    expect(slides[2].lines).toEqual([note()]);
    expect(slidePlan(warned(), [], new Map(), []).some((s) => s.kind === 'notes')).toBe(false);
  });

  test('the workbook: a Notes sheet after Warnings, only where there is a note; the Warnings sheet without it', () => {
    const sheets = workbookSheets(noted());
    expect(sheets.map((s) => s.name).slice(0, 4)).toEqual(['Executive', 'Warnings', 'Notes', 'KPIs']);
    expect(sheets[1].rows.flat().join()).not.toContain('12.7');
    expect(sheets[2].columns.map((c) => c.header)).toEqual(['note']);
    expect(sheets[2].rows).toEqual([[note()]]);
    expect(workbookSheets(warned()).some((s) => s.name === 'Notes')).toBe(false);
  });
});

describe('an executive row that a warning concerns says so in its verdict', () => {
  /** The fixture with a second flow, repair, compared on its mean cycle time too. */
  function twoFlows(warnings: Warning[]): Results {
    const results = smallResults();
    const mean = results.comparisons.find((c) => c.metric === 'flows.order.cycle_time.mean')!;
    results.comparisons.push({ ...mean, metric: 'flows.repair.cycle_time.mean' });
    results.warnings = warnings;
    return results;
  }
  const verdicts = (results: Results) => Object.fromEntries(executiveSummary(results)[0].outcomes.map((o) => [o.metric, verdict(o)]));
  const SEE = ' (see warnings)';

  test("a skewed KPI its own row, the baseline's too; a flow's warning that flow's rows; the whole run's and another variant's none", () => {
    const results = twoFlows([
      { code: 'skewed', variant: 'baseline', subject: 'flows.order.cycle_time.p90', message: 'skewed.' },
      { code: 'censored', variant: 'redesign', subject: 'flows.repair', message: 'censored.' },
      { code: 'precision', variant: null, subject: null, message: 'imprecise.' },
      { code: 'unstable', variant: 'other', subject: 'resources.techs', message: 'unstable elsewhere.' },
    ]);
    expect(verdicts(results)).toEqual({
      'flows.order.cycle_time.mean': 'better',
      'flows.order.cycle_time.p90': `better${SEE}`,
      'flows.order.sla_attainment': 'better',
      'flows.order.throughput_per_day': 'no significant change',
      'flows.repair.cycle_time.mean': `better${SEE}`,
    });
    // the workbook's Executive sheet names the codes in a column of its own
    const executive = workbookSheets(results)[0];
    const warnings = executive.columns.findIndex((c) => c.header === 'warnings');
    expect(executive.rows.map((r) => [r[1], r[2], r[warnings]])).toEqual([
      ['order', 'mean cycle time', null],
      ['order', 'p90 cycle time', 'skewed'],
      ['order', 'SLA attainment', null],
      ['order', 'throughput per day', null],
      ['repair', 'mean cycle time', 'censored'],
      ['', 'staffing cost per week', null],
    ]);
  });

  test("a team's warning (unstable, a warm-up) every row of the variant, in every output's verdict", () => {
    const results = twoFlows([
      { code: 'unstable', variant: 'redesign', subject: 'resources.techs', message: 'techs is unstable.' },
      { code: 'warmup', variant: 'redesign', subject: 'resources.techs.queue_length', message: 'settles late.' },
    ]);
    for (const v of Object.values(verdicts(results))) expect(v.endsWith(SEE)).toBe(true);
    expect(executiveSummary(results)[0].outcomes.every((o) => o.warned.join() === 'unstable,warmup')).toBe(true);
    const html = renderHtml({ results, gains: headlineGains(results), charts: reportCharts(results), tables: kpiTables(results) });
    expect(count(html, '<td class="verdict">better (see warnings)</td>')).toBe(4);
    const deck = slidePlan(results, [], new Map(), []).find((s) => s.kind === 'executive')!;
    expect(deck.table!.slice(1).every((r) => r[4].endsWith(SEE))).toBe(true);
  });
});
