// The CLI as bin/etomsim.js runs it: tsc's output (dist/) bundled by esbuild into dist/cli/.
// Start-up was mostly loading, not work: Node resolving and reading about a hundred ESM files
// one by one, yargs' own dozen, yaml's CommonJS files. Bundled, `--help` and `validate` read a
// few files. tsc stays the type checker and dist/ what the tests and benchmarks import.
//
// Invariant: dist/cli/ runs the same code as dist/, module for module. Each thread's entry
// point is its own entry here, named like the file its starter asks for beside itself (the
// runner's `new URL('./worker.js', import.meta.url)`, the report's './svg-worker.js'), and
// every file of dist/cli/ sits two folders below the package root like dist/bin/*.js, so the
// `../../package.json` and `../../scenarios/` URLs of bin/ resolve alike. Each command's
// `import()` stays a split point: a chunk holds only the modules the same entries reach, so
// `--help` and `validate` never load the simulation's or the report's code
// (test/bin/lazy-loading.test.ts reads dist/cli/chunks.json to check which modules a process
// loaded). Run by `npm run build`, `prepare`, `test` and `bench`, after tsc.
import { readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = new URL('../', import.meta.url);
const OUT = 'dist/cli';

/** Output name (beside the runner's and the report's thread starters) -> tsc's output. */
const ENTRIES = {
  main: 'dist/bin/main.js',
  worker: 'dist/engine/experiment/worker.js',
  'svg-worker': 'dist/reports/svg-worker.js',
};

/**
 * Packages left to Node (loaded from node_modules as before). Native code (@resvg/resvg-js,
 * bullmq's msgpackr) cannot be bundled. The others load only in the commands and report
 * formats that use them; for the largest, bundling vega, vega-lite and arquero was measured
 * and gained nothing on `etomsim report` (its time is rendering, not loading) for a 2.3 MB
 * chunk.
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
  'vega',
  'vega-embed',
  'vega-lite',
];

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
 *   from its own file's URL; in the bundle that URL is dist/cli/main.js, so it is pointed back
 *   at yargs' file in node_modules: the same messages in every locale as unbundled, and no
 *   scan of the working folder's parents for a package.json.
 * - seedrandom loads node:crypto as it loads (5-8 ms, in the main thread and again in each
 *   worker), for seeding from entropy, which etomsim never asks for (every stream has a seed):
 *   bundled, it loads node:crypto the first time it does.
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
    file: /[\\/]node_modules[\\/]seedrandom[\\/]seedrandom\.js$/,
    edits: [["    nodecrypto = require('crypto');", "    nodecrypto = { get randomBytes() { return require('crypto').randomBytes; } };"]],
  },

  {
    file: /[\\/]node_modules[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/,
    edits: [
      [
        'const __dirname = fileURLToPath(import.meta.url);',
        "const __dirname = fileURLToPath(new URL('./lib/platform-shims/esm.mjs', import.meta.resolve('yargs/package.json')));",
      ],
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

/** esbuild's options for a bundle written to `outdir` (relative to the package root). */
export function bundleOptions(outdir) {
  return {
    absWorkingDir: fileURLToPath(ROOT), // not URL.pathname: that keeps a space in the path as %20
    entryPoints: ENTRIES,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    chunkNames: 'chunk-[hash]',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    // yaml's and seedrandom's CommonJS require Node's built-ins; an ES module has no require
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    plugins: [patching],
  };
}

/**
 * Bundles dist/ into dist/cli/. It is built in a folder of its own and moved into place, so an
 * etomsim started meanwhile never finds half a bundle: while dist/cli/ is missing for an
 * instant it runs dist/ module by module (bin/etomsim.js), and a bundle equal to the last has
 * the same chunk names, so a run under way still finds its chunks.
 */
export async function bundle() {
  const building = `${OUT}.${process.pid}`;
  const replaced = `${OUT}.${process.pid}.old`;
  rmSync(new URL(`${building}/`, ROOT), { recursive: true, force: true });
  const result = await build(bundleOptions(building));
  // which modules each file holds, for the lazy-loading test (the whole metafile is ~1 MB)
  const chunks = {};
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.js')) chunks[file.slice(building.length + 1)] = Object.keys(output.inputs).sort();
  }
  writeFileSync(new URL(`${building}/chunks.json`, ROOT), `${JSON.stringify(chunks, null, 1)}\n`);
  try {
    renameSync(new URL(OUT, ROOT), new URL(replaced, ROOT));
  } catch (err) {
    if (err.code !== 'ENOENT') throw err; // the first build
  }
  renameSync(new URL(building, ROOT), new URL(OUT, ROOT));
  rmSync(new URL(`${replaced}/`, ROOT), { recursive: true, force: true });
  return result;
}

/** The newest modification time among dist/'s compiled files (not the bundle's) and this script. */
function newestInput() {
  let newest = statSync(new URL(import.meta.url)).mtimeMs;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && dir.href === new URL('dist/', ROOT).href && entry.name.startsWith('cli')) continue;
      const url = new URL(entry.isDirectory() ? `${entry.name}/` : entry.name, dir);
      if (entry.isDirectory()) walk(url);
      else if (entry.name.endsWith('.js')) newest = Math.max(newest, statSync(url).mtimeMs);
    }
  };
  walk(new URL('dist/', ROOT));
  return newest;
}

/** Whether dist/cli/ was made after every file it is made from (then bundling again would make the same). */
export function bundleIsFresh() {
  const made = statSync(new URL(`${OUT}/chunks.json`, ROOT), { throwIfNoEntry: false })?.mtimeMs;
  return made !== undefined && made >= newestInput();
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await bundle();
