// `etomsim report RESULTS.json [--out DIR]`: rebuild the report from a results file without
// simulating again (after an upgrade of etomsim, or to put the report somewhere else); given
// a sizing.json from `etomsim size --out`, the sizing report (sizing.html, sizing.svg).
import { statSync } from 'node:fs';
import { readBytesFile, releaseBytes, textOfBytes, UndecodableText } from '../../engine/io/read-text.js';
import { RESULTS_FILE } from '../../engine/io/input-file.js';
import { type FileKind, HEAD_BYTES, REPORT_INPUT, sniffBytes, wrongKind } from '../../engine/io/file-kind.js';
import { dirname, join } from 'node:path';
import { checkOutputDir, type OutputFiles, writeAtomically } from '../../engine/io/atomic.js';
import { duplicateKey, duplicateKeyMessage, jsonText, locateInJson, offsetsInJson, readJson } from '../../engine/io/json-source.js';
import { resultsProblems, sizingProblems } from '../../engine/results/readable.js';
import { describeJson } from '../../engine/results/shape.js';
import type { Results } from '../../engine/results/types.js';
import type { SizingResult } from '../../engine/results/sizing.js';
import { dottedPath, formatDiagnostic, sortByPosition, type Diagnostic } from '../../engine/scenario/diagnostics.js';
import type { KeyPath, Problem } from '../../engine/scenario/problems.js';
import { buildReport } from '../../reports/index.js';
import { type ChartDrawing, startChartDrawing } from '../../reports/svg-thread.js';
import { sizingFiles } from '../../reports/sizing-page.js';
import { building, EXIT, UsageError } from '../errors.js';
import { optimiseReportLater, restoreV8ForCodeCaches } from '../v8-flags.js';
import { DEFAULT_FORMATS, drawsCharts, type ReportFormat } from '../../reports/formats.js';
import { reportTooLarge } from '../../reports/report-size.js';
import { counted } from '../../engine/plural.js';
import { assertThreadCodeIntact } from '../../engine/thread-options.js';

/** What the file holds, once checked: a results file, a sizing file, or its problems placed in the file. */
type Read = { results: Results; sizing?: never } | { sizing: SizingResult; results?: never } | { diagnostics: Diagnostic[] };

/**
 * The file a report is rebuilt from, as a refusal asks for it: of the kind its keys before a
 * syntax error show (a sizing.json's error asked for "the results.json that 'etomsim run' wrote"
 * until session 56), or either kind where none shows or the file is no etomsim file.
 */
function fileToGive(kind: FileKind | null): string {
  if (kind === 'sizing') return "the sizing.json that 'etomsim size --out' wrote";
  if (kind === 'results') return "the results.json that 'etomsim run' wrote";
  return "the results.json that 'etomsim run' wrote, or the sizing.json of 'etomsim size --out'";
}

