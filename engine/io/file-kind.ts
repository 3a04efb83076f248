// What a file is, among the files etomsim reads and writes, told from its first bytes (its
// content first, its name's extension only when the content says nothing): so that each command
// given another command's input says what the file is and which command reads it, instead of
// reading a BPMN model as a scenario that is one long string, a scenario as a CSV log whose
// column is 'name: ...', or a workbook as bytes that are not UTF-8. validate/run (and every
// command that reads a scenario), discover and fidelity (event logs), import-bpmn, report and
// merge ask this one module, each with what it reads (`wrongKind`).
//
// Invariant: a kind is said only when the content shows it (magic bytes, an XML root element, a
// JSON document's top-level keys, a YAML map's top-level keys, a CSV header line), or, when the
// content shows nothing, the extension names it; otherwise the kind is null and the command
// reads the file as it always did, so that a file of the kind it reads is never refused here.
// Only the head is looked at (HEAD_BYTES): the cost is the same for a 1 KB and a 1 GB file.
import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { TextDecoder } from 'node:util';
import { SHARD_KIND } from '../cluster/shard-kind.js';
import { utf16Marked } from './text-encoding.js';

export type FileKind =
  | 'scenario'
  | 'results'
  | 'sizing'
  | 'shard'
  | 'bottlenecks'
  | 'fidelity'
  | 'kpis'
  | 'comparisons'
  | 'replications'
  | 'csv'
  | 'xes'
  | 'ocel-json'
  | 'ocel-xml'
  | 'ocel-sqlite'
  | 'bpmn'
  | 'zip'
  | 'parquet'
  | 'html'
  | 'svg'
  | 'png'
  | 'pdf';

/** What a command reads: the kinds it takes, its input's name in a message ("not a scenario"), and whether it reads them gzip-compressed too. */
export interface Reads {
  kinds: readonly FileKind[];
  what: string;
  gzip?: true;
}

export const SCENARIO_INPUT: Reads = { kinds: ['scenario'], what: 'a scenario' };
export const LOG_INPUT: Reads = { kinds: ['csv', 'xes', 'ocel-json', 'ocel-xml', 'ocel-sqlite'], what: 'an event log', gzip: true };
export const BPMN_INPUT: Reads = { kinds: ['bpmn'], what: 'a BPMN model' };
export const REPORT_INPUT: Reads = { kinds: ['results', 'sizing'], what: 'a results.json or sizing.json' };
export const SHARD_INPUT: Reads = { kinds: ['shard'], what: 'a shard file' };

/** How much of a file is looked at: the first 64 KiB (of its content, when gzip-compressed). */
export const HEAD_BYTES = 1 << 16;

/** A file's kind, and whether it is gzip-compressed (the kind is then its content's). */
export interface Sniffed {
  kind: FileKind | null;
  gzip: boolean;
}

/**
 * The kind of the file at `file`, from its first bytes; null for a file that cannot be read (a
 * folder, a missing file: its reader says so, read-text.ts' unreadable), and for a stream (a
 * pipe, /dev/stdin, `<(zcat f)`: `readOnce`), whose bytes come once: read here, they were
 * gone for its reader (s34y F2). A command that reads its file whole sniffs the bytes it read
 * (sniffBytes), as engine/scenario/load.ts does.
 */
export function sniffFile(file: string): Sniffed {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return { kind: null, gzip: false };
  }
  try {
    if (readOnce(fstatSync(fd))) return { kind: null, gzip: false };
    const head = Buffer.alloc(HEAD_BYTES);
    let n = 0;
    for (let got = 1; got > 0 && n < HEAD_BYTES; n += got) got = readSync(fd, head, n, HEAD_BYTES - n, null);
    return sniffBytes(head.subarray(0, n), file);
  } catch {
    return { kind: null, gzip: false };
  } finally {
    closeSync(fd);
  }
}

/** A pipe, a FIFO, a socket or a terminal (a character device): its bytes can be read once, from where it is. */
export function readOnce(stat: Stats): boolean {
  return stat.isFIFO() || stat.isSocket() || stat.isCharacterDevice();
}

