// `etomsim report RESULTS.json [--out DIR]`: rebuild the report from a results file without
// simulating again (after an upgrade of etomsim, or to put the report somewhere else); given
// a sizing.json from `etomsim size --out`, the sizing report (sizing.html, sizing.svg).
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { checkOutputDir, writeAtomically } from '../../engine/io/atomic.js';
import { parseJson } from '../../engine/records.js';
import type { Results } from '../../engine/results/types.js';
import type { SizingResult } from '../../engine/results/sizing.js';
import { buildReport } from '../../reports/index.js';
import { isSizingResult, sizingFiles } from '../../reports/sizing-page.js';
import { EXIT, UsageError } from '../errors.js';
import type { ReportFormat } from '../../reports/formats.js';

/** The sizing.json that `etomsim size --out` wrote, or null when the file is something else (a results.json, say). */
function readSizing(file: string): SizingResult | null {
  try {
    const data: unknown = parseJson(readFileSync(file, 'utf8'));
    // a sizing.json written before --per-shift has neither per-shift key: it sized no shift
    return isSizingResult(data)
      ? {
          ...data,
          per_shift: data.per_shift ?? false,
          shifts: data.shifts ?? [],
          erlang_c_intervals: data.erlang_c_intervals ?? {},
          erlang_c_exact: data.erlang_c_exact ?? {},
          currency: data.currency ?? null,
        }
      : null;
  } catch {
    return null; // readResults says what is wrong with the file
  }
}

/** Reads the file and checks that it is an etomsim results file this version can report on. */
function readResults(file: string): Results {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new UsageError(`cannot read the results file '${file}': ${reason}`);
  }
  let data: unknown;
  try {
    data = parseJson(text); // names are keys alone, as when the run built the results
  } catch (err) {
    throw new UsageError(`'${file}' is not JSON (${(err as Error).message}); give the results.json that 'etomsim run' wrote`);
  }
  const r = data as Partial<Results> | null;
  const shaped = typeof r === 'object' && r !== null && r.engine?.name === 'etomsim';
  if (!shaped) throw new UsageError(`'${file}' is not an etomsim results file; give the results.json that 'etomsim run' wrote`);
  if (r.format !== 1) throw new UsageError(`'${file}' is a results file of format ${String(r.format)}; this etomsim reads format 1`);
  const variants = typeof r.variants === 'object' && r.variants !== null ? Object.values(r.variants) : [];
  const complete = r.variants?.baseline !== undefined && Array.isArray(r.comparisons) && variants.every((v) => v?.charts && v.replications);
  if (!complete) {
    throw new UsageError(
      `'${file}' is an incomplete etomsim results file (a baseline, comparisons and every variant's chart data are needed); run the scenario again`,
    );
  }
  return r as Results;
}

/** `etomsim report RESULTS.json [--out DIR]`: reads and checks the file, builds the report and writes it atomically into DIR (default: the results file's folder). */
export async function reportCommand(
  resultsFile: string,
  outDir: string | undefined,
  quiet: boolean,
  formats?: ReportFormat[],
): Promise<number> {
  const sizing = readSizing(resultsFile);
  const results = sizing ? null : readResults(resultsFile);
  const dir = outDir ?? dirname(resultsFile);
  checkOutputDir(dir);
  const files = sizing ? await sizingFiles(sizing) : await buildReport(results!, formats);
  // The folder holds one result set: a report written beside its results.json keeps it in the set.
  const all = new Map(files);
  if (resolve(dir) === resolve(dirname(resultsFile))) all.set(basename(resultsFile), readFileSync(resultsFile));
  writeAtomically(dir, all);
  if (!quiet)
    process.stdout.write(
      [`wrote ${files.size} files to ${dir}:`, ...[...files.keys()].map((name) => `  ${join(dir, name)}`)].join('\n') + '\n',
    );
  return EXIT.ok;
}
