// The CLI as bin/etomsim.cjs runs it: tsc's output (dist/) bundled by esbuild into dist/cli/.
// Start-up was mostly loading, not work: Node resolving and reading about a hundred ESM files
// one by one, yargs' own dozen, yaml's CommonJS files, then V8 compiling them in every process.
// The main thread's code is one CommonJS script, dist/cli/main.cjs (and smaller ones for
// `validate FILE` and a plain `run FILE`: SCRIPT_ENTRIES), which bin/load-cli.cjs compiles with a V8 code
// cache made here after running the commonest commands (tools/code-cache.mjs): Node 20 caches
// no compiled code for ES modules. The pool threads' worker is such a script too (WORKER_SCRIPT),
// the chart thread's entry an ES module with shared chunks. tsc stays the type checker and dist/
// what the tests and benchmarks import.
//
// Invariant: dist/cli/ runs the same code as dist/, module for module. Each thread's entry
// point is its own entry here, named like the file its starter asks for beside itself (the
// runner's './worker.cjs' beside `import.meta.dirname`, the report's './svg-worker.js'), and
// every file of dist/cli/ sits two folders below the package root like dist/bin/*.js, so the
// `../../package.json` and `../../scenarios/` paths of bin/ resolve alike (in the script,
// import.meta's url, dirname and filename are the script's own: IMPORT_META). In the script a module that bin/main.ts does not
// import is evaluated only when first imported (esbuild's lazy initialisers), so `--help` and
// `validate` never evaluate the simulation's or the report's code, and packages left out of the
// bundle are still imported only where they are used (test/bin/lazy-loading.test.ts reads
// dist/cli/chunks.json and V8's coverage to check which modules a process loaded). Run by
// `npm run build`, `prepare`, `test` and `bench`, after tsc: `prepare` always bundles, the
// others only when the bundle is not fresh (bundleIsFresh; `command` at the end says why).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';
import {
  ALL_CACHES,
  CHARTS_SCRIPT,
  HEAD,
  LAYOUT_SCRIPT,
  PISCINA_SCRIPT,
  QUEUE_SCRIPT,
  RUN_SCRIPT,
  SCRIPT,
  TAIL,
  VALIDATE_SCRIPT,
  WORKER_SCRIPT,
  YAML_SCRIPT,
} from '../bin/load-cli.cjs';
import { fileIdentity, filesHold, HELP_FILE } from '../bin/stored-help.js';

const ROOT = new URL('../', import.meta.url);
const OUT = 'dist/cli';

/**
 * The main thread's entries, each bundled as one CommonJS script of everything it imports
 * (bin/load-cli.cjs): main.cjs, the whole command line; validate.cjs, `etomsim validate FILE`
 * alone (bin/validate-script.ts, 0.25 MB); run.cjs, `etomsim run FILE` with plainRun's options
 * (bin/run-script.ts, 0.52 MB against main.cjs' 1.7 MB, RUN_LATER's modules beside it), both without yaml (YAML_SCRIPT,
 * yamlBeside), which a process reads, checks and holds
 * whole. A process runs one of them: a script of one command line hands any other to main.cjs
 * (it returns null) before it has done anything, so no module's state is in two instances.
 */
const SCRIPT_ENTRIES = {
  [SCRIPT]: 'dist/bin/main.js',
  [VALIDATE_SCRIPT]: 'dist/bin/validate-script.js',
  [RUN_SCRIPT]: 'dist/bin/run-script.js',
};

/**
 * The report's chart renderer, reports/svg.ts, as a script of its own with vega and vega-lite
 * in it (CHARTS_BUNDLED), which bin/load-charts.js loads with its code cache in whichever
 * thread draws a chart. 1.7 MB that only a report's charts read: no command line's script holds it.
 */
const CHART_ENTRY = 'dist/reports/svg.js';

/**
 * elkjs's engine, engine/layout/elk.ts, as a script of its own with elkjs in it, which
 * bin/load-elk.js loads with its code cache at the main thread's first layout (LAYOUT_SCRIPT).
 */
const LAYOUT_ENTRY = 'dist/engine/layout/elk.js';

/**
 * The simulation pool's thread entry, CommonJS, copied as tsc wrote it but for its source-map
 * line (no map beside it): it loads WORKER_SCRIPT beside itself, named by the pool's workerData.
 */
const POOL_ENTRY = 'dist/engine/experiment/pool-entry.cjs';

/**
 * The pool's worker, engine/experiment/worker.ts, as a script of its own (WORKER_SCRIPT), which
 * POOL_ENTRY loads with its code cache in each pool thread (bin/load-cli.cjs); an ES module
 * (worker.js) until session 57.
 */
const WORKER_ENTRY = 'dist/engine/experiment/worker.js';

/**
 * The queue's packages, BullMQ and ioredis (QUEUE_BUNDLED), as a script of their own
 * (QUEUE_SCRIPT), which SCRIPT's import() of either loads with its code cache (queueBeside,
 * bin/load-cli.cjs queueScript): the classes the queue uses, from the CommonJS files Node loads.
 */
const QUEUE_ENTRY = 'bin/queue-packages.cjs';

/**
 * piscina's main and its threads' entry, bundled (PISCINA_BUNDLED). The main as a script of its
 * own (PISCINA_SCRIPT), which SCRIPT's and RUN_SCRIPT's require() of piscina loads with its code
 * cache (piscinaBeside, bin/load-cli.cjs piscinaScript) as a pool starts. The threads' entry
 * (piscina's worker.js with the two files it requires) as one CommonJS file beside it,
 * PISCINA_WORKER, which piscina's main, bundled, starts each thread on (PATCHES): a worker thread
 * starts from a file, which Node compiles from source, so it is no script with a cache; one file
 * where there were three to resolve, read and compile in each thread.
 */
const PISCINA_MAIN = 'node_modules/piscina/dist/main.js';
const PISCINA_WORKER = 'piscina-worker.cjs';
const PISCINA_WORKER_ENTRY = 'node_modules/piscina/dist/worker.js';

/**
 * ES modules: output name (beside the report's thread starter, or the name SCRIPT_EXTERNAL
 * gives) -> tsc's output. The chart thread's code stays ES modules, since a worker thread is
 * started from a file. `svg` is bin/load-charts.js, which gives the chart thread and
 * the main thread's script CHART_ENTRY's renderSvg from CHARTS_SCRIPT (chartsBeside).
 */
const MODULE_ENTRIES = {
  'svg-worker': 'dist/reports/svg-worker.js',
  svg: 'bin/load-charts.js',
  elk: 'bin/load-elk.js',
};

/**
 * Modules of dist/ that the main thread imports with import() and that import a package Node
 * can only import, not require() (vega and vega-lite: vega has a top-level await): the script
 * imports each as the ES module of this name beside itself (an entry of MODULE_ENTRIES). The
 * build fails if the script would require() such a package.
 */
const SCRIPT_EXTERNAL = { 'dist/reports/svg.js': 'svg', 'dist/engine/layout/elk.js': 'elk' };

/**
 * What bin/etomsim.cjs loads to print a stored help text (bin/stored-help.js) through
 * bin/standard-output.ts (tsc's output), as CommonJS files of their own beside the script, built
 * from the same sources: output name -> source. The entry is CommonJS, and importing them as ES
 * modules made Node set up its ES-module loader and resolve, read and link each for `--help`
 * alone (session 46: 107.3 -> 91.4 M instructions without them). Each must import nothing (Node's modules come
 * by process.getBuiltinModule), so that the entry requires one file for each.
 */
const ENTRY_TWINS = { 'stored-help': 'bin/stored-help.js', 'standard-output': 'dist/bin/standard-output.js' };

/**
 * Packages left to Node (loaded from node_modules as before). Native code (@resvg/resvg-js)
 * cannot be bundled, nor can sql.js, which finds its
 * .wasm beside its own file. The others load only in the commands and report formats that use them.
 * vega and vega-lite are in the chart script alone (CHARTS_BUNDLED): bundled as an ES module they
 * gained nothing on `etomsim report` (measured in an earlier session: compiling them was still most
 * of their cost); in a script with a code cache trained on drawing, the functions a chart calls
 * come back compiled. bullmq and ioredis are in the queue's script alone (QUEUE_BUNDLED), and taken
 * from node_modules only where that script cannot be read (bin/load-cli.cjs queueScript).
 */
const EXTERNAL = [
  '@resvg/resvg-js',
  'arquero',
  'bpmn-moddle',
  'bullmq',
  'elkjs',
  'exceljs',
  'ioredis',
  'jszip',
  'piscina',
  'pptxgenjs',
  'saxes',
  'sql.js',
  'vega',
  'vega-embed',
  'vega-lite',
];

/** The packages of EXTERNAL that the chart script holds (and no other output of the build). */
const CHARTS_BUNDLED = ['vega', 'vega-lite'];

