// --formats: which files each format writes, and the files themselves opened as a reader's tool
// would: report.pptx and report.xlsx are zip files of XML parts (slides, notes, sheets), a PNG
// has its size in its header, kpis.csv has units and the changes.
import JSZip from 'jszip';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import type { OutputFiles } from '../../engine/io/atomic.js';
import type { Results } from '../../engine/results/types.js';
import { parseFormats } from '../../reports/formats.js';
import { buildReport } from '../../reports/index.js';
import { KEY_CHARTS } from '../../reports/key-charts.js';
import { pngUnavailable } from '../../reports/png.js';
import { startChartDrawing } from '../../reports/svg-thread.js';
import { renderPptx, slidePlan } from '../../reports/pptx.js';
import { renderXlsx, workbookSheets } from '../../reports/xlsx.js';
import { smallResults } from './fixture.js';

describe('parseFormats', () => {
  test('a list, repeated or comma-separated, in a fixed order; all; md brings svg', () => {
    expect(parseFormats(['png,html'])).toEqual({ formats: ['html', 'png'] });
    expect(parseFormats(['xlsx', 'CSV'])).toEqual({ formats: ['csv', 'xlsx'] });
    expect(parseFormats(['all'])).toEqual({ formats: ['html', 'svg', 'png', 'csv', 'md', 'pptx', 'xlsx'] });
    expect(parseFormats(['md'])).toEqual({ formats: ['svg', 'md'] });
  });

  test('unknown formats are named, with the one meant', () => {
    expect(parseFormats(['htm,pdf'])).toEqual({
      error: "unknown report format 'htm' (did you mean 'html'?), 'pdf'; choose among html, svg, png, csv, md, pptx, xlsx, all",
    });
    expect(parseFormats([','])).toEqual({ error: '--formats needs at least one of html, svg, png, csv, md, pptx, xlsx, all' });
  });
});

const text = (files: OutputFiles, name: string) => files.get(name) as string;

describe('what each format writes', () => {
  test('csv alone: the three tables and nothing else', async () => {
    const files = await buildReport(smallResults(), ['csv']);
    expect([...files.keys()].sort()).toEqual(['comparisons.csv', 'kpis.csv', 'replications.csv']);
  });

  test('kpis.csv: a unit and a role per row, times in the time_unit, then the changes', async () => {
    const results = smallResults();
    results.time_unit = 'minutes';
    const lines = text(await buildReport(results, ['csv']), 'kpis.csv')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('variant,scope,name,metric,mean,ci_low,ci_high,n,unit,role,row,significant');
    // 52.1 h of mean cycle time in minutes, its interval ± 1 h
    expect(lines).toContain('baseline,flow,order,cycle_time.mean,3126,3066,3186,3,minutes,outcome,stat,');
    expect(lines).toContain('baseline,resource,desk,utilization,0.5,0.48,0.52,3,share,diagnostic,stat,');
    expect(lines.find((l) => l.startsWith('baseline,flow,order,cost_per_case,'))).toMatch(/,EUR,outcome,stat,$/);
    // the SLA share changed by +10 points [+4, +16]
    const sla = lines.find((l) => l.startsWith('redesign,flow,order,sla_attainment,') && l.includes(',change,'))!.split(',');
    expect(sla.slice(8)).toEqual(['pp', 'outcome', 'change', 'true']);
    expect(Number(sla[4])).toBeCloseTo(10, 9);
    expect(Number(sla[5])).toBeCloseTo(4, 9);
  });
});

const available = pngUnavailable() === null;

