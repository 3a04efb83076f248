// An install damaged by hand: something other than a file where the bundle's script, one of its
// command lines' scripts, one of the modules its threads and late imports load, or a code cache
// should be (a folder, a dangling symlink, a named pipe, dist/cli itself a file), or such a file
// cut short. The standard is never a stack trace and never a hang: the command line runs from
// what can run (main.cjs for a one-command script, dist/ module by module for the bundle, the
// script without its cache), and when nothing can, or a command fails in a bundle that is not as
// the build left it (a worker thread, the chart thread, the layout), one line says the install
// is damaged and how to mend it, exit 1 (bin/etomsim.cjs' loadMain and installDamage,
// bin/load-cli.cjs' read and scriptOrModules, bin/report-failure.ts). Each case works on a copy
// of the package in a scratch folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
// @ts-expect-error: a CommonJS file of the CLI, without type declarations
import { HEAD, TAIL } from '../../bin/load-cli.cjs';
import { copyOfThePackage, linkTree } from '../support/package-copy.js';
import { scratchFolders } from '../support/scratch.js';

const ROOT = join(import.meta.dirname, '../..');
const FIBER = join(ROOT, 'scenarios/fiber-order-to-activation.yaml');
const tmp = scratchFolders('etomsim-damaged-install-');

/** How long a command may take before the test calls it a hang (seconds of work at most, on a loaded host). */
const HANG_MS = 60_000;

/**
 * `bin/etomsim.cjs ARGS` of the package in `root`, without NODE_OPTIONS (the caches' flags), killed if it hangs;
 * `node` before the script (OWN_PACKAGES_ONLY).
 */
