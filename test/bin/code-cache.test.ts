// The main thread's script (dist/cli/main.cjs) and its V8 code cache (dist/cli/main.cache,
// bin/load-cli.cjs, tools/code-cache.mjs): the CLI (bin/etomsim.cjs) gives V8 the cache the build
// made and a fresh process of this Node takes it; a cache made for another place, damaged, made
// by another Node release, made under other V8 flags (which V8 rejects), made before the script
// changed, or missing changes nothing but speed, in a copy of the package in a folder whose name
// has a space; and with ETOMSIM_DEBUG the script is loaded by Node's own loader, with its source
// map, through a symlinked path too.
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
// @ts-expect-error: a CommonJS file of the CLI, without type declarations
import { cacheFile, SETTLED_MS } from '../../bin/load-cli.cjs';
import { copyOfThePackage } from '../support/package-copy.js';
import { writtenAnew } from '../support/written-anew.js';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/etomsim.cjs');
const FIBER = join(ROOT, 'scenarios/fiber-order-to-activation.yaml');

/** This file's scratch folder, removed after its tests. */
const SCRATCH = mkdtempSync(join(tmpdir(), 'etomsim-code-cache-test-'));
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

/** Runs node, without NODE_OPTIONS: V8 rejects a cache under V8 flags other than the build's. */
function node(args: string[], env: Record<string, string> = {}) {
  const { NODE_OPTIONS: _, ...inherited } = process.env;
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...inherited, LANG: 'C', LC_ALL: '', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A preload (`--import`) that reports, as the process exits, each vm.Script compiled for a
 * main.cjs: whether it was given cached data, whether V8 rejected it, and whether its source
 * was the file's text as it is (the wrapper is in the file: a source joined to it at run time
 * is a third copy of 1 MB, bin/load-cli.cjs). bin/load-cli.cjs reads `vm.Script` from node:vm as
 * it compiles, so it gets this subclass.
 */
const PROBE = join(SCRATCH, 'vm-script-probe.mjs');
writeFileSync(
  PROBE,
  `import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';
const seen = [];
vm.Script = class extends vm.Script {
  constructor(code, options) {
    super(code, options);
    if (/[\\/](main|validate|run)\\.cjs$/.test(String(options?.filename))) {
      const data = options.cachedData;
      // the data at the start of the memory the script's bytes were read into (as large as the larger of the two)
      const reused = data !== undefined && data.byteOffset === 0 && data.buffer.byteLength === Math.max(readFileSync(options.filename).length, data.length);
      seen.push([this, data !== undefined, code === readFileSync(options.filename, 'latin1'), reused, data?.length]);
    }
  }
};
if (isMainThread)
  process.on('exit', () => {
    for (const [script, given, file, reused, length] of seen)
      process.stderr.write(
        'VM-SCRIPT given=' + given + ' rejected=' + script.cachedDataRejected + ' file-as-is=' + file + ' reused=' + reused + '\\n' +
          'VM-SCRIPT-DATA ' + length + '\\n',
      );
  });
`,
);

/** The CLI's output under PROBE, with the probe's lines apart. */
function probed(args: string[], flags: string[] = []) {
  const r = node([...flags, '--import', pathToFileURL(PROBE).href, ...args]);
  const probe = r.stderr.split('\n').filter((l) => l.startsWith('VM-SCRIPT '));
  const dataBytes = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('VM-SCRIPT-DATA '))
    .map((l) => Number(l.slice('VM-SCRIPT-DATA '.length)));
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr
      .split('\n')
      .filter((l) => !l.startsWith('VM-SCRIPT'))
      .join('\n'),
    probe,
    dataBytes,
  };
}

/** The bytes of V8's data in the cache file `name` of the package's bundle, from its header. */
function cacheDataBytes(name: string): number {
  const made = readFileSync(join(ROOT, 'dist/cli', name));
  return JSON.parse(made.toString('utf8', made.indexOf(0x20) + 1, made.indexOf(0x0a))).dataBytes;
}

