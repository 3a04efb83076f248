// PNG at twice the drawing's size, for slides: resvg renders the SVG files without a browser.
// resvg draws text only with a font it was given, and there is no network to fetch one, so it
// gets Liberation Sans (metrically identical to Helvetica and Arial, the charts' fonts) from
// Debian's fonts-liberation, DejaVu Sans failing that; without either, PNG is refused up front.
import { existsSync } from 'node:fs';

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

/**
 * The SVG as PNG at `scale` (2: twice its size in pixels), on white; `band`: only the rows of it
 * from `top`, `height` high (CSS px; a tall chart's slide, reports/deck-bands.ts), which resvg
 * crops from the whole drawing (an SVG whose viewBox was the band alone made resvg 2.6 panic).
 */
export async function renderPng(svg: string, scale = 2, band?: { top: number; height: number }): Promise<Uint8Array> {
  const fonts = pngFonts();
  const family = fonts.some((f) => f.includes('Liberation')) ? 'Liberation Sans' : 'DejaVu Sans';
  // imported here: a native module that only PNG, PowerPoint and the README's picture need
  const { Resvg } = await import('@resvg/resvg-js');
  const image = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    ...(band ? { crop: cropped(svg, band, scale) } : {}),
    font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: family, sansSerifFamily: family, serifFamily: family },
  }).render();
  return new Uint8Array(image.asPng());
}

/** resvg's crop, in the PNG's pixels, of the rows `band` of the SVG (its root's width across). */
function cropped(svg: string, band: { top: number; height: number }, scale: number) {
  const width = Number(/\swidth="([0-9.]+)"/.exec(svg.slice(0, svg.indexOf('>', svg.indexOf('<svg'))))?.[1] ?? 0);
  return { left: 0, top: band.top * scale, right: Math.ceil(width * scale), bottom: (band.top + band.height) * scale };
}
