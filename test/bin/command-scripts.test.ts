// `etomsim validate FILE` typed as just that, and `etomsim run FILE` with only plainRun's options,
// run scripts of their own, dist/cli/validate.cjs and run.cjs (bin/validate-script.ts,
// bin/run-script.ts), which the loader picks before any script is loaded, by its own copy of
// bin/plain-validate.ts' and bin/plain-run.ts' tests (bin/load-cli.cjs' scriptFor). The copies
// must agree with them: a command line the loader gives main.cjs is only slower, but one given a
// script that does not run it costs a second script (the script returns null and main.cjs runs
// it), which only a value run's coerces refuse may do. Each prints and exits as main.cjs does.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import seedrandom from 'seedrandom';
import { BOOLEAN_WORDS, PLAIN_RUN_OPTIONS, plainRun, runOptions } from '../../bin/plain-run.js';
import { plainValidate } from '../../bin/plain-validate.js';
import {
  BOOLEAN_WORDS as LOADER_BOOLEAN_WORDS,
  PLAIN_RUN_OPTIONS as LOADER_PLAIN_RUN_OPTIONS,
  laterScript,
  loadCli,
  RUN_SCRIPT,
  SCRIPT,
  scriptFor,
  VALIDATE_SCRIPT,
  // @ts-expect-error: a CommonJS file of the CLI, without type declarations
} from '../../bin/load-cli.cjs';
import { copyOfThePackage } from '../support/package-copy.js';
// @ts-expect-error: a plain ES module of the build, without type declarations
import { RUN_LATER, RUN_NEVER } from '../../tools/bundle.mjs';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/etomsim.cjs');
const BUNDLE = join(ROOT, 'dist/cli');
const FIBER = join(ROOT, 'scenarios/fiber-order-to-activation.yaml');
const SCRATCH = mkdtempSync(join(tmpdir(), 'etomsim-command-scripts-'));
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

const TINY = join(SCRATCH, 'tiny.yaml');
writeFileSync(
  TINY,
  'name: Tiny\nrun: { horizon: 5h, replications: 1 }\nresources: { desk: { capacity: 1 } }\narrivals: [ { flow: f, rate: 1/h } ]\nflows:\n  f:\n    start: a\n    nodes:\n      a: { resource: desk, duration: { exponential: { mean: 30m } } }\n',
);

/** The CLI's output for `args`, run in SCRATCH. */
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: SCRATCH });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

/**
 * main.cjs' output for `args`, loaded and run by hand in a fresh process in SCRATCH, with the code
 * cache the CLI gives it (main.cache: a third less CPU than compiling the script, some 0.1 s a
 * process; without NODE_OPTIONS, under whose flags V8 would reject it). The cache changes nothing
 * but speed (test/bin/code-cache.test.ts).
 */
