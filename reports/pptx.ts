// report.pptx: a deck a transformation lead can present as it is. A title slide, the run's
// warnings when it has any (what the figures may not mean, before any figure), its notes when it
// has any (how to read figures that are right: a slide of their own, notes.ts), the executive
// page (one slide per variant: outcome KPIs baseline -> variant with their intervals, and the
// cost-versus-benefit line; without variants, the baseline's outcomes), the process maps, the KPI gains chart and one slide per key chart
// (one too tall to read whole over several, a slice of it each: deck-bands.ts), each with speaker notes stating the assumptions behind it.
// Invariant: pictures are the report's own SVGs rendered to PNG at 2x; all text comes from the
// same data functions as report.html, so the deck and the page say the same thing.
import type { Results } from '../engine/results/types.js';
import { assumptions } from './assumptions.js';
import type { Chart } from './chart.js';
import { BASELINE_ONLY, baselineSummary, executiveSummary, verdict } from './executive.js';
import { words } from './format.js';
import { cautions, readingNotes, runSummary } from './notes.js';
import { packageDate, stablePackage } from './stable-package.js';
import { append, largest } from '../engine/lists.js';
import { xmlCharacters } from '../engine/interchange/xml-text.js';
import { textWidth } from './text-width.js';
import { KEY_CHARTS } from './key-charts.js';
import { PICTURE_BOX } from './deck-bands.js';

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
  kind: 'title' | 'cautions' | 'notes' | 'executive' | 'picture';
  title: string;
  lines: string[];
  picture: DeckPicture | null;
  /** executive slides: the table's rows, the first being the header */
  table: string[][] | null;
  /** executive slides: per row below the header, whether its change is kept significant after Holm: shown bold, the others grey */
  kept: boolean[] | null;
  /** executive slides: the cost-versus-benefit line under the table, on a variant's last slide */
  footer?: string | null;
  /** executive slides: the table's column widths, inches (EXECUTIVE_TABLE.colW unless told: the baseline alone has three columns) */
  colW?: readonly number[];
  notes: string;
}

const WIDE = { w: 13.333, h: 7.5 };

/**
 * The executive slide's frame, in inches: the description under the title, the table, the cost
 * line at the foot. A table taller than the room between them ran off the slide (four flows gave
 * 16 rows from 1.75 in, past the cost line and the slide's bottom), so its rows are measured and
 * spread over as many slides as they need (executivePages).
 */
export const EXECUTIVE_TABLE = {
  x: 0.5,
  w: WIDE.w - 1,
  colW: [3.6, 1.5, 1.5, 2.833, 2.9],
  fontSize: 13,
  /** PowerPoint's single line is about 1.2 em; pptxgenjs' default cell margins are 0.05 in above and below, 0.1 in each side */
  lineHeight: (13 * 1.2) / 72,
  margin: { vertical: 0.1, horizontal: 0.2 },
};
const EXECUTIVE_HEAD = ['outcome', 'baseline', 'variant', 'change [95% interval]', 'verdict'];
/** The executive slide of a run without variants: the baseline's outcomes (s36f F6: the deck had no KPI page). */
const BASELINE_HEAD = ['outcome', 'baseline [95% interval]', 'note'];
const BASELINE_COLUMNS = [4.6, 4.733, 3];
const TEXT_TOP = 0.95;
const SLIDE_BOTTOM = WIDE.h - 0.3;

/** Lines a text takes in a box `width` inches wide at `fontSize` points; a tenth of room kept for where words break. */
export function linesIn(textLine: string, width: number, fontSize: number, bold: boolean): number {
  return Math.max(1, Math.ceil(textWidth(textLine, fontSize, bold) / (width * 72 * 0.9)));
}

/** PowerPoint's single line, inches per point of the font's size (about 1.2 em). */
const LINE_PER_POINT = 1.2 / 72;
/** The smallest size a title or the title slide's text is set in to fit its box; a text longer still runs out of it. */
const MIN_FONT_SIZE = 12;
/** pptxgenjs' text box insets, inches: 0.1 each side, 0.05 above and below. */
const INSET = { horizontal: 0.2, vertical: 0.1 };

/**
 * The largest font size, `size` at most, at which the paragraphs `texts` fit a text box `box`
 * inches large (a point smaller at a time, MIN_FONT_SIZE the least): a slide's title or the
 * title slide's name at 24 or 36 points took as many lines as its length asked and ran out of
 * its box over the text below (a 200-letter scenario name: six lines of 36 points in a box of
 * two).
 */