/** The package of EXTERNAL that PISCINA_SCRIPT and PISCINA_WORKER hold, and no other output of the build. */
const PISCINA_BUNDLED = ['piscina'];

/** The packages of EXTERNAL that the queue's script holds (QUEUE_ENTRY), and no other output of the build. */
const QUEUE_BUNDLED = ['bullmq', 'ioredis'];

/**
 * Packages that a bundled package requires inside a try and does without where they are not
 * installed (ioredis' debug: supports-color, for colours in its DEBUG output; piscina's worker:
 * @napi-rs/nice, for a pool's niceIncrement, which etomsim never sets): esbuild leaves
 * such a require() to Node, as it found it in no node_modules, and the check that Node can
 * require what a script does (unrequirable) lets it be missing.
 */
const OPTIONAL = ['supports-color', '@napi-rs/nice'];

/**
 * Edits to packages' sources as they go into the bundle, each checked to apply exactly once
 * (the lockfile pins the versions; a changed source fails the build rather than the CLI).
 *
 * - string-width (yargs -> cliui, wrap-ansi) created an Intl.Segmenter as it loaded, which
 *   every command paid (about 10 ms), and measures each help cell by grapheme segmentation
 *   (about 36 ms of `--help`). Bundled, it answers printable ASCII by its length, which is
 *   what the segmentation gives for it (test/bin/string-width.test.ts compares every printable
 *   ASCII character, and the help output byte for byte), and creates the segmenter at its
 *   first other text.
 * - yargs finds its locale files (and its package.json, to guess a version we set anyway)
 *   from its own file's URL; in the bundle that URL is dist/cli/main.cjs, so it is pointed back
 *   at yargs' file in node_modules: the same messages in every locale as unbundled, and no
 *   scan of the working folder's parents for a package.json. Its variable is renamed: yargs
 *   calls it `__dirname`, which at the script's top level would overwrite the CommonJS
 *   wrapper's `__dirname` for every module of the script (the build fails on any such name).
 * - msgpackr (BullMQ's, for the arguments of its Lua scripts) requires its native string
 *   extractor, msgpackr-extract, as it loads: node-gyp-build-optional-packages finds the
 *   prebuilt addon for this platform (detect-libc reads files to tell glibc from musl) and Node
 *   opens it, in every worker and queued run. The extractor only reads strings as msgpackr
 *   unpacks, and BullMQ only packs (one Packr, its pack()): bundled, msgpackr goes without it, as
 *   it does where the addon is not installed, and packs the same bytes.
 * - ioredis hashes a script's Lua text (SHA-1) as it defines the command, and BullMQ defines its
 *   64 scripts (405 KB) on each connection it makes: a worker's blocking connection, which runs
 *   none, hashed them all. Bundled, a script's hash is made the first time it is read (to send
 *   EVALSHA, or as a pipeline lists the client's scripts), the same hash.
 * - seedrandom loads node:crypto as it loads (5-8 ms, in the main thread and again in each
 *   worker), for seeding from entropy, which etomsim never asks for (every stream has a seed):
 *   bundled, it loads node:crypto the first time it does.
 * - simple-statistics builds its standardNormalTable as it loads (310 calls of its
 *   cumulativeDistribution at the module's top level, some 3.6 M instructions of every process
 *   that loads run.cjs or main.cjs, docs/performance-notes.md, sessions 55 and 56), a table
 *   etomsim never reads (it takes gammaln, medianSorted and mean). Bundled, the table is built
 *   by a call marked pure, the same table where it is read; where nothing reads it esbuild
 *   leaves the call out, with the functions only it reached (test/bin/bundle.test.ts).
 * - piscina starts each thread on its worker.js, found beside its own file (`__dirname`), which
 *   in a script of the bundle is the script's folder: bundled, on PISCINA_WORKER there, the
 *   same worker bundled with what it requires.
 * - vega-canvas tries `await import('canvas')` (node-canvas, no dependency of etomsim) as it
 *   loads: a top-level await, which a CommonJS script cannot hold, for a package that is not
 *   installed. Bundled into the chart script it takes none: the SVGs never depend on whether
 *   some node_modules above the package happens to hold node-canvas (reports/svg.ts sets the
 *   text widths itself; the headless SVG renderer draws no canvas).
 */