function cli(root: string, args: string[], node: string[] = []) {
  const { NODE_OPTIONS: _, ...env } = process.env;
  const r = spawnSync(process.execPath, [...node, join(root, 'bin/etomsim.cjs'), ...args], {
    encoding: 'utf8',
    env: { ...env, ETOMSIM_INSTALL: root },
    timeout: HANG_MS,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * For a copy without a package: Node finds packages only in the copy, as on a host with no
 * node_modules folder above TMPDIR (a /tmp/node_modules/yaml would stand in for the one removed).
 */
const OWN_PACKAGES_ONLY = ['--import', pathToFileURL(join(ROOT, 'test/support/own-packages-only.mjs')).href];

/**
 * `root`'s node_modules without the package `name` (the others linked), and `name` put in a
 * node_modules folder above the copy, as a /tmp/node_modules/NAME above TMPDIR would be: Node
 * takes that one for the package removed unless the command runs with OWN_PACKAGES_ONLY, so every
 * run of the test shows the preload at work, not only a run on a host that has such a folder.
 */
function withoutPackage(root: string, name: string): string {
  rmSync(join(root, 'node_modules'));
  mkdirSync(join(root, 'node_modules'));
  for (const other of readdirSync(join(ROOT, 'node_modules')))
    if (other !== name) symlinkSync(join(ROOT, 'node_modules', other), join(root, 'node_modules', other));
  const above = join(dirname(root), 'node_modules');
  mkdirSync(above);
  symlinkSync(join(ROOT, 'node_modules', name), join(above, name));
  return root;
}

/** What the package's own install gives for `args`: run once for every test that compares a damaged copy with it. */
const intactRuns = new Map<string, ReturnType<typeof cli>>();
function intactRun(args: string[]): ReturnType<typeof cli> {
  const key = JSON.stringify(args);
  const known = intactRuns.get(key);
  if (known !== undefined) return known;
  const r = cli(ROOT, args);
  intactRuns.set(key, r);
  return r;
}

/** A copy of the package with its bundle, and with dist/'s modules (timestamps kept, so the entry takes the bundle) if `modules`: dist/ linked (linkTree). */
function copy(modules: boolean): string {
  const root = copyOfThePackage(join(tmp(), 'etomsim'), { bundle: false });
  linkTree(join(ROOT, modules ? 'dist' : 'dist/cli'), join(root, modules ? 'dist' : 'dist/cli'));
  return root;
}

/**
 * Puts `what` in the place of the file `path` (relative to `root`): a folder, a symlink to nothing,
 * a named pipe, nothing, or its first half (a new file: the file may be a link to the package's, linkTree).
 */
function damage(root: string, path: string, what: 'folder' | 'dangling' | 'pipe' | 'missing' | 'cut short'): void {
  const file = join(root, path);
  if (what === 'cut short') {
    const bytes = readFileSync(file);
    rmSync(file);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    return;
  }
  rmSync(file, { recursive: true, force: true });
  if (what === 'folder') mkdirSync(file);
  else if (what === 'dangling') symlinkSync(join(root, 'nowhere'), file);
  else if (what === 'pipe') expect(spawnSync('mkfifo', [file]).status).toBe(0);
}

const PLACES = process.platform === 'win32' ? (['folder', 'missing'] as const) : (['folder', 'dangling', 'pipe', 'missing'] as const);
const CATALOG = ['catalog', 'order'];

/** The one line an install damaged in `faults` ('dist/cli/FILE: what', a pattern) gives, exit 1. */
const damagedLine = (faults: string) =>
  new RegExp(`^etomsim: this install is damaged \\(${faults}\\): run 'npm run build' in .+, or reinstall etomsim\\n$`);
const cutShort = (file: string) => `dist/cli/${file.replaceAll('.', '\\.')}: cut short \\(\\d+ of the \\d+ bytes the build wrote\\)`;

/**
 * The bundle's code that no command line's script holds, as the build recorded it: the ES modules
 * the chart thread and late imports load (svg-worker.js, svg.js, elk.js, the chunks they share),
 * the report's chart and layout scripts, and the pool threads' CommonJS entry (pool-entry.cjs) and
 * worker script (worker.cjs).
 */
const LOADED_LATER = Object.keys(JSON.parse(readFileSync(join(ROOT, 'dist/cli/made-from.json'), 'utf8')).outputs).filter(
  (name) => name.endsWith('.js') || ['charts.cjs', 'layout.cjs', 'pool-entry.cjs', 'piscina-worker.cjs', 'worker.cjs'].includes(name),
);

/** A run that loads every file of LOADED_LATER: on two worker threads, its report's charts drawn on another, its process map laid out. */
function runWithReport(root: string, out: string) {
  const mm5 = join(tmp(), 'mm5.yaml');
  writeFileSync(mm5, readFileSync(join(ROOT, 'bench/scenarios/mm5.yaml'), 'utf8').replace(/horizon: [^,]+,/, 'horizon: 10h,'));
  return cli(root, ['run', mm5, '-r', '2', '-w', '2', '-q', '--formats', 'svg', '-o', out]);
}

describe('an install damaged by hand', () => {
  test("no file in main.cjs' place, or dist/cli itself a file: the command line runs from dist/ module by module", () => {
    const intact = intactRun(CATALOG);
    expect(intact.status).toBe(0);
    for (const what of PLACES) {
      const root = copy(true);
      damage(root, 'dist/cli/main.cjs', what);
      expect(cli(root, CATALOG), what).toEqual(intact);
    }
    const root = copy(true);
    renameSync(join(root, 'dist/cli'), join(root, 'dist/cli.away'));
    writeFileSync(join(root, 'dist/cli'), '');
    expect(cli(root, CATALOG)).toEqual(intact);
  });

  test('neither the bundle nor dist/ can run: one line says the install is damaged and how to mend it, exit 1, no stack trace', () => {
    const says = (main: string, compiled: string) =>
      new RegExp(
        `^etomsim: this install is damaged \\(dist/cli/main\\.cjs: ${main}; dist/bin/main\\.js: ${compiled}\\): run 'npm run build' in .+, or reinstall etomsim\\n$`,
      );
    const faults = { folder: 'a folder, not a file', dangling: 'a symlink to nothing', pipe: 'not a file', missing: 'missing' };
    for (const what of PLACES) {
      const root = copy(false); // no dist/ modules: an install that has only its bundle
      damage(root, 'dist/cli/main.cjs', what);
      expect(cli(root, CATALOG), what).toEqual({ status: 1, stdout: '', stderr: expect.stringMatching(says(faults[what], 'missing')) });
    }
    const root = copy(true);
    damage(root, 'dist/cli/main.cjs', 'missing');
    damage(root, 'dist/bin/main.js', 'folder');
    expect(cli(root, CATALOG)).toEqual({ status: 1, stdout: '', stderr: expect.stringMatching(says('missing', 'a folder, not a file')) });
  });

  test("no file in validate.cjs' or run.cjs' place: main.cjs runs the command line", () => {
    const missing = join(ROOT, 'no-such-scenario.yaml');
    const lines = [
      ['validate', FIBER],
      ['run', missing, '-q'],
    ];
    const intact = lines.map(intactRun);
    expect(intact.map((r) => r.status)).toEqual([0, 2]);
    for (const what of PLACES) {
      const root = copy(false);
      damage(root, 'dist/cli/validate.cjs', what);
      damage(root, 'dist/cli/run.cjs', what);
      expect(
        lines.map((args) => cli(root, args)),
        what,
      ).toEqual(intact);
    }
  });

  test("no file in a code cache's place: the script runs without it", () => {
    const intact = [CATALOG, ['validate', FIBER]].map(intactRun);
    for (const what of PLACES) {
      const root = copy(false);
      for (const cache of ['main.cache', 'validate.cache']) damage(root, join('dist/cli', cache), what);
      expect(
        [CATALOG, ['validate', FIBER]].map((args) => cli(root, args)),
        what,
      ).toEqual(intact);
    }
  });

  // With an ES-module chunk cut short, Node 20 itself aborted now and then as the pool's threads
  // loaded it (`FATAL ERROR: v8::Module::IsGraphAsync ... must be used on an instantiated
  // module`, no exit status; 1 run in 4 of chunk-64F6AQPD.js on 2026-12-02), before etomsim could
  // say anything: piscina require()d the worker, and a thread terminated inside a require() of an
  // ES module aborts the process; they now import() it (engine/experiment/pool-entry.cts), and the
  // bundle's code files are checked before a thread starts (engine/thread-options.ts,
  // assertThreadCodeIntact), so that the damage is told in one line.
  test.each(LOADED_LATER)(
    '%s missing, cut short or a folder: one line says the install is damaged, exit 1, wherever it was loaded, and no output folder',
    (file) => {
      expect(LOADED_LATER).toEqual(
        expect.arrayContaining([
          'worker.cjs',
          'svg-worker.js',
          'svg.js',
          'elk.js',
          'charts.cjs',
          'layout.cjs',
          'pool-entry.cjs',
          'piscina-worker.cjs',
        ]),
      );
      const faults = { missing: `dist/cli/${file.replaceAll('.', '\\.')}: missing`, 'cut short': cutShort(file), folder: '' };
      for (const what of ['missing', 'cut short', ...(file === 'worker.cjs' ? (['folder'] as const) : [])] as const) {
        const root = copy(false);
        damage(root, join('dist/cli', file), what);
        const out = join(tmp(), 'out');
        const r = runWithReport(root, out);
        if (file === 'svg-worker.js' && what === 'missing') {
          // the charts drawn in the main thread instead, as where no compiled worker exists (reports/svg-thread.ts)
          expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
          expect(existsSync(join(out, 'results.json'))).toBe(true);
          continue;
        }
        const fault = what === 'folder' ? `dist/cli/${file.replaceAll('.', '\\.')}: a folder, not a file` : faults[what];
        expect(r, what).toEqual({ status: 1, stdout: '', stderr: expect.stringMatching(damagedLine(fault)) });
        expect(existsSync(out), `${what}: an output folder`).toBe(false); // nothing half written
      }
    },
  );

  test("run-report.cjs missing or cut short (what run.cjs loads for a plain run's report, tools/bundle.mjs RUN_LATER): that run says the install is damaged, exit 1, no output folder; one without its report runs as intact", () => {
    const mm5 = join(tmp(), 'mm5.yaml');
    writeFileSync(mm5, readFileSync(join(ROOT, 'bench/scenarios/mm5.yaml'), 'utf8').replace(/horizon: [^,]+,/, 'horizon: 10h,'));
    const noReport = ['run', mm5, '-r', '1', '-w', '1', '--no-report', '-q', '-o', join(tmp(), 'intact')];
    const intact = intactRun(noReport);
    expect(intact.status).toBe(0);
    for (const what of ['missing', 'cut short'] as const) {
      const root = copy(false);
      damage(root, 'dist/cli/run-report.cjs', what);
      const out = join(tmp(), 'out');
      // the command line run.cjs takes (bin/plain-run.ts), its report's default formats
      const fault = what === 'missing' ? 'dist/cli/run-report\\.cjs: missing' : cutShort('run-report.cjs');
      expect(cli(root, ['run', mm5, '-r', '1', '-w', '1', '-q', '-o', out]), what).toEqual({
        status: 1,
        stdout: '',
        stderr: expect.stringMatching(damagedLine(fault)),
      });
      expect(existsSync(out), `${what}: an output folder`).toBe(false);
      expect(cli(root, noReport), what).toEqual(intact);
    }
  });

  test('a chunk the worker threads import cut short: told before any thread starts (no thread imports it), exit 1, no output folder; an intact bundle starts its threads without loading install-damage.js', () => {
    const mm5 = join(tmp(), 'mm5.yaml');
    writeFileSync(mm5, readFileSync(join(ROOT, 'bench/scenarios/mm5.yaml'), 'utf8').replace(/horizon: [^,]+,/, 'horizon: 10h,'));
    /** `run` on two worker threads of the package in `root`, with every module it loads recorded */
    const recorded = (root: string) => {
      const out = join(tmp(), 'out');
      const loads = join(tmp(), 'loads.txt');
      writeFileSync(loads, '');
      const { NODE_OPTIONS: _, ...env } = process.env;
      const recorder = pathToFileURL(join(ROOT, 'test/support/record-loads.mjs')).href;
      const args = ['--import', recorder, join(root, 'bin/etomsim.cjs'), 'run', mm5, '-r', '2', '-w', '2', '-q', '-o', out];
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...env, ETOMSIM_LOADS: loads }, timeout: HANG_MS });
      return { r: { status: r.status, stdout: r.stdout, stderr: r.stderr }, loads: readFileSync(loads, 'utf8'), out };
    };
    const intact = recorded(copy(false));
    expect(intact.r).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(intact.loads).toMatch(/dist\/cli\/piscina-worker\.cjs/); // piscina's thread entry, bundled (tools/bundle.mjs)
    expect(intact.loads).not.toMatch(/install-damage\.js/); // the check is made in the script (engine/thread-options.ts)
    const chunks = LOADED_LATER.filter((name) => name.startsWith('chunk-'));
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) {
      const root = copy(false);
      damage(root, join('dist/cli', chunk), 'cut short');
      const { r, loads, out } = recorded(root);
      expect(r, chunk).toEqual({ status: 1, stdout: '', stderr: expect.stringMatching(damagedLine(cutShort(chunk))) });
      // no worker thread started (each loads piscina's thread entry, dist/cli/piscina-worker.cjs, first, then the bundle's) to import the chunk
      expect(loads, chunk).not.toMatch(/piscina\/dist\/worker\.js|dist\/cli\//);
      expect(existsSync(out), chunk).toBe(false);
    }
  });

  test('a run in this thread (-w 1) whose report draws charts is told of a damaged install before it simulates: one that would stop overloaded says the install, not the overload', () => {
    const root = copy(false);
    damage(root, 'dist/cli/svg.js', 'cut short');
    // five agents' work for one: the cases in progress pass --max-wip within hours
    const overloaded = join(tmp(), 'overloaded.yaml');
    writeFileSync(overloaded, readFileSync(join(ROOT, 'bench/scenarios/mm5.yaml'), 'utf8').replace('capacity: 5', 'capacity: 1'));
    const out = join(tmp(), 'out');
    const args = (formats: string) => ['run', overloaded, '-r', '1', '-w', '1', '-q', '--max-wip', '100', '--formats', formats, '-o', out];
    expect(cli(root, args('svg'))).toEqual({ status: 1, stdout: '', stderr: expect.stringMatching(damagedLine(cutShort('svg.js'))) });
    expect(existsSync(out)).toBe(false);
    // a report without charts starts no thread: the run simulates, and stops as the model makes it
    const csv = cli(root, args('csv'));
    expect(csv.status).toBe(1);
    expect(csv.stderr).toMatch(/cases in progress/);
    expect(csv.stderr).not.toMatch(/install is damaged/);
    expect(existsSync(out)).toBe(false);
  });

  test('dist/ without the yaml package: a file left to yaml (an anchor) is told as a damaged install, exit 1, nothing written; the bundle holds yaml', () => {
    const anchored = join(tmp(), 'anchored.yaml');
    const mm5 = readFileSync(join(ROOT, 'bench/scenarios/mm5.yaml'), 'utf8').replace(/horizon: [^,]+,/, 'horizon: 10h,');
    expect(mm5).toMatch(/^name: /m);
    writeFileSync(anchored, mm5.replace(/^name: /m, 'name: &name ')); // an anchor: yaml reads this file, not the simple reader
    const modules = withoutPackage(copyOfThePackage(join(tmp(), 'etomsim'), { bundle: false }), 'yaml');
    linkTree(join(ROOT, 'dist'), join(modules, 'dist'), (src) => src === join(ROOT, 'dist/cli'));
    const line = /^etomsim: this install is damaged \(node_modules\/yaml: missing\): run 'npm install' in .+, or reinstall etomsim\n$/;
    // a file of the common shape is read without yaml (engine/scenario/simple-yaml.ts)
    expect(cli(modules, ['validate', join(ROOT, 'bench/scenarios/mm5.yaml')], OWN_PACKAGES_ONLY).status).toBe(0);
    expect(cli(modules, ['validate', anchored], OWN_PACKAGES_ONLY)).toEqual({ status: 1, stdout: '', stderr: expect.stringMatching(line) });
    const out = join(tmp(), 'out');
    expect(cli(modules, ['run', anchored, '-r', '1', '-w', '1', '-q', '-o', out], OWN_PACKAGES_ONLY)).toEqual({
      status: 1,
      stdout: '',
      stderr: expect.stringMatching(line),
    });
    expect(existsSync(out)).toBe(false);
    const bundled = withoutPackage(copy(false), 'yaml');
    expect(cli(bundled, ['validate', anchored], OWN_PACKAGES_ONLY).status).toBe(0);
  });

  test('dist/ without vega-lite: charts drawn in a thread (this thread with one core) tell the missing package as a damaged install, exit 1, nothing written', () => {
    // the chart thread imports vega-lite as it starts; its error reaches this thread with its code
    // (a worker's 'error' event keeps it), unlike an error a piscina task throws (structured clone)
    const root = withoutPackage(copyOfThePackage(join(tmp(), 'etomsim'), { bundle: false }), 'vega-lite');
    linkTree(join(ROOT, 'dist'), join(root, 'dist'), (src) => src === join(ROOT, 'dist/cli'));
    const mm5 = join(tmp(), 'mm5.yaml');
    writeFileSync(mm5, readFileSync(join(ROOT, 'bench/scenarios/mm5.yaml'), 'utf8').replace(/horizon: [^,]+,/, 'horizon: 10h,'));
    const out = join(tmp(), 'out');
    // svg alone: no html page, whose script tags this thread would resolve from vega-lite first
    expect(cli(root, ['run', mm5, '-r', '2', '-w', '2', '-q', '--formats', 'svg', '-o', out], OWN_PACKAGES_ONLY)).toEqual({
      status: 1,
      stdout: '',
      stderr: expect.stringMatching(
        /^etomsim: this install is damaged \(node_modules\/vega-lite: missing\): run 'npm install' in .+, or reinstall etomsim\n$/,
      ),
    });
    expect(existsSync(out)).toBe(false);
  });

  test('main.cjs cut short: the line says so; validate.cjs or run.cjs cut short: main.cjs runs the command line', () => {
    const root = copy(false);
    damage(root, 'dist/cli/main.cjs', 'cut short');
    expect(cli(root, CATALOG)).toEqual({
      status: 1,
      stdout: '',
      stderr: expect.stringMatching(damagedLine(`${cutShort('main.cjs')}; dist/bin/main\\.js: missing`)),
    });
    const lines = [
      ['validate', FIBER],
      ['run', join(ROOT, 'no-such-scenario.yaml'), '-q'],
    ];
    const intact = lines.map(intactRun);
    const cut = copy(false);
    for (const script of ['validate.cjs', 'run.cjs', 'charts.cache', 'layout.cache', 'run.cache'])
      damage(cut, join('dist/cli', script), 'cut short');
    expect(lines.map((args) => cli(cut, args))).toEqual(intact);
  });

  test('a command that fails in a bundle as the build left it is a bug, said as one; in one that is not (any code file, used or not), the install is damaged', () => {
    // a bug planted by a preload: catalog's table (bin/table.ts) pads its cells with String.prototype.repeat
    const planted = 'data:text/javascript,String.prototype.repeat=function(){throw new Error("a planted bug")}';
    const withBug = (root: string) => {
      const { NODE_OPTIONS: _, ...env } = process.env;
      const r = spawnSync(process.execPath, ['--import', planted, join(root, 'bin/etomsim.cjs'), ...CATALOG], {
        encoding: 'utf8',
        env,
        timeout: HANG_MS,
      });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const bug = {
      status: 1,
      stdout: '',
      stderr: expect.stringMatching(/^etomsim: internal error: a planted bug\nThis is a bug in etomsim; /),
    };
    const root = copy(false);
    damage(root, 'dist/cli/main.cjs.map', 'missing'); // no code: a process runs without it
    damage(root, 'dist/cli/layout.cache', 'cut short');
    expect(withBug(root)).toEqual(bug);
    damage(root, 'dist/cli/worker.cjs', 'cut short'); // catalog never loads it, yet the install is damaged
    expect(withBug(root)).toEqual({ status: 1, stdout: '', stderr: expect.stringMatching(damagedLine(cutShort('worker.cjs'))) });
    damage(root, 'bin/install-damage.js', 'missing'); // what tells is gone too: the failure as before, no stack trace
    expect(withBug(root)).toEqual(bug);
  });

  test("scriptOrModules (the chart and layout scripts): no file in the script's place loads the module; a script that fails as it runs is not passed over", () => {
    const dir = tmp();
    writeFileSync(join(dir, 'fallback.mjs'), 'export const from = "modules";\n');
    writeFileSync(join(dir, 'failing.cjs'), `${HEAD}\nthrow new Error("the script itself failed");${TAIL}`);
    const loader = pathToFileURL(join(ROOT, 'bin/load-cli.cjs')).href;
    const load = (script: string, cache: string) => {
      const code = `import { scriptOrModules } from ${JSON.stringify(loader)};
        try {
          const { exports } = await scriptOrModules(${JSON.stringify(pathToFileURL(join(dir, 'here.js')).href)}, ${JSON.stringify(cache)}, ${JSON.stringify(script)}, './fallback.mjs');
          console.log(exports.from);
        } catch (err) { console.log('threw: ' + err.message); }`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: HANG_MS });
      return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr };
    };
    for (const what of PLACES) {
      damage(dir, 'script.cjs', what);
      expect(load('script.cjs', 'none.cache'), what).toEqual({ status: 0, stdout: 'modules', stderr: '' });
    }
    writeFileSync(join(dir, 'script.cjs'), `${HEAD}\nmodule.exports.from = "script";${TAIL}`);
    for (const what of PLACES) {
      damage(dir, 'script.cache', what);
      expect(load('script.cjs', 'script.cache'), what).toEqual({ status: 0, stdout: 'script', stderr: '' });
    }
    expect(load('failing.cjs', 'none.cache')).toEqual({ status: 0, stdout: 'threw: the script itself failed', stderr: '' });
  });
});
