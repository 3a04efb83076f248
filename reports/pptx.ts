// report.pptx: a deck a transformation lead can present as it is. A title slide, the executive
// page (one slide per variant: outcome KPIs baseline -> variant with their intervals, and the
// cost-versus-benefit line), the process maps, the KPI gains chart and one slide per key chart,
// each with speaker notes stating the assumptions behind it.
// Invariant: pictures are the report's own SVGs rendered to PNG at 2x; all text comes from the
// same data functions as report.html, so the deck and the page say the same thing.
import type { Results } from '../engine/results/types.js';
import { assumptions } from './assumptions.js';
import type { Chart } from './chart.js';
import { executiveSummary, verdict } from './executive.js';
import { words } from './format.js';
import { runSummary } from './notes.js';
import { packageDate, stablePackage } from './stable-package.js';
import { append } from '../engine/lists.js';
import { xmlCharacters } from '../engine/interchange/xml-text.js';

/** The charts that get a slide of their own, in this order, when the report has them. */
export const KEY_CHARTS = [
  'kpi-gains',
  'cycle-time',
  'sla',
  'throughput',
  'breakdown',
  'utilization',
  'bottlenecks',
  'bottleneck-timeline',
  'queue-heatmap',
];

export interface DeckPicture {
  name: string;
  title: string;
  /** PNG bytes at 2x and the drawing's size in CSS pixels */
  png: Uint8Array;
  width: number;
  height: number;
}

/** The slides' text and pictures, in order (tested without writing a deck). */
export interface SlidePlan {
  kind: 'title' | 'executive' | 'picture';
  title: string;
  lines: string[];
  picture: DeckPicture | null;
  /** executive slides: the table's rows, the first being the header */
  table: string[][] | null;
  /** executive slides: per row below the header, whether its change holds (after Holm): shown bold, the others grey */
  holds: boolean[] | null;
  notes: string;
}

const WIDE = { w: 13.333, h: 7.5 };

/** Speaker notes: the assumptions a presenter should be able to state. */
function assumptionNotes(results: Results, variant: string | null): string {
  const a = assumptions(results);
  const lines = ['Assumptions behind these figures:', ...a.run.map((t) => `- ${t}`)];
  if (a.teams.length > 0) append(lines, ['Teams (baseline):', ...a.teams.map((t) => `- ${t}`)]);
  if (a.arrivals.length > 0) append(lines, ['Arrivals:', ...a.arrivals.map((t) => `- ${t}`)]);
  for (const v of a.variants.filter((x) => variant === null || x.variant === variant)) {
    lines.push(`Variant ${v.variant}${v.description ? ` (${v.description})` : ''} changes:`);
    append(lines, v.changes.length === 0 ? ['- nothing in the inputs'] : v.changes.map((c) => `- ${c}`));
  }
  lines.push(
    'Intervals are 95% paired confidence intervals over the replications (common random numbers); a change whose interval includes zero is not significant.',
  );
  return lines.join('\n');
}

export function slidePlan(results: Results, charts: Chart[], pictures: Map<string, DeckPicture>, maps: DeckPicture[]): SlidePlan[] {
  const slides: SlidePlan[] = [];
  slides.push({
    kind: 'title',
    title: results.scenario,
    lines: [results.description ?? '', `Simulation: ${runSummary(results)}`].filter((l) => l !== ''),
    picture: null,
    table: null,
    holds: null,
    notes: assumptionNotes(results, null),
  });
  for (const v of executiveSummary(results)) {
    const table = [
      ['outcome', 'baseline', 'variant', 'change [95% interval]', 'verdict'],
      ...v.outcomes.map((o) => [`${words(o.flow)}: ${o.label}`, o.baseline, o.value, o.change, verdict(o)]),
    ];
    slides.push({
      kind: 'executive',
      title: `${v.variant}: what it changes`,
      lines: [v.description ?? '', `Cost versus benefit: ${v.costLine}`].filter((l) => l !== ''),
      picture: null,
      table,
      holds: v.outcomes.map((o) => o.holds),
      notes: assumptionNotes(results, v.variant),
    });
  }
  for (const m of maps)
    slides.push({
      kind: 'picture',
      title: m.title,
      lines: [],
      picture: m,
      table: null,
      holds: null,
      notes: assumptionNotes(results, null),
    });
  for (const name of KEY_CHARTS) {
    const chart = charts.find((c) => c.name === name);
    const picture = pictures.get(name);
    if (chart && picture)
      slides.push({
        kind: 'picture',
        title: chart.title,
        lines: [],
        picture,
        table: null,
        holds: null,
        notes: assumptionNotes(results, null),
      });
  }
  return slides;
}