const PATCHES = [
  {
    file: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/,
    edits: [
      ['const segmenter = new Intl.Segmenter();', 'let segmenter;\nconst PRINTABLE_ASCII = /^[\\x20-\\x7E]*$/;'],
      [
        'export default function stringWidth(string, options = {}) {',
        "export default function stringWidth(string, options = {}) {\n\tif (typeof string === 'string' && PRINTABLE_ASCII.test(string)) return string.length;",
      ],
      ['segmenter.segment(string)', '(segmenter ??= new Intl.Segmenter()).segment(string)'],
    ],
  },
  {
    file: /[\\/]node_modules[\\/]vega-canvas[\\/]build[\\/]vega-canvas\.node\.js$/,
    edits: [["  NodeCanvas = await import('canvas');", '  NodeCanvas = null;']],
  },
  {
    file: /[\\/]node_modules[\\/]simple-statistics[\\/]dist[\\/]simple-statistics\.mjs$/,
    edits: [
      [
        'var standardNormalTable = [];\n\nfor (var z = 0; z <= 3.09; z += 0.01) {\n    standardNormalTable.push(cumulativeDistribution(z));\n}',
        'var standardNormalTable = /* @__PURE__ */ (function () {\n    var table = [];\n    for (var z = 0; z <= 3.09; z += 0.01) {\n        table.push(cumulativeDistribution(z));\n    }\n    return table;\n})();',
      ],
    ],
  },
  {
    file: /[\\/]node_modules[\\/]piscina[\\/]dist[\\/]index\.js$/,
    edits: [
      [
        "filename: (0, node_path_1.resolve)(__dirname, 'worker.js'),",
        `filename: (0, node_path_1.resolve)(__dirname, '${PISCINA_WORKER}'),`,
      ],
    ],
  },
  {
    file: /[\\/]node_modules[\\/]msgpackr[\\/]dist[\\/]node\.cjs$/,
    edits: [["\t\t\textractor = require('msgpackr-extract');", '\t\t\textractor = null;']],
  },
  {
    file: /[\\/]node_modules[\\/]ioredis[\\/]built[\\/]Script\.js$/,
    edits: [
      [
        '        this.sha = (0, crypto_1.createHash)("sha1").update(lua).digest("hex");\n        const sha = this.sha;',
        '        let sha;\n        Object.defineProperty(this, "sha", { enumerable: true, get: () => (sha ??= (0, crypto_1.createHash)("sha1").update(lua).digest("hex")) });\n        const script = this;',
      ],
      ['                    this.args[0] = sha;', '                    this.args[0] = script.sha;'],
    ],
  },
  {
    file: /[\\/]node_modules[\\/]seedrandom[\\/]seedrandom\.js$/,
    edits: [["    nodecrypto = require('crypto');", "    nodecrypto = { get randomBytes() { return require('crypto').randomBytes; } };"]],
  },

  {
    file: /[\\/]node_modules[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/,
    edits: [
      [
        'const __dirname = fileURLToPath(import.meta.url);',
        "const yargsShimFile = join(dirname(createRequire(import.meta.url).resolve('yargs/package.json')), 'lib/platform-shims/esm.mjs');",
      ],
      [
        "__dirname.substring(0, __dirname.lastIndexOf('node_modules'))",
        "yargsShimFile.substring(0, yargsShimFile.lastIndexOf('node_modules'))",
      ],
      ["resolve(__dirname, '../../../locales')", "resolve(yargsShimFile, '../../../locales')"],
    ],
  },
];

/** `source` with the edits of the patch whose file is `path` (unchanged if none is). */
export function patched(path, source) {
  const patch = PATCHES.find((p) => p.file.test(path));
  if (patch === undefined) return source;
  let text = source;
  for (const [from, to] of patch.edits) {
    if (text.split(from).length !== 2) throw new Error(`tools/bundle.mjs: ${path} changed ('${from}' is not there once): review its patch`);
    text = text.replace(from, to);
  }
  return text;
}

/** The esbuild plugin that applies PATCHES. */
export const patching = {
  name: 'patches',
  setup(b) {
    for (const { file } of PATCHES)
      b.onLoad({ filter: file }, async (args) => ({ contents: patched(args.path, await readFile(args.path, 'utf8')), loader: 'js' }));
  },
};

/** The options both builds share (`outdir` relative to the package root). */
function commonOptions(outdir) {
  return {
    absWorkingDir: fileURLToPath(ROOT), // not URL.pathname: that keeps a space in the path as %20
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  };
}

/** The chart thread's import of CHART_ENTRY, left to Node: './svg.js' beside it is bin/load-charts.js (MODULE_ENTRIES). */
const chartsBeside = {
  name: 'charts-beside',
  setup(b) {
    b.onResolve({ filter: /^\.\/svg\.js$/ }, (args) => {
      const path = relative(fileURLToPath(ROOT), join(args.resolveDir, args.path)).split(sep).join('/');
      return path === CHART_ENTRY ? { path: './svg.js', external: true } : undefined;
    });
  },
};

/** esbuild's options for the threads' ES modules, written to `outdir`. */
export function moduleOptions(outdir) {
  return {
    ...commonOptions(outdir),
    entryPoints: MODULE_ENTRIES,
    splitting: true,
    format: 'esm',
    chunkNames: 'chunk-[hash]',
    // yaml's and seedrandom's CommonJS require Node's built-ins; an ES module has no require
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    plugins: [patching, chartsBeside],
  };
}

/** The script's import() of a module in SCRIPT_EXTERNAL, left to Node: the ES module of that name beside the script. */
const scriptExternal = {
  name: 'script-external',
  setup(b) {
    b.onResolve({ filter: /\.js$/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const path = relative(fileURLToPath(ROOT), join(args.resolveDir, args.path)).split(sep).join('/');
      return SCRIPT_EXTERNAL[path] === undefined ? undefined : { path: `./${SCRIPT_EXTERNAL[path]}.js`, external: true };
    });
  },
};

/**
 * SCRIPT's import() of a package of QUEUE_BUNDLED: a stand-in that takes it from the queue's
 * packages (`queue-script:packages`), which ask bin/load-cli.cjs' queueScript for QUEUE_SCRIPT
 * once per process, as the first of them is imported.
 */
const QUEUE_MODULE = "module.exports = require('../../bin/load-cli.cjs').queueScript(__dirname);";
const queueBeside = {
  name: 'queue-script',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${QUEUE_BUNDLED.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'queue-script' }));
    b.onResolve({ filter: /^queue-script:packages$/, namespace: 'queue-script' }, () => ({ path: 'packages', namespace: 'queue-script' }));
    // the script's require, as the wrapper gives it (createRequire of dist/cli/main.cjs): the loader the entry already required
    b.onResolve({ filter: /^\.\.\/\.\.\/bin\/load-cli\.cjs$/, namespace: 'queue-script' }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'queue-script' }, (args) => ({
      contents:
        args.path === 'packages' ? QUEUE_MODULE : `module.exports = require('queue-script:packages')[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
  },
};

/**
 * SCRIPT's and RUN_SCRIPT's require() of piscina (engine/experiment/runner.ts, as a pool starts): a
 * stand-in that asks bin/load-cli.cjs' piscinaScript for PISCINA_SCRIPT, once per process.
 */
const PISCINA_MODULE = "module.exports = require('../../bin/load-cli.cjs').piscinaScript(__dirname);";
const piscinaBeside = {
  name: 'piscina-script',
  setup(b) {
    b.onResolve({ filter: /^piscina$/ }, () => ({ path: 'piscina', namespace: 'piscina-script' }));
    // the script's require, as the wrapper gives it: the loader the entry already required
    b.onResolve({ filter: /^\.\.\/\.\.\/bin\/load-cli\.cjs$/, namespace: 'piscina-script' }, (args) => ({
      path: args.path,
      external: true,
    }));
    b.onLoad({ filter: /^piscina$/, namespace: 'piscina-script' }, () => ({ contents: PISCINA_MODULE, loader: 'js' }));
  },
};

/** esbuild's options for the entry's CommonJS twins (ENTRY_TWINS), written to `outdir`. */
export function entryTwinOptions(outdir) {
  return { ...commonOptions(outdir), entryPoints: ENTRY_TWINS, format: 'cjs', outExtension: { '.js': '.cjs' } };
}

/**
 * What `import.meta` holds in a CommonJS script of the bundle, as in an ES module of dist/: the
 * script's own URL (made when first read, tools/import-meta-url.mjs), folder and file. A module
 * finds the files beside or above it by `import.meta.dirname`, a path, which costs no URL.
 */
export const IMPORT_META = {
  'import.meta.url': 'import_meta.url',
  'import.meta.dirname': '__dirname',
  'import.meta.filename': '__filename',
};

/** esbuild's options for the main thread's CommonJS script SCRIPT (SCRIPT_ENTRIES' others: validateScriptOptions, runScriptOptions), written to `outdir`. */
export function scriptOptions(outdir) {
  return {
    ...commonOptions(outdir),
    entryPoints: Object.fromEntries(
      Object.entries(SCRIPT_ENTRIES)
        .filter(([file]) => file === SCRIPT)
        .map(([file, entry]) => [file.replace(/\.cjs$/, ''), entry]),
    ),
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    define: IMPORT_META,
    inject: ['tools/import-meta-url.mjs'],
    plugins: [patching, scriptExternal, queueBeside, piscinaBeside],
    // Every process reads, checks (CRC-32) and holds this text, so its size is paid in page
    // faults on fresh memory (CONTRIBUTING.md, hot path, rule 11): without its
    // indentation and line breaks 1.55 -> 1.13 MB, `--help` through yargs 5,280 -> 5,080 minor
    // faults, `validate` 5,890 -> 5,690. Whitespace only: V8 compiles the same code from it, and
    // names are kept, so messages, stack traces and V8's coverage (which
    // test/bin/lazy-loading.test.ts reads) name functions as before; the source map gives
    // ETOMSIM_DEBUG's stack traces the TypeScript lines and columns. minifySyntax as well
    // (1.09 MB) saved 24 faults more and rewrites the code V8 compiles, the simulation loop's
    // included (a run with one worker runs it from this script): not worth a study of the loop.
    minifyWhitespace: true,
  };
}

/**
 * The command scripts' `yaml` (VALIDATE_SCRIPT's and RUN_SCRIPT's): a module that asks
 * bin/load-cli.cjs for YAML_SCRIPT (yamlScript) as the script's require() of it is first evaluated (engine/scenario/yaml-source.ts loads yaml
 * only for a file the simple reader leaves to it). A plain run of the bench's M/M/5 never
 * evaluates yaml, and its 0.17 MB were a fifth of the run script every run read, checked and
 * held (and two fifths of the validate script).
 */
const YAML_MODULE = "module.exports = require('../../bin/load-cli.cjs').yamlScript(__dirname);";
const yamlBeside = {
  name: 'yaml-script',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: 'yaml', namespace: 'yaml-script' }));
    // the script's require, as the wrapper gives it (createRequire of dist/cli/run.cjs): the loader the entry already required
    b.onResolve({ filter: /^\.\.\/\.\.\/bin\/load-cli\.cjs$/, namespace: 'yaml-script' }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /^yaml$/, namespace: 'yaml-script' }, () => ({ contents: YAML_MODULE, loader: 'js' }));
  },
};

/** esbuild's options for VALIDATE_SCRIPT, written to `outdir`: scriptOptions' but for yaml (yamlBeside). */
export function validateScriptOptions(outdir) {
  return {
    ...scriptOptions(outdir),
    entryPoints: { [VALIDATE_SCRIPT.replace(/\.cjs$/, '')]: SCRIPT_ENTRIES[VALIDATE_SCRIPT] },
    plugins: [patching, scriptExternal, yamlBeside, piscinaBeside],
  };
}

/**
 * Scripts beside RUN_SCRIPT that hold what it import()s but `run FILE --no-report` never does:
 * script -> the modules (tsc's output) whose import() loads it. The report was 0.12 MB of the
 * 0.7 MB every plain run read, checked and held (CONTRIBUTING.md, hot path, rule 11;
 * docs/performance-notes.md, session 53). RUN_SCRIPT holds for each of these modules a stand-in
 * that loads the script at its first import() (laterBeside, bin/load-cli.cjs laterScript); each
 * script holds the modules only it imports and takes every module RUN_SCRIPT holds from
 * RUN_SCRIPT (providedByRun), so no module is in two instances in a process: an error class told
 * by instanceof (bin/report-failure.ts, engine/failure.ts) is one class. The build fails if two
 * of them would hold one module (buildRunScripts). No code cache: run.cache was never trained on
 * them; a script missing or cut short is told as a damaged install (bin/load-cli.cjs laterScript).
 * main.cjs holds all of it, as before.
 */
export const RUN_LATER = {
  'run-report.cjs': ['dist/reports/index.js', 'dist/reports/svg-thread.js'],
};

/**
 * Modules RUN_SCRIPT import()s only for options bin/plain-run.ts does not take (module -> the
 * option): bin/load-cli.cjs gives main.cjs every command line with one of them, so no process
 * running RUN_SCRIPT imports these. RUN_SCRIPT holds for each a stand-in whose import() rejects
 * with an internal error that says so (laterBeside), and the build fails if RUN_SCRIPT holds one
 * (buildRunScripts). Session 53 gave them scripts of their own (run-cluster.cjs, 59 KB, and
 * run-event-log.cjs, 26 KB) that no process ever loaded (session 54).
 * test/bin/command-scripts.test.ts holds this table to plainRun's options.
 */
export const RUN_NEVER = {
  'dist/engine/cluster/shard.js': '--shard',
  'dist/engine/cluster/shard-size.js': '--shard',
  'dist/engine/cluster/queue.js': '--queue',
  'dist/engine/cluster/redis.js': '--queue',
  'dist/engine/interchange/write-event-logs.js': '--event-log',
  'dist/engine/interchange/ocel-sqlite.js': '--event-log',
};

/** A path the build resolved, relative to the package root with '/' (metafile's form). */
const fromRoot = (path) => relative(fileURLToPath(ROOT), path).split(sep).join('/');

/**
 * RUN_SCRIPT's import() of a module of RUN_LATER: a stand-in that asks bin/load-cli.cjs'
 * laterScript for its script (once per process: the script's stand-in module, `later-script:`)
 * and returns the module from it. `provided`: the modules of RUN_SCRIPT the scripts import, each
 * to the names they import of it (null: the whole module; namesTaken), as the table
 * `later:provided` of require()s, each evaluated as first asked for. Its import() of a module of
 * RUN_NEVER: a stand-in (`never:`) that throws as it is evaluated, so the import() rejects.
 */
function laterBeside(provided) {
  const scriptOf = new Map(Object.entries(RUN_LATER).flatMap(([file, modules]) => modules.map((m) => [m, file])));
  return {
    name: 'later-scripts',
    setup(b) {
      b.onResolve({ filter: /\.js$/ }, (args) => {
        if (args.kind !== 'dynamic-import' || args.namespace !== 'file') return undefined;
        const path = fromRoot(join(args.resolveDir, args.path));
        if (Object.hasOwn(RUN_NEVER, path)) return { path, namespace: 'never' };
        return scriptOf.has(path) ? { path, namespace: 'later' } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'never' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(
          `${RUN_SCRIPT} holds no ${args.path}, which ${RUN_NEVER[args.path]} reaches: bin/plain-run.ts takes that option, and bin/load-cli.cjs ` +
            `gives ${RUN_SCRIPT} the command line; give the option back to main.cjs (PLAIN_RUN_OPTIONS in both), or move the module from RUN_NEVER to RUN_LATER in tools/bundle.mjs`,
        )});`,
        loader: 'js',
      }));
      b.onLoad({ filter: /.*/, namespace: 'later' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(`later-script:${scriptOf.get(args.path)}`)})[${JSON.stringify(args.path)}]();`,
        loader: 'js',
      }));
      b.onResolve({ filter: /^later-script:/ }, (args) => ({ path: args.path.slice('later-script:'.length), namespace: 'later-script' }));
      b.onLoad({ filter: /.*/, namespace: 'later-script' }, (args) => ({
        contents: `module.exports = require('../../bin/load-cli.cjs').laterScript(__dirname, ${JSON.stringify(args.path)}, require('later:provided'));`,
        loader: 'js',
      }));
      b.onResolve({ filter: /^\.\.\/\.\.\/bin\/load-cli\.cjs$/, namespace: 'later-script' }, (args) => ({
        path: args.path,
        external: true,
      }));
      b.onResolve({ filter: /^later:provided$/ }, () => ({ path: 'provided', namespace: 'later-provided' }));
      b.onLoad({ filter: /.*/, namespace: 'later-provided' }, () => ({
        contents: `const modules = {\n${[...provided.keys()]
          .sort()
          .map((m) => `  ${JSON.stringify(m)}: () => require(${JSON.stringify(provided.get(m) === null ? `./${m}` : `later-names:${m}`)}),`)
          .join('\n')}\n};\nmodule.exports = (path) => modules[path]();`,
        resolveDir: fileURLToPath(ROOT),
        loader: 'js',
      }));
      // a module of which the later scripts take some names: those alone (namesTaken)
      b.onResolve({ filter: /^later-names:/ }, (args) => ({ path: args.path.slice('later-names:'.length), namespace: 'later-names' }));
      b.onLoad({ filter: /.*/, namespace: 'later-names' }, (args) => ({
        contents: `export { ${[...provided.get(args.path)].sort().join(', ')} } from ${JSON.stringify(`./${args.path}`)};`,
        resolveDir: fileURLToPath(ROOT),
        loader: 'js',
      }));
    },
  };
}

/** esbuild's options for RUN_SCRIPT, written to `outdir`: validateScriptOptions' but with RUN_LATER's modules left to their scripts, and `provided` (laterBeside) to them. */
export function runScriptOptions(outdir, provided) {
  return {
    ...scriptOptions(outdir),
    entryPoints: { [RUN_SCRIPT.replace(/\.cjs$/, '')]: SCRIPT_ENTRIES[RUN_SCRIPT] },
    plugins: [patching, scriptExternal, yamlBeside, piscinaBeside, laterBeside(provided)],
  };
}

/**
 * A script of RUN_LATER: its modules (tsc's output) as a table, each by its dist/ path, each
 * evaluated as first asked for, returned by the function the script exports, which bin/load-cli.cjs'
 * laterScript calls with RUN_SCRIPT's provided modules; those of `held` (the modules RUN_SCRIPT
 * holds) come from it (`provided:`; left external with `external`, for namesTaken).
 */
function providedByRun(modules, held, external = false) {
  return {
    name: 'provided-by-run',
    setup(b) {
      b.onResolve({ filter: /^later:entry$/ }, () => ({ path: 'entry', namespace: 'later' }));
      b.onLoad({ filter: /^entry$/, namespace: 'later' }, () => ({
        contents:
          "const run = require('later:run');\nmodule.exports = (provided) => {\n  run.provided = provided;\n  return {\n" +
          modules.map((m) => `    ${JSON.stringify(m)}: () => require(${JSON.stringify(`./${m}`)}),`).join('\n') +
          '\n  };\n};',
        resolveDir: fileURLToPath(ROOT),
        loader: 'js',
      }));
      b.onResolve({ filter: /^later:run$/ }, () => ({ path: 'run', namespace: 'later' }));
      b.onLoad({ filter: /^run$/, namespace: 'later' }, () => ({ contents: 'module.exports = { provided: null };', loader: 'js' }));
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.resolving || args.namespace !== 'file' || args.kind === 'entry-point') return undefined;
        const found = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { resolving: true },
        });
        if (found.errors.length > 0 || found.external || found.namespace !== 'file') return undefined;
        const path = fromRoot(found.path);
        if (!held.has(path)) return undefined;
        return external ? { path, external: true } : { path, namespace: 'provided' };
      });
      b.onLoad({ filter: /.*/, namespace: 'provided' }, (args) => ({
        contents: `module.exports = require('later:run').provided(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
    },
  };
}

