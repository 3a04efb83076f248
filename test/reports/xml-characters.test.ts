// Text a scenario carries (its name, a variant's description, an eTOM id, a flow's label) may
// hold characters XML 1.0 cannot carry: the C0 controls but tab, LF and CR, U+FFFE and U+FFFF.
// YAML lets a user type them ("\u0003"). Every XML file the report writes (the SVG charts and
// maps, the parts of report.pptx and report.xlsx) must stay well-formed, and PNG and PPTX must
// still render: a strict XML parser (saxes, XML 1.0) reads each of them without an error.
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, test } from 'vitest';
import type { OutputFiles } from '../../engine/io/atomic.js';
import type { Results } from '../../engine/results/types.js';
import type { ReportFormat } from '../../reports/formats.js';
import { buildReport } from '../../reports/index.js';
import { pngUnavailable } from '../../reports/png.js';
import { smallResults } from './fixture.js';

const CONTROLS = 'a\u0001b\u0003c\u000bd\u001be\uFFFEf\uFFFF';

/** The first well-formedness error of an XML document, or null. */
function xmlError(xml: string): string | null {
  const parser = new SaxesParser({ xmlns: false });
  let first: string | null = null;
  parser.on('error', (e) => {
    first ??= e.message;
  });
  parser.write(xml).close();
  return first;
}

describe('text with characters XML 1.0 cannot carry', () => {
  let files: OutputFiles;
  beforeAll(async () => {
    const results: Results = smallResults();
    results.scenario = `Order ${CONTROLS} handling`;
    results.description = `Described ${CONTROLS}`;
    results.variants.redesign.description = `=Automated ${CONTROLS} capture`;
    for (const v of Object.values(results.variants)) {
      const flow = v.inputs!.flows.order;
      flow.etom = `1.1.${CONTROLS}`;
      flow.nodes.capture.etom = `1.1.1.${CONTROLS}`;
    }
    const formats: ReportFormat[] =
      pngUnavailable() === null ? ['html', 'svg', 'png', 'md', 'pptx', 'xlsx'] : ['html', 'svg', 'md', 'xlsx'];
    files = await buildReport(results, formats);
  }, 120_000);

  test('every SVG chart and map is well-formed XML, the controls replaced', () => {
    const svgs = [...files.keys()].filter((f) => f.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThan(10);
    for (const name of svgs) expect(xmlError(files.get(name) as string), name).toBeNull();
    expect([...files.values()].filter((v) => typeof v === 'string' && v.includes('1.1.1.a\uFFFDb\uFFFDc')).length).toBeGreaterThan(0);
  });

  test('every XML part of report.xlsx is well-formed', async () => {
    const zip = await JSZip.loadAsync(files.get('report.xlsx') as Uint8Array);
    const parts = Object.keys(zip.files).filter((f) => /\.(xml|rels)$/.test(f));
    expect(parts.length).toBeGreaterThan(5);
    for (const part of parts) expect(xmlError(await zip.file(part)!.async('string')), part).toBeNull();
  });

  test.skipIf(pngUnavailable() !== null)('report.pptx is written and every XML part of it is well-formed', async () => {
    const zip = await JSZip.loadAsync(files.get('report.pptx') as Uint8Array);
    const parts = Object.keys(zip.files).filter((f) => /\.(xml|rels)$/.test(f));
    expect(parts.length).toBeGreaterThan(10);
    for (const part of parts) expect(xmlError(await zip.file(part)!.async('string')), part).toBeNull();
  });
});