/** The report's scripts' caches, made under the report's interrupt budget, under which every command loads them (bin/v8-flags.ts REPORT_SCRIPTS_FLAGS). */
const REPORT_SCRIPT_CACHES = new Set(['charts.cache', 'layout.cache']);
const REPORT_BUDGET = `--interrupt-budget=${32 * 66 * 1024}`;

/** How the cache `name` of the script `script` in `dir` fares in a fresh process (loadCli's `cache`), under the V8 flags the commands load that script under. */
function cacheIn(dir: string, name = 'main.cache', script = 'main.cjs'): string {
  const loader = pathToFileURL(join(ROOT, 'bin/load-cli.cjs')).href;
  const args = [dir, true, name, script].map((a) => JSON.stringify(a)).join(', ');
  const flags = REPORT_SCRIPT_CACHES.has(name) ? [REPORT_BUDGET] : [];
  const r = node([
    ...flags,
    '--input-type=module',
    '-e',
    `import { loadCli } from ${JSON.stringify(loader)}; console.log(loadCli(${args}).cache);`,
  ]);
  expect(r.stderr).toBe('');
  return r.stdout.trim();
}

/** Each cache the build makes (tools/code-cache.mjs), with the script it is for. */
const EVERY_CACHE = [
  ['main.cache', 'main.cjs'],
  ['run.cache', 'run.cjs'],
  ['validate.cache', 'validate.cjs'],
  ['charts.cache', 'charts.cjs'],
  ['layout.cache', 'layout.cjs'],
  ['queue.cache', 'queue.cjs'],
] as const;

