// The main thread's script (dist/cli/main.cjs) and its V8 code cache (dist/cli/main.cache,
// bin/load-cli.js, tools/code-cache.mjs): a fresh process of this Node takes the cache the build
// made; a cache made for another place, damaged, made under other V8 flags (which V8 rejects)
// or missing changes nothing but speed, in a copy of the package in a folder whose name has a
// space; and with ETOMSIM_DEBUG the script is loaded by Node's own loader, with its source map.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const FIBER = join(ROOT, 'scenarios/fiber-order-to-activation.yaml');

function node(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** How the cache of the bundle in `dir` fares in a fresh process (loadCli's `cache`). */
function cacheIn(dir: string): string {
  const loader = pathToFileURL(join(ROOT, 'bin/load-cli.js')).href;
  const r = node([
    '--input-type=module',
    '-e',
    `import { loadCli } from ${JSON.stringify(loader)}; console.log(loadCli(${JSON.stringify(dir)}).cache);`,
  ]);
  expect(r.stderr).toBe('');
  return r.stdout.trim();
}

describe("the script's code cache", () => {
  test('is taken by a fresh process of the Node that built it', () => {
    expect(cacheIn(join(ROOT, 'dist/cli'))).toBe('accepted');
  });

  describe('in a copy of the package, in a folder with a space in its name', () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'etomsim code cache-')), 'etomsim');
    afterAll(() => rmSync(join(copy, '..'), { recursive: true, force: true }));
    mkdirSync(join(copy, 'bin'), { recursive: true });
    for (const file of ['bin/etomsim.js', 'bin/load-cli.js', 'package.json']) cpSync(join(ROOT, file), join(copy, file));
    cpSync(join(ROOT, 'dist/cli'), join(copy, 'dist/cli'), { recursive: true });
    for (const folder of ['node_modules', 'scenarios']) symlinkSync(join(ROOT, folder), join(copy, folder));
    const bundle = join(copy, 'dist/cli');
    const cache = join(bundle, 'main.cache');

    const expected = {
      validate: node([join(ROOT, 'bin/etomsim.js'), 'validate', FIBER]),
      broken: node([join(ROOT, 'bin/etomsim.js'), 'validate', join(ROOT, 'package.json')]),
      german: node([join(ROOT, 'bin/etomsim.js'), 'run', '--nope'], { LANG: 'de_DE.UTF-8' }),
    };
    /** The copy's CLI says what the package's says: a valid scenario, a broken one (exit 2), yargs' German. */
    const behavesAsThePackage = () => {
      expect(expected.validate.status).toBe(0);
      expect(expected.broken.status).toBe(2);
      expect(expected.german.stderr).toContain('Unbekanntes Argument: nope');
      expect(node([join(copy, 'bin/etomsim.js'), 'validate', FIBER])).toEqual(expected.validate);
      expect(node([join(copy, 'bin/etomsim.js'), 'validate', join(ROOT, 'package.json')])).toEqual(expected.broken);
      expect(node([join(copy, 'bin/etomsim.js'), 'run', '--nope'], { LANG: 'de_DE.UTF-8' })).toEqual(expected.german);
    };
    const makeCache = (...flags: string[]) => {
      const r = node([...flags, join(ROOT, 'tools/code-cache.mjs'), bundle]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    };

    test("does not use the package's cache, made for another path (V8 would name that path in stack traces)", () => {
      expect(cacheIn(bundle)).toBe('unusable');
      behavesAsThePackage();
    });

    test('takes a cache made for it, and falls back when it is damaged, made under other V8 flags or missing', () => {
      makeCache();
      expect(cacheIn(bundle)).toBe('accepted');
      behavesAsThePackage();

      const made = readFileSync(cache);
      const damaged = Buffer.from(made);
      damaged[damaged.length - 1000] ^= 0xff; // inside V8's data, which V8 itself does not checksum
      writeFileSync(cache, damaged);
      expect(cacheIn(bundle)).toBe('unusable');
      behavesAsThePackage();

      writeFileSync(cache, made.subarray(0, made.length - 1));
      expect(cacheIn(bundle)).toBe('unusable');

      makeCache('--no-opt'); // another flag set: V8 checks its hash
      expect(cacheIn(bundle)).toBe('rejected');
      behavesAsThePackage();

      rmSync(cache);
      expect(cacheIn(bundle)).toBe('unusable');
      behavesAsThePackage();
    });
  });
});

describe('ETOMSIM_DEBUG', () => {
  test("loads the script through Node's own loader, which maps its lines to the TypeScript sources, and import() still works", () => {
    const script = join(ROOT, 'dist/cli/main.cjs');
    const line = readFileSync(script, 'utf8')
      .split('\n')
      .findIndex((l) => l.startsWith('function renderTable('));
    expect(line).toBeGreaterThan(0);
    // after the command ran, what the process holds of the script's source map
    const probe = join(mkdtempSync(join(tmpdir(), 'etomsim-debug-')), 'probe.cjs');
    afterAll(() => rmSync(join(probe, '..'), { recursive: true, force: true }));
    writeFileSync(
      probe,
      `if (require('node:worker_threads').isMainThread) process.on('exit', () => {
        const map = require('node:module').findSourceMap(${JSON.stringify(script)});
        process.stderr.write('MAP ' + JSON.stringify(map?.findEntry(${line}, 2) ?? null) + '\\n');
      });\n`,
    );
    const tiny = join(probe, '..', 'tiny.yaml');
    writeFileSync(
      tiny,
      'name: Tiny\nrun: { horizon: 20h, replications: 2 }\nresources: { desk: { capacity: 2 } }\narrivals: [ { flow: f, rate: 1/h } ]\nflows:\n  f:\n    start: a\n    nodes:\n      a: { resource: desk, duration: { exponential: { mean: 30m } } }\n',
    );
    // two workers: the pool's piscina is imported by the script's import()
    const r = node(
      ['--require', probe, join(ROOT, 'bin/etomsim.js'), 'run', tiny, '-q', '-w', '2', '--no-report', '-o', join(probe, '..', 'out')],
      {
        ETOMSIM_DEBUG: '1',
      },
    );
    expect(r.status).toBe(0);
    const entry = JSON.parse(/^MAP (.*)$/m.exec(r.stderr)?.[1] ?? 'null');
    expect(entry?.originalSource).toBe(pathToFileURL(join(ROOT, 'bin/table.ts')).href);
    // without ETOMSIM_DEBUG the script is a vm.Script, whose map Node 20 does not read
    const quiet = node(['--require', probe, join(ROOT, 'bin/etomsim.js'), 'validate', FIBER]);
    expect(quiet.stderr).toContain('MAP null');
  });
});
