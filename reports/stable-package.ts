// report.pptx and report.xlsx byte for byte the same for the same results. pptxgenjs and
// exceljs stamp every zip entry, and pptxgenjs the document's core properties, with the clock;
// the package they write is rewritten here with one date taken from the results.
// Invariant: the output depends only on the parts' contents and `date`: entries dated `date`,
// [Content_Types].xml first and the other parts in name order, no folder entries (OOXML has
// none of its own), the core properties' created and modified set to `date`.
import JSZip from 'jszip';
import type { Results } from '../engine/results/types.js';
import { DEFAULT_RUN_START } from '../engine/scenario/run-start.js';

const CORE = 'docProps/core.xml';
const CONTENT_TYPES = '[Content_Types].xml';

/**
 * The date a package says it was made: the calendar instant of simulated time 0 (`start`),
 * the same for every run of the same results; results written before `start` was added take
 * run.start's default.
 */
export function packageDate(results: Results): Date {
  const start = results.start === undefined ? Number.NaN : Date.parse(results.start);
  return new Date(Number.isFinite(start) ? start : DEFAULT_RUN_START.epochMs);
}

/** W3CDTF as Office writes it: seconds, UTC. */
function w3cdtf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The package with every trace of the clock replaced by `date`. */
export async function stablePackage(bytes: Uint8Array, date: Date): Promise<Uint8Array> {
  const source = await JSZip.loadAsync(bytes);
  const names = Object.keys(source.files)
    .filter((name) => !source.files[name].dir)
    .sort((a, b) => (a === CONTENT_TYPES ? -1 : b === CONTENT_TYPES ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const out = new JSZip();
  for (const name of names) {
    let content: Uint8Array | string = await source.files[name].async('uint8array');
    if (name === CORE) {
      const stamp = w3cdtf(date);
      content = Buffer.from(content)
        .toString('utf8')
        .replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
    }
    out.file(name, content, { date, createFolders: false, binary: typeof content !== 'string' });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}