describe("the script's code cache", () => {
  test('is taken by a fresh process of the Node that built it', () => {
    for (const [name, script] of EVERY_CACHE) expect(cacheIn(join(ROOT, 'dist/cli'), name, script), name).toBe('accepted');
    // the report's scripts' caches, made under the report's budget, are rejected under the start-up flags: a command raises it first
    const loader = pathToFileURL(join(ROOT, 'bin/load-cli.cjs')).href;
    for (const [name, script] of EVERY_CACHE.filter(([name]) => REPORT_SCRIPT_CACHES.has(name))) {
      const args = [join(ROOT, 'dist/cli'), true, name, script].map((a) => JSON.stringify(a)).join(', ');
      const r = node([
        '--input-type=module',
        '-e',
        `import { loadCli } from ${JSON.stringify(loader)}; console.log(loadCli(${args}).cache);`,
      ]);
      expect(r.stdout.trim(), name).toBe('rejected');
    }
    // a cache names the script it was made for
    expect(cacheIn(join(ROOT, 'dist/cli'), 'validate.cache', 'main.cjs')).toBe('unusable');
  });

  test("of the queue's script gives BullMQ's and ioredis' classes from it; without the script, queueScript gives node_modules' own (bin/queue-packages.cjs)", () => {
    const loader = JSON.stringify(join(ROOT, 'bin/load-cli.cjs'));
    const empty = mkdtempSync(join(SCRATCH, 'no-queue-script-'));
    const r = node([
      '-e',
      `const { queueScript } = require(${loader});
const installed = require('node:module').createRequire(${JSON.stringify(join(ROOT, 'package.json'))});
const ours = (packages) => packages.bullmq.Worker === installed('bullmq').Worker && packages.bullmq.Queue === installed('bullmq').Queue &&
  packages.bullmq.QueueEvents === installed('bullmq').QueueEvents && packages.ioredis.Redis === installed('ioredis').Redis;
const bundled = queueScript(${JSON.stringify(join(ROOT, 'dist/cli'))});
const names = (packages) => Object.keys(packages.bullmq).concat(Object.keys(packages.ioredis)).map((k) => k + ':' + packages[k in packages.bullmq ? 'bullmq' : 'ioredis'][k].name);
console.log(JSON.stringify({ bundled: ours(bundled), names: names(bundled), missing: ours(queueScript(${JSON.stringify(empty)})) }));`,
    ]);
    expect(r.stderr).toBe('');
    // the script's own copies of the classes, by the names the queue takes; node_modules' where it is missing
    expect(JSON.parse(r.stdout)).toEqual({
      bundled: false,
      names: ['Queue:Queue', 'QueueEvents:QueueEvents', 'Worker:Worker', 'Redis:Redis'],
      missing: true,
    });
  });

  test("of piscina's script gives its Piscina, whose threads start on the bundled entry beside it; without the script, piscinaScript gives node_modules' own", () => {
    const loader = JSON.stringify(join(ROOT, 'bin/load-cli.cjs'));
    const empty = mkdtempSync(join(SCRATCH, 'no-piscina-script-'));
    // a task that says the file its thread started on (the thread's main module)
    writeFileSync(join(SCRATCH, 'square.cjs'), 'module.exports = (n) => ({ squared: n * n, entry: require.main.filename });\n');
    const r = node([
      '-e',
      `const { piscinaScript } = require(${loader});
const installed = require('node:module').createRequire(${JSON.stringify(join(ROOT, 'package.json'))})('piscina');
const bundled = piscinaScript(${JSON.stringify(join(ROOT, 'dist/cli'))});
const pool = new bundled.Piscina({ filename: ${JSON.stringify(join(SCRATCH, 'square.cjs'))}, minThreads: 1, maxThreads: 1 });
pool.run(7).then(async (task) => {
  await pool.close();
  console.log(JSON.stringify({ own: bundled.Piscina !== installed.Piscina, version: bundled.version === installed.version, ...task, missing: piscinaScript(${JSON.stringify(empty)}) === installed }));
});`,
    ]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      own: true,
      version: true,
      squared: 49,
      entry: join(ROOT, 'dist/cli/piscina-worker.cjs'),
      missing: true,
    });
  });

  test('for `validate FILE` and a plain `run FILE` (scripts of their own) is one trained on that command alone, smaller than the one the others take', () => {
    const tiny = join(SCRATCH, 'tiny-run.yaml');
    writeFileSync(
      tiny,
      'name: Tiny\nrun: { horizon: 5h, replications: 1 }\nresources: { desk: { capacity: 1 } }\narrivals: [ { flow: f, rate: 1/h } ]\nflows:\n  f:\n    start: a\n    nodes:\n      a: { resource: desk, duration: { exponential: { mean: 30m } } }\n',
    );
    const runs = {
      'validate.cache': [BIN, 'validate', FIBER],
      'run.cache': [BIN, 'run', tiny, '-r', '1', '-w', '1', '-q', '--no-report', '-o', join(SCRATCH, 'tiny-out')],
      'main.cache': [BIN, 'catalog', 'activation'],
    };
    for (const [name, args] of Object.entries(runs)) {
      const r = probed(args);
      expect(r.status).toBe(0);
      expect(r.probe).toEqual(['VM-SCRIPT given=true rejected=false file-as-is=true reused=true']);
      expect(r.dataBytes).toEqual([cacheDataBytes(name)]);
    }
    // V8 deserialises a cache whole: the point of the smaller ones
    expect(cacheDataBytes('validate.cache')).toBeLessThan(0.8 * cacheDataBytes('main.cache'));
    expect(cacheDataBytes('run.cache')).toBeLessThan(0.9 * cacheDataBytes('main.cache'));
  });

  test("for `validate FILE` makes V8 compile no more machine code for a small file than the script compiled without it (the training's Sparkplug marks are not in it)", () => {
    // machine code V8 made while validating the benchmark's 12-line file: with the cache, a
    // function the training compiled with Sparkplug was compiled so again as soon as it was
    // made (tools/code-cache.mjs, UNMARKED): 550 KB against 170 KB without the cache
    const loader = pathToFileURL(join(ROOT, 'bin/load-cli.cjs')).href;
    const mm5 = join(ROOT, 'bench/scenarios/mm5.yaml');
    const codeMade = (useCache: boolean) => {
      const args = [join(ROOT, 'dist/cli'), useCache, 'validate.cache', 'validate.cjs'].map((a) => JSON.stringify(a)).join(', ');
      const r = node([
        '--input-type=module',
        '-e',
        `import { loadCli } from ${JSON.stringify(loader)}; import v8 from 'node:v8';
const { exports, cache } = loadCli(${args});
const before = v8.getHeapCodeStatistics().code_and_metadata_size;
const status = await exports.main(['validate', ${JSON.stringify(mm5)}]);
console.log(JSON.stringify({ cache, status, code: v8.getHeapCodeStatistics().code_and_metadata_size - before }));`,
      ]);
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout.trim().split('\n').at(-1) as string);
    };
    const cached = codeMade(true);
    const compiled = codeMade(false);
    expect([cached.cache, cached.status, compiled.cache, compiled.status]).toEqual(['accepted', 0, 'off', 0]);
    expect(cached.code).toBeLessThan(1.25 * compiled.code);
  });

  test('is what the CLI compiles its script with, and V8 takes it (under other V8 flags it rejects it, and the output is the same)', () => {
    const plain = node([BIN, 'validate', FIBER]);
    expect(plain.status).toBe(0);
    // the probe's `reused` reads the buffer's size as the script's: the larger of the two files
    expect(readFileSync(join(ROOT, 'dist/cli/main.cjs')).length).toBeGreaterThan(readFileSync(join(ROOT, 'dist/cli/main.cache')).length);
    // (`--help` prints the texts the build stored, without the script: bin/stored-help.js)
    for (const args of [
      ['catalog', 'activation'],
      ['validate', FIBER],
    ]) {
      const r = probed([BIN, ...args]);
      expect(r.probe).toEqual(['VM-SCRIPT given=true rejected=false file-as-is=true reused=true']);
      expect(r.status).toBe(0);
      if (args[0] === 'validate') expect({ ...r, probe: [], dataBytes: [] }).toEqual({ ...plain, probe: [], dataBytes: [] });
    }
    const flagged = probed([BIN, 'validate', FIBER], ['--max-old-space-size=3000']);
    expect(flagged.probe).toEqual(['VM-SCRIPT given=true rejected=true file-as-is=true reused=true']);
    expect({ ...flagged, probe: [], dataBytes: [] }).toEqual({ ...plain, probe: [], dataBytes: [] });
  });

  describe('in a copy of the package, in a folder with a space in its name', () => {
    const copy = copyOfThePackage(join(SCRATCH, 'a copy', 'etomsim'));
    const bundle = join(copy, 'dist/cli');
    const cache = join(bundle, 'main.cache');

    const expected = {
      validate: node([join(ROOT, 'bin/etomsim.cjs'), 'validate', FIBER]),
      broken: node([join(ROOT, 'bin/etomsim.cjs'), 'validate', join(ROOT, 'package.json')]),
      german: node([join(ROOT, 'bin/etomsim.cjs'), 'run', '--nope'], { LANG: 'de_DE.UTF-8' }),
    };
    /** The copy's CLI says what the package's says: a valid scenario, a broken one (exit 2), yargs' German. */
    const behavesAsThePackage = () => {
      expect(expected.validate.status).toBe(0);
      expect(expected.broken.status).toBe(2);
      expect(expected.german.stderr).toContain('Unbekanntes Argument: nope');
      expect(node([join(copy, 'bin/etomsim.cjs'), 'validate', FIBER])).toEqual(expected.validate);
      expect(node([join(copy, 'bin/etomsim.cjs'), 'validate', join(ROOT, 'package.json')])).toEqual(expected.broken);
      expect(node([join(copy, 'bin/etomsim.cjs'), 'run', '--nope'], { LANG: 'de_DE.UTF-8' })).toEqual(expected.german);
    };
    /** tools/code-cache.mjs run in the copy: every cache (no `name`), or the one named, which is all a test then reads (each of the five trains on commands of its own: seconds each). */
    const makeCache = ({ name, flags = [] }: { name?: string; flags?: string[] } = {}) => {
      const r = node([...flags, join(ROOT, 'tools/code-cache.mjs'), bundle, ...(name === undefined ? [] : [name])]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    };
    /**
     * The bytes of each cache the tool made in the copy under the build's flags, by name: the
     * tests that damage or remove a cache put it back from here rather than train it again (the
     * five trainings cost some 15 s of CPU, 9 s of it charts.cache; at load 30 a test that trained
     * them all more than once would pass its time limit).
     */
    const trained = new Map<string, Buffer>();
    /** Keeps the caches now in the copy as the tool made them (makeCache under the build's flags, just now). */
    const keepTrained = (names: readonly string[]) => {
      for (const name of names) trained.set(name, readFileSync(join(bundle, name)));
    };
    /** The cache `name` in the copy as the tool makes it there: the bytes it made before, or trained now. */
    const placeTrained = (name: string) => {
      const made = trained.get(name);
      if (made !== undefined) writtenAnew(join(bundle, name), made);
      else {
        makeCache({ name });
        keepTrained([name]);
      }
    };

    test("does not use the package's cache, made for another path (V8 would name that path in stack traces)", () => {
      expect(cacheIn(bundle)).toBe('unusable');
      behavesAsThePackage();
    });

    test('takes a cache made for it, and falls back when it is damaged, made under other V8 flags or missing', () => {
      makeCache(); // all five, as the README says to after a move
      keepTrained(EVERY_CACHE.map(([name]) => name));
      for (const [name, script] of EVERY_CACHE) expect(cacheIn(bundle, name, script), name).toBe('accepted');
      behavesAsThePackage();

      // main.cache, which behavesAsThePackage's `run --nope` loads, and validate.cache, which its `validate FILE` lines load
      // (bin/load-cli.cjs' scriptFor), each damaged alike; each file written anew (writtenAnew)
      const checked = EVERY_CACHE.filter(([name]) => name === 'main.cache' || name === 'validate.cache');
      const fared = () => checked.map(([name, script]) => cacheIn(bundle, name, script));
      const made = checked.map(([name]) => readFileSync(join(bundle, name)));
      checked.forEach(([name], i) => {
        const damaged = Buffer.from(made[i]);
        damaged[damaged.length - 1000] ^= 0xff; // inside V8's data, which V8 itself does not checksum
        writtenAnew(join(bundle, name), damaged);
      });
      expect(fared()).toEqual(['unusable', 'unusable']);
      behavesAsThePackage();

      checked.forEach(([name], i) => writtenAnew(join(bundle, name), made[i].subarray(0, made[i].length - 1)));
      expect(fared()).toEqual(['unusable', 'unusable']);

      for (const [name] of checked) makeCache({ name, flags: ['--no-opt'] }); // another flag set: V8 checks its hash
      expect(fared()).toEqual(['rejected', 'rejected']);
      behavesAsThePackage();

      for (const [name] of checked) rmSync(join(bundle, name));
      expect(fared()).toEqual(['unusable', 'unusable']);
      behavesAsThePackage();
      // some 20 s of CPU, 15 of them the five trainings the README's line runs: at a fifteenth of a
      // core (a host at load 30) that is 300 s, past the suite's 120 s a test
    }, 400_000);

    test('does not use a cache made by another Node release (V8 checks only its own version)', () => {
      placeTrained('main.cache');
      expect(cacheIn(bundle)).toBe('accepted');
      const made = readFileSync(cache);
      const end = made.indexOf(0x0a);
      const header = made.toString('utf8', 0, end);
      expect(header).toContain(`"node":"${process.version}"`);
      writtenAnew(
        cache,
        Buffer.concat([Buffer.from(header.replace(`"node":"${process.version}"`, '"node":"v20.0.0"')), made.subarray(end)]),
      );
      expect(cacheIn(bundle)).toBe('unusable');
      behavesAsThePackage();
      rmSync(cache);
    });

    test('does not use a cache made before the script changed, even by a change of the same length (V8 checks only the length)', () => {
      // the script `validate FILE` runs (bin/load-cli.cjs' scriptFor)
      const script = join(bundle, 'validate.cjs');
      const original = readFileSync(script, 'utf8');
      placeTrained('validate.cache');
      expect(cacheIn(bundle, 'validate.cache', 'validate.cjs')).toBe('accepted');
      expect(original.split(': valid (').length).toBe(2);
      try {
        writtenAnew(script, original.replace(': valid (', ': VALID ('));
        expect(cacheIn(bundle, 'validate.cache', 'validate.cjs')).toBe('unusable');
        const r = node([join(copy, 'bin/etomsim.cjs'), 'validate', FIBER]);
        expect(r.status).toBe(0);
        expect(r.stdout).toBe(expected.validate.stdout.replace(': valid (', ': VALID ('));
      } finally {
        writtenAnew(script, original);
        rmSync(join(bundle, 'validate.cache'), { force: true });
      }
    });

    test("knows the script it was made beside by the file's identity, not its CRC-32, until the file is written again, even with the same bytes", () => {
      const script = join(bundle, 'validate.cjs');
      const cache = join(bundle, 'validate.cache');
      const original = readFileSync(script);
      makeCache({ name: 'validate.cache' }); // made now, beside the script as it is (the test above wrote it anew)
      const made = readFileSync(cache);
      const end = made.indexOf(0x0a);
      const header = made.toString('utf8', 0, end);
      expect(header).toMatch(/"crc32":\d+,"identity":\[/);
      try {
        // the script's CRC-32 in the header made wrong: the identity alone says the script is the one
        writtenAnew(cache, Buffer.concat([Buffer.from(header.replace(/"crc32":\d+/, '"crc32":0')), made.subarray(end)]));
        expect(cacheIn(bundle, 'validate.cache', 'validate.cjs')).toBe('accepted');
        // the same bytes written in place (the same inode): its change time moves, so the CRC-32 decides
        writeFileSync(script, original);
        expect(cacheIn(bundle, 'validate.cache', 'validate.cjs')).toBe('unusable');
        behavesAsThePackage();
      } finally {
        writtenAnew(script, original);
        rmSync(cache, { force: true });
      }
    });
  });
});

