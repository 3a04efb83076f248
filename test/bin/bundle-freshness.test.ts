// Whether the bundle is made again, and whether bin/etomsim.cjs runs it, is a matter of content,
// not of times (tools/bundle.mjs, bundleIsFresh and bundleUnlessFresh; bin/etomsim.cjs). tsc
// writes every file of dist/ at each run, the same bytes when no source changed: `npm ci`
// bundles, `npm test` runs tsc, and vitest's set-up must then keep the bundle (and its code
// caches) and have the entry run it; a source edited and compiled, a compiled file or a file of
// the bundle deleted, a changed build script must still be seen as stale. Each test works on a
// package of its own in a scratch folder: the real build scripts and entry, a small dist/ and a
// stand-in bundle whose main() says which one ran.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
// @ts-expect-error: a CommonJS file of the CLI, without type declarations
import { ALL_CACHES, CACHE, COMMAND_CACHES, HEAD, SCRIPT, TAIL } from '../../bin/load-cli.cjs';
// @ts-expect-error: a plain ES module of the CLI, without type declarations
import { fileIdentity, HELP_FILE } from '../../bin/stored-help.js';
import { scratchFolders } from '../support/scratch.js';
import { writtenAnew } from '../support/written-anew.js';

const ROOT = join(import.meta.dirname, '../..');
const tmp = scratchFolders('etomsim-bundle-freshness-');

const COPIED = [
  'bin/etomsim.cjs',
  'bin/load-charts.js',
  'bin/load-cli.cjs',
  'bin/load-elk.js',
  'bin/queue-packages.cjs',
  'bin/stored-help.js',
  'package.json',
  'package-lock.json',
  'tools/bundle.mjs',
  'tools/code-cache.mjs',
  'tools/help-texts.mjs',
  'tools/import-meta-url.mjs',
];

/** A compiled main() that prints where it runs from. */
const says = (where: string) => `exports.main = async () => { process.stdout.write('${where}\\n'); return 0; };`;

const DIST: Record<string, string> = {
  'dist/bin/main.js': "export const main = async () => { process.stdout.write('dist\\n'); return 0; };\n",
  'dist/bin/main.js.map': '{"version":3,"sources":["../../bin/main.ts"],"mappings":"AAAA"}\n',
  'dist/bin/main.d.ts': 'export declare const main: () => Promise<number>;\n',
  'dist/engine/etom/catalog.json': '{"processes":[]}\n',
};

/** Sets the modification time of `paths` (relative to `root`) to `secondsAgo` seconds ago. */
function age(root: string, paths: string[], secondsAgo: number): void {
  const at = new Date(Date.now() - secondsAgo * 1000);
  for (const path of paths) utimesSync(join(root, path), at, at);
}

/** A stand-in bundle, as tools/bundle.mjs builds one, in the folder `building` of `root`: its main() says `where`. Returns `building`. */
function standInBundle(root: string, building: string, where: string): string {
  mkdirSync(join(root, building));
  writeFileSync(join(root, building, SCRIPT), `${HEAD}\n${says(where)}${TAIL}`);
  for (const file of ALL_CACHES) writeFileSync(join(root, building, file), 'made by the build');
  return building;
}

/**
 * A package whose bundle was built from its dist/ a minute ago (the stand-in bundle written as
 * tools/bundle.mjs leaves one, then recorded as bundle() records it), and its tools/bundle.mjs.
 */
