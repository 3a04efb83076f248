// The bundled CLI (dist/cli/, tools/bundle.mjs) says what the modules of dist/ say: the same
// help for every command, the same yargs messages in English and in another locale (whose
// files yargs must still find from inside the bundle), and string-width, patched as it is
// bundled, gives printable ASCII the width the original does and other text the original's.
// The build's checks that the script runs as dist/ does: what it would require() is CommonJS,
// and no module outside node_modules uses import.meta beyond .url, .dirname and .filename (empty in a CommonJS script).
// The report's chart script and the layout script (elkjs) draw and lay out byte for byte as dist/ does.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import seedrandom from 'seedrandom';
import { afterAll, describe, expect, test } from 'vitest';
import { REPORT_SCRIPTS_FLAGS } from '../../bin/v8-flags.js';
import { DEFAULT_MAX_WIP } from '../../engine/failure.js';
import { copyOfThePackage, linkTree } from '../support/package-copy.js';
import { scratchFolders } from '../support/scratch.js';
// @ts-expect-error: a plain ES module of the build, without type declarations
import { emptyImportMetaOutsidePackages, IMPORT_META, patching, requireProblem, wrapperNamesDeclared } from '../../tools/bundle.mjs';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/etomsim.cjs');
const UNBUNDLED = pathToFileURL(join(ROOT, 'dist/bin/main.js')).href;