test("a script's identity is taken once its times are a file system's granularity old (SETTLED_MS), not at once (s59)", () => {
  // In a file system that stamps writes to the second or two (ext3, HFS+, FAT), an identity taken
  // within that step of the script's last write would match a rewrite of the same size in the same
  // step: a cache for other bytes, taken without their CRC-32. Here the script is written just before.
  const script = join(SCRATCH, 'just-written.cjs');
  const bytes = Buffer.from('module.exports = 1;\n');
  writeFileSync(script, bytes);
  const made = cacheFile(script, bytes, Buffer.from('cached data'));
  const madeAt = Date.now();
  const header = JSON.parse(made.toString('utf8', 'etomsim-code-cache/2 '.length, made.indexOf(0x0a)));
  const s = statSync(script);
  expect(header.identity).toEqual([s.dev, s.ino, s.size, s.mtimeMs, s.ctimeMs]);
  expect(madeAt - Math.max(s.mtimeMs, s.ctimeMs)).toBeGreaterThanOrEqual(SETTLED_MS);
});

test("a script's times ahead of the clock: within SETTLED_MS waited for, beyond it no identity (s59 read-over)", () => {
  // A write in this millisecond is often stamped past Date.now(), which cuts to the millisecond: its identity was
  // refused as if the file came from a clock ahead, and the test above failed with the host's other writes.
  const script = join(SCRATCH, 'stamped-ahead.cjs');
  const bytes = Buffer.from('module.exports = 2;\n');
  const identityAhead = (ms: number) => {
    writeFileSync(script, bytes);
    const at = (Date.now() + ms) / 1000;
    utimesSync(script, at, at);
    const made = cacheFile(script, bytes, Buffer.from('cached data'));
    return JSON.parse(made.toString('utf8', 'etomsim-code-cache/2 '.length, made.indexOf(0x0a))).identity;
  };
  const waited = identityAhead(SETTLED_MS / 2);
  const s = statSync(script);
  expect(waited).toEqual([s.dev, s.ino, s.size, s.mtimeMs, s.ctimeMs]);
  expect(identityAhead(3_600_000)).toBeNull();
});

