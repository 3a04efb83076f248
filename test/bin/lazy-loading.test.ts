// Each command loads only what it uses: asked for help, validating, or running without a
// report, etomsim never loads the report's libraries (vega, vega-lite, arquero), and help
// and validate never load the simulation or its worker pool; a run prints its results before
// it starts on the report. Checked by the modules the process actually loaded or evaluated, not
// by time. bin/etomsim.cjs runs the bundle in dist/cli/ (tools/bundle.mjs): the main thread's
// modules are one script, dist/cli/main.cjs (validate.cjs for `validate FILE`), in which the
// modules its entry imports are evaluated as it starts and every other module by its
// initialiser, a function named for the module, the first time it is imported; V8's coverage
// (NODE_V8_COVERAGE) says which initialisers ran. The threads' modules are ES modules, each of whose files counts as every
// module of dist/ and node_modules it holds; packages left out of the bundle load from
// node_modules as before. dist/cli/chunks.json lists both.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { hangUpListener } from '../support/hang-up-listener.js';
import { madeOnce } from '../support/made-once.js';
import { TINY_SCENARIO } from '../support/tiny-scenario.js';

const BIN = join(import.meta.dirname, '../../bin/etomsim.cjs');
/** Preloaded to say when process.stdout or process.stderr is first asked for. */
const STREAMS = join(import.meta.dirname, '../support/record-streams.cjs');
/** Preloaded to write the process's process.moduleLoadList (Node's own modules it loaded) at exit. */
const BUILTINS = join(import.meta.dirname, '../support/record-builtins.cjs');
const RECORDER = pathToFileURL(join(import.meta.dirname, '../support/record-loads.mjs')).href;
const BUNDLE = pathToFileURL(join(import.meta.dirname, '../../dist/cli/')).href;
const ROOT = pathToFileURL(join(import.meta.dirname, '../../')).href;

/** This file's scratch folder (V8's coverage of a run with its report is about 12 MB), removed after its tests. */
const SCRATCH = mkdtempSync(join(tmpdir(), 'etomsim-loads-'));
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));
const scratch = (name: string) => mkdtempSync(join(SCRATCH, `${name}-`));

interface Manifest {
  modules: Record<string, string[]>;
  scripts: { file: string; eager: string[]; lazy: string[] }[];
}

/** A loaded URL as the modules it stands for, each as /dist/... or /node_modules/... */
function modulesOf(url: string, manifest: Manifest): string[] {
  if (!url.startsWith(BUNDLE)) return [url];
  const held = manifest.modules[url.slice(BUNDLE.length)];
  if (held === undefined) throw new Error(`${url} is not in dist/cli/chunks.json: a stale bundle?`);
  return held.map((input) => new URL(input, ROOT).href);
}

/** The scripts' modules a process evaluated, from the V8 coverage files in `dir`: none of a script it did not run. */
function scriptModules(dir: string, manifest: Manifest): string[] {
  const coverage = readdirSync(dir).flatMap(
    (file) =>
      (
        JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
          result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[];
        }
      ).result,
  );
  return manifest.scripts.flatMap(({ file, eager, lazy }) => {
    const ran = coverage.filter((s) => s.url === `${BUNDLE}${file}`);
    const initialisers = new Set(lazy);
    const evaluated = new Set<string>();
    for (const script of ran)
      for (const f of script.functions) if (initialisers.has(f.functionName) && f.ranges[0].count > 0) evaluated.add(f.functionName);
    return ran.length > 0 ? [...eager, ...evaluated].map((input) => new URL(input, ROOT).href) : [];
  });
}

/** Every script V8 compiled, by URL, from the V8 coverage files in `dir` (also what require() loaded, which the recorder's hooks do not see). */
function compiledScripts(dir: string): string[] {
  const urls = readdirSync(dir).flatMap((file) =>
    (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { result: { url: string }[] }).result.map((s) => s.url),
  );
  return [...new Set(urls)];
}

/** Each V8 coverage file in `dir` (one a thread, named for its process and thread) with the bundle's files it holds: said when a premise fails. */
function coverageByThread(dir: string): string {
  return readdirSync(dir)
    .sort()
    .map((file) => {
      const urls = (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { result: { url: string }[] }).result.map((s) => s.url);
      const bundled = urls.filter((url) => url.startsWith(BUNDLE)).map((url) => url.slice(BUNDLE.length));
      return `${file}: ${bundled.join(' ') || '(none of the bundle)'}`;
    })
    .join('; ');
}