describe("the workbook's sheets", () => {
  test('an Executive row states its change exactly as the Gains row of the same comparison (one change, one interval)', () => {
    const results = smallResults();
    // a ratio interval (what new results carry) unlike the difference's over the baseline, so that a second computation shows
    for (const c of results.comparisons) if (c.delta_pct !== null) c.delta_pct_ci95 = [c.delta_pct - 3, c.delta_pct + 1];
    const sheets = workbookSheets(results);
    const [executive, gains] = ['Executive', 'Gains'].map((name) => sheets.find((s) => s.name === name)!);
    const outcomes = executive.rows.filter((row) => row[1] !== ''); // the staffing-cost row compares no metric
    expect(outcomes.length).toBeGreaterThan(0);
    for (const row of outcomes) {
      const same = gains.rows.filter((g) => g[0] === row[0] && g[5] === row[4] && g[6] === row[5]);
      expect(same, String(row)).toHaveLength(1);
      expect(row.slice(6, 10)).toEqual(same[0].slice(7, 11)); // change, unit, low, high
    }
  });
});

describe.skipIf(!available)('drawn formats: png, pptx, xlsx', () => {
  let results: Results;
  let files: OutputFiles;
  beforeAll(async () => {
    results = smallResults();
    results.variants.redesign.description = '=HYPERLINK("http://example.com") automated capture';
    files = await buildReport(results, ['svg', 'png', 'pptx', 'xlsx']);
  }, 120_000);

  test('every chart and map as PNG at twice its SVG size', () => {
    const svgs = [...files.keys()].filter((f) => f.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThan(10);
    for (const svg of svgs) {
      const png = files.get(svg.replace(/\.svg$/, '.png')) as Uint8Array;
      expect(Buffer.from(png.subarray(1, 4)).toString('latin1'), svg).toBe('PNG');
      const view = new DataView(png.buffer, png.byteOffset);
      const head = (files.get(svg) as string).slice(0, 400);
      const width = Number(/width="([0-9.]+)"/.exec(head)![1]);
      expect(view.getUint32(16), svg).toBe(Math.round(width * 2));
    }
  });

  test('report.pptx: title, one executive slide per variant, the maps, the key charts, notes with the assumptions', async () => {
    const zip = await JSZip.loadAsync(files.get('report.pptx') as Uint8Array);
    const slides = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
    // title + 1 variant + 2 process maps + kpi-gains, cycle-time, sla, throughput, breakdown, utilization, bottlenecks,
    // the bottleneck over time, the typical week
    expect(slides.length).toBe(1 + 1 + 2 + 9);
    const slide = async (n: number) => zip.file(`ppt/slides/slide${n}.xml`)!.async('string');
    expect(await slide(1)).toContain('Order &lt;handling&gt; &amp; co');
    const executive = await slide(2);
    expect(executive).toContain('redesign: what it changes');
    // the mean cycle time 52.1 h -> 39.0 h, and the not significant throughput said plainly, in the page's words
    expect(executive).toContain('52.1 h');
    expect(executive).toContain('39.0 h');
    expect(executive).toContain('no significant change');
    expect(executive).toContain('EUR');
    const notes = Object.keys(zip.files).filter((f) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(f));
    expect(notes.length).toBe(slides.length);
    const note = await zip.file(notes[0])!.async('string');
    expect(note).toContain('Assumptions behind these figures');
    expect(note).toContain('desk: 2 units');
    expect(Object.keys(zip.files).filter((f) => /^ppt\/media\/.+\.png$/.test(f)).length).toBe(11);
    // the weekly series an executive asks about: throughput over time, and which team is the bottleneck when
    expect(await slide(1 + 1 + 2 + 4)).toContain('Throughput over time');
    expect(await slide(1 + 1 + 2 + 8)).toContain('Bottleneck over time');
    expect(await slide(1 + 1 + 2 + 9)).toContain('A typical week');
  });

  test('a deck alone draws its key charts alone, and is the same deck byte for byte as one beside every chart', async () => {
    // the drawing counted: a deck without svg or png drew every chart before session 56, its slides showing the key ones
    const drawing = startChartDrawing();
    let handed = 0;
    const counted = {
      ...drawing,
      draw: (spec: Parameters<typeof drawing.draw>[0]) => {
        handed++;
        drawing.draw(spec);
      },
    };
    let alone: OutputFiles;
    try {
      alone = await buildReport(results, ['pptx'], counted);
    } finally {
      drawing.stop();
    }
    const keyDrawn = [...files.keys()].filter((f) => /^charts\/.+\.svg$/.test(f) && KEY_CHARTS.includes(f.slice(7, -4)));
    expect(keyDrawn.length).toBeGreaterThan(5);
    expect(handed).toBe(keyDrawn.length);
    // a chart missed, or a drawing put on another chart's slide, changes the deck
    expect(Buffer.compare(Buffer.from(alone.get('report.pptx') as Uint8Array), Buffer.from(files.get('report.pptx') as Uint8Array))).toBe(
      0,
    );
  });

  test('report.xlsx: the seven sheets, a KPI value as a number with its format, text neutralised', async () => {
    const zip = await JSZip.loadAsync(files.get('report.xlsx') as Uint8Array);
    const workbook = await zip.file('xl/workbook.xml')!.async('string');
    expect([...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'Executive',
      'Warnings',
      'KPIs',
      'Gains',
      'Teams',
      'Assumptions',
      'Replications',
    ]);
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(strings).toContain('mean cycle time');
    const executive = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    for (const name of Object.keys(zip.files).filter((f) => f.startsWith('xl/worksheets/sheet')))
      expect(await zip.file(name)!.async('string'), name).not.toContain('<f>');
    // the description begins with '=': read back, a text cell of exactly its text (no apostrophe shown in it, as
    // until session 60), in the Text format, which keeps it text when edited
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(files.get('report.xlsx') as Uint8Array) as unknown as ArrayBuffer);
    const described: { value: unknown; type: number; numFmt: string }[] = [];
    book.getWorksheet('Assumptions')!.eachRow((row) =>
      row.eachCell((cell) => {
        if (String(cell.value).includes('HYPERLINK')) described.push({ value: cell.value, type: cell.type, numFmt: cell.numFmt });
      }),
    );
    expect(described).toEqual([
      { value: '=HYPERLINK("http://example.com") automated capture', type: ExcelJS.ValueType.String, numFmt: '@' },
    ]);
    // baseline and variant mean cycle time, in hours (the time_unit)
    expect(executive).toMatch(/<v>52\.1<\/v>/);
    expect(executive).toMatch(/<v>39<\/v>/);
    const styles = await zip.file('xl/styles.xml')!.async('string');
    expect(styles).toContain('formatCode="0.0%"');
    expect(styles).toContain('formatCode="#,##0.00 &quot;EUR&quot;"');
  });

  test('report.pptx and report.xlsx: the same bytes for the same results whatever the clock, dated by the results', async () => {
    const dated = { ...results, start: '2025-03-03T00:00:00+01:00' };
    const png = files.get('charts/kpi-gains.png') as Uint8Array;
    const plan = slidePlan(dated, [], new Map(), [{ name: 'map', title: 'map', png, width: 300, height: 200 }]);
    const write = async (clock: string) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(clock));
      try {
        return { pptx: await renderPptx(dated, plan), xlsx: await renderXlsx(dated) };
      } finally {
        vi.useRealTimers();
      }
    };
    const first = await write('2030-01-01T10:00:00Z');
    const second = await write('2031-07-15T17:45:33Z');
    for (const format of ['pptx', 'xlsx'] as const) {
      expect(Buffer.compare(Buffer.from(first[format]), Buffer.from(second[format])), format).toBe(0);
      const zip = await JSZip.loadAsync(first[format]);
      const names = Object.keys(zip.files);
      expect(names[0], format).toBe('[Content_Types].xml');
      expect(names.slice(1), format).toEqual([...names.slice(1)].sort());
      // every entry and the document's dates: Monday 00:00 at +01:00, in UTC
      for (const name of names) expect(zip.files[name].date.toISOString(), name).toBe('2025-03-02T23:00:00.000Z');
      const core = await zip.file('docProps/core.xml')!.async('string');
      expect(core, format).toMatch(/<dcterms:created[^>]*>2025-03-02T23:00:00Z<\/dcterms:created>/);
      expect(core, format).toMatch(/<dcterms:modified[^>]*>2025-03-02T23:00:00Z<\/dcterms:modified>/);
    }
  });
});