export function fittingSize(texts: readonly string[], box: { w: number; h: number }, size: number, bold: boolean): number {
  for (let points = size; points > MIN_FONT_SIZE; points--) {
    let lines = 0;
    for (const text of texts) for (const paragraph of text.split('\n')) lines += linesIn(paragraph, box.w - INSET.horizontal, points, bold);
    if (lines * points * LINE_PER_POINT <= box.h - INSET.vertical) return points;
  }
  return MIN_FONT_SIZE;
}

/** A table row's height: its tallest cell. */
export function rowHeight(cells: readonly string[], bold: boolean, colW: readonly number[] = EXECUTIVE_TABLE.colW): number {
  const t = EXECUTIVE_TABLE;
  const lines = largest(cells.map((c, j) => linesIn(c, colW[j] - t.margin.horizontal, t.fontSize, bold)));
  return lines * t.lineHeight + t.margin.vertical;
}

/** Where the table starts and must end: under the description, above the cost line. */
export function executiveFrame(description: string, footer: string): { top: number; bottom: number; footerTop: number } {
  const t = EXECUTIVE_TABLE;
  const textHeight = (x: string) => linesIn(x, t.w - t.margin.horizontal, t.fontSize, false) * t.lineHeight + t.margin.vertical;
  const top = Math.max(1.75, description === '' ? TEXT_TOP : TEXT_TOP + textHeight(description) + 0.1);
  const footerTop = Math.min(6.2, SLIDE_BOTTOM - textHeight(footer));
  return { top, bottom: footerTop - 0.1, footerTop };
}

/** The warnings' and the notes' slides' text: one paragraph per caution or note, a little apart. */
export const CAUTION_TEXT = { x: 0.5, w: WIDE.w - 1, fontSize: 14, lineHeight: (14 * 1.2) / 72, gap: 0.12 };

/** What a bullet and the text box's own insets take from the text's width, inches (pptxgenjs: 0.1 in each side, PowerPoint's bullet indent about 0.2 in). */
const BULLET_INDENT = 0.4;

/** The cautions (or notes) per slide: as many as fit between the title and the slide's foot (one too long for a slide still gets one). */
export function cautionPages(texts: readonly string[]): string[][] {
  const t = CAUTION_TEXT;
  const room = SLIDE_BOTTOM - TEXT_TOP - t.lineHeight; // a line spare: renderers space lines a little differently
  const height = (x: string) => linesIn(x, t.w - BULLET_INDENT, t.fontSize, false) * t.lineHeight + t.gap;
  const pages: string[][] = [];
  let used = room;
  for (const text of texts) {
    if (used + height(text) > room) {
      pages.push([]);
      used = 0;
    }
    pages[pages.length - 1].push(text);
    used += height(text);
  }
  return pages;
}

interface ExecutiveRow {
  group: string;
  cells: string[];
  kept: boolean;
}

/** The rows of a variant's table per slide: as many as fit in the frame, a flow's rows kept on one slide where they fit on one. */
export function executivePages(
  rows: ExecutiveRow[],
  frame: { top: number; bottom: number },
  head: readonly string[] = EXECUTIVE_HEAD,
  colW: readonly number[] = EXECUTIVE_TABLE.colW,
): ExecutiveRow[][] {
  const room = frame.bottom - frame.top - rowHeight(head, true, colW);
  const height = (r: ExecutiveRow) => rowHeight(r.cells, r.kept, colW);
  const groups = [...new Set(rows.map((r) => r.group))].map((g) => rows.filter((r) => r.group === g));
  const pages: ExecutiveRow[][] = [[]];
  let used = 0;
  const place = (r: ExecutiveRow) => {
    if (used + height(r) > room && pages[pages.length - 1].length > 0) {
      pages.push([]);
      used = 0;
    }
    pages[pages.length - 1].push(r);
    used += height(r);
  };
  for (const group of groups) {
    const whole = group.reduce((sum, r) => sum + height(r), 0);
    // a flow that fits on a slide of its own but not in what is left of this one starts the next
    if (whole <= room && used + whole > room && pages[pages.length - 1].length > 0) {
      pages.push([]);
      used = 0;
    }
    for (const r of group) place(r);
  }
  return pages;
}