/** The kind of a file from its first bytes (any number of them: the whole file, or its head) and its name. */
export function sniffBytes(bytes: Uint8Array, file: string): Sniffed {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    let inner: Buffer;
    try {
      const { constants, gunzipSync } = zlib();
      // the head of the content: a cut stream is flushed, not refused
      inner = gunzipSync(bytes.subarray(0, HEAD_BYTES), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: HEAD_BYTES * 16 });
    } catch {
      inner = Buffer.alloc(0);
    }
    return { kind: kindOfBytes(inner, file.replace(/\.gz$/i, '')), gzip: true };
  }
  return { kind: kindOfBytes(bytes, file), gzip: false };
}

/**
 * node:zlib, loaded for a gzip file only: \`validate\` of a scenario (dist/cli/validate.cjs) would
 * otherwise load it for every file (the same lazy require as engine/scenario/yaml-source.ts' yaml,
 * node:module too taken only then).
 */
function zlib(): typeof import('node:zlib') {
  return typeof require === 'function'
    ? require('node:zlib')
    : process.getBuiltinModule('node:module').createRequire(import.meta.url)('node:zlib');
}

function kindOfBytes(bytes: Uint8Array, file: string): FileKind | null {
  return kindOfContent(bytes) ?? kindOfName(file);
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Magic numbers: the first bytes that name a binary format. */
const MAGIC: readonly [readonly number[], FileKind][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'zip'],
  [ascii('SQLite format 3\0'), 'ocel-sqlite'],
  [[0x89, 0x50, 0x4e, 0x47], 'png'],
  [ascii('%PDF'), 'pdf'],
];

/**
 * pm4py and pandas keep logs as Parquet, a columnar binary (read as a CSV it was "byte 0xE0 is
 * not UTF-8 (Latin-1?)"). Its magic is text, so a CSV whose first column is named PAR1... has it
 * too: the byte after it must be no text's (a Parquet file's first page header is Thrift's
 * compact struct, 0x15 for its first field).
 */
const PARQUET = ascii('PAR1');
const isParquet = (bytes: Uint8Array) =>
  startsWith(bytes, PARQUET) &&
  bytes.length > PARQUET.length &&
  (bytes[PARQUET.length] < 0x20 || bytes[PARQUET.length] === 0x7f) &&
  ![0x09, 0x0a, 0x0d].includes(bytes[PARQUET.length]);

/**
 * The head's text as TextDecoder decodes it, leniently (the head may end inside a character,
 * and bad bytes are the reader's to place), without a byte-order mark (nor a second one). UTF-8,
 * nearly every file, by Buffer's decoder, which replaces bad bytes as TextDecoder does (both
 * WHATWG's rule) but keeps the mark, dropped here with the second: TextDecoder cost `validate`
 * some 0.8 M instructions more (callgrind, docs/performance-notes.md, session 51).
 */
export function headText(bytes: Uint8Array): string {
  const marked = utf16Marked(bytes);
  if (marked !== null) return new TextDecoder(marked).decode(bytes).replace(/^\uFEFF/, '');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('utf8')
    .replace(/^\uFEFF\uFEFF?/, '');
}

function kindOfContent(bytes: Uint8Array): FileKind | null {
  for (const [magic, kind] of MAGIC) if (startsWith(bytes, magic)) return kind;
  if (isParquet(bytes)) return 'parquet';
  const text = headText(bytes);
  const start = /\S/.exec(text)?.index ?? -1;
  if (start < 0) return null;
  if (text[start] === '<') return kindOfXml(text.slice(start));
  if (text[start] === '{') return kindOfJson(topLevelKeys(text.slice(start)));
  return kindOfYaml(text) ?? (csvHeader(text) ? (tableOfRun(text) ?? 'csv') : null);
}