const wholeScript = (args: string[]) => {
  const loader = JSON.stringify(join(ROOT, 'bin/load-cli.cjs'));
  const { NODE_OPTIONS: _, ...env } = process.env;
  const r = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { loadCli } from ${loader}; process.exitCode = await loadCli(${JSON.stringify(BUNDLE)}).exports.main(${JSON.stringify(args)});`,
    ],
    { encoding: 'utf8', cwd: SCRATCH, env },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

/**
 * A run's output with the wall time its first line ends with (`, 1 worker, 0.1 s`) masked: two
 * processes of the same run differ there on a loaded host (0.0 s against 0.1 s in a full suite
 * at load 6), as results.json's engine.timing does; everything else must be equal.
 */
const untimed = (r: { status: number | null; stdout: string; stderr: string }) => ({
  ...r,
  stdout: r.stdout.replace(/^(.*), \d+\.\d s$/m, '$1, (wall time) s'),
});

// The loader leaves run's coerces (and the check of --out) to run.cjs, which hands a refused value back: it answers as plainRun does for the same line with values every coerce takes.
const NUMERIC = ['-r', '--replications', '-w', '--workers', '--seed'];
const coercible = (args: string[]) =>
  args.map((word, i) =>
    NUMERIC.includes(args[i - 1]) && !word.startsWith('-') ? '1' : ['-o', '--out'].includes(args[i - 1]) && word === '' ? 'out' : word,
  );
const expected = (args: string[]) =>
  plainValidate(args) !== null ? VALIDATE_SCRIPT : plainRun(coercible(args)) !== null ? RUN_SCRIPT : SCRIPT;

describe('scripts of one command line', () => {
  test("the loader's tests are bin/plain-validate.ts' and bin/plain-run.ts' on every command line", () => {
    const lines = [
      ['validate', 'a.yaml'],
      ['validate', 'help'],
      ['validate', ''],
      ['validate', '-'],
      ['validate', '--help'],
      ['validate', '-q'],
      ['validate', 'a.yaml', '--'],
      ['validate', 'a.yaml', 'b.yaml'],
      ['validate'],
      ['validate', 'helper.yaml'],
      ['validate', ' '],
      ['Validate', 'a.yaml'],
      ['catalog', 'validate'],
      [],
      ['run', 'a.yaml'],
      ['run'],
      ['run', 'help'],
      ['run', ''],
      ['run', 'a.yaml', 'b.yaml'],
      ['run', 'a.yaml', '--'],
      ['run', '--', 'a.yaml'],
      ['run', 'a.yaml', '-r', '1', '-w', '1', '--no-report', '-q', '-o', 'out'],
      ['run', '-r', '4', 'a.yaml', '--seed', '7', '--quiet', '--out', 'o', '--replications'],
      ['run', 'a.yaml', '--replications', '3', '--workers', '2'],
      ['run', 'a.yaml', '-r', '1', '-r', '2'],
      ['run', 'a.yaml', '-r', '1', '--replications', '2'],
      ['run', 'a.yaml', '-q', '--quiet'],
      ['run', 'a.yaml', '-q', '-q'],
      ['run', 'a.yaml', '--no-report', '--no-report'],
      ['run', 'a.yaml', '-r'],
      ['run', 'a.yaml', '-r', '-q'],
      ['run', 'a.yaml', '-o', '-dir'],
      ['run', 'a.yaml', '-o', ''],
      ['run', 'a.yaml', '--report'],
      ['run', 'a.yaml', '--variant', 'x'],
      ['run', 'a.yaml', '-rq', '1'],
      ['run', 'a.yaml', '--seed=3'],
      ['run', 'a.yaml', '--help'],
      ['run', 'a.yaml', '--__proto__', '1'],
      ['run', 'a.yaml', '--toString', '1'],
      ['Run', 'a.yaml'],
      ['report', 'a.yaml'],
      ['run', '-q', 'false'],
      ['run', '--quiet', 'true', 'a.yaml'],
      ['run', 'a.yaml', '--no-report', 'false'],
      ['run', '--no-report', 'true'],
      ['run', 'true'],
    ];
    for (const args of lines) expect({ args, script: scriptFor(args).script }).toEqual({ args, script: expected(args) });
    expect(plainRun(['run', '-q', 'false'])).toBeNull();
    expect(plainRun(['run', '--quiet', 'true', 'a.yaml'])).toBeNull();
    expect(plainRun(['run', 'true'])?.scenario).toBe('true'); // a file named so, where no flag comes before it
  });

  test('the two copies of the tests have the same tables, and agree on generated command lines', () => {
    expect(LOADER_PLAIN_RUN_OPTIONS).toEqual(PLAIN_RUN_OPTIONS);
    expect(LOADER_BOOLEAN_WORDS).toEqual(BOOLEAN_WORDS);
    // Words as users type them, the ones the tests treat apart included: options, values, files, `--`, `help`.
    const words = [
      ...Object.keys(PLAIN_RUN_OPTIONS),
      ...BOOLEAN_WORDS,
      'run',
      'validate',
      'a.yaml',
      'help',
      '',
      '--',
      '3',
      '0',
      'x',
      '-',
      '--report',
      '-rq',
      '--seed=3',
      '--variant',
    ];
    const random = seedrandom('command-scripts');
    const shape = (args: string[]) =>
      plainValidate(args) !== null ? VALIDATE_SCRIPT : plainRun(coercible(args)) !== null ? RUN_SCRIPT : SCRIPT;
    let plain = 0;
    for (let n = 0; n < 4000; n++) {
      const args = [random() < 0.8 ? 'run' : 'validate'];
      const length = Math.floor(random() * 8);
      for (let i = 0; i < length; i++) args.push(words[Math.floor(random() * words.length)]);
      if (shape(args) !== SCRIPT) plain++;
      expect({ args, script: scriptFor(args).script }).toEqual({ args, script: shape(args) });
    }
    expect(plain).toBeGreaterThan(200); // the generated lines reach the plain routes, not only yargs'
  });

  test("`-q false` is yargs' (not quiet), not a run of a file named false", () => {
    const folder = join(SCRATCH, 'boolean');
    mkdirSync(folder);
    writeFileSync(join(folder, 'false'), readFileSync(TINY, 'utf8').replace('name: Tiny', 'name: A file named false'));
    const out = join(folder, 'out');
    const r = spawnSync(process.execPath, [BIN, 'run', '-q', 'false', '-r', '1', '-w', '1', '--no-report', '-o', out], {
      encoding: 'utf8',
      cwd: folder,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('wrote '); // not quiet
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).scenario).not.toBe('A file named false');
  });

  test('a bundle built before the scripts of one command line (main.cjs alone) runs those command lines with main.cjs', () => {
    const copy = copyOfThePackage(join(SCRATCH, 'older build'));
    for (const script of [VALIDATE_SCRIPT, RUN_SCRIPT]) unlinkSync(join(copy, 'dist/cli', script));
    const inCopy = (args: string[]) => {
      const r = spawnSync(process.execPath, [join(copy, 'bin/etomsim.cjs'), ...args], { encoding: 'utf8', cwd: SCRATCH });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    expect(inCopy(['validate', FIBER])).toEqual(cli(['validate', FIBER]));
    const args = (out: string) => ['run', TINY, '-r', '1', '-w', '1', '--no-report', '-q', '-o', join(SCRATCH, out)];
    const ran = inCopy(args('older'));
    expect(ran.status).toBe(0);
    expect(ran.stderr).toBe('');
    const results = (out: string) => JSON.parse(readFileSync(join(SCRATCH, out, 'results.json'), 'utf8')).variants;
    expect(cli(args('newer')).status).toBe(0);
    expect(results('older')).toEqual(results('newer'));
  });

  test('yaml, which validate.cjs and run.cjs leave to dist/cli/yaml.cjs, reads a file with an anchor alike from that script, from main.cjs and, in an install without it, from node_modules', () => {
    const anchored = join(SCRATCH, 'anchored.yaml');
    writeFileSync(anchored, readFileSync(TINY, 'utf8').replace('{ capacity: 1 }', '&desk { capacity: 1 }'));
    const invalid = join(SCRATCH, 'anchored-invalid.yaml');
    writeFileSync(invalid, readFileSync(anchored, 'utf8').replace('capacity: 1', 'capacty: 1'));
    const copy = copyOfThePackage(join(SCRATCH, 'no yaml script'));
    unlinkSync(join(copy, 'dist/cli/yaml.cjs'));
    const inCopy = (args: string[]) => {
      const r = spawnSync(process.execPath, [join(copy, 'bin/etomsim.cjs'), ...args], { encoding: 'utf8', cwd: SCRATCH });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    for (const file of [anchored, invalid]) {
      const validated = cli(['validate', file]);
      expect(validated).toEqual(wholeScript(['validate', file]));
      expect(validated).toEqual(inCopy(['validate', file]));
    }
    expect(cli(['validate', anchored]).status).toBe(0);
    expect(cli(['validate', invalid]).status).toBe(2);
    const args = (out: string) => ['run', anchored, '-r', '2', '-w', '1', '--no-report', '-q', '-o', join(SCRATCH, out)];
    const results = (out: string) => JSON.parse(readFileSync(join(SCRATCH, out, 'results.json'), 'utf8')).variants;
    expect(cli(args('anchored-script'))).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(inCopy(args('anchored-modules'))).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(results('anchored-script')).toEqual(results('anchored-modules'));
  });

  test("a value run's coerces refuse: run.cjs hands the command line to main.cjs, and yargs says what is wrong", () => {
    for (const bad of [
      ['-r', 'abc'],
      ['-r', '0'],
      ['-w', '1.5'],
      ['--seed', 'x'],
      ['--seed', '0x10'], // Number() reads 16 (s36g F8)
      ['-r', '1e3'],
      ['-r', ''],
      ['-o', ''],
    ]) {
      const args = ['run', TINY, '-q', '--no-report', ...(bad[0] === '-o' ? [] : ['-o', join(SCRATCH, 'out')]), ...bad];
      expect(scriptFor(args).script).toBe(RUN_SCRIPT);
      expect(plainRun(args)).toBeNull();
      const r = cli(args);
      expect(r.status).toBe(2);
      expect(r).toEqual(wholeScript(args));
    }
  });

  test('each holds its command and what it imports, not the whole command line', () => {
    const size = (file: string) => statSync(join(BUNDLE, file)).size;
    expect(size(VALIDATE_SCRIPT)).toBeLessThan(size(SCRIPT) / 2);
    expect(size(RUN_SCRIPT)).toBeLessThan(size(SCRIPT) * 0.7);
  });

  test('validate.cjs prints and exits as main.cjs does, for a valid file, an invalid one and one that is missing', () => {
    const bad = join(SCRATCH, 'bad.yaml');
    writeFileSync(bad, 'name: x\nrun: { horizon: 5h, replicatons: 1 }\nresources: { desk: { capacty: 1 } }\n');
    for (const file of [FIBER, bad, join(SCRATCH, 'missing.yaml')])
      expect(cli(['validate', file])).toEqual(wholeScript(['validate', file]));
    expect(cli(['validate', FIBER]).status).toBe(0);
    expect(cli(['validate', bad]).status).toBe(2);
  });

  test('run.cjs prints, writes and exits as main.cjs does, for a run and a missing file', () => {
    const out = join(SCRATCH, 'run');
    const args = ['run', TINY, '-r', '2', '-w', '1', '--no-report', '-o', out];
    const simulated = () => {
      const { engine, ...rest } = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      return { engine: { ...engine, timing: { events: engine.timing.events } }, ...rest }; // the wall time aside
    };
    const viaCli = cli(args);
    const fromCli = simulated();
    expect(viaCli.status).toBe(0);
    expect(viaCli.stdout).toContain('wrote ');
    expect(untimed(viaCli).stdout.split('\n')[0]).toMatch(/, 1 worker, \(wall time\) s$/);
    expect(untimed(viaCli)).toEqual(untimed(wholeScript(args)));
    expect(fromCli).toEqual(simulated());
    const missing = ['run', join(SCRATCH, 'missing.yaml'), '-q'];
    expect(cli(missing).status).toBe(2);
    expect(cli(missing)).toEqual(wholeScript(missing));
  });

  test("run.cjs' report (from dist/cli/run-report.cjs, which takes run.cjs' modules) is main.cjs' byte for byte: every file of the output folder", () => {
    const args = (out: string) => ['run', FIBER, '-r', '2', '-w', '1', '-q', '-o', out];
    // main.cjs through the entry, as a user runs it: `--` after the options is no command line of run.cjs' (the chart thread takes the entry's flags)
    const ran = (script: 'run.cjs' | 'main.cjs') => {
      const out = join(SCRATCH, `report-${script}`);
      const r = cli(script === 'run.cjs' ? args(out) : [...args(out), '--']);
      expect(r, script).toEqual({ status: 0, stdout: '', stderr: '' });
      const files = (dir: string): string[] =>
        readdirSync(join(out, dir), { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
        );
      // results.json's wall time aside (engine.timing), as above
      return Object.fromEntries(
        files('')
          .sort()
          .map((f) => [f, readFileSync(join(out, f), 'utf8').replace(/"wall_s": [0-9.e+-]+/g, '"wall_s": 0')]),
      );
    };
    expect(scriptFor(args('x')).script).toBe(RUN_SCRIPT);
    expect(scriptFor([...args('x'), '--']).script).toBe(SCRIPT);
    const fromRun = ran('run.cjs');
    expect(Object.keys(fromRun)).toEqual(expect.arrayContaining(['report.html', 'results.json', 'summary.md', 'kpis.csv']));
    expect(fromRun).toEqual(ran('main.cjs'));
  });

  test("each script run.cjs leaves modules to (tools/bundle.mjs RUN_LATER) loads, given the modules it takes from run.cjs, and gives each of its modules with the exports of dist/'s", async () => {
    const manifest = JSON.parse(readFileSync(join(BUNDLE, 'chunks.json'), 'utf8')) as {
      scripts: { file: string; eager: string[]; lazy: string[] }[];
    };
    const later = manifest.scripts.filter((s) => /^run-.+\.cjs$/.test(s.file));
    expect(later.map((s) => s.file).sort()).toEqual(Object.keys(RUN_LATER).sort());
    for (const { file, eager, lazy } of later) {
      // what it takes from run.cjs, here dist/'s own modules (the build's stand-ins are named 'provided:PATH')
      const taken = [...eager, ...lazy].filter((m) => m.startsWith('provided:')).map((m) => m.slice('provided:'.length));
      expect(taken.length, file).toBeGreaterThan(0);
      const provided = new Map<string, unknown>();
      for (const m of taken) provided.set(m, await import(pathToFileURL(join(ROOT, m)).href));
      const asked = new Set<string>();
      const table = laterScript(BUNDLE, file, (m: string) => {
        asked.add(m);
        return provided.get(m);
      }) as Record<string, () => Record<string, unknown>>;
      expect(Object.keys(table).length, file).toBeGreaterThan(0);
      for (const [m, module] of Object.entries(table)) {
        const own = await import(pathToFileURL(join(ROOT, m)).href);
        expect(Object.keys(module()).sort(), `${file}: ${m}`).toEqual(Object.keys(own).sort());
      }
      expect(
        [...asked].filter((m) => !provided.has(m)),
        file,
      ).toEqual([]);
    }
  });

  test("run.cjs gives each later script every name that script's modules import from run.cjs' modules, as tsc wrote the imports (run.cjs keeps only those: tools/bundle.mjs namesTaken)", async () => {
    const manifest = JSON.parse(readFileSync(join(BUNDLE, 'chunks.json'), 'utf8')) as {
      scripts: { file: string; eager: string[]; lazy: string[] }[];
    };
    for (const file of Object.keys(RUN_LATER)) {
      const script = manifest.scripts.find((s) => s.file === file)!;
      const taken = [...script.eager, ...script.lazy].filter((m) => m.startsWith('provided:')).map((m) => m.slice('provided:'.length));
      // what run.cjs gives the script (its `provided`, caught at laterScript in a run that loads the script: one with its report;
      // from a file, not -e: the chart threads take the process's flags)
      const child = join(SCRATCH, `provided-${file}.mjs`);
      writeFileSync(
        child,
        `import { createRequire } from 'node:module';
const loader = createRequire(import.meta.url)(${JSON.stringify(join(ROOT, 'bin/load-cli.cjs'))});
const original = loader.laterScript;
let provided = null;
loader.laterScript = (dir, file, p) => { if (file === ${JSON.stringify(file)}) provided = p; return original(dir, file, p); };
const status = await loader.loadCli(${JSON.stringify(BUNDLE)}, false, undefined, loader.RUN_SCRIPT).exports.main(['run', ${JSON.stringify(TINY)}, '-r', '1', '-w', '1', '-q', '-o', ${JSON.stringify(join(SCRATCH, `provided-${file}`))}]);
process.stdout.write(JSON.stringify({ status, names: Object.fromEntries(${JSON.stringify(taken)}.map((m) => [m, Object.keys(provided(m))])) }));
`,
      );
      const r = spawnSync(process.execPath, [child], { encoding: 'utf8', cwd: SCRATCH });
      expect(r.stderr, file).toBe('');
      const { status, names } = JSON.parse(r.stdout) as { status: number; names: Record<string, string[]> };
      expect(status, file).toBe(0);
      // what the script's own modules import of those, read from dist/ (tsc's statements, not the bundle's)
      const imported = new Map<string, Set<string>>();
      const add = (m: string, name: string) => imported.set(m, (imported.get(m) ?? new Set<string>()).add(name));
      for (const m of [...script.eager, ...script.lazy].filter((m) => m.startsWith('dist/'))) {
        const text = readFileSync(join(ROOT, m), 'utf8');
        const target = (specifier: string) =>
          relative(ROOT, join(ROOT, dirname(m), specifier))
            .split('\\')
            .join('/');
        for (const [, clause, specifier] of text.matchAll(/^(?:import|export)\s+([^;]*?)\s+from\s+'([^']+)';/gms)) {
          if (!taken.includes(target(specifier))) continue;
          for (const n of /\{([^}]*)\}/.exec(clause)?.[1].split(',') ?? [])
            if (n.trim() !== '') add(target(specifier), n.trim().split(/\s+as\s+/)[0]);
          if (/^\w/.test(clause)) add(target(specifier), 'default');
          if (clause.includes('*')) add(target(specifier), '*'); // a namespace: every name
        }
        for (const [, specifier] of text.matchAll(/\bimport\('([^']+)'\)/g))
          if (taken.includes(target(specifier))) add(target(specifier), '*');
      }
      expect([...imported.keys()].sort(), file).toEqual([...taken].sort());
      for (const [m, list] of imported) {
        const wanted = list.has('*') ? Object.keys(await import(pathToFileURL(join(ROOT, m)).href)) : [...list];
        expect(
          wanted.filter((n) => !names[m].includes(n)),
          `${file}'s imports of ${m}: names run.cjs does not give it`,
        ).toEqual([]);
      }
    }
  });

  test('no command line run.cjs runs reaches a module it holds none of (tools/bundle.mjs RUN_NEVER, whose import() would reject): plainRun gives none of their options, and a run with each runs in main.cjs and writes its files', () => {
    const manifest = JSON.parse(readFileSync(join(BUNDLE, 'chunks.json'), 'utf8')) as {
      scripts: { file: string; eager: string[]; lazy: string[] }[];
    };
    const run = manifest.scripts.find((s) => s.file === RUN_SCRIPT)!;
    // what run.cjs holds in their place: the build's stand-ins, one for each, and none of the modules
    const never = Object.keys(RUN_NEVER as Record<string, string>).sort();
    expect([...run.eager, ...run.lazy].filter((m) => m.startsWith('never:')).sort()).toEqual(never.map((m) => `never:${m}`));
    expect([...run.eager, ...run.lazy].filter((m) => never.includes(m))).toEqual([]);
    const options = [...new Set(Object.values(RUN_NEVER as Record<string, string>))];
    expect(options.sort()).toEqual(['--event-log', '--queue', '--shard']);
    // every option plainRun reads, each given once: the command's options that reach the modules stay unset
    const names = [...new Set(Object.values(PLAIN_RUN_OPTIONS))];
    const line = ['run', TINY];
    for (const name of names) {
      const word = Object.keys(PLAIN_RUN_OPTIONS).find((w) => PLAIN_RUN_OPTIONS[w] === name)!;
      line.push(word, ...(name === 'quiet' || name === 'no-report' ? [] : [name === 'out' ? join(SCRATCH, 'never-plain') : '1']));
    }
    const read = plainRun(line);
    expect(read).not.toBeNull();
    const given = runOptions(read!, 'default.yaml') as unknown as Record<string, unknown>;
    for (const option of options) {
      const field = option.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
      expect(Object.hasOwn(given, field), field).toBe(true); // the option's name in RunOptions, so the check below means something
      expect(given[field], option).toBeUndefined();
      expect(Object.hasOwn(PLAIN_RUN_OPTIONS, option), option).toBe(false);
      expect(Object.hasOwn(LOADER_PLAIN_RUN_OPTIONS, option), option).toBe(false);
    }
    // a user's run with each: main.cjs runs it (scriptFor), and it works there (not so from run.cjs, whose import() would reject)
    const uses: Record<string, string[]> = { '--shard': ['--shard', '1/1'], '--event-log': ['--event-log', 'csv'] };
    for (const [option, words] of Object.entries(uses)) {
      const out = join(SCRATCH, `never${option}`);
      const args = ['run', TINY, '-r', '1', '-w', '1', '-q', '--no-report', '-o', out, ...words];
      expect(scriptFor(args).script, option).toBe(SCRIPT);
      expect(cli(args), option).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(readdirSync(out).length, option).toBeGreaterThan(0);
    }
    expect(scriptFor(['run', TINY, '--queue', 'redis://127.0.0.1:1']).script).toBe(SCRIPT);
  });

  test('each returns null for a command line it does not run, touching nothing', async () => {
    const validate = loadCli(BUNDLE, false, undefined, VALIDATE_SCRIPT).exports;
    expect(await validate.main(['validate', FIBER, '--'])).toBeNull();
    const run = loadCli(BUNDLE, false, undefined, RUN_SCRIPT).exports;
    expect(await run.main(['run', TINY, '-r', 'abc'])).toBeNull();
  });
});