/** Reads the file and checks, before any report code runs, that it is a results.json or a sizing.json this version can report on (engine/results/readable.ts), and a results.json one whose charts fit (reports/report-size.ts). */
function readInput(file: string, formats: readonly ReportFormat[]): Read {
  const bytes = readBytesFile(file, RESULTS_FILE);
  // a scenario, a shard file, an event log... named as such (a scenario was 'invalid JSON'); told
  // from the bytes read, once: a pipe (<(cat results.json), /dev/stdin) gives them once (s34y F2)
  const sniffed = sniffBytes(bytes.subarray(0, HEAD_BYTES), file);
  const other = wrongKind(sniffed, REPORT_INPUT, file);
  if (other !== null) return { diagnostics: [{ severity: 'error', file, line: 1, col: 1, path: '', message: other }] };
  let text: string;
  try {
    text = jsonText(textOfBytes(bytes));
  } catch (err) {
    if (err instanceof UndecodableText)
      return { diagnostics: [{ severity: 'error', file, line: err.line, col: err.col, path: '', message: err.message }] };
    throw err;
  } finally {
    releaseBytes(bytes);
  }
  const read = readJson(text); // names are keys alone, as when the run built the results
  if (read.syntax) {
    const { line, col, message } = read.syntax;
    return {
      diagnostics: [{ severity: 'error', file, line, col, path: '', message: `${message}; give ${fileToGive(sniffed.kind)}` }],
    };
  }
  const data = read.value;
  const at = (problems: Problem[]): { diagnostics: Diagnostic[] } => {
    // a missing key is shown at the map that lacks it
    const places = locateInJson(
      text,
      problems.map((p) => (p.anchor === 'parent' ? p.path.slice(0, -1) : p.path)),
    );
    return {
      diagnostics: sortByPosition(
        problems.map((p, i) => ({ severity: 'error', file, ...places[i], message: p.message, path: dottedPath(p.path) })),
      ),
    };
  };
  const map = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  const engine = map?.engine as Record<string, unknown> | undefined;
  // A sizing.json says what it is (sizing_format); one written before that key is told by its
  // keys: candidates, and neither of a results.json's format and engine.
  const sizingFile =
    map !== null &&
    (Object.hasOwn(map, 'sizing_format') ||
      (!Object.hasOwn(map, 'format') && !Object.hasOwn(map, 'engine') && Object.hasOwn(map, 'candidates')));
  if (map && sizingFile) {
    if (typeof map.sizing_format === 'number' && map.sizing_format !== 1)
      return at([
        {
          path: ['sizing_format'],
          anchor: 'value',
          message: Number.isFinite(map.sizing_format)
            ? `a sizing file of format ${map.sizing_format}; this etomsim reads format 1`
            : `expected sizing_format 1, found ${writtenNumber(text, ['sizing_format'])}, a number too large to hold (beyond ±1.8e308)`,
        },
      ]);
    const twice = writtenTwice(file, text, read.keys);
    if (twice !== null) return twice;
    const problems = sizingProblems(data);
    if (problems.length > 0) return at(problems);
    // a sizing.json written before --per-shift has neither per-shift key: it sized no shift
    const sizing = data as SizingResult;
    return {
      sizing: {
        ...sizing,
        sizing_format: 1,
        per_shift: sizing.per_shift ?? false,
        shifts: sizing.shifts ?? [],
        erlang_c_intervals: sizing.erlang_c_intervals ?? {},
        erlang_c_exact: sizing.erlang_c_exact ?? {},
        currency: sizing.currency ?? null,
      },
    };
  }
  if (map === null || typeof engine !== 'object' || engine === null || Array.isArray(engine) || engine.name !== 'etomsim') {
    // what the file has, not a key it cannot have (a list nested 200,000 deep was "its engine.name is not 'etomsim'")
    const named = typeof engine === 'object' && engine !== null && !Array.isArray(engine);
    // a key the file lacks is placed at the map that would hold it (anchor 'parent'), and said missing
    const [found, path, missing]: [string, KeyPath, boolean] =
      map === null
        ? [`found ${describeJson(data)}`, [], false]
        : !Object.hasOwn(map, 'engine')
          ? ["it has no key 'engine'", ['engine'], true]
          : !named
            ? [`its engine is ${describeJson(engine)}`, ['engine'], false]
            : !Object.hasOwn(engine, 'name')
              ? ["its engine has no key 'name'", ['engine', 'name'], true]
              : [`its engine.name is ${describeJson(engine.name)}, not 'etomsim'`, ['engine', 'name'], false];
    const problem = `not an etomsim results file (${found}); give ${fileToGive(null)}`;
    return at([{ path, anchor: missing ? 'parent' : 'value', message: problem }]);
  }
  // a later format may change meanings: say that alone, not what this version would miss in it
  if (map.format !== 1)
    return at([
      {
        path: ['format'],
        anchor: Object.hasOwn(map, 'format') ? 'value' : 'parent',
        message:
          typeof map.format === 'number'
            ? Number.isFinite(map.format)
              ? `a results file of format ${map.format}; this etomsim reads format 1`
              : `expected format 1, found ${writtenNumber(text, ['format'])}, a number too large to hold (beyond ±1.8e308)`
            : Object.hasOwn(map, 'format')
              ? `expected format 1, found ${describeJson(map.format)}`
              : "missing key 'format' (1: the results format this etomsim reads)",
      },
    ]);
  const twice = writtenTwice(file, text, read.keys);
  if (twice !== null) return twice;
  const problems = resultsProblems(data);
  if (problems.length > 0) return at(problems);
  // weighed before anything is built: a report that would not fit is refused whole (reports/report-size.ts)
  const tooLarge = reportTooLarge(data as Results, formats);
  return tooLarge !== null ? at([{ path: ['variants'], anchor: 'value', message: tooLarge }]) : { results: data as Results };
}

