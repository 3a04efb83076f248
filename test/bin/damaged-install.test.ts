// An install damaged by hand: something other than a file where the bundle's script, one of its
// command lines' scripts or a code cache should be (a folder, a dangling symlink, a named pipe,
// dist/cli itself a file). The standard is never a stack trace and never a hang: the command
// line runs from what can run (main.cjs for a one-command script, dist/ module by module for the
// bundle, the script without its cache), and when nothing can, one line says the install is
// damaged and how to mend it, exit 1 (bin/etomsim.js' loadMain, bin/load-cli.js' read and
// scriptOrModules). Each case works on a copy of the package in a scratch folder.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
// @ts-expect-error: a plain ES module of the CLI, without type declarations
import { HEAD, TAIL } from '../../bin/load-cli.js';
import { copyOfThePackage } from '../support/package-copy.js';
import { scratchFolders } from '../support/scratch.js';

const ROOT = join(import.meta.dirname, '../..');
const FIBER = join(ROOT, 'scenarios/fiber-order-to-activation.yaml');
const tmp = scratchFolders('etomsim-damaged-install-');

/** How long a command may take before the test calls it a hang (seconds of work at most, on a loaded host). */
const HANG_MS = 60_000;

/** `bin/etomsim.js ARGS` of the package in `root`, without NODE_OPTIONS (the caches' flags), killed if it hangs. */
function cli(root: string, args: string[]) {
  const { NODE_OPTIONS: _, ...env } = process.env;
  const r = spawnSync(process.execPath, [join(root, 'bin/etomsim.js'), ...args], { encoding: 'utf8', env, timeout: HANG_MS });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the package with its bundle, and with dist/'s modules (timestamps kept, so the entry takes the bundle) if `modules`. */
function copy(modules: boolean): string {
  const root = copyOfThePackage(join(tmp(), 'etomsim'), { bundle: !modules });
  if (modules) cpSync(join(ROOT, 'dist'), join(root, 'dist'), { recursive: true, preserveTimestamps: true });
  return root;
}

/** Puts `what` in the place of the file `path` (relative to `root`): a folder, a symlink to nothing, a named pipe, or nothing. */
function damage(root: string, path: string, what: 'folder' | 'dangling' | 'pipe' | 'missing'): void {
  const file = join(root, path);
  rmSync(file, { recursive: true, force: true });
  if (what === 'folder') mkdirSync(file);
  else if (what === 'dangling') symlinkSync(join(root, 'nowhere'), file);
  else if (what === 'pipe') expect(spawnSync('mkfifo', [file]).status).toBe(0);
}

const PLACES = process.platform === 'win32' ? (['folder', 'missing'] as const) : (['folder', 'dangling', 'pipe', 'missing'] as const);
const CATALOG = ['catalog', 'order'];

describe('an install damaged by hand', () => {
  test("no file in main.cjs' place, or dist/cli itself a file: the command line runs from dist/ module by module", () => {
    const intact = cli(ROOT, CATALOG);
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
    const intact = lines.map((args) => cli(ROOT, args));
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
    const intact = [CATALOG, ['validate', FIBER]].map((args) => cli(ROOT, args));
    for (const what of PLACES) {
      const root = copy(false);
      for (const cache of ['main.cache', 'validate.cache']) damage(root, join('dist/cli', cache), what);
      expect(
        [CATALOG, ['validate', FIBER]].map((args) => cli(root, args)),
        what,
      ).toEqual(intact);
    }
  });

  test("scriptOrModules (the chart and layout scripts): no file in the script's place loads the module; a script that fails as it runs is not passed over", () => {
    const dir = tmp();
    writeFileSync(join(dir, 'fallback.mjs'), 'export const from = "modules";\n');
    writeFileSync(join(dir, 'failing.cjs'), `${HEAD}\nthrow new Error("the script itself failed");${TAIL}`);
    const loader = pathToFileURL(join(ROOT, 'bin/load-cli.js')).href;
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