describe('the entry (bin/etomsim.cjs)', () => {
  test('a command that never settles ends as Node ends an unsettled top-level await (status 13), not silently with 0', () => {
    // dist/ newer than the bundle: the entry takes dist/bin/main.js, here one whose main never settles
    const copy = copyOfThePackage(join(SCRATCH, 'unsettled'), { bundle: false });
    mkdirSync(join(copy, 'dist/bin'), { recursive: true });
    writeFileSync(join(copy, 'dist/bin/main.js'), 'export const main = () => new Promise(() => {});\n');
    const r = spawnSync(process.execPath, [join(copy, 'bin/etomsim.cjs'), 'catalog', 'order'], { encoding: 'utf8' });
    expect(r.status).toBe(13);
  });

  test('a command whose main rejects ends as an uncaught exception would (status 1, the error on stderr), not silently with 0', () => {
    const copy = copyOfThePackage(join(SCRATCH, 'rejected'), { bundle: false });
    mkdirSync(join(copy, 'dist/bin'), { recursive: true });
    writeFileSync(join(copy, 'dist/bin/main.js'), "export const main = async () => { throw new Error('main gave up'); };\n");
    const r = spawnSync(process.execPath, [join(copy, 'bin/etomsim.cjs'), 'catalog', 'order'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Error: main gave up');
  });
});