/** esbuild's options for the RUN_LATER script `file`, written to `outdir`: its modules, with those of `held` taken from RUN_SCRIPT (providedByRun). */
export function laterScriptOptions(outdir, file, held) {
  return {
    ...scriptOptions(outdir),
    entryPoints: { [file.replace(/\.cjs$/, '')]: 'later:entry' },
    plugins: [patching, scriptExternal, piscinaBeside, providedByRun(RUN_LATER[file], held)],
  };
}

/**
 * The names the RUN_LATER script `file` imports from each module of `held` it takes from
 * RUN_SCRIPT (path -> names, or null for the whole module): the script built as an ES module with
 * those modules left external, whose import statements esbuild writes with the names the script
 * uses. RUN_SCRIPT provides each module as those names alone, so that its exports nothing else
 * uses are still left out of it (a require() of the whole module keeps every export: 37 KB more
 * of RUN_SCRIPT). Which modules it imports, and how, is the metafile's; the names are read from
 * the statements, since no field of the metafile holds them (esbuild 0.28: an import is a path,
 * a kind and whether it is external), and code splitting, whose chunks export what other outputs
 * use, exports each binding by its name in the chunk, not by its module's export name.
 */
async function namesTaken(outdir, file, held) {
  const result = await build({
    ...laterScriptOptions(outdir, file, held),
    format: 'esm',
    write: false,
    minifyWhitespace: false,
    sourcemap: false,
    outExtension: { '.js': '.mjs' },
    plugins: [patching, scriptExternal, piscinaBeside, providedByRun(RUN_LATER[file], held, true)],
  });
  const [[probe, { imports }]] = Object.entries(result.metafile.outputs);
  const text = result.outputFiles.find((f) => f.path.endsWith(probe)).text;
  const clauses = new Map();
  for (const [, clause, path] of text.matchAll(/^import\s+(.*?)\s+from\s+"([^"]+)";$/gms))
    clauses.set(path, [...(clauses.get(path) ?? []), clause]);
  const names = new Map();
  for (const { path, kind } of imports) {
    if (!held.has(path)) continue;
    // an import() of it, or a statement without names (`* as ns`, or one not read here): the whole module
    const lists = (kind === 'import-statement' ? clauses.get(path) : undefined)?.map((clause) => {
      const named = /^(?:(\w+)\s*,\s*)?\{([^}]*)\}$/s.exec(clause);
      if (named === null) return /^\w+$/.test(clause) ? ['default'] : null;
      const list = named[2]
        .split(',')
        .map((n) => n.trim().split(/\s+as\s+/)[0])
        .filter((n) => n !== '');
      return named[1] === undefined ? list : ['default', ...list];
    }) ?? [null];
    names.set(path, mergedNames(names.get(path), ...lists));
  }
  return names;
}