describe('training the caches (tools/code-cache.mjs, run by tools/bundle.mjs)', () => {
  const CODE_CACHE = join(ROOT, 'tools/code-cache.mjs');

  test('a training that fails says so on one line, exit 1, no stack trace: each cache on its own and all of them', () => {
    const copy = copyOfThePackage(join(mkdtempSync(join(SCRATCH, 'failing-')), 'etomsim'));
    const bundle = join(copy, 'dist/cli');
    const script = join(bundle, 'main.cjs');
    truncateSync(script, Math.floor(statSync(script).size / 2)); // a script that does not compile: the training cannot load it
    const cannotRead = `cannot read ${script.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not the script the build wrote, cut short or changed \\(`;
    // the trainings' temp dir, to see their work folders removed (a failed one's was left until session 57: process.exit
    // in its catch skipped the finally)
    const temp = mkdtempSync(join(SCRATCH, 'temp-'));
    const one = node([CODE_CACHE, bundle, 'main.cache'], { TMPDIR: temp });
    expect(one).toEqual({ status: 1, stdout: '', stderr: expect.stringMatching(new RegExp(`^${cannotRead}[^\\n]*\\)\\n$`)) });
    const all = node([CODE_CACHE, bundle], { TMPDIR: temp });
    expect(all).toEqual({
      status: 1,
      stdout: '',
      stderr: expect.stringMatching(
        new RegExp(`^tools/code-cache\\.mjs: making main\\.cache failed \\(exit status 1\\): ${cannotRead}[^\\n]*\\)\\n$`),
      ),
    });
    expect(readdirSync(temp)).toEqual([]);
  });

  test('a queue the training cannot use (nothing listens at its URL) costs that training, not the build: said, exit 0, the cache made', async () => {
    const copy = copyOfThePackage(join(mkdtempSync(join(SCRATCH, 'queue-')), 'etomsim'));
    const bundle = join(copy, 'dist/cli');
    rmSync(join(bundle, 'main.cache'));
    // a loopback port just freed: nothing listens there, so the worker and the queued run both fail to connect (before
    // the read-over of session 59 the training failed, and with it the build, or waited for ever for a worker)
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const r = node([CODE_CACHE, bundle, 'main.cache'], { ETOMSIM_TRAINING_QUEUE: `redis://127.0.0.1:${closed}` });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^tools\/code-cache\.mjs: trained without the queue: \S.*$/m);
    expect(statSync(join(bundle, 'main.cache')).size).toBeGreaterThan(0);
  });

  test.runIf(process.platform === 'linux')(
    'a training whose build has gone stops itself and writes no cache (what its time limits were for: it has none now)',
    async () => {
      const copy = copyOfThePackage(join(mkdtempSync(join(SCRATCH, 'orphan-')), 'etomsim'));
      const bundle = join(copy, 'dist/cli');
      for (const name of readdirSync(bundle)) if (name.endsWith('.cache')) rmSync(join(bundle, name));
      // a parent that starts the training and ends at once, as a build killed under it would
      const launch = `const c = require('node:child_process').spawn(process.execPath, ${JSON.stringify([CODE_CACHE, bundle])}, { stdio: 'ignore', env: { ...process.env, ETOMSIM_PARENT_PID: String(process.pid) } }); process.stdout.write(String(c.pid)); process.exit(0);`;
      const started = node(['-e', launch]);
      expect(started.status).toBe(0);
      const pid = Number(started.stdout);
      /** Whether `pid` is still a running process (a zombie nobody reaps has ended). */
      const running = () => {
        try {
          return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
        } catch {
          return false;
        }
      };
      // the five trainings take 20-80 s; stopped, the process is gone within a second or two
      for (let waited = 0; running() && waited < 60_000; waited += 250) await new Promise((r) => setTimeout(r, 250));
      expect(running()).toBe(false);
      expect(readdirSync(bundle).filter((name) => /\.cache/.test(name))).toEqual([]);
    },
  );

  test("the build's step that fails is one line: why its process ended and the last line it wrote", async () => {
    // @ts-expect-error: a plain ES module of the build, without type declarations
    const { step } = await import('../../tools/bundle.mjs');
    const failing = spawnSync(process.execPath, ['-e', 'process.stderr.write("a warning\\nthe tool\'s own line\\n"); process.exit(3)'], {
      encoding: 'utf8',
    });
    expect(() => step('making the code caches', failing)).toThrow(
      /^tools\/bundle\.mjs: making the code caches failed \(exit status 3\): the tool's own line$/,
    );
    const killed = spawnSync(process.execPath, ['-e', 'process.kill(process.pid, "SIGKILL")'], { encoding: 'utf8' });
    expect(() => step('storing the help texts', killed)).toThrow(
      /^tools\/bundle\.mjs: storing the help texts failed \(stopped by SIGKILL\)$/,
    );
    const uncaught = spawnSync(process.execPath, ['-e', 'throw new TypeError("a bug of the tool")'], { encoding: 'utf8' });
    expect(() => step('making the code caches', uncaught)).toThrow(
      /^tools\/bundle\.mjs: making the code caches failed \(exit status 1\): TypeError: a bug of the tool$/,
    );
    expect(() => step('x', spawnSync(process.execPath, ['-e', '0'], { encoding: 'utf8' }))).not.toThrow();
  });
});