async function builtPackage() {
  const root = tmp();
  for (const file of COPIED) cpSync(join(ROOT, file), join(root, file));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  for (const [file, text] of Object.entries(DIST)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  const build = await import(pathToFileURL(join(root, 'tools/bundle.mjs')).href);
  const inputs = build.inputsHash();
  const placed = build.placeBundle(standInBundle(root, 'dist/cli.building', 'bundle'));
  // the help texts' record of the files they were made from, as tools/help-texts.mjs writes it
  const helpFiles = { '../../package.json': fileIdentity(join(root, 'package.json')) };
  writeFileSync(join(root, 'dist/cli', HELP_FILE), JSON.stringify({ files: helpFiles }));
  expect(build.recordBundle(inputs, placed)).toBe(true);
  age(root, Object.keys(DIST), 120);
  age(
    root,
    readdirSync(join(root, 'dist/cli')).map((f) => `dist/cli/${f}`),
    60,
  );
  /** Which main() `bin/etomsim.cjs catalog order` runs: the bundle's or dist/'s. */
  const ran = () => {
    const r = spawnSync(process.execPath, [join(root, 'bin/etomsim.cjs'), 'catalog', 'order'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return r.stdout.trim();
  };
  /** What tsc does: every compiled file written again, now, with `changed` holding other text. */
  const compile = (changed: Record<string, string> = {}) => {
    for (const [file, text] of Object.entries(DIST)) writeFileSync(join(root, file), changed[file] ?? text);
    age(root, Object.keys(DIST), 10);
  };
  return { root, build, ran, compile };
}

describe('the bundle is made again when what it is made from changes, and only then', () => {
  test('tsc writing the same bytes (npm ci, then npm test): fresh; the set-up keeps the bundle and the entry runs it', async () => {
    const { build, ran, compile } = await builtPackage();
    expect(build.bundleIsFresh()).toBe(true);
    expect(ran()).toBe('bundle');
    compile();
    expect(ran()).toBe('dist'); // before the set-up, as after any bare `npx tsc`: dist/bin/main.js is newer
    expect(build.bundleIsFresh()).toBe(true);
    expect(await build.bundleUnlessFresh()).toBe(false); // not bundled (on the stand-in bundle's dist/ a build would throw)
    expect(ran()).toBe('bundle');
    expect(build.bundleIsFresh()).toBe(true);
  });

  test('a source edited, then tsc: stale, and the entry runs dist/', async () => {
    const { build, ran, compile } = await builtPackage();
    compile({ 'dist/bin/main.js': DIST['dist/bin/main.js']!.replace("'dist", "'dist, edited") });
    expect(build.bundleIsFresh()).toBe(false);
    expect(ran()).toBe('dist, edited');
  });

  test('a change that tsc writes to a source map or to imported JSON alone: stale (the bundle holds both)', async () => {
    for (const file of ['dist/bin/main.js.map', 'dist/engine/etom/catalog.json']) {
      const { build, compile } = await builtPackage();
      compile({ [file]: DIST[file]!.replace('}', ',"x":1}') });
      expect(build.bundleIsFresh()).toBe(false);
    }
  });

  test('a declaration file changed alone: still fresh (no input of the bundle)', async () => {
    const { build, compile } = await builtPackage();
    compile({ 'dist/bin/main.d.ts': 'export declare const main: () => Promise<number | null>;\n' });
    expect(build.bundleIsFresh()).toBe(true);
  });

  test('a compiled file deleted, or one added: stale', async () => {
    const deleted = await builtPackage();
    rmSync(join(deleted.root, 'dist/engine/etom/catalog.json'));
    expect(deleted.build.bundleIsFresh()).toBe(false);
    const added = await builtPackage();
    writeFileSync(join(added.root, 'dist/bin/other.js'), 'export {};\n');
    expect(added.build.bundleIsFresh()).toBe(false);
  });

  test('a file of the bundle deleted or cut short, or its record missing (a bundle of an older build): stale', async () => {
    const deleted = await builtPackage();
    rmSync(join(deleted.root, 'dist/cli', COMMAND_CACHES.validate));
    expect(deleted.build.bundleIsFresh()).toBe(false);
    const cut = await builtPackage();
    truncateSync(join(cut.root, 'dist/cli', CACHE), 3);
    expect(cut.build.bundleIsFresh()).toBe(false);
    const unrecorded = await builtPackage();
    rmSync(join(unrecorded.root, 'dist/cli', unrecorded.build.MADE_FROM));
    expect(unrecorded.build.bundleIsFresh()).toBe(false);
    expect(unrecorded.ran()).toBe('dist'); // the entry does not take a bundle it cannot date
  });

  test('package.json changed (its stored `--version` would be refused), or the package moved elsewhere (its code caches name the old path): stale', async () => {
    const touched = await builtPackage();
    expect(touched.build.bundleIsFresh()).toBe(true);
    const pkg = join(touched.root, 'package.json');
    const text = readFileSync(pkg, 'utf8');
    // written again with the same bytes (session 51: a small file is known by its bytes, bin/stored-help.js' fileIdentity): fresh
    writtenAnew(pkg, text); // (a new file: its inode and times new, its bytes the same)
    expect(touched.build.bundleIsFresh()).toBe(true);
    writtenAnew(pkg, text.replace(/"version": "([^"]*)"/, '"version": "$1-changed"'));
    expect(touched.build.bundleIsFresh()).toBe(false);
    const moved = await builtPackage();
    const there = `${moved.root}-moved`;
    renameSync(moved.root, there); // the same files (same inodes and times), at another path
    const build = await import(pathToFileURL(join(there, 'tools/bundle.mjs')).href);
    expect(build.bundleIsFresh()).toBe(false);
    rmSync(there, { recursive: true, force: true });
  });

  test("two builds at once: the build whose bundle another build's replaced, or whose inputs changed, leaves the record alone", async () => {
    // Build A started before an edit and its tsc (old inputs), build B after (new inputs); their
    // steps interleaved as they can be, B's bundle moved in first, A's last, then B's record step
    // (the end of its 20-80 s of caches and help texts) before A's.
    const { root, build, ran, compile } = await builtPackage();
    const inputsA = build.inputsHash();
    compile({ 'dist/bin/main.js': DIST['dist/bin/main.js']!.replace("'dist", "'dist, edited") });
    const inputsB = build.inputsHash();
    const placedB = build.placeBundle(standInBundle(root, 'dist/cli.B', 'bundle of the edit'));
    const placedA = build.placeBundle(standInBundle(root, 'dist/cli.A', 'bundle before the edit'));
    writeFileSync(join(root, 'dist/cli', HELP_FILE), JSON.stringify({ files: {} }));
    expect(build.recordBundle(inputsB, placedB)).toBe(false); // dist/cli/ holds A's bundle: not B's to record
    expect(build.recordBundle(inputsA, placedA)).toBe(false); // A's bundle, but dist/ no longer holds what it was made from
    expect(build.bundleIsFresh()).toBe(false);
    expect(ran()).toBe('dist, edited'); // before, B's record made A's bundle of the old code fresh, and the entry ran it
    // alone, a build records its bundle as before
    const placed = build.placeBundle(standInBundle(root, 'dist/cli.C', 'bundle of the edit'));
    writeFileSync(join(root, 'dist/cli', HELP_FILE), JSON.stringify({ files: {} }));
    expect(build.recordBundle(inputsB, placed)).toBe(true);
    expect(ran()).toBe('bundle of the edit');
  });

  test('`node tools/bundle.mjs` (npm run build, npm run bench) keeps a fresh bundle and bundles a stale one; --force always bundles', async () => {
    const bundleScript = (root: string, ...args: string[]) => {
      const r = spawnSync(process.execPath, [join(root, 'tools/bundle.mjs'), ...args], { encoding: 'utf8', cwd: root });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const fresh = await builtPackage();
    fresh.compile(); // npm run build's tsc: the same bytes
    expect(bundleScript(fresh.root)).toEqual({ status: 0, stdout: expect.stringContaining('kept'), stderr: '' });
    expect(fresh.ran()).toBe('bundle'); // the stand-in, kept, its record written again after tsc
    expect(fresh.build.bundleIsFresh()).toBe(true);
    // Bundling the stand-in package fails (its dist/ lacks the threads' entries): what --force
    // and a stale bundle show here is that esbuild ran
    const forced = bundleScript(fresh.root, '--force');
    expect(forced.status).toBe(1);
    expect(forced.stderr).toContain('Could not resolve "dist/');
    expect(fresh.ran()).toBe('bundle'); // a failed build leaves the bundle as it was
    const stale = await builtPackage();
    stale.compile({ 'dist/bin/main.js': DIST['dist/bin/main.js']!.replace("'dist", "'dist, edited") });
    const edited = bundleScript(stale.root);
    expect(edited.status).toBe(1);
    expect(edited.stderr).toContain('Could not resolve "dist/');
    expect(stale.ran()).toBe('dist, edited');
    expect(bundleScript(stale.root, '--forced')).toEqual({
      status: 2,
      stdout: '',
      stderr: expect.stringMatching(/^usage: node tools\/bundle\.mjs \[--force\]/),
    });
  });

  test('a build script or the lockfile changed: stale', async () => {
    for (const file of ['tools/code-cache.mjs', 'bin/load-cli.cjs', 'package-lock.json']) {
      const { root, build } = await builtPackage();
      writtenAnew(join(root, file), `${readFileSync(join(root, file), 'utf8')}\n`);
      expect(build.bundleIsFresh()).toBe(false);
    }
  });
});