/** The names a module is taken for, joined (null, the whole module, if any of them is). */
function mergedNames(...lists) {
  if (lists.some((list) => list === null)) return null;
  return new Set(lists.flatMap((list) => (list === undefined ? [] : [...list])));
}

/**
 * RUN_SCRIPT and RUN_LATER's scripts, built into `outdir`. RUN_SCRIPT first without modules to
 * provide, which gives what it holds; each later script takes those from it; last, RUN_SCRIPT
 * providing what they take, which must hold the same modules (a module it did not hold would be a
 * second instance of one a later script holds). Fails if RUN_SCRIPT holds a module of RUN_NEVER,
 * if two later scripts would hold one module (its second instance: RUN_SCRIPT should hold it for
 * both), or if a later script takes a module namesTaken found no import of.
 */
async function buildRunScripts(outdir) {
  // tools/import-meta-url.mjs, injected into each script, says the script's own name
  const heldBy = (result, file) =>
    Object.keys(result.metafile.outputs[`${outdir}/${file}`].inputs).filter((m) => !m.includes(':') && m !== 'tools/import-meta-url.mjs');
  const held = new Set(heldBy(await build(runScriptOptions(outdir, new Map())), RUN_SCRIPT));
  const never = Object.keys(RUN_NEVER).filter((m) => held.has(m));
  if (never.length > 0)
    throw new Error(`tools/bundle.mjs: ${RUN_SCRIPT} holds ${never.join(', ')} of RUN_NEVER: another import reaches it`);
  const later = [];
  const owner = new Map();
  const names = new Map();
  for (const file of Object.keys(RUN_LATER)) {
    const result = await build(laterScriptOptions(outdir, file, held));
    for (const m of heldBy(result, file)) {
      if (owner.has(m))
        throw new Error(`tools/bundle.mjs: ${owner.get(m)} and ${file} both hold ${m}: ${RUN_SCRIPT} should hold it for both`);
      owner.set(m, file);
    }
    const taken = await namesTaken(outdir, file, held);
    const missing = Object.keys(result.metafile.outputs[`${outdir}/${file}`].inputs)
      .filter((m) => m.startsWith('provided:'))
      .map((m) => m.slice('provided:'.length))
      .filter((m) => !taken.has(m));
    if (missing.length > 0) throw new Error(`tools/bundle.mjs: namesTaken found no import of ${missing.join(', ')} in ${file}`);
    for (const [path, list] of taken) names.set(path, mergedNames(names.get(path), list));
    later.push([result, file]);
  }
  const run = await build(runScriptOptions(outdir, names));
  const again = heldBy(run, RUN_SCRIPT);
  if (again.length !== held.size || again.some((m) => !held.has(m)))
    throw new Error(`tools/bundle.mjs: ${RUN_SCRIPT} holds other modules once it provides its later scripts theirs: review RUN_LATER`);
  return { run, later };
}

/** esbuild's options for YAML_SCRIPT, the yaml package alone (its CommonJS index), written to `outdir`. */
export function yamlScriptOptions(outdir) {
  return {
    ...scriptOptions(outdir),
    entryPoints: { [YAML_SCRIPT.replace(/\.cjs$/, '')]: 'node_modules/yaml/dist/index.js' },
    plugins: [patching],
  };
}

/** esbuild's options for the pool's worker script (WORKER_SCRIPT: WORKER_ENTRY), written to `outdir`. */
export function workerScriptOptions(outdir) {
  return {
    ...scriptOptions(outdir),
    entryPoints: { [WORKER_SCRIPT.replace(/\.cjs$/, '')]: WORKER_ENTRY },
    plugins: [patching],
  };
}

/** esbuild's options for the queue's script (QUEUE_SCRIPT: QUEUE_ENTRY with QUEUE_BUNDLED), written to `outdir`. */
export function queueScriptOptions(outdir) {
  return {
    ...scriptOptions(outdir),
    entryPoints: { [QUEUE_SCRIPT.replace(/\.cjs$/, '')]: QUEUE_ENTRY },
    external: EXTERNAL.filter((name) => !QUEUE_BUNDLED.includes(name)),
    // each class and function keeps its own name where the bundle renames it (Queue2, _Redis): BullMQ's errors
    // name themselves by their constructor's, and ioredis' Pipeline tells a cluster by it
    keepNames: true,
    plugins: [patching],
  };
}

/** esbuild's options for the script `file` of `entry` with the packages `bundled` of EXTERNAL in it, written to `outdir`. */
function packageScriptOptions(outdir, file, entry, bundled) {
  return {
    ...scriptOptions(outdir),
    entryPoints: { [file.replace(/\.cjs$/, '')]: entry },
    external: EXTERNAL.filter((name) => !bundled.includes(name)),
    plugins: [patching],
  };
}

/** esbuild's options for PISCINA_SCRIPT (PISCINA_MAIN, piscina's CommonJS main, patched), written to `outdir`. */
export function piscinaScriptOptions(outdir) {
  return packageScriptOptions(outdir, PISCINA_SCRIPT, PISCINA_MAIN, PISCINA_BUNDLED);
}

/**
 * esbuild's options for PISCINA_WORKER (PISCINA_WORKER_ENTRY with what it requires), written to
 * `outdir`: a plain CommonJS file, which Node loads as a thread's main, not a script of the loader's.
 */
export function piscinaWorkerOptions(outdir) {
  return {
    ...commonOptions(outdir),
    entryPoints: { [PISCINA_WORKER.replace(/\.cjs$/, '')]: PISCINA_WORKER_ENTRY },
    external: [...EXTERNAL.filter((name) => !PISCINA_BUNDLED.includes(name)), ...OPTIONAL],
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    sourcemap: false,
    minifyWhitespace: true,
  };
}

/** esbuild's options for the chart script (CHARTS_SCRIPT: CHART_ENTRY with CHARTS_BUNDLED), written to `outdir`. */
export function chartScriptOptions(outdir) {
  return packageScriptOptions(outdir, CHARTS_SCRIPT, CHART_ENTRY, CHARTS_BUNDLED);
}

/** esbuild's options for the layout script (LAYOUT_SCRIPT: LAYOUT_ENTRY with elkjs), written to `outdir`. */
export function layoutScriptOptions(outdir) {
  return packageScriptOptions(outdir, LAYOUT_SCRIPT, LAYOUT_ENTRY, ['elkjs']);
}

/**
 * Why Node 20's require() from the file `from` cannot load `specifier`, or null if it can: it
 * must resolve under the `require` condition (a package whose exports map offers only `import`
 * does not) to a CommonJS file, not a `.mjs` one nor a `.js` one in a `"type": "module"` scope
 * (require() of an ES module throws on Node 20, and vega's top-level await would anyway).
 */
export function requireProblem(specifier, from) {
  let file;
  try {
    file = createRequire(from).resolve(specifier);
  } catch (err) {
    return err.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED' ? 'its exports offer require() nothing' : err.message.split('\n')[0];
  }
  if (isBuiltin(file) || file.endsWith('.cjs') || file.endsWith('.node') || file.endsWith('.json')) return null;
  if (file.endsWith('.mjs')) return `it resolves to an ES module, ${file}`;
  // the nearest package.json says how Node reads a .js file
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const type = JSON.parse(readFileSync(manifest, 'utf8')).type;
      return type === 'module' ? `it resolves to ${file}, an ES module ("type": "module" in ${manifest})` : null;
    }
    if (dirname(dir) === dir) return null;
  }
}

/**
 * The packages and files the script would require() (a static import of an external became a
 * require()) that require() cannot load, each with why: the build fails on them, as require()
 * of vega (an ES module with a top-level await) would fail the command at run time.
 */
function unrequirable(metafile, scriptFile) {
  const found = new Map();
  for (const input of Object.values(metafile.inputs))
    for (const { path, kind, external } of input.imports) {
      // a bare specifier: a package (esbuild also lists the injected tools/import-meta-url.mjs, by its absolute path, which it bundles)
      if (
        !external ||
        kind === 'dynamic-import' ||
        isBuiltin(path) ||
        path.startsWith('.') ||
        isAbsolute(path) ||
        OPTIONAL.includes(path) ||
        path === '<runtime>' || // esbuild's own helpers (keepNames' __name), in the script itself
        found.has(path)
      )
        continue;
      const problem = requireProblem(path, scriptFile);
      if (problem !== null) found.set(path, problem);
    }
  return [...found].map(([path, problem]) => `${path} (${problem})`);
}

