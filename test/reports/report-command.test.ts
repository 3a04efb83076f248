import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { reportCommand } from '../../bin/commands/report.js';
import { UsageError } from '../../bin/errors.js';
import { smallResults } from './fixture.js';

let dir: string;
let printed: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'etomsim-report-command-'));
  printed = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function resultsFile(content: string = JSON.stringify(smallResults())): string {
  const file = join(dir, 'results.json');
  writeFileSync(file, content);
  return file;
}

const REPORT_FILES = ['comparisons.csv', 'kpis.csv', 'replications.csv', 'report.html', 'summary.md'];

describe('etomsim report', () => {
  test('rebuilds the report beside the results file and lists what it wrote', async () => {
    expect(await reportCommand(resultsFile(), undefined, false)).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['.etomsim-manifest.json', 'charts', ...REPORT_FILES, 'results.json'].sort());
    expect(readdirSync(join(dir, 'charts'))).toContain('kpi-gains.svg');
    // 14 charts (spec and SVG) and 2 process maps (the baseline's, the redesign's)
    expect(printed).toContain(`wrote ${5 + 2 * 14 + 2} files to ${dir}:`);
    expect(printed).toContain(join(dir, 'report.html'));
  });

  test('--out puts it elsewhere; quiet prints nothing', async () => {
    const out = join(dir, 'elsewhere');
    expect(await reportCommand(resultsFile(), out, true)).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.etomsim-manifest.json', 'charts', ...REPORT_FILES].sort());
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('# Order \\<handling\\> \\& co');
    expect(printed).toBe('');
  });

  test('a missing file, or one that is not etomsim results of format 1, is a usage error', async () => {
    const fails = (file: string) => reportCommand(file, undefined, true);
    await expect(fails(join(dir, 'none.json'))).rejects.toThrow(
      new UsageError(`cannot read the results file '${join(dir, 'none.json')}': no such file`),
    );
    await expect(fails(resultsFile('{ not json'))).rejects.toThrow(/is not JSON/);
    await expect(fails(resultsFile('[1, 2]'))).rejects.toThrow(/is not an etomsim results file/);
    await expect(fails(resultsFile('{"format": 1, "engine": {"name": "other"}}'))).rejects.toThrow(/is not an etomsim results file/);
    await expect(fails(resultsFile('{"format": 2, "engine": {"name": "etomsim"}}'))).rejects.toThrow(
      /of format 2; this etomsim reads format 1/,
    );
    await expect(fails(resultsFile('{"format": 1, "engine": {"name": "etomsim"}, "variants": {}}'))).rejects.toThrow(/incomplete/);
    const noCharts = smallResults() as { variants: Record<string, { charts?: unknown }> };
    delete noCharts.variants.redesign.charts;
    await expect(fails(resultsFile(JSON.stringify(noCharts)))).rejects.toThrow(/incomplete etomsim results file/);
    await expect(fails(resultsFile('{ not json'))).rejects.toBeInstanceOf(UsageError);
  });

  test('a write that fails leaves no half-written report', async () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'charts'), 'a file where the charts folder should go');
    await expect(reportCommand(resultsFile(), out, true)).rejects.toThrow();
    expect(readdirSync(out)).toEqual(['charts']);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
  });
});