/**
 * A key the file writes twice in one map, told alone at its second writing, or null: JSON.parse
 * kept the last, another reader may keep the first, so the report could show what others read
 * otherwise (until session 62 the last counted). Checked once the file is known for a results or
 * sizing file, so that a file of another kind is named as such.
 */
function writtenTwice(file: string, text: string, keys: number): { diagnostics: Diagnostic[] } | null {
  const twice = duplicateKey(text, keys);
  if (twice === null) return null;
  return { diagnostics: [{ severity: 'error', file, ...twice.at, path: dottedPath(twice.path), message: duplicateKeyMessage(twice) }] };
}

/** The number at `path` as the text writes it (1e400, which JSON.parse reads as Infinity). */
function writtenNumber(text: string, path: KeyPath): string {
  const [at] = offsetsInJson(text, [path]);
  return /^-?[0-9.eE+-]+/.exec(text.slice(at, at + 100))?.[0] ?? 'a number';
}

/**
 * The size from which `report` starts the chart threads before it reads the file: reading,
 * parsing and checking a results file takes this thread about 40 ms per MB, and a thread about
 * 0.15-0.2 s to start and load the renderer, which a file much smaller would not hide.
 */
const EARLY_START_BYTES = 1 << 20;

/**
 * The chart threads, started, and the report's interrupt budget raised once they have loaded
 * Node's own modules (reports/svg-thread.ts startChartDrawing), before they load the renderer.
 */
async function startedDrawing(): Promise<ChartDrawing> {
  await assertThreadCodeIntact(); // before the chart threads import the bundle's modules
  const drawing = startChartDrawing(undefined, optimiseReportLater);
  await drawing.started();
  return drawing;
}

/** The file's size, or 0 when it has none to tell (missing, unreadable, a pipe): readInput says what is wrong with it. */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** `etomsim report RESULTS.json [--out DIR]`: reads and checks the file, builds the report and writes it atomically into DIR (default: the results file's folder). */
export async function reportCommand(
  resultsFile: string,
  outDir: string | undefined,
  quiet: boolean,
  formats?: ReportFormat[],
): Promise<number> {
  const dir = outDir ?? dirname(resultsFile);
  // A large file: the chart threads load the renderer while this thread reads and checks it
  // (about 0.2 s for the fiber scenario's 5 MB, about what a thread takes to start and load);
  // one that turns out to need none (a sizing.json, a file refused) stops them. A small one is
  // read first, and its charts drawn as if this command had not read it.
  // The report's budget is raised from the start of the work (this thread's reading and checking
  // too) and before the report's scripts load (they take their caches under it), but once the
  // chart threads have loaded Node's own modules, which it would have them compile again (bin/v8-flags.ts).
  const charts = drawsCharts(formats);
  const early = charts && sizeOf(resultsFile) >= EARLY_START_BYTES;
  let drawing = early ? await startedDrawing() : null;
  if (!charts) optimiseReportLater();
  let files: OutputFiles;
  try {
    const read = readInput(resultsFile, formats ?? DEFAULT_FORMATS);
    if ('diagnostics' in read) {
      // every problem, one line each, and nothing written
      for (const d of read.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
      return EXIT.invalid;
    }
    const { results, sizing } = read;
    // the sizing report is one set of files: --formats, which picks a results.json's, was ignored (s63M: `--formats csv` wrote sizing.html)
    if (sizing && formats !== undefined)
      throw new UsageError(
        `--formats picks the files of a results.json's report; ${resultsFile} is a sizing.json, whose report is always sizing.html, sizing.svg and sizing.vl.json: leave out --formats`,
      );
    checkOutputDir(dir);
    if (read.sizing) {
      drawing?.stop(); // one chart, drawn in this thread (reports/sizing-page.ts)
      optimiseReportLater();
    } else if (charts) drawing ??= await startedDrawing();
    files = await building('the report', () => (sizing ? sizingFiles(sizing) : buildReport(results!, formats, drawing ?? undefined)));
  } finally {
    drawing?.stop();
    restoreV8ForCodeCaches();
  }
  // A report of its own kind beside the results: the run's files it does not write again (results.json, event logs) stay.
  writeAtomically(dir, files, 'report');
  if (!quiet)
    process.stdout.write(
      [`wrote ${counted(files.size, 'file')} to ${dir}:`, ...[...files.keys()].map((name) => `  ${join(dir, name)}`)].join('\n') + '\n',
    );
  return EXIT.ok;
}