/** Names the CommonJS wrapper gives the script (bin/load-cli.cjs). */
const WRAPPER_NAMES = ['exports', 'require', 'module', '__filename', '__dirname'];

/**
 * The wrapper's names that `text` declares at its top level (where a declaration would
 * overwrite the wrapper's for every module in the script: yargs' shim declared `__dirname`).
 * V8 says so exactly, whatever the layout (the script is minified): below a `let` of those
 * names, a top-level `var`, function or class of the same name is an early SyntaxError, found
 * as the text is compiled, which runs none of it.
 */
export function wrapperNamesDeclared(text) {
  return WRAPPER_NAMES.filter((name) => {
    try {
      new vm.Script(`let ${name};\n${text}`);
      return false;
    } catch (err) {
      if (err instanceof SyntaxError && err.message === `Identifier '${name}' has already been declared`) return true;
      throw err;
    }
  });
}

/**
 * Warnings of the script's build that mean it would not run as dist/ does: esbuild empties
 * `import.meta` in a CommonJS script (only `.url`, `.dirname` and `.filename` are defined:
 * IMPORT_META), so any other use of it outside node_modules fails the build. yargs' one use, reached only through
 * its `config`/`extends` options, which etomsim does not use, is left to its try/catch.
 */
export function emptyImportMetaOutsidePackages(warnings) {
  return warnings
    .filter((w) => w.id === 'empty-import-meta' && !/(^|[\\/])node_modules[\\/]/.test(w.location?.file ?? ''))
    .map((w) => `${w.location?.file}:${w.location?.line}:${w.location?.column}: ${w.text}`);
}

/**
 * The script with each `import("X")` of a package or module left to Node written
 * `IMPORT("X")`: on Node 20 an import() in a vm.Script fails when the script comes from a
 * code cache (the cache keeps the import callback's key of the process that made it) and
 * otherwise needs an experimental flag, so the loader gives the script its import()
 * (`module.dynamicImport`, bin/load-cli.cjs) and `IMPORT`, the script's last function, calls
 * it. Each replaced call is one the metafile lists, and no other import( may remain. The name
 * is as long as `import`, so the source map's columns stay right on the minified script's
 * long lines.
 */
function withoutImportSyntax(text, metafile) {
  const external = new Set();
  for (const input of Object.values(metafile.inputs))
    for (const { path, kind, external: left } of input.imports) if (left && kind === 'dynamic-import') external.add(path);
  if (/\bIMPORT\b/.test(text)) throw new Error('tools/bundle.mjs: the script already names IMPORT');
  const replaced = text.replace(/\bimport\("([^"]+)"\)/g, (call, specifier) => {
    if (!external.has(specifier)) throw new Error(`tools/bundle.mjs: ${call} in the script is no import the metafile lists`);
    return `IMPORT("${specifier}")`;
  });
  const left = /\bimport\s*\(/.exec(replaced);
  if (left !== null) throw new Error(`tools/bundle.mjs: the script still calls import( at ${left.index}: the loader cannot serve it`);
  const map = replaced.lastIndexOf('\n//# sourceMappingURL=');
  return `${replaced.slice(0, map)}\nfunction IMPORT(specifier) {\n  return module.dynamicImport(specifier);\n}${replaced.slice(map)}`;
}

/**
 * The source map of a script that the build wrote one line lower (under bin/load-cli.cjs's
 * HEAD, which the file holds so that V8 compiles it without joining it to its wrapper):
 * a source map's `mappings` start a line at each ';', so one more at the start maps the
 * head's line to nothing and every other line to the line it mapped before.
 */
function shiftSourceMap(mapFile) {
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  map.mappings = `;${map.mappings}`;
  writeFileSync(mapFile, JSON.stringify(map));
}

/**
 * The script's modules as two lists: `eager`, evaluated as the script starts (what bin/main.ts
 * imports), and `lazy`, each evaluated the first time it is imported, by its initialiser, a
 * function named for the module (esbuild's `__esm({ "dist/...js"() {...} })` and
 * `__commonJS({ "node_modules/...js"(exports, module) {...} })`), so that a test can tell from
 * V8's coverage which of them a process evaluated.
 */
