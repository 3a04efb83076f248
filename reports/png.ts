// PNG at twice the drawing's size, for slides: resvg renders the SVG files without a browser.
// resvg draws text only with a font it was given, and there is no network to fetch one, so it
// gets Liberation Sans (metrically identical to Helvetica and Arial, the charts' fonts) from
// Debian's fonts-liberation, DejaVu Sans failing that; without either, PNG is refused up front.
// A tall key chart's slides are cut from its pixels (deck-bands.ts) and encoded here, by zlib.
import { existsSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import type { Box, Raster, Slice } from './deck-bands.js';

const FONT_DIRS = ['/usr/share/fonts/truetype/liberation', '/usr/share/fonts/truetype/liberation2', '/usr/share/fonts/truetype/dejavu'];
const FONT_FILES = [
  'LiberationSans-Regular.ttf',
  'LiberationSans-Bold.ttf',
  'LiberationSans-Italic.ttf',
  'LiberationSans-BoldItalic.ttf',
  'DejaVuSans.ttf',
  'DejaVuSans-Bold.ttf',
];

/** The font files found on this machine, Liberation Sans first. */
export function pngFonts(): string[] {
  return FONT_FILES.flatMap((f) => FONT_DIRS.map((d) => `${d}/${f}`)).filter((p) => existsSync(p));
}

/** Why PNG cannot be drawn here, or null when it can. */
export function pngUnavailable(): string | null {
  return pngFonts().length > 0
    ? null
    : "PNG output needs a TrueType font to draw text and none was found; install Debian's fonts-liberation (apt-get install fonts-liberation), or leave png out of --formats";
}

/** resvg's options for an SVG: on white, at `scale`, with the fonts found here. */
function resvgOptions(scale: number) {
  const fonts = pngFonts();
  const family = fonts.some((f) => f.includes('Liberation')) ? 'Liberation Sans' : 'DejaVu Sans';
  return {
    fitTo: { mode: 'zoom' as const, value: scale },
    background: 'white',
    font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: family, sansSerifFamily: family, serifFamily: family },
  };
}

/** A slide's part of a tall chart: its PNG and its height, CSS px. */
export interface PictureSlice {
  png: Uint8Array;
  height: number;
}

/**
 * The SVG as PNG at `scale` and, with `sliced`, the slices a deck shows it in (deck-bands.ts; none
 * when it is readable whole on one slide): drawn once, the slices cut from its pixels. The whole
 * PNG is left out (null) when it is sliced and `whole` is false: encoding a tall chart's whole
 * drawing cost as much as cutting and encoding its slices.
 */
export async function renderPicture(
  svg: string,
  scale: number,
  sliced: boolean,
  whole: boolean,
): Promise<{ png: Uint8Array | null; slices: PictureSlice[] }> {
  // imported here: a native module that only PNG, PowerPoint and the README's picture need
  const { Resvg } = await import('@resvg/resvg-js');
  const image = new Resvg(svg, resvgOptions(scale)).render();
  const parts = sliced ? (await import('./deck-bands.js')).slices(raster(image, scale), legendBox(svg)) : [];
  const png = whole || parts.length === 0 ? new Uint8Array(image.asPng()) : null;
  return { png, slices: parts.map((p) => ({ png: encodePng(p), height: p.rows.length / scale })) };
}

/** A rendered image's pixels, RGBA on white (resvg's Buffer itself: no copy of a tall chart's tens of MB). */
function raster(image: { width: number; height: number; pixels: Buffer }, scale: number): Raster {
  return { width: image.width, height: image.height, scale, rgba: image.pixels };
}

/**
 * The legend's box of a vega SVG, CSS px: the root group's offset plus the legend group's own and
 * its background's size (vega-lite puts a chart's legend at its root); none without one legend.
 */
export function legendBox(svg: string): Box | undefined {
  const root = /<g fill="none" stroke-miterlimit="4" transform="translate\(([-0-9.]+),([-0-9.]+)\)">/.exec(svg);
  const legend =
    /class="mark-group role-legend"[^>]*><g transform="translate\(([-0-9.]+),([-0-9.]+)\)"><path class="background"[^>]*? d="M0,0h([0-9.]+)v([0-9.]+)h/.exec(
      svg,
    );
  // several legends (a colour scale per panel) each stay beside their own panels
  if (root === null || legend === null || svg.split('class="mark-group role-legend"').length !== 2) return undefined;
  const [x, y, w, h] = legend.slice(1).map(Number);
  return { x: Number(root[1]) + x, y: Number(root[2]) + y, w, h };
}

/**
 * A raster as an 8-bit RGBA PNG, its rows unfiltered and deflated by zlib at its default level (a
 * chart's rows repeat, and deflate finds a row again one row back: 353 kB for the 50-variant
 * breakdown's 4 slices, resvg's PNG of the whole 336 kB); the same bytes for the same pixels.
 */
export function encodePng(image: Slice): Uint8Array {
  const { width, rows } = image;
  const row = width * 4;
  const data = Buffer.alloc((row + 1) * rows.length); // each row's filter byte 0: None
  rows.forEach((pixels, y) => data.set(pixels, y * (row + 1) + 1));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(rows.length, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, adaptive filtering, no interlace
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return new Uint8Array(
    Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(data)), chunk('IEND', Buffer.alloc(0))]),
  );
}

/** A PNG chunk: length, type, data and the CRC-32 of type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}