describe('ETOMSIM_DEBUG', () => {
  const debug = join(SCRATCH, 'debug');
  mkdirSync(debug);

  test("loads the script through Node's own loader, which maps its lines to the TypeScript sources, and import() still works", () => {
    const script = join(ROOT, 'dist/cli/main.cjs');
    // where the function starts in the script (minified: few lines, long ones) and in its source
    const text = readFileSync(script, 'utf8');
    const at = text.indexOf('function renderTable(');
    expect(at).toBeGreaterThan(0);
    const before = text.slice(0, at).split('\n');
    const [line, column] = [before.length - 1, before[before.length - 1].length];
    const sourceLine = readFileSync(join(ROOT, 'bin/table.ts'), 'utf8')
      .split('\n')
      .findIndex((l) => l.startsWith('export function renderTable('));
    expect(sourceLine).toBeGreaterThanOrEqual(0);
    // after the command ran, what the process holds of the script's source map
    const probe = join(debug, 'probe.cjs');
    writeFileSync(
      probe,
      `if (require('node:worker_threads').isMainThread) process.on('exit', () => {
        const map = require('node:module').findSourceMap(${JSON.stringify(script)});
        process.stderr.write('MAP ' + JSON.stringify(map?.findEntry(${line}, ${column + 2}) ?? null) + '\\n');
      });\n`,
    );
    const tiny = join(probe, '..', 'tiny.yaml');
    writeFileSync(
      tiny,
      'name: Tiny\nrun: { horizon: 20h, replications: 2 }\nresources: { desk: { capacity: 2 } }\narrivals: [ { flow: f, rate: 1/h } ]\nflows:\n  f:\n    start: a\n    nodes:\n      a: { resource: desk, duration: { exponential: { mean: 30m } } }\n',
    );
    // two workers: the pool's piscina is imported by the script's import()
    const r = node(
      ['--require', probe, join(ROOT, 'bin/etomsim.cjs'), 'run', tiny, '-q', '-w', '2', '--no-report', '-o', join(probe, '..', 'out')],
      {
        ETOMSIM_DEBUG: '1',
      },
    );
    expect(r.status).toBe(0);
    const entry = JSON.parse(/^MAP (.*)$/m.exec(r.stderr)?.[1] ?? 'null');
    expect(entry?.originalSource).toBe(pathToFileURL(join(ROOT, 'bin/table.ts')).href);
    expect(entry?.originalLine).toBe(sourceLine);
    // without ETOMSIM_DEBUG the script is a vm.Script, whose map Node 20 does not read
    const quiet = node(['--require', probe, join(ROOT, 'bin/etomsim.cjs'), 'validate', FIBER]);
    expect(quiet.stderr).toContain('MAP null');
  });

  test('works with the package reached through a symlink (Node keys its loaded modules by the real path)', () => {
    const link = join(debug, 'link');
    symlinkSync(ROOT, link);
    const plain = node([BIN, 'validate', FIBER]);
    expect(plain.status).toBe(0);
    expect(node(['--preserve-symlinks-main', join(link, 'bin/etomsim.cjs'), 'validate', FIBER], { ETOMSIM_DEBUG: '1' })).toEqual(plain);
  });
});