function scriptModules(text, inputs) {
  const lazy = [...text.matchAll(/=\s*__(?:esm|commonJS)\(\{\s*"([^"]+)"\(/g)].map((m) => m[1]);
  const unknown = lazy.filter((m) => !inputs.includes(m));
  if (unknown.length > 0)
    throw new Error(`tools/bundle.mjs: initialisers named for no module of the script (${unknown.join(', ')}): esbuild's output changed?`);
  return { eager: inputs.filter((m) => !lazy.includes(m)), lazy: lazy.sort() };
}

/**
 * Bundles dist/ into dist/cli/ and makes the script's code cache. It is built in a folder of
 * its own and moved into place, so an etomsim started meanwhile never finds half a bundle: while
 * dist/cli/ is missing for an instant it runs dist/ module by module (bin/etomsim.cjs), and a
 * bundle equal to the last has the same chunk names, so a run under way still finds its chunks.
 */
export async function bundle() {
  // before esbuild reads them: a file written while the build runs makes the record disagree, not agree
  const inputs = inputsHash();
  const building = `${OUT}.${process.pid}`;
  rmSync(new URL(`${building}/`, ROOT), { recursive: true, force: true });
  let built;
  try {
    built = await buildInto(building);
  } catch (err) {
    rmSync(new URL(`${building}/`, ROOT), { recursive: true, force: true }); // a failed build leaves nothing behind
    throw err;
  }
  const placed = placeBundle(building);
  // in place, as V8 keeps the script's path in a cache; until they are written the CLI compiles as without one
  makeCodeCache(fileURLToPath(new URL(OUT, ROOT)));
  // in place too, as the texts hold only for the files where they are (bin/stored-help.js); until
  // they are written yargs prints them, and the build fails if they cannot be made (as it does
  // without a code cache): a build that silently stored none would only be slower, unseen
  makeHelpTexts(fileURLToPath(new URL(OUT, ROOT)));
  // last: a build cut short before it (no cache, no help texts) is one bundleIsFresh makes again
  if (!recordBundle(inputs, placed))
    process.stderr.write(
      'tools/bundle.mjs: dist/cli/ or what it is made from changed while this build ran (another build, or tsc): ' +
        'its record is left alone, so the CLI runs dist/ module by module and the next build or test run bundles again\n',
    );
  return built;
}

/**
 * Moves the bundle built in the folder `building` (relative to the package root) into dist/cli/,
 * the one there before moved away first and then removed, and returns what recordBundle checks
 * it is still there: the identity of dist/cli/ and of its main.cjs. Builds that run at once
 * each move a folder of their own in; the last to do so is the one left.
 */
export function placeBundle(building) {
  const replaced = `${OUT}.${process.pid}.old`;
  try {
    renameSync(new URL(OUT, ROOT), new URL(replaced, ROOT));
  } catch (err) {
    if (err.code !== 'ENOENT') throw err; // the first build
  }
  renameSync(new URL(building, ROOT), new URL(OUT, ROOT));
  rmSync(new URL(`${replaced}/`, ROOT), { recursive: true, force: true });
  return placedIdentity();
}

/**
 * The identity of the bundle in dist/cli/ (the folder's device and inode, and main.cjs' device,
 * inode, size and times), or null if there is none: a folder another build moved in has
 * another, and so does this one's once moved away, even if a later folder takes its inode.
 */
function placedIdentity() {
  try {
    // the folder's times change as the caches are written into it: its device and inode only
    const folder = statSync(new URL(OUT, ROOT), { bigint: true, throwIfNoEntry: false });
    const script = fileIdentity(fileURLToPath(new URL(`${OUT}/${SCRIPT}`, ROOT)));
    return folder === undefined || script === null ? null : `${folder.dev}:${folder.ino}/${script}`;
  } catch {
    return null; // dist/cli a file (ENOTDIR), unreadable
  }
}

/** The builds into the folder `building`, checked, with the scripts rewritten and chunks.json. */
async function buildInto(building) {
  const modules = await build(moduleOptions(building));
  const script = await build(scriptOptions(building));
  const validate = await build(validateScriptOptions(building));
  const { run, later } = await buildRunScripts(building);
  const yaml = await build(yamlScriptOptions(building));
  const charts = await build(chartScriptOptions(building));
  const layout = await build(layoutScriptOptions(building));
  const worker = await build(workerScriptOptions(building));
  const queue = await build(queueScriptOptions(building));
  const piscina = await build(piscinaScriptOptions(building));
  const piscinaWorker = await build(piscinaWorkerOptions(building));
  const twins = await build(entryTwinOptions(building));
  for (const [file, { inputs }] of Object.entries(twins.metafile.outputs)) {
    const held = Object.keys(inputs);
    if (file.endsWith('.cjs') && held.length !== 1)
      throw new Error(`tools/bundle.mjs: the entry's twin ${file} holds ${held.join(', ')}: it may hold its source alone (ENTRY_TWINS)`);
  }
  for (const [result, file] of [
    [script, SCRIPT],
    [validate, VALIDATE_SCRIPT],
    [run, RUN_SCRIPT],
    ...later,
    [yaml, YAML_SCRIPT],
    [charts, CHARTS_SCRIPT],
    [layout, LAYOUT_SCRIPT],
    [worker, WORKER_SCRIPT],
    [queue, QUEUE_SCRIPT],
    [piscina, PISCINA_SCRIPT],
    [piscinaWorker, PISCINA_WORKER],
  ]) {
    // the scripts are in one folder: a package resolves alike from each
    const required = unrequirable(result.metafile, fileURLToPath(new URL(`${building}/${file}`, ROOT)));
    if (required.length > 0)
      throw new Error(
        `tools/bundle.mjs: a script would require() what Node can only import: ${required.join('; ')}. Import it where it is used, or add the module that imports it to SCRIPT_EXTERNAL`,
      );
    const emptied = emptyImportMetaOutsidePackages(result.warnings);
    if (emptied.length > 0)
      throw new Error(
        `tools/bundle.mjs: import.meta would be empty in a script (only import.meta.url, .dirname and .filename are defined there): ${emptied.join('; ')}. Use one of those`,
      );
  }
  // which modules each file holds, for the lazy-loading test (the whole metafile is ~1 MB)
  const chunks = {};
  for (const [file, output] of Object.entries(modules.metafile.outputs)) {
    if (file.endsWith('.js')) chunks[file.slice(building.length + 1)] = Object.keys(output.inputs).sort();
  }
  // the pool threads' entry, a module Node loads too
  chunks[PISCINA_WORKER] = Object.keys(piscinaWorker.metafile.outputs[`${building}/${PISCINA_WORKER}`].inputs).sort();
  const scripts = [
    ...Object.keys(SCRIPT_ENTRIES).map((file) =>
      writeScript(building, file, { [SCRIPT]: script, [VALIDATE_SCRIPT]: validate, [RUN_SCRIPT]: run }[file].metafile),
    ),
    ...later.map(([result, file]) => writeScript(building, file, result.metafile)),
    writeScript(building, YAML_SCRIPT, yaml.metafile),
    writeScript(building, CHARTS_SCRIPT, charts.metafile),
    writeScript(building, LAYOUT_SCRIPT, layout.metafile),
    writeScript(building, WORKER_SCRIPT, worker.metafile),
    writeScript(building, QUEUE_SCRIPT, queue.metafile),
    writeScript(building, PISCINA_SCRIPT, piscina.metafile),
  ];
  // the pool's CommonJS entry, beside WORKER_SCRIPT (engine/experiment/pool-entry.cts): it requires only Node's modules and the loader
  const entry = readFileSync(new URL(POOL_ENTRY, ROOT), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
  writeFileSync(new URL(`${building}/pool-entry.cjs`, ROOT), entry);
  const manifest = { modules: chunks, scripts };
  writeFileSync(new URL(`${building}/chunks.json`, ROOT), `${JSON.stringify(manifest, null, 1)}\n`);
  return { modules, script, validate, run, later, yaml, charts, layout, worker, queue, piscina, piscinaWorker };
}

/**
 * The script `file` of `building` as bin/load-cli.cjs loads it (its wrapper in the file, its
 * import() calls the loader's, its source map shifted), the modules it holds, and the files it
 * require()s or import()s by a relative path (`beside`, as esbuild lists them: './svg.js', the
 * loader), which test/bin/bundle.test.ts finds in the bundle.
 */
function writeScript(building, file, metafile) {
  const scriptFile = fileURLToPath(new URL(`${building}/${file}`, ROOT));
  const output = metafile.outputs[`${building}/${file}`];
  const scriptInputs = Object.keys(output.inputs);
  const beside = [...new Set(output.imports.filter((i) => i.external && i.path.startsWith('.')).map((i) => i.path))].sort();
  const scriptText = withoutImportSyntax(readFileSync(scriptFile, 'utf8'), metafile);
  const declared = wrapperNamesDeclared(scriptText);
  if (declared.length > 0)
    throw new Error(
      `tools/bundle.mjs: ${file} declares ${declared.join(', ')} at its top level, which would overwrite the CommonJS wrapper's for every module in it: rename it (a patch, as for yargs' shim)`,
    );
  writeFileSync(scriptFile, `${HEAD}\n${scriptText}${TAIL}`);
  shiftSourceMap(`${scriptFile}.map`);
  return { file, ...scriptModules(scriptText, scriptInputs), beside };
}

/**
 * Runs tools/code-cache.mjs on the bundle in `dir` (it makes each cache in a process of its
 * own, started as it was), in a fresh process started as etomsim's
 * are: no NODE_OPTIONS (V8 rejects a cache made under other V8 flags), no NODE_V8_COVERAGE
 * (its block counters would be compiled into the cache's bytecode), nothing loaded before.
 */
function makeCodeCache(dir) {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  env.NODE_V8_COVERAGE = ''; // not deleted: Node gives a child whose env lacks it the parent's own; empty turns it off
  env.ETOMSIM_PARENT_PID = String(process.pid); // code-cache.mjs' PARENT_PID: it stops once this process has gone
  step(
    'making the code caches',
    spawnSync(process.execPath, [fileURLToPath(new URL('code-cache.mjs', import.meta.url)), dir], { ...STEP, env }),
  );
}

/** Runs tools/help-texts.mjs on the bundle in `dir`, in a fresh process (it loads the script and runs yargs). */
function makeHelpTexts(dir) {
  step('storing the help texts', spawnSync(process.execPath, [fileURLToPath(new URL('help-texts.mjs', import.meta.url)), dir], STEP));
}

/**
 * How the build runs its caches' and help texts' processes: stdout dropped, stderr kept for the
 * failure's line, and no time limit: a step ends when its commands end, as tsc and esbuild do.
 * A limit in wall time is one a loaded host exceeds (the caches had 300 s, and a build at high
 * load once failed with ETIMEDOUT: five caches, each trained by running commands in a process
 * of its own); code-cache.mjs' processes stop once the build has gone.
 */
const STEP = { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 2 ** 20 };

/**
 * Throws unless `r` (spawnSync's result), the step `what`'s process, exited 0: one line, why it
 * ended and the last line it wrote (the tools print their own account of a failure last); its
 * whole stderr with ETOMSIM_DEBUG set.
 */
export function step(what, r) {
  if (r.status === 0) return;
  const why = r.error?.message ?? (r.signal === null ? `exit status ${r.status}` : `stopped by ${r.signal}`);
  const lines = (r.stderr ?? '').trimEnd().split('\n');
  // the tools' own line, or, where one of them failed uncaught (Node's report, ending in its version), the error's
  const last = /^Node\.js v\d/.test(lines.at(-1)) ? (lines.find((line) => /^\w*Error\b/.test(line)) ?? lines.at(-1)) : lines.at(-1);
  if (process.env.ETOMSIM_DEBUG) process.stderr.write(r.stderr ?? '');
  throw new Error(`tools/bundle.mjs: ${what} failed (${why})${last ? `: ${last}` : ''}`);
}

/**
 * The bundle's record of what it was made from, beside it (dist/cli/made-from.json): a hash of
 * its inputs (inputsHash) and the size of each file the build left in dist/cli/. bundle()
 * writes it last; bundleUnlessFresh writes it again when dist/ holds the same bytes as then.
 * bin/etomsim.cjs runs the bundle while this file is no older than dist/bin/main.js, so its time
 * says "the bundle holds what dist/ held at this moment".
 */
export const MADE_FROM = 'made-from.json';

/** What the record's `format` says: a record of another layout means the bundle is made again. */
const MADE_FROM_FORMAT = 'etomsim-bundle-inputs/1';

/**
 * The files outside dist/ that the bundle is made from: the build's own scripts, the loaders it
 * bundles or that load it, and the lockfile, which pins the packages bundled from node_modules
 * and esbuild itself (npm ci installs exactly it; hashing node_modules would read some 100 MB).
 * The scenarios the code caches are trained on are not here: another one changes which functions
 * a cache holds, never what the bundle does.
 */
const MAKERS = [
  'bin/load-charts.js',
  'bin/load-cli.cjs',
  'bin/load-elk.js',
  'bin/queue-packages.cjs',
  'bin/stored-help.js',
  'package-lock.json',
  'tools/bundle.mjs',
  'tools/code-cache.mjs',
  'tools/help-texts.mjs',
  'tools/import-meta-url.mjs',
];

/**
 * dist/'s files that esbuild may read (the compiled modules, the JSON they import, their source
 * maps, which the bundle's maps are made from), relative to the package root, sorted: every file
 * but the declarations, outside the bundle's folders (dist/cli, and dist/cli.PID while one builds).
 */
function distFiles() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(new URL(dir, ROOT), { withFileTypes: true })) {
      if (dir === 'dist/' && entry.name.startsWith('cli')) continue;
      if (entry.isDirectory()) walk(`${dir}${entry.name}/`);
      else if (!entry.name.endsWith('.d.ts')) files.push(`${dir}${entry.name}`);
    }
  };
  walk('dist/');
  return files.sort();
}

