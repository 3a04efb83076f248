// A key chart too tall to read on one slide goes over several, a band of it each, its labels at
// 6 points or more: the deck fitted each whole to its slide, and drew outcome gains' 11-px labels
// at 5.3 pt with 4 variants (1,023 x 914 px), at 1.9 pt with 50 (1,021 x 2,561) (s63E).
import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import { BAND_OVERLAP, MOST_BANDS, PICTURE_BOX, pictureBands } from '../../reports/deck-bands.js';
import { buildReport } from '../../reports/index.js';
import { pngUnavailable, renderPng } from '../../reports/png.js';
import { longNamesResults } from './long-names.js';

/** The size, points, an 11-px label of a `width` x `height` picture is shown at, fitted to the slide's box. */
const labelPoints = (width: number, height: number) => 11 * Math.min(PICTURE_BOX.w / width, PICTURE_BOX.h / height) * 72;

describe('pictureBands', () => {
  test('a chart readable whole is one band, itself', () => {
    expect(pictureBands(975, 302)).toEqual([{ top: 0, height: 302 }]);
  });

  test('a tall chart: bands from its top to its foot, each overlapping the next, each readable', () => {
    const bands = pictureBands(1021, 2561);
    expect(bands.length).toBeGreaterThan(1);
    expect(bands[0].top).toBe(0);
    expect(bands.at(-1)!.top + bands.at(-1)!.height).toBe(2561);
    for (let i = 1; i < bands.length; i++) expect(bands[i - 1].top + bands[i - 1].height - bands[i].top).toBe(BAND_OVERLAP);
    for (const b of bands) expect(labelPoints(1021, b.height)).toBeGreaterThanOrEqual(6);
    expect(labelPoints(1021, 2561)).toBeLessThan(2); // whole, as the deck drew it
  });

  test('no more than MOST_BANDS, however tall', () => {
    expect(pictureBands(1000, 100_000)).toHaveLength(MOST_BANDS);
  });

  test.skipIf(pngUnavailable() !== null)("a band's PNG: the chart's width, the band's height, at 2x", async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="2000" viewBox="0 0 800 2000"><rect width="800" height="2000" fill="#123456"/></svg>';
    const png = await renderPng(svg, 2, { top: 600, height: 700 });
    const view = new DataView(png.buffer, png.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([1600, 1400]);
  });
});

test.skipIf(pngUnavailable() !== null)(
  "the deck of 12 variants: every key chart's labels at 6 points or more, a tall one over numbered slides",
  async () => {
    const files = await buildReport(await longNamesResults(12), ['pptx']);
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