/** Runs etomsim and returns its exit status, the files it loaded and the modules they hold or it evaluated. */
function loadedBy(...args: string[]): {
  status: number | null;
  stderr: string;
  files: string[];
  modules: string[];
  scripted: string[];
  compiled: string[];
  threads: string;
} {
  const dir = scratch('loads');
  try {
    const file = join(dir, 'loads.txt');
    writeFileSync(file, '');
    const coverage = join(dir, 'coverage');
    const r = spawnSync(process.execPath, ['--import', RECORDER, BIN, ...args], {
      encoding: 'utf8',
      cwd: dir,
      env: { ...process.env, ETOMSIM_LOADS: file, NODE_V8_COVERAGE: coverage },
    });
    const files = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.length > 0);
    const manifest = JSON.parse(readFileSync(new URL('chunks.json', BUNDLE), 'utf8')) as Manifest;
    const scripted = scriptModules(coverage, manifest);
    return {
      status: r.status,
      stderr: r.stderr,
      files,
      modules: [...files.flatMap((url) => modulesOf(url, manifest)), ...scripted],
      scripted,
      compiled: compiledScripts(coverage),
      threads: coverageByThread(coverage),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true }); // the coverage, at once
  }
}

const REPORT_LIBRARIES = /\/node_modules\/(vega|vega-lite|arquero)\//;
const SIMULATION = /\/dist\/engine\/(sim|experiment\/runner)|\/node_modules\/piscina\//;
const matching = (modules: string[], pattern: RegExp) => modules.filter((m) => pattern.test(m));

/**
 * A plain run of TINY_SCENARIO in this thread (`run FILE -r 1 -w 1 -q -o OUT`), without its report
 * (`report` false: `--no-report`) or with it (the default formats), as loadedBy sees it: each made
 * once, read by the tests of what a plain run loads (four read the one without its report, two the
 * one with it: each a run with V8's coverage of every thread).
 */
const plainTinyRuns = madeOnce<ReturnType<typeof loadedBy>>();
function plainTinyRun(report: boolean): ReturnType<typeof loadedBy> {
  return plainTinyRuns(String(report), () => {
    const dir = scratch(report ? 'plain-reported' : 'plain-no-report');
    writeFileSync(join(dir, 'tiny.yaml'), TINY_SCENARIO);
    return loadedBy('run', join(dir, 'tiny.yaml'), '-r', '1', '-w', '1', '-q', ...(report ? [] : ['--no-report']), '-o', join(dir, 'out'));
  });
}

/** `validate FILE` of TINY_SCENARIO as loadedBy sees it: made once, read by the three tests of what validate loads. */
let validated: ReturnType<typeof loadedBy> | undefined;
function validatedTiny(): ReturnType<typeof loadedBy> {
  if (validated === undefined) {
    const dir = scratch('validate');
    writeFileSync(join(dir, 'tiny.yaml'), TINY_SCENARIO);
    validated = loadedBy('validate', join(dir, 'tiny.yaml'));
  }
  return validated;
}