/**
 * SHA-256 of everything the bundle is made from: each file of MAKERS and distFiles by its path
 * and bytes (a file missing is a file of its own kind, so deleting one changes the hash), the
 * Node release and architecture, whose V8 alone takes the code caches and help.json's texts,
 * and the package's absolute folder, the path each code cache names (bin/load-cli.cjs uses a
 * cache only at that path: a tree moved or copied elsewhere holds caches no process there takes).
 * By content, not by time: tsc writes every file of dist/ at each run, the same bytes when no
 * source changed (about 10 ms for the 5 MB of dist/ and the makers).
 */
export function inputsHash() {
  const hash = createHash('sha256').update(`${MADE_FROM_FORMAT}\0${process.version}\0${process.arch}\0${fileURLToPath(ROOT)}\0`);
  for (const file of [...MAKERS, ...distFiles()]) {
    const bytes = readIfThere(file);
    hash.update(`${file}\0${bytes === null ? 'missing' : bytes.length}\0`);
    if (bytes !== null) hash.update(bytes);
  }
  return hash.digest('hex');
}

/** The bytes of `file` (relative to the package root), or null if there is no such file. */
function readIfThere(file) {
  try {
    return readFileSync(new URL(file, ROOT));
  } catch (err) {
    if (err.code === 'ENOENT') return null;
    throw err;
  }
}

/** The size of each file in dist/cli/ but the record (the build's outputs, its caches and help texts). */
function outputSizes() {
  const sizes = {};
  for (const name of readdirSync(new URL(`${OUT}/`, ROOT)).sort())
    if (name !== MADE_FROM) sizes[name] = statSync(new URL(`${OUT}/${name}`, ROOT)).size;
  return sizes;
}

/**
 * Writes the record of the bundle in dist/cli/, made from inputs whose hash is `inputs`
 * (inputsHash, taken before the build read them), if that bundle is still `placed` (placeBundle's
 * identity of the bundle this build moved in) and the inputs still hash to `inputs`; returns
 * whether it wrote it. Two builds at once (one started before an edit and tsc, one after) each
 * record at the end of their cache and help steps, 20-80 s after the bundle went in: the later
 * record named its own inputs over the other build's bundle if that had moved in last, and
 * the bundle of the old inputs was then taken as fresh. Left alone, the bundle has no record
 * (a new folder holds none): the entry runs dist/ and the next build bundles again.
 */
export function recordBundle(inputs, placed) {
  if (placed === null || placedIdentity() !== placed || inputsHash() !== inputs) return false;
  writeMadeFrom({ format: MADE_FROM_FORMAT, inputs, outputs: outputSizes() });
  return true;
}

/** Writes the record (through a file of its own and a rename: a reader never finds half of one). */
function writeMadeFrom(record) {
  const file = new URL(`${OUT}/${MADE_FROM}`, ROOT);
  const partial = new URL(`${OUT}/${MADE_FROM}.${process.pid}`, ROOT);
  writeFileSync(partial, `${JSON.stringify(record, null, 1)}\n`);
  renameSync(partial, file);
}

/** The record in dist/cli/, or null if there is none of this format. */
function readMadeFrom() {
  try {
    const record = JSON.parse(readFileSync(new URL(`${OUT}/${MADE_FROM}`, ROOT), 'utf8'));
    const valid =
      record?.format === MADE_FROM_FORMAT &&
      typeof record.inputs === 'string' &&
      typeof record.outputs === 'object' &&
      record.outputs !== null &&
      Object.keys(record.outputs).length > 0;
    return valid ? record : null;
  } catch {
    return null; // none (a bundle of an older build, or none at all), or unreadable
  }
}

/**
 * Whether bundling again would make what dist/cli/ holds: its record says it was made from the
 * bytes the inputs hold now, every file the build left there is still there at its size, and it
 * holds its code caches and help texts (a build whose cache or help step failed wrote no record),
 * whose files are still the ones the help texts were made from (helpHolds). A source edited and
 * compiled, a file of dist/ deleted, another Node, a file of the bundle deleted, the tree moved,
 * package.json or yargs' locale files written again: not fresh. Times play no part but those
 * stored-help.js itself checks.
 */
export function bundleIsFresh() {
  const record = readMadeFrom();
  return (
    record !== null &&
    [...ALL_CACHES, HELP_FILE].every((file) => record.outputs[file] !== undefined) &&
    Object.entries(record.outputs).every(
      ([name, size]) => statSync(new URL(`${OUT}/${name}`, ROOT), { throwIfNoEntry: false })?.size === size,
    ) &&
    helpHolds() &&
    record.inputs === inputsHash()
  );
}

/**
 * Whether each file help.json's texts were made from (package.json for `--version`, yargs'
 * locale files) is still the file the build read, as stored-help.js checks before it prints a
 * text (the same bytes; a larger file or a folder, the same device, inode, size and times): a
 * bundle kept past that would have its stored help refused, and `--help` would load the script
 * every time.
 */
function helpHolds() {
  try {
    const { files } = JSON.parse(readFileSync(new URL(`${OUT}/${HELP_FILE}`, ROOT), 'utf8'));
    return filesHold(fileURLToPath(new URL(`${OUT}/`, ROOT)), files);
  } catch {
    return false; // no texts, or none this format: made again
  }
}

/**
 * vitest's global set-up (test/support/bundle-cli.ts): bundles dist/ unless the bundle is fresh
 * (bundleIsFresh). `npm test` runs tsc, which rewrites every file of dist/ with the bytes it had
 * when `npm ci` (or the last build) bundled it; then the record alone is written again, now, so
 * that bin/etomsim.cjs, which compares its time with dist/bin/main.js', runs the bundle, and the
 * code caches are not trained again (19-83 s). Returns whether it bundled.
 */
export async function bundleUnlessFresh() {
  const placed = placedIdentity();
  if (!bundleIsFresh()) {
    await bundle();
    return true;
  }
  // the record written again through recordBundle's checks: another build may have moved its
  // folder in since bundleIsFresh read this one's (then the record is left as that build leaves it)
  recordBundle(readMadeFrom()?.inputs, placed);
  return false;
}

/**
 * `node tools/bundle.mjs [--force]` (`npm run build`, `npm run bench`...): bundles unless the
 * bundle is fresh (bundleUnlessFresh), or always with --force (`prepare`, so `npm install` and
 * `npm ci` always bundle; `npm run build -- --force`). A build after an edit never keeps stale
 * code: freshness is the content of everything the bundle is made from (inputsHash: every file
 * of dist/ but the declarations, the build's scripts, the lockfile, the Node release, the
 * package's folder) and of the bundle's own files, not times; what it leaves out (packages in
 * node_modules edited by hand without the lockfile changing, the scenarios the caches are
 * trained on, which change no behaviour) is what --force is for. Kept, a bundle spares the
 * 20-40 s of esbuild, code caches and help texts, and its caches are not trained again.
 */
async function command(args) {
  if (args.length > 1 || (args.length === 1 && args[0] !== '--force')) {
    process.stderr.write(
      'usage: node tools/bundle.mjs [--force] (--force: bundle even when dist/cli/ holds the bundle of what dist/ holds now)\n',
    );
    return 2;
  }
  try {
    if (args[0] === '--force') await bundle();
    else if (!(await bundleUnlessFresh()))
      process.stdout.write(
        'tools/bundle.mjs: dist/cli/ was bundled from what dist/ and the build scripts hold now (dist/cli/made-from.json): kept, with its code caches and help texts (`npm run build -- --force` bundles again)\n',
      );
  } catch (err) {
    // one line (its first: a step's, or this file's own, say what and why there; esbuild has
    // printed its errors above its own); the stack with ETOMSIM_DEBUG
    const line = String(err?.message ?? err).split('\n')[0];
    process.stderr.write(
      `${process.env.ETOMSIM_DEBUG ? `${err?.stack}\n` : ''}${line.startsWith('tools/bundle.mjs: ') ? line : `tools/bundle.mjs: ${line}`}\n`,
    );
    return 1;
  }
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = await command(process.argv.slice(2));