/**
 * The CSV tables `etomsim run --formats csv` writes (reports/csv.ts), by their header row: each opens with the
 * columns it always had (kpis.csv has gained columns after them), so a file whose first line starts so is one.
 */
const RUN_TABLES: readonly [string, FileKind][] = [
  ['variant,scope,name,metric,mean,ci_low,ci_high,n', 'kpis'],
  ['variant,metric,label,unit,baseline,value,change', 'comparisons'],
  ['variant,replication,metric,value', 'replications'],
];

function tableOfRun(text: string): FileKind | null {
  const first = text.split(/\r\n|\r|\n/, 1)[0];
  for (const [columns, kind] of RUN_TABLES) if (first === columns || first.startsWith(`${columns},`)) return kind;
  return null;
}

/** Extensions that name a kind, for a file whose content shows none (an empty file, a one-column CSV). */
const EXTENSIONS: Record<string, FileKind> = {
  csv: 'csv',
  tsv: 'csv',
  xes: 'xes',
  jsonocel: 'ocel-json',
  xmlocel: 'ocel-xml',
  sqlite: 'ocel-sqlite',
  bpmn: 'bpmn',
  yaml: 'scenario',
  yml: 'scenario',
  xlsx: 'zip',
  pptx: 'zip',
  zip: 'zip',
  parquet: 'parquet',
};

function kindOfName(file: string): FileKind | null {
  const m = /\.([A-Za-z]+)$/.exec(file);
  return m === null ? null : (EXTENSIONS[m[1].toLowerCase()] ?? null);
}

/** The root element's local name: after the XML declaration, comments, processing instructions and a DOCTYPE. */
function kindOfXml(text: string): FileKind | null {
  const body = text.replace(/^(\s*(<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>))*\s*/i, '');
  const root = /^<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(body)?.[1]?.toLowerCase();
  switch (root) {
    case 'definitions':
      return 'bpmn';
    case 'log':
      // OCEL's XML opens its <log> with its sections (engine/interchange/ocel-xml.ts), XES' with extensions, globals, traces
      return /^<log\b[^>]*>\s*<(object-types|event-types|objects|events)\b/.test(body) ? 'ocel-xml' : 'xes';
    case 'html':
      return 'html';
    case 'svg':
      return 'svg';
    default:
      return null;
  }
}

/** A JSON document's kind by its top-level keys (and the shard's `kind`), as far as the head shows them. */
function kindOfJson(keys: Map<string, string | null>): FileKind | null {
  const has = (key: string) => keys.has(key);
  if (keys.get('kind') === SHARD_KIND) return 'shard';
  // a sizing.json written before sizing_format: candidates, and neither of a results.json's keys (as `report` tells it)
  if (has('sizing_format') || (has('candidates') && !has('format') && !has('engine'))) return 'sizing';
  if (has('engine') && has('format')) return 'results';
  if (has('bottleneck') && has('sensitivity')) return 'bottlenecks';
  if (has('log') && has('cycle_time')) return 'fidelity';
  if (['objectTypes', 'eventTypes', 'objects', 'events', 'ocel:global-log', 'ocel:events', 'ocel:objects'].some(has)) return 'ocel-json';
  if (SCENARIO_KEYS.some(has)) return 'scenario';
  return null;
}

/** Top-level keys only a scenario has (name, resources, variants, time_unit... are in etomsim's output files too). */
const SCENARIO_KEYS = ['run', 'arrivals', 'flows', 'calendars'];

/**
 * The top-level keys of the JSON object that `text` starts with, each with its value when that
 * is a string (else null), as far as the text goes: one pass, nested values skipped by depth.
 */
function topLevelKeys(text: string): Map<string, string | null> {
  const keys = new Map<string, string | null>();
  let depth = 0;
  let key: string | null = null; // the top-level key whose value comes next
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) break;
      if (depth === 1) {
        const s = jsonString(text.slice(i, j + 1));
        if (expectKey) {
          keys.set(s, null);
          key = s;
          expectKey = false;
        } else if (key !== null) {
          keys.set(key, s);
          key = null;
        }
      }
      i = j;
    } else if (c === '{' || c === '[') {
      depth++;
      if (depth === 1) expectKey = true;
      if (depth > 1) key = null;
    } else if (c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 1) {
      expectKey = true;
      key = null;
    }
    if (depth === 0 && i > 0) break;
  }
  return keys;
}

