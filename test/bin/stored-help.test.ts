// The help texts the build stores (dist/cli/help.json, tools/help-texts.mjs; bin/stored-help.js):
// each is what yargs prints live for its command line, width and locale, from dist/ module by
// module; the CLI prints them without running its script; and wherever one might not hold (a
// locale, width or command line not stored, a script changed since the build or a copy of the
// package, another Node) the CLI runs yargs and prints what it always printed.
import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { copyOfThePackage } from '../support/package-copy.js';
import { writtenAnew } from '../support/written-anew.js';
// @ts-expect-error: a plain ES module of the CLI, without type declarations
import { HELP_FILE, helpKey, helpWidth, storedHelp, yargsLocale } from '../../bin/stored-help.js';
// @ts-expect-error: a CommonJS file of the CLI, without type declarations
import { SETTLED_MS } from '../../bin/load-cli.cjs';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/etomsim.cjs');
const BUILTINS = join(import.meta.dirname, '../support/record-builtins.cjs');
const BUNDLE = join(ROOT, 'dist/cli');
const UNBUNDLED = pathToFileURL(join(ROOT, 'dist/bin/main.js')).href;

interface Stored {
  locales: string[];
  files: Record<string, string>;
  texts: Record<string, Record<string, string>>;
}
const stored = JSON.parse(readFileSync(join(BUNDLE, HELP_FILE), 'utf8')) as Stored;

/** This file's scratch folder, removed after its tests. */
const SCRATCH = mkdtempSync(join(tmpdir(), 'etomsim-stored-help-'));
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

/** The environment of a child: no NODE_OPTIONS, no locale but what `env` sets. */
function childEnv(env: Record<string, string>) {
  const { NODE_OPTIONS: _, LC_ALL: _a, LC_MESSAGES: _m, LANG: _l, LANGUAGE: _g, ...inherited } = process.env;
  return { ...inherited, ...env };
}