/** What the CLI prints, bundled (bin/etomsim.cjs) or from dist/bin/main.js module by module. */
function cli(bundled: boolean, args: string[], env: Record<string, string> = {}) {
  const command = bundled
    ? [BIN, ...args]
    : [
        '--input-type=module',
        '-e',
        `import { main } from '${UNBUNDLED}'; process.exitCode = await main(process.argv.slice(1));`,
        '--',
        ...args,
      ];
  const r = spawnSync(process.execPath, command, { encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The commands bin/main.ts registers (`.command('NAME ...'`, or a list whose first usage is NAME). */
const REGISTERED = [...readFileSync(join(ROOT, 'bin/main.ts'), 'utf8').matchAll(/\.command\(\s*\[?\s*'([a-z-]+)/g)].map((m) => m[1]);

describe('the bundled CLI', () => {
  test('prints the same help, byte for byte, for etomsim, which lists every command bin/main.ts registers', () => {
    const top = cli(true, ['--help']);
    expect(top.status).toBe(0);
    expect(top).toEqual(cli(false, ['--help']));
    // the help lists every command bin/main.ts registers: a command dropped from either side fails
    // here, not only a help that reads differently. Each command's own help (`etomsim COMMAND
    // --help`) is the text the build stored, which the CLI prints without its script: that each
    // stored text is what dist/ prints, and that the CLI prints it, is test/bin/stored-help.test.ts'
    const commands = [...top.stdout.matchAll(/^ {2}etomsim ([a-z-]+)/gm)].map((m) => m[1]);
    expect(REGISTERED).toEqual(expect.arrayContaining(['run', 'validate', 'report', 'catalog']));
    expect([...commands].sort()).toEqual([...REGISTERED].sort());
    // the default cap, written out without Intl (bin/main.ts), reads as toLocaleString writes it
    expect(cli(true, ['run', '--help']).stdout).toContain(`(default: ${DEFAULT_MAX_WIP.toLocaleString('en-US')})`);
  });

  test('holds every thread entry point beside the code that starts it', () => {
    // a module that starts a thread names its file beside itself: join(import.meta.dirname, 'NAME.js')
    const starters = ['engine', 'reports', 'bin'].flatMap((dir) =>
      readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(ROOT, dir, f)),
    );
    const entries = starters.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/join\(import\.meta\.dirname, '([\w-]+\.c?js)'\)/g)].map((m) => m[1]),
    );
    // the simulation's (engine/experiment/runner.ts): in the bundle its script, worker.cjs; worker.js is dist/'s module
    expect(entries).toContain('worker.cjs');
    expect(entries).toContain('worker.js');
    expect(entries).toContain('svg-worker.js'); // the report's charts (reports/svg-thread.ts)
    for (const entry of entries.filter((e) => e !== 'worker.js')) expect(existsSync(join(ROOT, 'dist/cli', entry))).toBe(true);
  });

  test("every file a script require()s or import()s beside itself is one the build wrote, and the scripts one process's main thread loads hold no module twice but functions alone", async () => {
    const BUNDLE = join(ROOT, 'dist/cli');
    const { SCRIPT, VALIDATE_SCRIPT, RUN_SCRIPT, YAML_SCRIPT, CHARTS_SCRIPT, LAYOUT_SCRIPT, QUEUE_SCRIPT, PISCINA_SCRIPT } = createRequire(
      import.meta.url,
    )('../../bin/load-cli.cjs');
    const manifest = JSON.parse(readFileSync(join(BUNDLE, 'chunks.json'), 'utf8')) as {
      scripts: { file: string; eager: string[]; lazy: string[]; beside: string[] }[];
    };
    const scripts = new Map(manifest.scripts.map((s) => [s.file, s]));
    // the ES modules beside the scripts that load a script of their own (tools/bundle.mjs MODULE_ENTRIES: bin/load-charts.js, bin/load-elk.js)
    const SCRIPT_OF_MODULE: Record<string, string> = { './svg.js': CHARTS_SCRIPT, './elk.js': LAYOUT_SCRIPT };
    /** the scripts `file` loads into its thread: by a relative import, laterScript's stand-in (`later-script:FILE`), yamlScript's (`yaml-script:yaml`), queueScript's (`queue-script:packages`) or piscinaScript's (`piscina-script:piscina`) */
    const STAND_INS: Record<string, string> = {
      'yaml-script:yaml': YAML_SCRIPT,
      'queue-script:packages': QUEUE_SCRIPT,
      'piscina-script:piscina': PISCINA_SCRIPT,
    };
    const loads = (file: string): string[] => {
      const { eager, lazy, beside } = scripts.get(file)!;
      const named = [...eager, ...lazy].flatMap((m) =>
        m.startsWith('later-script:') ? [m.slice('later-script:'.length)] : STAND_INS[m] === undefined ? [] : [STAND_INS[m]],
      );
      return [...named, ...beside.flatMap((path) => (SCRIPT_OF_MODULE[path] === undefined ? [] : [SCRIPT_OF_MODULE[path]]))];
    };
    for (const { file, beside } of manifest.scripts) {
      expect(beside, file).toBeDefined();
      for (const path of beside) expect(existsSync(join(BUNDLE, path)), `${file} loads ${path}`).toBe(true);
      for (const script of loads(file))
        expect(scripts.has(script) && existsSync(join(BUNDLE, script)), `${file} loads ${script}`).toBe(true);
    }
    expect(loads(RUN_SCRIPT)).toEqual(expect.arrayContaining(['run-report.cjs', YAML_SCRIPT])); // so that the loop above reads what the build records
    expect(loads(SCRIPT)).toContain(QUEUE_SCRIPT);
    expect(loads(SCRIPT)).toContain(PISCINA_SCRIPT);
    expect(loads(RUN_SCRIPT)).toContain(PISCINA_SCRIPT);
    const held = (file: string) =>
      [...scripts.get(file)!.eager, ...scripts.get(file)!.lazy].filter((m) => !m.includes(':') && m !== 'tools/import-meta-url.mjs');
    const seenTwice: string[] = [];
    for (const command of [SCRIPT, VALIDATE_SCRIPT, RUN_SCRIPT]) {
      const group = [command];
      for (let i = 0; i < group.length; i++) for (const next of loads(group[i])) if (!group.includes(next)) group.push(next);
      const owner = new Map<string, string>();
      for (const file of group)
        for (const m of held(file)) {
          if (owner.has(m)) {
            // a module in two instances in one thread: harmless only if it is functions alone (no class for instanceof, no object whose state two copies would split)
            expect(m, `${owner.get(m)} and ${file} both hold ${m}`).toMatch(/^dist\//);
            const module = await import(pathToFileURL(join(ROOT, m)).href);
            for (const [name, value] of Object.entries(module))
              expect(
                typeof value === 'function' && !/^class\b/.test(Function.prototype.toString.call(value)),
                `${owner.get(m)} and ${file} both hold ${m}, whose ${name} is no plain function`,
              ).toBe(true);
            seenTwice.push(m);
          } else owner.set(m, file);
        }
    }
    // today charts.cjs holds engine/io/char-width.ts and the like beside main.cjs and run.cjs: so that the check above is reached
    expect(seenTwice.length).toBeGreaterThan(0);
  });

  test("gives yargs' messages as unbundled, in English and in German (its locale files found from the bundle)", () => {
    for (const args of [['run', '--nope'], ['validate'], ['size', 'x.yaml', '--per-shift', '--workers', 'two']]) {
      const english = cli(true, args);
      expect(english.status).toBe(2);
      expect(english).toEqual(cli(false, args));
      const german = cli(true, args, { LANG: 'de_DE.UTF-8' });
      expect(german).toEqual(cli(false, args, { LANG: 'de_DE.UTF-8' }));
      if (args[1] === '--nope') expect(german.stderr).toContain('Unbekanntes Argument: nope');
    }
  });
});

/**
 * Where a package resolves from: string-width is not a dependency of etomsim but of yargs (the
 * CLI's), so it is found from yargs' folder, as the bundle finds it, not from a copy npm
 * happens to hoist to the top of node_modules.
 */
const FROM: Record<string, string> = { 'string-width': dirname(createRequire(import.meta.url).resolve('yargs/package.json')) };
const resolveDir = (pkg: string) => FROM[pkg] ?? ROOT;

/** The package as yargs loads it, unpatched: the reference the patched bundle is compared with. */
async function original<T>(pkg: string): Promise<T> {
  const file = createRequire(join(resolveDir(pkg), 'package.json')).resolve(pkg);
  return ((await import(pathToFileURL(file).href)) as { default: T }).default;
}

type StringWidth = (text: string, options?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean }) => number;

/** A package as tools/bundle.mjs bundles it (with its patches), alone, and its bundled source. */
async function bundledAlone(pkg: string): Promise<{ text: string; file: string; module: { default: unknown } }> {
  const out = await build({
    stdin: { contents: `export { default } from '${pkg}';`, resolveDir: resolveDir(pkg) },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    plugins: [patching],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  const folder = mkdtempSync(join(tmpdir(), 'etomsim-bundled-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const file = join(folder, `${pkg}.mjs`);
  writeFileSync(file, out.outputFiles[0].text);
  return { text: out.outputFiles[0].text, file, module: await import(pathToFileURL(file).href) };
}

describe("string-width as bundled (tools/bundle.mjs's patch)", async () => {
  const { text, module } = await bundledAlone('string-width');
  const patched = module.default as StringWidth;
  const stringWidth = await original<StringWidth>('string-width');

  test('is the patched source', () => {
    expect(text).toContain('PRINTABLE_ASCII');
  });

  test('gives every printable ASCII character, and strings of them, the width the original gives', () => {
    const printable = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
    for (const c of printable) expect([c, patched(c)]).toEqual([c, stringWidth(c)]);
    for (const s of ['', printable.join(''), '  --max-wip  stop a run [string] [default: 1,000,000]', '#1 *2* 0-9'])
      expect(patched(s)).toBe(stringWidth(s));
  });

  test('gives other text, and every option, what the original gives', () => {
    const texts = [
      'café',
      'naïve e\u0301',
      '日本語のテキスト',
      '👍🏽 ok 🇫🇷',
      '\u001b[31mred\u001b[39m',
      'tab\there',
      'line\nbreak',
      '\u200bzero',
      '½ ±',
    ];
    for (const t of texts) {
      expect(patched(t)).toBe(stringWidth(t));
      expect(patched(t, { ambiguousIsNarrow: false })).toBe(stringWidth(t, { ambiguousIsNarrow: false }));
      expect(patched(t, { countAnsiEscapeCodes: true })).toBe(stringWidth(t, { countAnsiEscapeCodes: true }));
    }
  });
});

describe("seedrandom as bundled (tools/bundle.mjs's patch: node:crypto loaded when first needed)", async () => {
  const { text, file, module } = await bundledAlone('seedrandom');
  const patched = module.default as typeof seedrandom;

  test('is the patched source', () => {
    expect(text).toContain('get randomBytes()');
  });

  test('draws the same numbers for a seed as the original', () => {
    for (const seed of ['etomsim:2026:0', 'etomsim:1:7', '']) {
      const a = patched(seed);
      const b = seedrandom(seed);
      for (let i = 0; i < 1000; i++) expect(a.int32()).toBe(b.int32());
    }
  });

  test('still seeds itself when given no seed', () => {
    expect(patched()()).not.toBe(patched()());
  });

  // seedrandom() without a seed is the one call that autoseeds from node:crypto
  test('loads node:crypto only to seed itself, never for a given seed (in a fresh process)', () => {
    const script = `
      const { default: seedrandom } = await import(${JSON.stringify(pathToFileURL(file).href)});
      const loaded = () => process.moduleLoadList.includes('Internal Binding crypto');
      const atImport = loaded();
      seedrandom('etomsim:1:0').int32();
      const afterSeed = loaded();
      seedrandom()();
      console.log(JSON.stringify([atImport, afterSeed, loaded()]));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([false, false, true]);
  });
});

describe("simple-statistics as bundled (tools/bundle.mjs's patch: its standardNormalTable built only where it is read)", () => {
  // the bundles' folders made and removed at the block's level: a hook registered inside a running test never runs
  // (vitest), so a folder whose removal a test registered stayed in the temp dir after every run
  const folders = scratchFolders('etomsim-bundled-');
  /** simple-statistics bundled with tools/bundle.mjs' patches, exporting `names`: its text, and its module. */
  const bundledNames = async (names: string[]) => {
    const out = await build({
      stdin: { contents: `export { ${names.join(', ')} } from 'simple-statistics';`, resolveDir: ROOT },
      bundle: true,
      format: 'esm',
      platform: 'node',
      write: false,
      plugins: [patching],
    });
    const file = join(folders(), 'simple-statistics.mjs');
    writeFileSync(file, out.outputFiles[0].text);
    return { text: out.outputFiles[0].text, module: (await import(pathToFileURL(file).href)) as Record<string, unknown> };
  };

  // without the patch the table's loop is a statement of the module's top level, which esbuild keeps
  // wherever anything of the package is imported: each script that takes gammaln built the table
  test('is left out, with the function only it calls, where only what etomsim imports is taken, and so from the scripts that import simple-statistics', async () => {
    const { text, module } = await bundledNames(['gammaln', 'medianSorted', 'mean', 'chiSquaredDistributionTable']);
    expect(typeof module.gammaln).toBe('function');
    expect(text).not.toContain('standardNormalTable');
    expect(text).not.toContain('cumulativeDistribution(');
    for (const script of ['main.cjs', 'run.cjs']) {
      const code = readFileSync(join(ROOT, 'dist/cli', script), 'utf8');
      expect(code, script).toContain('gammaln');
      expect(code, script).not.toContain('standardNormalTable');
    }
  });

  test('is the same table, value for value, where it is read', async () => {
    const { module } = await bundledNames(['standardNormalTable', 'cumulativeStdNormalProbability']);
    const ss = await import('simple-statistics');
    expect((module.standardNormalTable as number[]).length).toBe(310);
    expect(module.standardNormalTable).toEqual(ss.standardNormalTable);
    for (const z of [-3.5, -1.96, 0, 0.5, 1.645, 3.2])
      expect((module.cumulativeStdNormalProbability as (z: number) => number)(z)).toBe(ss.cumulativeStdNormalProbability(z));
  });
});

describe("the build's checks on the main thread's script (tools/bundle.mjs)", () => {
  test('a package the script would require() must resolve, under require, to a CommonJS file', () => {
    const root = mkdtempSync(join(tmpdir(), 'etomsim-require-'));
    try {
      const pkg = (name: string, manifest: object, files: Record<string, string>) => {
        mkdirSync(join(root, 'node_modules', name), { recursive: true });
        writeFileSync(join(root, 'node_modules', name, 'package.json'), JSON.stringify({ name, ...manifest }));
        for (const [file, text] of Object.entries(files)) writeFileSync(join(root, 'node_modules', name, file), text);
      };
      pkg('plain', { main: 'index.js' }, { 'index.js': 'module.exports = 1;' });
      pkg(
        'dual',
        { type: 'module', exports: { import: './index.js', require: './index.cjs' } },
        { 'index.js': 'export default 1;', 'index.cjs': 'module.exports = 1;' },
      );
      pkg('import-only', { exports: { import: './index.js' } }, { 'index.js': 'export default 1;' });
      pkg('mjs-main', { main: 'index.mjs' }, { 'index.mjs': 'export default 1;' });
      pkg('type-module', { type: 'module', main: 'index.js' }, { 'index.js': 'export default 1;' });
      const from = join(root, 'dist/cli/main.cjs'); // where the script would be
      expect(requireProblem('plain', from)).toBeNull();
      expect(requireProblem('dual', from)).toBeNull();
      expect(requireProblem('node:fs', from)).toBeNull();
      expect(requireProblem('import-only', from)).toMatch(/exports offer require\(\) nothing/);
      expect(requireProblem('mjs-main', from)).toMatch(/ES module.*index\.mjs/);
      expect(requireProblem('type-module', from)).toMatch(/"type": "module"/);
      expect(requireProblem('missing', from)).toMatch(/Cannot find module 'missing'/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a top-level declaration of a name the CommonJS wrapper gives fails the build, however the minified script lays it out', () => {
    expect(wrapperNamesDeclared(readFileSync(join(ROOT, 'dist/cli/main.cjs'), 'latin1'))).toEqual([]);
    expect(wrapperNamesDeclared('"use strict";var a=1,__dirname=f(2,3);')).toEqual(['__dirname']);
    expect(wrapperNamesDeclared('x();{var module}function require(){}class exports{}')).toEqual(['exports', 'require', 'module']);
    expect(wrapperNamesDeclared('let __filename=1;')).toEqual(['__filename']);
    // inside a function, or as a property, a name overwrites nothing
    expect(wrapperNamesDeclared('function f(){var __dirname,module}var o={exports:1,require(){}};o.module=2;')).toEqual([]);
  });

  test('import.meta other than .url, .dirname and .filename outside node_modules fails the build, inside it does not (esbuild empties it in a CommonJS script)', async () => {
    // with the script's definitions of import.meta's (tools/bundle.mjs, IMPORT_META)
    const warned = async (sourcefile: string, contents: string) =>
      (
        await build({
          stdin: { contents, sourcefile, resolveDir: ROOT },
          format: 'cjs',
          platform: 'node',
          define: IMPORT_META,
          write: false,
          logLevel: 'silent',
        })
      ).warnings;
    expect(emptyImportMetaOutsidePackages(await warned('dist/bin/version.js', 'export const d = import.meta.resolve("x");'))).toEqual([
      expect.stringMatching(/^dist\/bin\/version\.js:1:\d+: "import\.meta" is not available/),
    ]);
    expect(emptyImportMetaOutsidePackages(await warned('node_modules/yargs/x.js', 'export const d = import.meta.resolve("x");'))).toEqual(
      [],
    );
    expect(
      emptyImportMetaOutsidePackages(
        await warned('dist/bin/version.js', 'export const u = new URL("../../package.json", import.meta.url);'),
      ),
    ).toEqual([]);
    expect(
      emptyImportMetaOutsidePackages(await warned('dist/bin/version.js', 'export const p = [import.meta.dirname, import.meta.filename];')),
    ).toEqual([]);
  });
});

describe("the report's chart script (dist/cli/charts.cjs: reports/svg.ts with vega and vega-lite, bin/load-charts.js)", () => {
  /** This block's scratch folder, removed after its tests. */
  const scratch = mkdtempSync(join(tmpdir(), 'etomsim-chart-script-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  /**
   * The bundled scenario's run, its charts and process maps drawn by the bundle: made once for the
   * three tests that read them. Four replications: its results.json passes 1 MiB, the size at
   * which `report` starts its chart threads before it reads the file (the maps test).
   */
  const FIBER_RUN = ['run', join(ROOT, 'scenarios/fiber-order-to-activation.yaml'), '-r', '4', '-q', '--formats', 'svg', '-o'];
  let fiber: { out: string; run: ReturnType<typeof cli> } | undefined;
  const fiberRun = () => (fiber ??= { out: join(scratch, 'fiber'), run: cli(true, [...FIBER_RUN, join(scratch, 'fiber')]) });

  test("a run's report draws its charts from the script, with its code cache, byte for byte as reports/svg.ts draws them", () => {
    // the charts of the bundled scenario with variants, drawn by the CLI's chart thread
    const { out, run } = fiberRun();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const charts = join(out, 'charts');
    const names = readdirSync(charts)
      .filter((f) => f.endsWith('.vl.json'))
      .map((f) => f.slice(0, -'.vl.json'.length))
      .sort();
    expect(names.length).toBeGreaterThan(10);
    // a fresh process, started as the CLI's are (no NODE_OPTIONS: V8 rejects a cache made under
    // other flags) and under the report's interrupt budget, which every command raises before
    // the report's scripts load, takes the script's cache; dist/ module by module draws each spec
    // as the run's chart thread drew it from the script (which lazy-loading.test sees it load).
    // Before, this process drew each spec with the script as well: the run's files are that
    // drawing, and the vega work here is halved
    const script = `
      const { CHARTS_CACHE, CHARTS_SCRIPT, loadCli } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'bin/load-cli.cjs')).href)});
      const { renderSvg } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist/reports/svg.js')).href)});
      const { readFileSync } = await import('node:fs');
      const loaded = loadCli(${JSON.stringify(join(ROOT, 'dist/cli'))}, true, CHARTS_CACHE, CHARTS_SCRIPT);
      const drawn = {};
      for (const name of ${JSON.stringify(names)})
        drawn[name] = await renderSvg(JSON.parse(readFileSync(${JSON.stringify(charts)} + '/' + name + '.vl.json', 'utf8')));
      console.log(JSON.stringify({ cache: loaded.cache, renders: typeof loaded.exports.renderSvg, drawn }));`;
    const { NODE_OPTIONS: _, ...env } = process.env;
    const r = spawnSync(process.execPath, [...REPORT_SCRIPTS_FLAGS, '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env,
      maxBuffer: 1 << 28,
    });
    expect(r.stderr).toBe('');
    const { cache, renders, drawn } = JSON.parse(r.stdout) as { cache: string; renders: string; drawn: Record<string, string> };
    expect([cache, renders]).toEqual(['accepted', 'function']);
    for (const name of names) expect(readFileSync(join(charts, `${name}.svg`), 'utf8'), name).toBe(drawn[name]);
  });

  test("the process maps of a report, laid out by the layout script with its code cache (elkjs), are byte for byte dist/'s; `report` draws what `run` drew", () => {
    // a run's report, then `etomsim report` of its results: its maps laid out in the bundle
    // (dist/cli/layout.cjs, bin/load-elk.js), its charts drawn by threads started before the
    // file was read (bin/commands/report.ts: a file of 1 MiB or more)
    const { out, run } = fiberRun();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(statSync(join(out, 'results.json')).size).toBeGreaterThan(1 << 20);
    const again = join(scratch, 'fiber-report'); // beside the run's folder, which the other tests read as the run left it
    const report = cli(true, ['report', join(out, 'results.json'), '-q', '--formats', 'svg', '-o', again]);
    expect(report.stderr).toBe('');
    expect(report.status).toBe(0);
    const drawn = readdirSync(join(out, 'charts')).sort();
    expect(readdirSync(join(again, 'charts')).sort()).toEqual(drawn);
    for (const name of drawn)
      expect(readFileSync(join(again, 'charts', name), 'utf8'), name).toBe(readFileSync(join(out, 'charts', name), 'utf8'));
    const maps = drawn.filter((f) => f.startsWith('process-map-') && f.endsWith('.svg'));
    expect(maps.length).toBeGreaterThan(1); // the baseline's and the variants' that change the flow
    // a fresh process, started as the CLI's are (under the report's interrupt budget), takes the
    // layout script's cache; dist/ lays out with elkjs from node_modules
    const script = `
      const { LAYOUT_CACHE, LAYOUT_SCRIPT, loadCli } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'bin/load-cli.cjs')).href)});
      const { renderedMaps } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist/reports/index.js')).href)});
      const { readFileSync } = await import('node:fs');
      const loaded = loadCli(${JSON.stringify(join(ROOT, 'dist/cli'))}, true, LAYOUT_CACHE, LAYOUT_SCRIPT);
      const drawn = await renderedMaps(JSON.parse(readFileSync(${JSON.stringify(join(out, 'results.json'))}, 'utf8')));
      console.log(JSON.stringify({ cache: loaded.cache, elk: typeof loaded.exports.Elk, maps: drawn.map((m) => [m.name, m.svg]) }));`;
    const { NODE_OPTIONS: _, ...env } = process.env;
    const r = spawnSync(process.execPath, [...REPORT_SCRIPTS_FLAGS, '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env,
      maxBuffer: 1 << 28,
    });
    expect(r.stderr).toBe('');
    const { cache, elk, maps: unbundled } = JSON.parse(r.stdout) as { cache: string; elk: string; maps: [string, string][] };
    expect(cache).toBe('accepted');
    expect(elk).toBe('function');
    expect(unbundled.map(([name]) => `${name}.svg`).sort()).toEqual(maps);
    for (const [name, svg] of unbundled) expect(readFileSync(join(again, 'charts', `${name}.svg`), 'utf8'), name).toBe(svg);
  });

  test('an install without the chart and layout scripts draws the same report from dist/ module by module (bin/load-cli.cjs scriptOrModules)', () => {
    // the package with its compiled modules and bundle, timestamps kept (bin/etomsim.cjs then takes
    // the bundle), less dist/cli/charts.cjs (a folder in its place) and layout.cjs: before, the report ended in "internal error"
    const copy = copyOfThePackage(join(scratch, 'no-scripts'), { bundle: false });
    linkTree(join(ROOT, 'dist'), join(copy, 'dist')); // linked: the scripts are removed below, nothing written into a file
    for (const script of ['charts.cjs', 'layout.cjs']) rmSync(join(copy, 'dist/cli', script));
    mkdirSync(join(copy, 'dist/cli', 'charts.cjs')); // something other than a file in its place
    const partial = spawnSync(process.execPath, [join(copy, 'bin/etomsim.cjs'), ...FIBER_RUN, join(scratch, 'partial')], {
      encoding: 'utf8',
    });
    expect(partial.stderr).toBe('');
    expect(partial.status).toBe(0);
    const whole = fiberRun(); // the same command line, the whole install's scripts
    expect(whole.run.status).toBe(0);
    const drawn = readdirSync(join(whole.out, 'charts')).sort();
    expect(drawn.filter((f) => f.startsWith('process-map-')).length).toBeGreaterThan(1);
    expect(readdirSync(join(scratch, 'partial', 'charts')).sort()).toEqual(drawn);
    for (const name of drawn)
      expect(readFileSync(join(scratch, 'partial', 'charts', name), 'utf8'), name).toBe(
        readFileSync(join(whole.out, 'charts', name), 'utf8'),
      );
  });

  test('holds vega-canvas patched: no top-level await for node-canvas, which etomsim does not depend on', () => {
    const text = readFileSync(join(ROOT, 'dist/cli/charts.cjs'), 'utf8');
    expect(text).not.toContain('import("canvas")');
    expect(text).not.toContain("import('canvas')");
    expect(text).toMatch(/\bNodeCanvas\s*=\s*null;/); // minified: no spaces
  });
});