/** A JSON string literal's value; a malformed one (a bad escape) as it is written. */
function jsonString(literal: string): string {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return literal.slice(1, -1);
  }
}

/** A YAML map's kind by its top-level keys (lines at column 0, comments and the document marker aside). */
function kindOfYaml(text: string): FileKind | null {
  for (const line of text.split(/\r\n|\r|\n/, 2000)) {
    if (line === '' || line.startsWith('#') || line.startsWith('---') || line.startsWith('%')) continue;
    const key = /^(?:([A-Za-z_][\w-]*)|"([^"]*)"|'([^']*)')\s*:(?:\s|$)/.exec(line);
    if (key === null) {
      if (/^\s/.test(line)) continue; // inside a value
      return null;
    }
    if (SCENARIO_KEYS.includes(key[1] ?? key[2] ?? key[3])) return 'scenario';
  }
  return null;
}

/**
 * A CSV header: the text's first line holds at least two of one delimiter (comma, semicolon,
 * tab or bar) and is no YAML key (`name: a, b, c`), comment or list item.
 */
function csvHeader(text: string): boolean {
  const first = text.slice(0, Math.min(text.length, 10_000)).split(/\r\n|\r|\n/, 1)[0];
  if (/^[#\-[{%]/.test(first.trimStart())) return false;
  return [',', ';', '\t', '|'].some((d) => {
    const fields = first.split(d);
    return fields.length >= 3 && !/:(\s|$)/.test(fields[0]);
  });
}

/** A kind as a message names it; `file` for the extension of a zip archive (a workbook, a presentation). */
export function kindName(kind: FileKind, file: string): string {
  switch (kind) {
    case 'scenario':
      return 'an etomsim scenario';
    case 'results':
      return 'a results.json of etomsim';
    case 'sizing':
      return 'a sizing.json of etomsim';
    case 'shard':
      return "a shard file of 'etomsim run --shard'";
    case 'bottlenecks':
      return 'a bottlenecks.json of etomsim';
    case 'fidelity':
      return 'a fidelity.json of etomsim';
    case 'kpis':
      return "a kpis.csv of 'etomsim run' (its KPIs as a table)";
    case 'comparisons':
      return "a comparisons.csv of 'etomsim run' (its changes against the baseline as a table)";
    case 'replications':
      return "a replications.csv of 'etomsim run' (every replication's values as a table)";
    case 'csv':
      return 'a CSV table (an event log?)';
    case 'xes':
      return 'an event log (XES)';
    case 'ocel-json':
      return 'an event log (OCEL JSON)';
    case 'ocel-xml':
      return 'an event log (OCEL XML)';
    case 'ocel-sqlite':
      return 'an event log (OCEL SQLite)';
    case 'bpmn':
      return 'a BPMN model';
    case 'zip':
      if (/\.xlsx$/i.test(file)) return 'an Excel workbook';
      if (/\.pptx$/i.test(file)) return 'a PowerPoint presentation';
      return 'a zip archive';
    case 'parquet':
      return 'an Apache Parquet file';
    case 'html':
      return 'an HTML page';
    case 'svg':
      return 'an SVG image';
    case 'png':
      return 'a PNG image';
    case 'pdf':
      return 'a PDF document';
  }
}

/** Which command reads a kind (or, for a scenario where a BPMN model goes, makes one from it), said after the colon. */
function advice(kind: FileKind, file: string, reads: Reads): string {
  switch (kind) {
    case 'scenario':
      return reads === BPMN_INPUT
        ? `etomsim export-bpmn ${file} --out model.bpmn makes a BPMN model from it`
        : `etomsim run ${file} simulates it`;
    case 'results':
    case 'sizing':
      return `etomsim report ${file} rebuilds its report`;
    case 'shard':
      return 'etomsim merge reads shard files';
    case 'kpis':
    case 'comparisons':
    case 'replications':
      // no command reads the tables: they are results.json's figures for a spreadsheet, and results.json is read by report
      return `it is written beside results.json, which etomsim report reads (etomsim report ${besideResults(file)} rebuilds the report); open the table in a spreadsheet`;
    case 'csv':
    case 'xes':
    case 'ocel-json':
    case 'ocel-xml':
    case 'ocel-sqlite':
      return `etomsim discover ${file} --out scenario.yaml makes a scenario from it`;
    case 'bpmn':
      return `etomsim import-bpmn ${file} --out scenario.yaml makes a scenario from it`;
    case 'zip':
      return /\.(xlsx|pptx)$/i.test(file) ? 'no etomsim command reads one' : 'extract the file from the archive';
    case 'parquet':
      // a table of events, in a format etomsim does not read: the same table as CSV is one it does
      return `no etomsim command reads one; written as CSV (pandas: read_parquet('${file}').to_csv('log.csv', index=False)), etomsim discover log.csv --out scenario.yaml makes a scenario from it`;
    default:
      return 'no etomsim command reads one';
  }
}

/**
 * The message for a file of another kind than `reads` takes ("this is a BPMN model, not a
 * scenario: etomsim import-bpmn ... makes a scenario from it"), or null when the file is of a
 * kind it reads or of no kind known here (read as usual).
 */
export function wrongKind(sniffed: Sniffed, reads: Reads, file: string): string | null {
  const { kind, gzip } = sniffed;
  if (kind === null) return null;
  const what = gzip ? `${kindName(kind, file)}, gzip-compressed` : kindName(kind, file);
  // only event logs are read compressed: a gzip scenario, model or results.json was read as bytes
  // ("byte 0x8B is not UTF-8 ... Latin-1?") or called "an event log?" (s34y F11)
  const unzip = gzip && !isLogKind(kind) ? `decompress it first (${unzipCommand(kind, file)})` : null;
  if (reads.kinds.includes(kind)) return unzip === null || reads.gzip ? null : `this is ${what}: ${unzip}`;
  const then = unzip === null ? advice(kind, file, reads) : `${unzip}, then ${advice(kind, unzipped(kind, file), reads)}`;
  return `this is ${what}, not ${reads.what}: ${then}`;
}

const isLogKind = (kind: FileKind) => LOG_INPUT.kinds.includes(kind);

/** The results.json in the folder of a table `run` wrote: `out/kpis.csv` -> `out/results.json`. */
function besideResults(file: string): string {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return `${slash < 0 ? '' : file.slice(0, slash + 1)}results.json`;
}

/**
 * `etomsim fidelity SCENARIO LOG` given the two the other way round (the log first, the scenario second): the
 * message that says so and how to swap them, or null when they are not so (each read, and refused, as usual).
 */
export function swappedFidelityFiles(scenario: string, log: string): string | null {
  const first = sniffFile(scenario).kind;
  const second = sniffFile(log).kind;
  if (first === null || !isLogKind(first) || second !== 'scenario') return null;
  return `this is ${kindName(first, scenario)} and ${log} is a scenario: fidelity takes the scenario first, then the log; swap them (etomsim fidelity ${log} ${scenario} ...)`;
}

/** The name a gzip file is decompressed to: its own less `.gz`, else its kind's usual one. */
function unzipped(kind: FileKind, file: string): string {
  if (/\.gz$/i.test(file)) return file.slice(0, -3);
  const usual: Partial<Record<FileKind, string>> = {
    scenario: 'scenario.yaml',
    bpmn: 'model.bpmn',
    results: 'results.json',
    sizing: 'sizing.json',
  };
  return usual[kind] ?? `${file}.out`;
}

function unzipCommand(kind: FileKind, file: string): string {
  return `gunzip -c ${file} > ${unzipped(kind, file)}`;
}