/** Fits a picture in a box keeping its proportions, centred. */
function fitted(p: DeckPicture, box: { x: number; y: number; w: number; h: number }) {
  const scale = Math.min(box.w / p.width, box.h / p.height);
  const w = p.width * scale;
  const h = p.height * scale;
  return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export async function renderPptx(results: Results, slides: SlidePlan[]): Promise<Uint8Array> {
  // imported here: only this format needs pptxgenjs
  const module = await import('pptxgenjs');
  // CommonJS under NodeNext: the runtime default is the class its types call the default's default
  const PptxGenJS = module.default as unknown as new () => import('pptxgenjs').default;
  const deck = new PptxGenJS();
  deck.layout = 'LAYOUT_WIDE';
  // pptxgenjs escapes markup but keeps control characters, and PowerPoint refuses such a file
  const text = xmlCharacters;
  deck.title = text(results.scenario);
  deck.author = text(`${results.engine.name} ${results.engine.version}`);
  const font = 'Arial';
  for (const s of slides) {
    const slide = deck.addSlide();
    if (s.kind === 'title') {
      slide.addText(text(s.title), { x: 0.6, y: 2.2, w: WIDE.w - 1.2, h: 1.2, fontSize: 36, bold: true, fontFace: font, color: '111827' });
      slide.addText(text(s.lines.join('\n')), {
        x: 0.6,
        y: 3.5,
        w: WIDE.w - 1.2,
        h: 2.2,
        fontSize: 16,
        fontFace: font,
        color: '4B5563',
        valign: 'top',
      });
    } else {
      slide.addText(text(s.title), { x: 0.5, y: 0.25, w: WIDE.w - 1, h: 0.7, fontSize: 24, bold: true, fontFace: font, color: '111827' });
      if (s.table) {
        if (s.lines.length > 0)
          slide.addText(text(s.lines[0]), {
            x: 0.5,
            y: 0.95,
            w: WIDE.w - 1,
            h: 0.7,
            fontSize: 13,
            fontFace: font,
            color: '4B5563',
            valign: 'top',
          });
        const holds = (i: number) => i === 0 || s.holds?.[i - 1] === true;
        const rows = s.table.map((r, i) =>
          r.map((cell, j) => ({
            text: text(cell),
            options: {
              bold: i === 0 || ((j === 3 || j === 4) && holds(i)),
              color: holds(i) ? '111827' : '6B7280',
              fill: { color: i === 0 ? 'F3F4F6' : 'FFFFFF' },
              fontSize: 13,
              fontFace: font,
            },
          })),
        );
        slide.addTable(rows, {
          x: 0.5,
          y: 1.75,
          w: WIDE.w - 1,
          colW: [3.9, 1.8, 1.8, 2.6, 2.233],
          border: { type: 'solid', pt: 0.5, color: 'E5E7EB' },
        });
        if (s.lines.length > 1)
          slide.addText(text(s.lines[s.lines.length - 1]), {
            x: 0.5,
            y: 6.2,
            w: WIDE.w - 1,
            h: 0.9,
            fontSize: 13,
            fontFace: font,
            color: '111827',
            valign: 'top',
          });
      }
      if (s.picture)
        slide.addImage({
          data: `image/png;base64,${base64(s.picture.png)}`,
          ...fitted(s.picture, { x: 0.4, y: 1.05, w: WIDE.w - 0.8, h: WIDE.h - 1.35 }),
        });
    }
    slide.addNotes(text(s.notes));
  }
  const out = await deck.write({ outputType: 'nodebuffer', compression: true });
  return stablePackage(new Uint8Array(out as Uint8Array), packageDate(results));
}