/** Speaker notes: the assumptions a presenter should be able to state. */
function assumptionNotes(results: Results, variant: string | null): string {
  const a = assumptions(results);
  const lines = ['Assumptions behind these figures:', ...a.run.map((t) => `- ${t}`)];
  if (a.flows.length > 0) append(lines, ['Flows (baseline):', ...a.flows.map((t) => `- ${t}`)]);
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

/** `pictures`: each key chart's, on a slide each (deck-bands.ts: a tall chart's slices, top first). */
export function slidePlan(
  results: Results,
  charts: Chart[],
  pictures: Map<string, readonly DeckPicture[]>,
  maps: DeckPicture[],
): SlidePlan[] {
  const slides: SlidePlan[] = [];
  slides.push({
    kind: 'title',
    title: results.scenario,
    lines: [results.description ?? '', `Simulation: ${runSummary(results)}`].filter((l) => l !== ''),
    picture: null,
    table: null,
    kept: null,
    notes: assumptionNotes(results, null),
  });
  const warningPages = cautionPages(cautions(results));
  warningPages.forEach((page, i) =>
    slides.push({
      kind: 'cautions',
      title: `Before relying on these figures${warningPages.length > 1 ? ` (${i + 1} of ${warningPages.length})` : ''}`,
      lines: page,
      picture: null,
      table: null,
      kept: null,
      notes:
        'Each point is a reason a figure of this run may not mean what it seems to (results.json "warnings", also at the top of report.html). Say them before the gains; most are remedied by a longer run or more replications.',
    }),
  );
  const notePages = cautionPages(readingNotes(results));
  notePages.forEach((page, i) =>
    slides.push({
      kind: 'notes',
      title: `Reading these figures${notePages.length > 1 ? ` (${i + 1} of ${notePages.length})` : ''}`,
      lines: page,
      picture: null,
      table: null,
      kept: null,
      notes:
        'Not a warning: the figures are right, and this says how to read them (also under the warnings of report.html). Say it before the gains.',
    }),
  );
  for (const v of executiveSummary(results)) {
    const description = v.description ?? '';
    const footer = `Cost versus benefit: ${v.costLine}`;
    const pages = executivePages(
      v.outcomes.map((o) => ({
        group: o.flow,
        cells: [`${words(o.flow)}: ${o.label}`, o.baseline, o.value, o.change, verdict(o)],
        kept: o.kept && o.material, // bold: a change that holds after Holm and is large enough to matter
      })),
      executiveFrame(description, footer),
    );
    pages.forEach((page, i) => {
      const first = i === 0;
      const last = i === pages.length - 1;
      slides.push({
        kind: 'executive',
        title: `${v.variant}: what it changes${pages.length > 1 ? ` (${i + 1} of ${pages.length})` : ''}`,
        lines: first && description !== '' ? [description] : [],
        footer: last ? footer : null,
        picture: null,
        table: [EXECUTIVE_HEAD, ...page.map((r) => r.cells)],
        kept: page.map((r) => r.kept),
        notes: assumptionNotes(results, v.variant),
      });
    });
  }
  const alone = baselineSummary(results);
  if (alone !== null) {
    const footer = `Cost: ${alone.costLine}`;
    const pages = executivePages(
      alone.outcomes.map((o) => ({
        group: o.flow,
        cells: [`${words(o.flow)}: ${o.label}`, o.value, o.warned.length > 0 ? 'see warnings' : ''],
        kept: true,
      })),
      executiveFrame(BASELINE_ONLY, footer),
      BASELINE_HEAD,
      BASELINE_COLUMNS,
    );
    pages.forEach((page, i) =>
      slides.push({
        kind: 'executive',
        title: `baseline: its outcomes${pages.length > 1 ? ` (${i + 1} of ${pages.length})` : ''}`,
        lines: i === 0 ? [BASELINE_ONLY] : [],
        footer: i === pages.length - 1 ? footer : null,
        picture: null,
        table: [BASELINE_HEAD, ...page.map((r) => r.cells)],
        kept: page.map((r) => r.kept),
        colW: BASELINE_COLUMNS,
        notes: assumptionNotes(results, null),
      }),
    );
  }
  for (const m of maps)
    slides.push({
      kind: 'picture',
      title: m.title,
      lines: [],
      picture: m,
      table: null,
      kept: null,
      notes: assumptionNotes(results, null),
    });
  for (const name of KEY_CHARTS) {
    const chart = charts.find((c) => c.name === name);
    const parts = pictures.get(name) ?? [];
    if (chart)
      parts.forEach((picture, i) =>
        slides.push({
          kind: 'picture',
          title: `${chart.title}${parts.length > 1 ? ` (${i + 1} of ${parts.length})` : ''}`,
          lines: [],
          picture,
          table: null,
          kept: null,
          notes: assumptionNotes(results, null),
        }),
      );
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
  /** A title in bold, in the largest size up to `size` that fits its box. */
  const boldTitle = (title: string, box: { x: number; y: number; w: number; h: number }, size: number) => ({
    ...box,
    fontSize: fittingSize([title], box, size, true),
    bold: true,
    fontFace: font,
    color: '111827',
  });
  for (const s of slides) {
    const slide = deck.addSlide();
    if (s.kind === 'title') {
      slide.addText(text(s.title), boldTitle(s.title, { x: 0.6, y: 2.2, w: WIDE.w - 1.2, h: 1.2 }, 36));
      const about = { x: 0.6, y: 3.5, w: WIDE.w - 1.2, h: 2.2 };
      slide.addText(text(s.lines.join('\n')), {
        ...about,
        fontSize: fittingSize(s.lines, about, 16, false),
        fontFace: font,
        color: '4B5563',
        valign: 'top',
      });
    } else {
      slide.addText(text(s.title), boldTitle(s.title, { x: 0.5, y: 0.25, w: WIDE.w - 1, h: 0.7 }, 24));
      if (s.kind === 'cautions' || s.kind === 'notes')
        slide.addText(
          s.lines.map((line) => ({ text: text(line), options: { bullet: true, breakLine: true, paraSpaceAfter: CAUTION_TEXT.gap * 72 } })),
          {
            x: CAUTION_TEXT.x,
            y: TEXT_TOP,
            w: CAUTION_TEXT.w,
            h: SLIDE_BOTTOM - TEXT_TOP,
            fontSize: CAUTION_TEXT.fontSize,
            fontFace: font,
            color: s.kind === 'cautions' ? '7C2D12' : '1E3A8A', // a warning's dark amber, a note's dark blue (report.html's colours)
            valign: 'top',
          },
        );
      if (s.table) {
        const frame = executiveFrame(s.lines[0] ?? '', s.footer ?? '');
        if (s.lines.length > 0)
          slide.addText(text(s.lines[0]), {
            x: 0.5,
            y: TEXT_TOP,
            w: WIDE.w - 1,
            h: frame.top - TEXT_TOP - 0.05,
            fontSize: 13,
            fontFace: font,
            color: '4B5563',
            valign: 'top',
          });
        const kept = (i: number) => i === 0 || s.kept?.[i - 1] === true;
        const rows = s.table.map((r, i) =>
          r.map((cell, j) => ({
            text: text(cell),
            options: {
              bold: i === 0 || ((j === 3 || j === 4) && kept(i)),
              color: kept(i) ? '111827' : '6B7280',
              fill: { color: i === 0 ? 'F3F4F6' : 'FFFFFF' },
              fontSize: EXECUTIVE_TABLE.fontSize,
              fontFace: font,
            },
          })),
        );
        slide.addTable(rows, {
          x: EXECUTIVE_TABLE.x,
          y: frame.top,
          w: EXECUTIVE_TABLE.w,
          colW: [...(s.colW ?? EXECUTIVE_TABLE.colW)],
          border: { type: 'solid', pt: 0.5, color: 'E5E7EB' },
        });
        if (s.footer)
          slide.addText(text(s.footer), {
            x: 0.5,
            y: frame.footerTop,
            w: WIDE.w - 1,
            h: SLIDE_BOTTOM - frame.footerTop,
            fontSize: 13,
            fontFace: font,
            color: '111827',
            valign: 'top',
          });
      }
      if (s.picture)
        slide.addImage({
          data: `image/png;base64,${base64(s.picture.png)}`,
          ...fitted(s.picture, PICTURE_BOX),
        });
    }
    slide.addNotes(text(s.notes));
  }
  // stored, not deflated: stablePackage writes the package anew and deflates each part then, so
  // deflating here was work thrown away (small: within a one-off's noise at load ~23, session 56)
  const out = await deck.write({ outputType: 'nodebuffer', compression: false });
  return stablePackage(new Uint8Array(out as Uint8Array), packageDate(results));
}