/** What yargs prints live for `args`, from dist/ module by module, with stdout of `columns` (undefined: a pipe). */
function live(args: string[], columns: number | undefined, env: Record<string, string> = {}) {
  const setColumns = columns === undefined ? '' : `Object.defineProperty(process.stdout, 'columns', { value: ${columns} });`;
  const r = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `${setColumns} const { main } = await import('${UNBUNDLED}'); process.exitCode = await main(process.argv.slice(1));`,
      '--',
      ...args,
    ],
    { encoding: 'utf8', env: childEnv(env) },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * What yargs prints live for each of `lines` (args and stdout's columns, undefined: a pipe), from
 * dist/ module by module, all in one fresh process, one after another in the order given: 0.4 s
 * of CPU a process, where the stored texts are 32. The build stores them likewise from one
 * process (tools/help-texts.mjs, each command line at width 100, then 110, in the order of the
 * top help); a test that gives them in another order finds a text that depends on what ran before it.
 */
function liveInOneProcess(lines: [string[], number | undefined][]) {
  const MARK = '\u0000END ';
  const r = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { main } = await import('${UNBUNDLED}');
for (const [args, columns] of JSON.parse(process.argv[1])) {
  if (columns === null) delete process.stdout.columns;
  else Object.defineProperty(process.stdout, 'columns', { value: columns, configurable: true });
  const status = await main(args);
  process.stdout.write(${JSON.stringify(MARK)} + status + '\\n');
}`,
      JSON.stringify(lines.map(([args, columns]) => [args, columns ?? null])),
    ],
    { encoding: 'utf8', env: childEnv({}) },
  );
  const texts = r.stdout.split(new RegExp(`${MARK}(\\d+)\n`));
  expect(texts.length, r.stderr).toBe(2 * lines.length + 1);
  expect(texts.at(-1)).toBe('');
  return {
    status: r.status,
    stderr: r.stderr,
    printed: lines.map((_, i) => ({ status: Number(texts[2 * i + 1]), stdout: texts[2 * i] })),
  };
}

/** A preload that says, as the process exits, whether the CLI's script was compiled (a vm.Script or Node's loader). */
const PROBE = join(SCRATCH, 'script-probe.mjs');
writeFileSync(
  PROBE,
  `import { createRequire } from 'node:module';
import vm from 'node:vm';
let compiled = false;
vm.Script = class extends vm.Script {
  constructor(code, options) {
    super(code, options);
    if (String(options?.filename).endsWith('main.cjs')) compiled = true;
  }
};
const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((file) => file.endsWith('main.cjs'));
process.on('exit', () => process.stderr.write('SCRIPT ' + (compiled || loaded()) + '\\n'));
`,
);

/**
 * A preload that makes stdout a terminal of TEST_COLUMNS columns, as far as the CLI can tell:
 * descriptor 1 a character device (bin/standard-output.ts asks fstat before it asks the stream for
 * its width), the stream of that width.
 */
const COLUMNS = join(SCRATCH, 'columns.mjs');
writeFileSync(
  COLUMNS,
  `import fs from 'node:fs';
const fstat = fs.fstatSync;
fs.fstatSync = (fd, ...rest) => {
  const stats = fstat(fd, ...rest);
  if (fd === 1) Object.assign(stats, { isFIFO: () => false, isSocket: () => false, isFile: () => false, isCharacterDevice: () => true });
  return stats;
};
Object.defineProperty(process.stdout, 'columns', { value: Number(process.env.TEST_COLUMNS) });
`,
);

/** The CLI `bin` with PROBE (and COLUMNS when `columns` is given): its status, stdout, stderr without the probe's line, and whether it compiled its script. */
function cli(bin: string, args: string[], env: Record<string, string> = {}, columns?: number) {
  const preloads = ['--import', pathToFileURL(PROBE).href, ...(columns === undefined ? [] : ['--import', pathToFileURL(COLUMNS).href])];
  const extra: Record<string, string> = columns === undefined ? {} : { TEST_COLUMNS: String(columns) };
  const r = spawnSync(process.execPath, [...preloads, bin, ...args], { encoding: 'utf8', env: childEnv({ ...env, ...extra }) });
  const line = /^SCRIPT (true|false)\n/m.exec(r.stderr);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.replace(/^SCRIPT (true|false)\n/m, ''), script: line?.[1] === 'true' };
}

describe('the help texts the build stores', () => {
  test("are every command's, and yargs' live output for each command line at both widths", () => {
    const registered = [...readFileSync(join(ROOT, 'bin/main.ts'), 'utf8').matchAll(/\.command\(\s*\[?\s*'([a-z-]+)/g)].map((m) => m[1]);
    expect(registered).toEqual(expect.arrayContaining(['run', 'validate', 'report', 'catalog']));
    expect(Object.keys(stored.texts).sort()).toEqual(['--help', '--version', ...registered.map((c) => `${c} --help`)].sort());
    // in the reverse of the build's order: the last command line first, each at 110 before 100
    const lines = Object.entries(stored.texts)
      .reverse()
      .flatMap(([key, byWidth]) => {
        expect(Object.keys(byWidth).sort()).toEqual(['100', '110']);
        return (
          [
            ['110', 110],
            ['100', undefined],
          ] as const
        ).map(([width, columns]) => ({ key, width, columns, text: byWidth[width] }));
      });
    const r = liveInOneProcess(lines.map(({ key, columns }) => [key.split(' '), columns]));
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    lines.forEach(({ key, width, text }, i) => {
      expect(r.printed[i].status, `${key} at ${width}`).toBe(0);
      expect(text, `${key} at ${width}`).toBe(r.printed[i].stdout);
    });
    // the widths differ where a line is longer than 100 characters
    expect(stored.texts['--help']['110']).not.toBe(stored.texts['--help']['100']);
  });

  test('are stored for the locales in which yargs prints them alike, and only those', () => {
    expect(stored.locales).toEqual(['en_US', 'en', 'en_GB', 'C', 'POSIX']);
    for (const locale of stored.locales)
      expect(live(['run', '--help'], undefined, { LC_ALL: locale }).stdout).toBe(stored.texts['run --help']['100']);
    expect(live(['--help'], undefined, { LANG: 'de_DE.UTF-8' }).stdout).toContain('Optionen:');
  });
});

describe('the CLI', () => {
  // every stored text, which the first test above finds to be dist/'s for every command: the CLI
  // prints, for each command, what dist/ prints (test/bin/bundle.test.ts compared them until s49)
  test('prints them without compiling its script: --help, --version, COMMAND --help for every command', () => {
    for (const key of Object.keys(stored.texts)) {
      const r = cli(BIN, key.split(' '));
      expect(r, key).toEqual({ status: 0, stdout: stored.texts[key]['100'], stderr: '', script: false });
    }
  });

  test("prints them without Node's ES-module loader: the entry requires the bundle's CommonJS twins of bin/stored-help.js and bin/standard-output.ts", () => {
    const file = join(SCRATCH, 'builtins.txt');
    /** Node's own modules the process loaded (test/support/record-builtins.cjs), and its stdout. */
    const loaded = (args: string[]) => {
      const r = spawnSync(process.execPath, ['-r', BUILTINS, ...args], { encoding: 'utf8', env: childEnv({ ETOMSIM_BUILTINS: file }) });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return { stdout: r.stdout, modules: readFileSync(file, 'utf8').split('\n') };
    };
    const ESM_LOADER = 'NativeModule internal/modules/esm/loader';
    // the premise: any ES module sets the loader up, and the list names it
    expect(loaded(['--input-type=module', '-e', '0']).modules).toContain(ESM_LOADER);
    for (const args of [['--help'], ['--version'], ['run', '--help']]) {
      const r = loaded([BIN, ...args]);
      expect(r.stdout).toBe(stored.texts[args.join(' ')]['100']);
      expect(r.modules, args.join(' ')).not.toContain(ESM_LOADER);
    }
  });

  test('prints on a terminal of any width (narrower, at and wider than the cap) what yargs prints there (the width rule of bin/main.ts and bin/stored-help.js alike)', () => {
    for (const columns of [80, 109, 110, 140])
      for (const args of [['--help'], ...(columns === 140 ? [['run', '--help']] : [])]) {
        const r = cli(BIN, args, {}, columns);
        expect({ ...r, script: undefined }, `${args.join(' ')} at ${columns} columns`).toEqual({
          ...live(args, columns),
          script: undefined,
        });
        expect(r.script).toBe(columns < 110);
      }
  });

  test('runs yargs, as always, in another locale, for any other command line, and with ETOMSIM_DEBUG', () => {
    const german = cli(BIN, ['--help'], { LANG: 'de_DE.UTF-8' });
    expect(german).toEqual({ ...live(['--help'], undefined, { LANG: 'de_DE.UTF-8' }), script: true });
    for (const args of [
      ['--help', '--help'],
      ['run', '--help', '--'],
      ['nope', '--help'],
      ['--version', 'run'],
    ]) {
      const r = cli(BIN, args);
      expect(r.script).toBe(true);
      expect({ ...r, script: undefined }).toEqual({ ...live(args, undefined), script: undefined });
    }
    const debug = cli(BIN, ['--help'], { ETOMSIM_DEBUG: '1' });
    expect(debug).toEqual({ status: 0, stdout: stored.texts['--help']['100'], stderr: '', script: true });
  });

  describe('in a copy of the package', () => {
    const copy = copyOfThePackage(join(SCRATCH, 'copy'));
    const bin = join(copy, 'bin/etomsim.cjs');
    const makeTexts = () => {
      const r = spawnSync(process.execPath, [join(ROOT, 'tools/help-texts.mjs'), join(copy, 'dist/cli')], {
        encoding: 'utf8',
        env: childEnv({}),
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    };

    test("runs yargs until texts are made for the copy's own files, then prints them; after its script changes, yargs again", () => {
      const expected = cli(BIN, ['validate', '--help']).stdout;
      expect(cli(bin, ['validate', '--help'])).toEqual({ status: 0, stdout: expected, stderr: '', script: true });
      makeTexts();
      expect(cli(bin, ['validate', '--help'])).toEqual({ status: 0, stdout: expected, stderr: '', script: false });
      // a hard link made to package.json elsewhere, as `cp -al` or pnpm's store make them to node_modules' files, sets
      // its change time and leaves its bytes: the texts still hold (yargs' en.json is read alike)
      const pkg = join(copy, 'package.json');
      const before = statSync(pkg, { bigint: true });
      linkSync(pkg, join(SCRATCH, 'package-linked.json'));
      expect(statSync(pkg, { bigint: true }).ctimeNs).not.toBe(before.ctimeNs);
      expect(cli(bin, ['validate', '--help']).script).toBe(false);
      // its bytes changed, the size and modification time put back as they were: yargs, and the version as now written
      // (written in place, unlike the test's other writes (writtenAnew): the same inode, so that only the bytes tell)
      const text = readFileSync(pkg, 'utf8');
      const version = JSON.parse(text).version as string;
      const other = version.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
      writeFileSync(pkg, text.replace(`"version": "${version}"`, `"version": "${other}"`));
      utimesSync(pkg, before.atime, before.mtime);
      expect(statSync(pkg, { bigint: true }).size).toBe(before.size);
      expect(cli(bin, ['--version'])).toEqual({ status: 0, stdout: `${other}\n`, stderr: '', script: true });
      writtenAnew(pkg, text); // the same bytes again, a new file: stored (a small file is known by its bytes)
      expect(cli(bin, ['--version'])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '', script: false });
      // made by another Node release: yargs (Intl, which measures text, comes with Node)
      const file = join(copy, 'dist/cli', HELP_FILE);
      const made = readFileSync(file, 'utf8');
      expect(made).toContain(`"node":"${process.version}"`);
      writtenAnew(file, made.replace(`"node":"${process.version}"`, '"node":"v20.0.0"'));
      expect(cli(bin, ['validate', '--help'])).toEqual({ status: 0, stdout: expected, stderr: '', script: true });
      writtenAnew(file, made);
      expect(cli(bin, ['validate', '--help']).script).toBe(false);
      const script = join(copy, 'dist/cli/main.cjs');
      const original = readFileSync(script, 'latin1');
      // in place, the same length: the same device, inode and size, so that only its times tell (a new file would be told by its inode)
      expect(original.split('check a scenario file').length).toBe(2);
      writeFileSync(script, original.replace('check a scenario file', 'CHECK a scenario file'), 'latin1');
      expect(cli(bin, ['validate', '--help'])).toEqual({
        status: 0,
        stdout: expected.replace('check a scenario file', 'CHECK a scenario file'),
        stderr: '',
        script: true,
      });
    });
  });
  describe('in a copy of the package whose script was just written', () => {
    const copy = copyOfThePackage(join(SCRATCH, 'just-written'));
    const script = join(copy, 'dist/cli/main.cjs');
    const file = join(copy, 'dist/cli', HELP_FILE);
    const makeTexts = () =>
      spawnSync(process.execPath, [join(ROOT, 'tools/help-texts.mjs'), join(copy, 'dist/cli')], { encoding: 'utf8', env: childEnv({}) });

    test("knows the script by its times only once they are SETTLED_MS old, the code cache's rule; dated further ahead of the clock, stores nothing (s60)", () => {
      // taken within a file system's step of a write (1-2 s on ext3, HFS+, FAT), the times would name a later
      // write of the same size in that step too, whose texts the CLI would print unread: the same wait as the code cache's
      const before = readFileSync(file, 'utf8');
      const ahead = (Date.now() + 3_600_000) / 1000;
      utimesSync(script, ahead, ahead);
      const refused = makeTexts();
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`main.cjs in ${join(copy, 'dist/cli')} is dated more than ${SETTLED_MS} ms ahead of this clock`);
      expect(readFileSync(file, 'utf8')).toBe(before);
      // a second ahead: waited for, then known by those times
      const soon = (Date.now() + SETTLED_MS / 2) / 1000;
      utimesSync(script, soon, soon);
      const made = makeTexts();
      const done = Date.now();
      expect([made.status, made.stderr]).toEqual([0, '']);
      const s = statSync(script, { bigint: true });
      expect((JSON.parse(readFileSync(file, 'utf8')) as Stored).files['main.cjs']).toBe(
        [s.dev, s.ino, s.size, s.mtimeNs, s.ctimeNs].join(':'),
      );
      expect(done - Math.max(Number(s.mtimeNs / 1_000_000n), Number(s.ctimeNs / 1_000_000n))).toBeGreaterThanOrEqual(SETTLED_MS);
    });
  });
  describe('in a copy of the package without the twins', () => {
    const copy = copyOfThePackage(join(SCRATCH, 'no-twins'));
    test("prints through its script, as always, when the bundle's CommonJS twins of the help's modules are missing (an install damaged by hand)", () => {
      const made = spawnSync(process.execPath, [join(ROOT, 'tools/help-texts.mjs'), join(copy, 'dist/cli')], {
        encoding: 'utf8',
        env: childEnv({}),
      });
      expect(made.status).toBe(0);
      const bin = join(copy, 'bin/etomsim.cjs');
      expect(cli(bin, ['--help'])).toEqual({ status: 0, stdout: stored.texts['--help']['100'], stderr: '', script: false });
      for (const twin of ['stored-help.cjs', 'standard-output.cjs']) rmSync(join(copy, 'dist/cli', twin));
      expect(cli(bin, ['--help'])).toEqual({ status: 0, stdout: stored.texts['--help']['100'], stderr: '', script: true });
    });
  });
});

describe('bin/stored-help.js', () => {
  test('takes only the three command lines, and the width bin/main.ts gives yargs', () => {
    expect(['--help', '--version', 'run --help', 'catalog --help'].map((k) => helpKey(k.split(' ')))).toEqual([
      '--help',
      '--version',
      'run --help',
      'catalog --help',
    ]);
    for (const args of [[], ['run'], ['--help', 'run'], ['run', '--help', 'x'], ['-q', '--help'], ['run', '--version'], ['--HELP']])
      expect(helpKey(args)).toBeNull();
    expect([undefined, 80, 100, 109, 110, 200].map(helpWidth)).toEqual([100, 80, 100, 109, 110, 110]);
    const at = (columns: number | undefined) => storedHelp(BUNDLE, ['--help'], { LANG: 'en_US.UTF-8' }, () => columns);
    expect(at(undefined)).toBe(stored.texts['--help']['100']);
    expect(at(140)).toBe(stored.texts['--help']['110']);
    expect(at(80)).toBeNull(); // a narrow terminal: yargs wraps it
    expect(at(109)).toBeNull();
  });

  test('reads the locale as yargs does', () => {
    expect(yargsLocale({})).toBe('en_US');
    expect(yargsLocale({ LANG: 'C.UTF-8' })).toBe('C');
    expect(yargsLocale({ LC_ALL: '', LC_MESSAGES: 'de_DE.UTF-8', LANG: 'en_US.UTF-8' })).toBe('de_DE');
    expect(yargsLocale({ LC_ALL: 'fr_FR@euro', LANG: 'en_US' })).toBe('fr_FR@euro');
    expect(yargsLocale({ LANGUAGE: 'pt_BR:pt' })).toBe('pt_BR');
    expect(storedHelp(BUNDLE, ['--help'], { LANG: 'de_DE.UTF-8' }, () => undefined)).toBeNull();
  });

  test('gives nothing without a file', () => {
    expect(storedHelp(join(SCRATCH, 'nowhere'), ['--help'], {}, () => undefined)).toBeNull();
  });

  test('gives nothing, and never throws, for a file it cannot make sense of or files it cannot read', () => {
    const dir = join(SCRATCH, 'odd');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'plain'), 'not a folder');
    const head = { format: 'etomsim-help/1', node: process.version, arch: process.arch, texts: { '--help': { 100: 'text' } } };
    const files = { 'plain/inside': 'x' }; // a path through a file: ENOTDIR, not ENOENT
    for (const stored of [
      { ...head, files }, // no locales
      { ...head, locales: 'en_US', files }, // not a list
      { ...head, locales: ['en_US'] }, // no files
      { ...head, locales: ['en_US'], files: {} }, // none to check
      { ...head, locales: ['en_US'], files },
      { ...head, locales: ['en_US'], files, texts: { '--help': null } },
      null,
      [],
    ]) {
      writeFileSync(join(dir, HELP_FILE), JSON.stringify(stored));
      expect(
        storedHelp(dir, ['--help'], { LANG: 'en_US' }, () => undefined),
        JSON.stringify(stored),
      ).toBeNull();
    }
  });
});
