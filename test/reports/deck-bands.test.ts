// A key chart too tall to read on one slide goes over several, a slice of it each, its labels at
// 6 points or more: the deck fitted each whole to its slide, and drew outcome gains' 11-px labels
// at 5.3 pt with 4 variants (1,023 x 914 px), at 1.9 pt with 50 (1,021 x 2,561) (s63E); the
// slices cut between rows, each with the heading and legend (s63N).
import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import { inflateSync } from 'node:zlib';
import { MOST_BANDS, PICTURE_BOX, type Raster, cutRows, slicePlan, sliceRoom } from '../../reports/deck-bands.js';
import { buildReport } from '../../reports/index.js';
import { legendBox, pngFonts, pngUnavailable, renderPicture } from '../../reports/png.js';
import { longNamesResults } from './long-names.js';

/** The size, points, an 11-px label of a `width` x `height` picture is shown at, fitted to the slide's box. */
const labelPoints = (width: number, height: number) => 11 * Math.min(PICTURE_BOX.w / width, PICTURE_BOX.h / height) * 72;

/** A tall chart as vega draws one: a heading, a legend at the right, 90 rows of a bar and its label over vertical grid lines. */
const ROWS = { top: 70, pitch: 26, bar: 18, count: 90 };
function tallChart(): string {
  const height = ROWS.top + ROWS.pitch * ROWS.count + 30;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="${height}" viewBox="0 0 800 ${height}"><rect width="800" height="${height}" fill="white"/>`,
    '<g fill="none" stroke-miterlimit="4" transform="translate(0,0)">',
    '<text x="10" y="20" font-size="16" fill="black">A tall chart</text><text x="10" y="36" font-size="11" fill="#555">its subtitle</text>',
  ];
  for (let x = 200; x <= 600; x += 100) parts.push(`<line x1="${x}" y1="${ROWS.top}" x2="${x}" y2="${height - 30}" stroke="#ddd"/>`);
  for (let i = 0; i < ROWS.count; i++) {
    const y = ROWS.top + i * ROWS.pitch;
    parts.push(`<rect x="200" y="${y}" width="${100 + (i % 7) * 50}" height="${ROWS.bar}" fill="#4c78a8"/>`);
    parts.push(`<text x="190" y="${y + 13}" font-size="11" text-anchor="end" fill="black">row ${i}</text>`);
  }
  parts.push('<g class="mark-group role-legend"><g transform="translate(680,70)"><path class="background" d="M0,0h80v30h-80Z"/>');
  parts.push(
    '<rect x="0" y="10" width="10" height="10" fill="#4c78a8"/><text x="14" y="19" font-size="11" fill="black">the bars</text></g></g>',
  );
  return parts.join('') + '</g></svg>';
}

/** The SVG drawn at 2x, as the deck draws it. */
async function raster(svg: string): Promise<Raster> {
  const { Resvg } = await import('@resvg/resvg-js');
  const image = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    background: 'white',
    font: { fontFiles: pngFonts(), loadSystemFonts: false },
  }).render();
  return { width: image.width, height: image.height, scale: 2, rgba: new Uint8Array(image.pixels) };
}

/** An 8-bit RGBA PNG of encodePng's (rows unfiltered) read back. */
function decode(png: Uint8Array): Raster {
  const view = new DataView(png.buffer, png.byteOffset);
  const [width, height] = [view.getUint32(16), view.getUint32(20)];
  expect([png[24], png[25]]).toEqual([8, 6]); // 8 bits, RGBA
  const data = inflateSync(png.subarray(41, 41 + view.getUint32(33))); // IDAT after the signature and IHDR
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(data[y * (width * 4 + 1)]).toBe(0);
    rgba.set(data.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, scale: 2, rgba };
}

describe('sliceRoom', () => {
  test('a chart readable whole has none: one slide, itself', () => {
    expect(sliceRoom(975, 302)).toBeNull();
  });

  test('a tall chart: a slide holds what shows its labels at 6 points', () => {
    const room = sliceRoom(1021, 2561)!;
    expect(labelPoints(1021, room)).toBeGreaterThanOrEqual(6);
    expect(labelPoints(1021, room + 2)).toBeLessThan(6);
    expect(labelPoints(1021, 2561)).toBeLessThan(2); // whole, as the deck drew it
  });
});

describe.skipIf(pngUnavailable() !== null)('slices of a tall chart', () => {
  test('cut between its rows, never through a bar or a label; each slice readable; MOST_BANDS at most', async () => {
    const image = await raster(tallChart());
    const plan = slicePlan(image, legendBox(tallChart()))!;
    expect(plan.cuts.length).toBeGreaterThan(1);
    expect(plan.head).toBeGreaterThan(36);
    expect(plan.head).toBeLessThanOrEqual(ROWS.top);
    const tops = [plan.head, ...plan.cuts, image.height / 2];
    for (let i = 1; i < tops.length; i++) {
      expect(tops[i]).toBeGreaterThan(tops[i - 1]);
      expect(labelPoints(800, plan.head + tops[i] - tops[i - 1])).toBeGreaterThanOrEqual(6);
    }
    for (const cut of plan.cuts) {
      // rows above the cut end by it, rows below start at or after it: a row's bar spans [top, top + bar]
      const into = (cut - ROWS.top) % ROWS.pitch;
      expect({ cut, into: into === 0 || into >= ROWS.bar }).toEqual({ cut, into: true });
    }
    expect(cutRows(new Uint32Array(100_000), 0, 800)).toHaveLength(MOST_BANDS - 1);
    // no room left below the heading and the legend: no cut (before: seven at or above the body's top, slices of no rows)
    for (const room of [0, -300]) expect(cutRows(new Uint32Array(3000), 50, room)).toEqual([]);
  });

  test("each slice: the chart's heading, then its part; the legend where it stood; PNG round trip", async () => {
    const svg = tallChart();
    const whole = await raster(svg);
    const { png, slices } = await renderPicture(svg, 2, true, false);
    expect(png).toBeNull(); // the whole drawing's PNG only when asked for
    expect(slices.length).toBeGreaterThan(1);
    const plan = slicePlan(whole, legendBox(svg))!;
    const row = whole.width * 4;
    const tops = [plan.head, ...plan.cuts];
    for (const [i, slice] of slices.entries()) {
      const image = decode(slice.png);
      expect(image.height).toBe(slice.height * 2);
      const heading = plan.head * 2 * row;
      expect(Buffer.compare(image.rgba.subarray(0, heading), whole.rgba.subarray(0, heading))).toBe(0);
      // the part: the whole's rows from this slice's top, below the heading
      const part = whole.rgba.subarray(tops[i] * 2 * row, (tops[i] * 2 + image.height) * row - heading);
      const shown = image.rgba.subarray(heading);
      // the legend's corner aside (drawn over the part on every slice but the first)
      const legend = legendBox(svg)!;
      for (let y = 0; y < image.height - plan.head * 2; y++) {
        const x0 = (y + plan.head * 2) / 2 >= legend.y && (y + plan.head * 2) / 2 < legend.y + legend.h ? legend.x * 2 : whole.width;
        expect(Buffer.compare(shown.subarray(y * row, y * row + x0 * 4), part.subarray(y * row, y * row + x0 * 4))).toBe(0);
      }
      const at = (r: Raster) =>
        r.rgba.subarray((legend.y + 15) * 2 * row + (legend.x + 5) * 8, (legend.y + 15) * 2 * row + (legend.x + 5) * 8 + 4);
      expect([...at(image)]).toEqual([...at(whole)]); // the legend's swatch
    }
  });
});

test.skipIf(pngUnavailable() !== null)(
  "the deck of 12 variants: every key chart's labels at 6 points or more, a tall one over numbered slides",
  async () => {
    const results = await longNamesResults(12);
    const files = await buildReport(results, ['pptx']);
    // the deck's bytes the same for the same results
    expect(
      Buffer.compare(Buffer.from(files.get('report.pptx')!), Buffer.from((await buildReport(results, ['pptx'])).get('report.pptx')!)),
    ).toBe(0);
    const deck = await JSZip.loadAsync(files.get('report.pptx')!);
    const EMU = 914_400;
    const slideFiles = Object.keys(deck.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
    const titles: string[] = [];
    for (const slide of slideFiles) {
      const xml = await deck.file(slide)!.async('string');
      const title = [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1])[0] ?? '';
      const picture = /<p:pic>.*?<a:ext cx="(\d+)" cy="(\d+)"/s.exec(xml);
      if (picture === null || title.startsWith('Process map')) continue;
      titles.push(title);
      // the picture's PNG, at 2x: its height in CSS px against the height it is shown at
      const rels = await deck.file(slide.replace('slides/', 'slides/_rels/') + '.rels')!.async('string');
      const media = /Target="\.\.\/media\/([^"]+\.png)"/.exec(rels)![1];
      const png = await deck.file(`ppt/media/${media}`)!.async('uint8array');
      const cssHeight = new DataView(png.buffer, png.byteOffset).getUint32(20) / 2;
      const points = (Number(picture[2]) / EMU / cssHeight) * 11 * 72;
      expect({ title, points: Math.min(points, 6) }).toEqual({ title, points: 6 });
    }
    // outcome gains, a panel per outcome with a bar per variant, over numbered slides
    const gains = 'Outcome gains against the baseline';
    const slides = titles.filter((t) => t.startsWith(gains));
    expect(slides.length).toBeGreaterThan(1);
    expect(slides).toEqual(slides.map((_, i) => `${gains} (${i + 1} of ${slides.length})`));
  },
  180_000,
);