/** Node's own modules (process.moduleLoadList, as BUILTINS records them) that `node ARGS` loaded, in `dir`'s file; its stderr empty, its exit 0. */
function builtinsLoaded(dir: string, ...args: string[]): string[] {
  const file = join(dir, 'builtins.txt');
  const r = spawnSync(process.execPath, ['-r', BUILTINS, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ETOMSIM_BUILTINS: file },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return readFileSync(file, 'utf8').split('\n');
}

describe('lazy loading of commands and report modules', () => {
  test('the recorder sees what a run with its report loads (so that an empty list below means something)', () => {
    const dir = scratch('run');
    writeFileSync(join(dir, 'tiny.yaml'), TINY_SCENARIO);
    const r = loadedBy('run', join(dir, 'tiny.yaml'), '-q', '--workers', '2', '--out', join(dir, 'out'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // vega from the chart thread's coverage of dist/cli/charts.cjs: what each thread's coverage held, if not
    expect(matching(r.modules, /\/node_modules\/vega\//).length, r.threads).toBeGreaterThan(0);
    expect(matching(r.modules, /\/node_modules\/vega-lite\//).length, r.threads).toBeGreaterThan(0);
    expect(matching(r.modules, SIMULATION).length).toBeGreaterThan(0);
    expect(matching(r.modules, /\/node_modules\/piscina\//).length).toBeGreaterThan(0);
    // the CLI runs the bundle, not dist/bin/ module by module: the run's script (its entry
    // evaluated as it starts, the runner's by its initialiser), and the chart thread's ES modules
    expect(matching(r.scripted, /\/dist\/bin\/run-script\.js$/).length).toBe(1);
    expect(matching(r.scripted, /\/dist\/engine\/experiment\/runner\.js$/).length).toBe(1);
    expect(r.files).toContain(`${BUNDLE}svg-worker.js`);
    // vega and vega-lite from the chart script (dist/cli/charts.cjs, with its code cache), not as node_modules' ES modules
    expect(matching(r.scripted, /\/node_modules\/vega-lite\//).length).toBeGreaterThan(0);
    expect(matching(r.files, /\/node_modules\/vega(-lite)?\//)).toEqual([]);
    expect(matching(r.files, /\/dist\/(bin|engine|reports)\//)).toEqual([]);
  });

  test('a report of the default formats loads none of the packages only report.pptx and report.xlsx use (jszip, exceljs, pptxgenjs)', () => {
    const dir = scratch('default-formats');
    writeFileSync(join(dir, 'tiny.yaml'), TINY_SCENARIO);
    const DECK = /\/node_modules\/(jszip|exceljs|pptxgenjs)\//;
    const r = plainTinyRun(true);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(matching(r.compiled, /\/node_modules\/vega-lite\/|\/dist\/cli\/charts\.cjs$/).length).toBeGreaterThan(0); // the report was drawn
    expect(matching(r.compiled, DECK)).toEqual([]);
    const deck = loadedBy('run', join(dir, 'tiny.yaml'), '-q', '--workers', '1', '--formats', 'xlsx', '--out', join(dir, 'xlsx'));
    expect(deck.status).toBe(0);
    expect(matching(deck.compiled, /\/node_modules\/jszip\//).length).toBeGreaterThan(0); // so that an empty list above means something
  });

  test('--help loads no command, no simulation and no report library', () => {
    const r = loadedBy('--help');
    expect(r.status).toBe(0);
    expect(matching(r.modules, REPORT_LIBRARIES)).toEqual([]);
    expect(matching(r.modules, SIMULATION)).toEqual([]);
    expect(matching(r.modules, /\/dist\/bin\/commands\//)).toEqual([]);
  });

  test('validate loads its own command only: no simulation, no report library', () => {
    const r = validatedTiny();
    expect(r.status).toBe(0);
    expect(matching(r.modules, REPORT_LIBRARIES)).toEqual([]);
    expect(matching(r.modules, SIMULATION)).toEqual([]);
    expect(matching(r.modules, /\/dist\/bin\/commands\//).map((m) => m.replace(/.*\/dist\//, ''))).toEqual(['bin/commands/validate.js']);
  });

  test('validate of a file of the common YAML shape evaluates none of yaml; a file with an anchor, yaml', () => {
    const YAML = /\/node_modules\/yaml\//;
    const dir = scratch('yaml');
    const simple = validatedTiny();
    expect(simple.status).toBe(0);
    expect(matching(simple.scripted, /\/dist\/engine\/scenario\/simple-yaml\.js$/).length).toBe(1);
    expect(matching(simple.modules, YAML)).toEqual([]);
    writeFileSync(join(dir, 'anchored.yaml'), TINY_SCENARIO.replace('{ capacity: 2 }', '&desk { capacity: 2 }'));
    const anchored = loadedBy('validate', join(dir, 'anchored.yaml'));
    expect(anchored.status).toBe(0);
    expect(matching(anchored.modules, YAML).length).toBeGreaterThan(0);
  });

  test('validate FILE, typed as just that, goes to its command without yargs; with anything more, through yargs', () => {
    const dir = scratch('plain');
    writeFileSync(join(dir, 'tiny.yaml'), TINY_SCENARIO);
    const YARGS = /\/node_modules\/(yargs|yargs-parser|cliui|y18n)\//;
    const plain = validatedTiny();
    expect(plain.status).toBe(0);
    expect(matching(plain.scripted, /\/dist\/bin\/commands\/validate\.js$/).length).toBe(1);
    expect(matching(plain.modules, YARGS)).toEqual([]);
    const parsed = loadedBy('validate', join(dir, 'tiny.yaml'), '--');
    expect(parsed.status).toBe(0);
    expect(matching(parsed.modules, /\/node_modules\/yargs\//).length).toBeGreaterThan(0);
  });

  test('run FILE with only -r, -w, --seed, -o, -q, --no-report goes to its command without yargs; with anything more, through yargs', () => {
    const dir = scratch('plain-run');
    writeFileSync(join(dir, 'tiny.yaml'), TINY_SCENARIO);
    const YARGS = /\/node_modules\/(yargs|yargs-parser|cliui|y18n)\//;
    const args = ['run', join(dir, 'tiny.yaml'), '-r', '1', '-w', '1', '--no-report', '-q', '-o', join(dir, 'out')];
    const plain = plainTinyRun(false);
    expect(plain.status).toBe(0);
    expect(matching(plain.scripted, /\/dist\/bin\/commands\/run\.js$/).length).toBe(1);
    expect(matching(plain.modules, YARGS)).toEqual([]);
    const parsed = loadedBy(...args, '--');
    expect(parsed.status).toBe(0);
    expect(matching(parsed.modules, /\/node_modules\/yargs\//).length).toBeGreaterThan(0);
  });

  test("a plain run's and validate's scripts hold no yaml: a file of the common shape compiles no dist/cli/yaml.cjs; one with an anchor evaluates yaml from it", () => {
    const YAML = /\/node_modules\/yaml\//;
    const manifest = JSON.parse(readFileSync(new URL('chunks.json', BUNDLE), 'utf8')) as Manifest;
    const held = (file: string) => {
      const script = manifest.scripts.find((s) => s.file === file);
      expect(script, file).toBeDefined();
      return matching(
        [...script!.eager, ...script!.lazy].map((input) => new URL(input, ROOT).href),
        YAML,
      );
    };
    // the text every plain run and validate reads, checks and holds (tools/bundle.mjs, yamlBeside)
    expect(held('run.cjs')).toEqual([]);
    expect(held('validate.cjs')).toEqual([]);
    expect(held('yaml.cjs').length).toBeGreaterThan(0);
    const dir = scratch('yaml-script');
    const YAML_SCRIPT = `${BUNDLE}yaml.cjs`;
    const plain = plainTinyRun(false);
    expect(plain.status).toBe(0);
    expect(plain.compiled).toContain(`${BUNDLE}run.cjs`);
    expect(plain.compiled).not.toContain(YAML_SCRIPT);
    expect(matching(plain.modules, YAML)).toEqual([]);
    expect(validatedTiny().compiled).not.toContain(YAML_SCRIPT);
    // so that the lists above mean something: yaml, when a file needs it, comes from that script
    writeFileSync(join(dir, 'anchored.yaml'), TINY_SCENARIO.replace('{ capacity: 2 }', '&desk { capacity: 2 }'));
    const anchored = loadedBy('run', join(dir, 'anchored.yaml'), '-r', '1', '-w', '1', '--no-report', '-q', '-o', join(dir, 'out'));
    expect(anchored.stderr).toBe('');
    expect(anchored.status).toBe(0);
    expect(anchored.compiled).toContain(`${BUNDLE}run.cjs`);
    expect(anchored.compiled).toContain(YAML_SCRIPT);
    expect(matching(anchored.scripted, YAML).length).toBeGreaterThan(0);
  });

  test("a plain run's script holds none of the report's formats, the shards, the queue or the event logs: `run FILE --no-report` compiles no script beside it; a plain run with its report evaluates the report from dist/cli/run-report.cjs alone", () => {
    const manifest = JSON.parse(readFileSync(new URL('chunks.json', BUNDLE), 'utf8')) as Manifest;
    /** the modules (tsc's output and packages) the script `file` holds, without the build's own stand-ins ('later:entry', 'provided:dist/...', 'never:dist/...') */
    const held = (file: string) => {
      const script = manifest.scripts.find((s) => s.file === file);
      expect(script, file).toBeDefined();
      return [...script!.eager, ...script!.lazy].filter((m) => !m.includes(':') && m !== 'tools/import-meta-url.mjs');
    };
    const LATER = ['run-report.cjs'];
    expect(manifest.scripts.map((s) => s.file).filter((file) => /^run-.+\.cjs$/.test(file))).toEqual(LATER);
    // what a plain run never imports, in a script beside run.cjs (tools/bundle.mjs, RUN_LATER) or in none (RUN_NEVER: no command line run.cjs runs reaches it)
    const left = {
      'run-report.cjs': ['dist/reports/index.js', 'dist/reports/html.js', 'dist/reports/xlsx.js'],
      none: [
        'dist/engine/cluster/shard.js',
        'dist/engine/cluster/queue.js',
        'dist/engine/interchange/write-event-logs.js',
        'dist/engine/interchange/ocel-sqlite.js',
      ],
    };
    const run = new Set(held('run.cjs'));
    for (const [file, modules] of Object.entries(left)) {
      if (file !== 'none') expect(held(file), file).toEqual(expect.arrayContaining(modules));
      expect(
        modules.filter((m) => run.has(m)),
        file,
      ).toEqual([]);
    }
    // one instance of each module in a process: a later script holds no module run.cjs holds (it
    // takes those from run.cjs, bin/load-cli.cjs laterScript), nor one another later script holds
    const owners = new Map<string, string>();
    for (const file of LATER)
      for (const m of held(file)) {
        expect(run.has(m), `${file} and run.cjs both hold ${m}`).toBe(false);
        expect(owners.get(m), `${file} and ${owners.get(m)} both hold ${m}`).toBeUndefined();
        owners.set(m, file);
      }
    const laterCompiled = (r: ReturnType<typeof loadedBy>) => LATER.filter((file) => r.compiled.includes(`${BUNDLE}${file}`));
    const plain = plainTinyRun(false);
    expect(plain.status).toBe(0);
    expect(plain.compiled).toContain(`${BUNDLE}run.cjs`);
    expect(laterCompiled(plain)).toEqual([]);
    // so that the list above means something: a plain run with its report takes it from run-report.cjs
    const reported = plainTinyRun(true);
    expect(reported.stderr).toBe('');
    expect(reported.status).toBe(0);
    expect(reported.compiled).toContain(`${BUNDLE}run.cjs`);
    expect(laterCompiled(reported)).toEqual(['run-report.cjs']);
    expect(matching(reported.scripted, /\/dist\/reports\/index\.js$/)).toEqual([`${ROOT}dist/reports/index.js`]);
  });

  test('run --no-report simulates without loading the report libraries, and with one worker without the pool', () => {
    const r = plainTinyRun(false);
    expect(r.status).toBe(0);
    expect(matching(r.modules, SIMULATION).length).toBeGreaterThan(0);
    expect(matching(r.modules, REPORT_LIBRARIES)).toEqual([]);
    expect(matching(r.modules, /\/node_modules\/piscina\//)).toEqual([]);
  });

  test('a quiet run in this thread asks for neither process.stdout nor process.stderr (Node makes each stream then); nor --help and validate printing to a pipe, a terminal stdout alone', () => {
    const dir = scratch('streams');
    writeFileSync(join(dir, 'tiny.yaml'), TINY_SCENARIO);
    const asked = (...args: string[]) => {
      const r = spawnSync(process.execPath, ['-r', STREAMS, BIN, ...args], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
      expect(r.status).toBe(0);
      return r.stderr;
    };
    // one worker, in this thread: a worker thread makes both (Node's Worker pipes the thread's
    // output to them, and its colour check reads process.stderr)
    expect(asked('run', join(dir, 'tiny.yaml'), '-q', '--workers', '1', '--no-report', '--out', join(dir, 'out'))).toBe('');
    // written to the pipe's descriptor (bin/standard-output.ts): Node's stream for a pipe loads node:net
    expect(asked('--help')).toBe('');
    expect(asked('validate', join(dir, 'tiny.yaml'))).toBe('');
    // the premise: that stream is what the preload sees asked for (a page of help as yargs prints it)
    expect(asked('run', '--help', '-q')).toContain('[process.stdout asked for]\n');
  });

  test("the entry takes Node's modules without ES-module facades: a quiet run loads none of node:fs' stream classes", () => {
    const dir = scratch('builtins');
    writeFileSync(join(dir, 'tiny.yaml'), TINY_SCENARIO);
    const builtins = (...args: string[]) => builtinsLoaded(dir, ...args);
    const FS_STREAMS = 'NativeModule internal/fs/streams';
    // the premise: an ES module's `import ... from 'node:fs'` reads fs' lazy ReadStream getter, which loads them
    expect(builtins('--input-type=module', '-e', "import { statSync } from 'node:fs';")).toContain(FS_STREAMS);
    expect(builtins(BIN, 'run', join(dir, 'tiny.yaml'), '-q', '--workers', '1', '--no-report', '--out', join(dir, 'out'))).not.toContain(
      FS_STREAMS,
    );
  });

  test("validate, which writes nothing, loads no node:os: the owner tag of an output's temporary names is read at the first write (engine/io/atomic.ts)", () => {
    const dir = scratch('no-os');
    writeFileSync(join(dir, 'tiny.yaml'), TINY_SCENARIO);
    const builtins = (...args: string[]) => builtinsLoaded(dir, BIN, ...args);
    const OS = 'NativeModule os';
    // the premise: a run, which writes its results, loads it (the name is Node's for it)
    expect(builtins('run', join(dir, 'tiny.yaml'), '-q', '--workers', '1', '--no-report', '--out', join(dir, 'out'))).toContain(OS);
    expect(builtins('validate', join(dir, 'tiny.yaml'))).not.toContain(OS);
  });

  test("validate FILE loads no node:module, nor the ES-module loader it requires: the loader and the engine's lazy requires reach createRequire without it", () => {
    const dir = scratch('no-module');
    writeFileSync(join(dir, 'tiny.yaml'), TINY_SCENARIO);
    const builtins = (...args: string[]) => builtinsLoaded(dir, ...args);
    const MODULE = 'NativeModule module';
    const ESM_LOADER = 'NativeModule internal/modules/esm/loader';
    // the premise: the names are Node's for them, as a process that takes node:module records them
    expect(builtins('-e', "process.getBuiltinModule('node:module')")).toEqual(expect.arrayContaining([MODULE, ESM_LOADER]));
    const loaded = builtins(BIN, 'validate', join(dir, 'tiny.yaml'));
    expect(loaded).not.toContain(MODULE);
    expect(loaded).not.toContain(ESM_LOADER);
  });

  // The run above loads no fs streams, but node:path, node:url, node:vm or node:zlib taken by
  // `import` again would load nothing it looks for, only their facades (46f210d's instructions):
  // so the entry's files are read for a static import of any of Node's modules.
  test("the entry's files import none of Node's modules statically (process.getBuiltinModule takes them)", () => {
    const bin = join(import.meta.dirname, '../../bin');
    const files = readdirSync(bin).filter((f) => f.endsWith('.js') || f.endsWith('.cjs'));
    expect(files).toEqual(expect.arrayContaining(['etomsim.cjs', 'install-damage.js', 'load-cli.cjs', 'stored-help.js']));
    const imports = files.flatMap((f) =>
      [...readFileSync(join(bin, f), 'utf8').matchAll(/^import\b[^;]*?['"]([^'"]+)['"]/gm)]
        .map((m) => m[1])
        .filter((name) => isBuiltin(name))
        .map((name) => `${f}: ${name}`),
    );
    expect(imports).toEqual([]);
  });

  test('sql.js loads only for an OCEL SQLite log: read by discover, written by run --event-log ocel-sqlite', () => {
    const dir = scratch('sqlite');
    writeFileSync(join(dir, 'tiny.yaml'), TINY_SCENARIO);
    const SQL_JS = /\/node_modules\/sql\.js\//;
    const out = join(dir, 'out');
    const other = loadedBy('run', join(dir, 'tiny.yaml'), '-q', '-w', '1', '--no-report', '--event-log', 'csv,ocel', '--out', out);
    expect(other.status).toBe(0);
    expect(matching(other.modules, SQL_JS)).toEqual([]);
    const written = loadedBy(
      'run',
      join(dir, 'tiny.yaml'),
      '-q',
      '-w',
      '1',
      '--no-report',
      '--event-log',
      'ocel-sqlite',
      '--out',
      `${out}2`,
    );
    expect(written.status).toBe(0);
    expect(matching(written.modules, SQL_JS).length).toBeGreaterThan(0);
    for (const [log, loads] of [
      [join(out, 'events', 'baseline.csv'), false],
      [join(out, 'events', 'baseline.ocel.json'), false],
      [join(`${out}2`, 'events', 'baseline.ocel.sqlite'), true],
    ] as const) {
      const r = loadedBy('discover', log, '--out', join(dir, 'found.yaml'));
      expect(r.status, `${log}: ${r.stderr}`).toBe(0);
      expect(matching(r.modules, SQL_JS).length > 0, log).toBe(loads);
    }
  });

  test("a queue address refused before connecting loads neither ioredis nor BullMQ (run and worker); one that accepts, both, from the queue's script", async () => {
    const dir = scratch('queue');
    writeFileSync(join(dir, 'tiny.yaml'), TINY_SCENARIO);
    // the packages from node_modules, or the script that holds them (dist/cli/queue.cjs, bin/load-cli.cjs queueScript)
    const QUEUE_LIBRARIES = /\/node_modules\/(ioredis|bullmq)\/|\/dist\/cli\/queue\.cjs$/;
    const run = loadedBy('run', join(dir, 'tiny.yaml'), '-q', '--queue', 'redis://127.0.0.1:1', '--out', join(dir, 'never'));
    const worker = loadedBy('worker', '--queue', 'redis://127.0.0.1:1');
    for (const r of [run, worker]) {
      expect(r.stderr).toMatch(/cannot reach the queue at redis:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
      expect(r.status).toBe(2);
      expect(matching(r.compiled, QUEUE_LIBRARIES)).toEqual([]);
    }
    // so that an empty list above means something: an address past the TCP check, where ioredis loads
    const listener = await hangUpListener();
    try {
      const accepted = loadedBy('worker', '--queue', `redis://127.0.0.1:${listener.port}`);
      expect(accepted.status).toBe(2);
      // the script, its modules evaluated in it, and no file of either package compiled from node_modules
      expect(accepted.compiled).toContain(`${BUNDLE}queue.cjs`);
      for (const name of ['ioredis', 'bullmq'])
        expect(matching(accepted.modules, new RegExp(`/node_modules/${name}/`)).length, name).toBeGreaterThan(0);
      expect(matching(accepted.compiled, /\/node_modules\/(ioredis|bullmq)\//)).toEqual([]);
    } finally {
      listener.close();
    }
  });

  test('run prints its results before it loads the report libraries, and says what it wrote after', () => {
    const dir = scratch('order');
    writeFileSync(join(dir, 'tiny.yaml'), TINY_SCENARIO);
    // stdout and the loader's record go to one file, in the order they happened
    const file = join(dir, 'events.txt');
    const fd = openSync(file, 'a');
    const r = spawnSync(
      process.execPath,
      ['--import', RECORDER, BIN, 'run', join(dir, 'tiny.yaml'), '--workers', '1', '--out', join(dir, 'out')],
      {
        stdio: ['ignore', fd, 'pipe'],
        encoding: 'utf8',
        env: { ...process.env, ETOMSIM_LOADS: file },
      },
    );
    closeSync(fd);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = readFileSync(file, 'utf8').split('\n');
    const flows = lines.findIndex((l) => l.startsWith('Flows (baseline'));
    // in the bundle vega and vega-lite are in the chart script, which the chart thread's svg.js loads (bin/load-charts.js)
    const vega = lines.findIndex((l) => REPORT_LIBRARIES.test(l) || l === `${BUNDLE}svg.js` || l === `${BUNDLE}svg-worker.js`);
    const wrote = lines.findIndex((l) => l.startsWith('wrote '));
    expect(flows).toBeGreaterThan(-1);
    expect(vega).toBeGreaterThan(flows);
    expect(wrote).toBeGreaterThan(vega);
  });
});
