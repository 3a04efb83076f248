// Charts as SVG files for slides and documents, rendered in Node by vega's headless View
// (no canvas: text widths are estimated, which is close enough for layout).
import * as vega from 'vega';
import { parse, View, type LoggerInterface } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { xmlCharacters } from '../engine/interchange/xml-text.js';
import { itemWidth, type TextItem } from './text-width.js';

/**
 * Drops warnings and raises errors: the tests require every spec to compile without a warning,
 * and at run time a warning must neither print over the CLI's output nor cost the user the run.
 */
const logger: LoggerInterface = {
  level(): number {
    return 1;
  },
  error(...args: unknown[]) {
    throw new Error(`chart rendering failed: ${args.map(String).join(' ')}`);
  },
  warn() {
    return this;
  },
  info() {
    return this;
  },
  debug() {
    return this;
  },
};

/** Make vega lay out text with Helvetica's widths (process-wide; reports are its only user). */
export function useHelveticaWidths(): void {
  (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }).textMetrics.width = itemWidth;
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  useHelveticaWidths();
  const view = new View(parse(compile(spec, { logger }).spec), { renderer: 'none', logger });
  try {
    // vega escapes markup in text but keeps control characters, which no XML reader accepts
    return xmlCharacters(numberedInOrder(await view.toSVG()));
  } finally {
    view.finalize();
  }
}

/**
 * vega numbers the gradients of colour legends (gradient_0, gradient_1, ...) from a counter
 * shared by every view in the process, so the same chart drawn again would name them anew:
 * they are renumbered in their order in this drawing, and the same results give the same file.
 */
function numberedInOrder(svg: string): string {
  const seen = new Map<string, number>();
  // only ids and references to them: a team named like one stays as it is
  return svg.replace(/(id="|url\(#)gradient_(\d+)/g, (_, before: string, n: string) => {
    if (!seen.has(n)) seen.set(n, seen.size);
    return `${before}gradient_${seen.get(n)}`;
  });
}
