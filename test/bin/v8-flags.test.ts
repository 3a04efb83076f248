// The V8 flags bin/etomsim.js sets for the commands that read one small input (help, version,
// validate, catalog): V8's interrupt budget raised after the script is compiled, so that the
// code cache is still taken and a few milliseconds of work do not start TurboFan compiles; every
// other command keeps V8 as Node starts it. A preload records each call of
// v8.setFlagsFromString (process.getBuiltinModule returns the module it patches).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/etomsim.js');
const FIBER = join(ROOT, 'scenarios/fiber-order-to-activation.yaml');

const SCRATCH = mkdtempSync(join(tmpdir(), 'etomsim-v8-flags-test-'));
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

const PROBE = join(SCRATCH, 'flags-probe.mjs');
writeFileSync(
  PROBE,
  `import v8 from 'node:v8';
import vm from 'node:vm';
const set = v8.setFlagsFromString;
const flags = [];
v8.setFlagsFromString = (flag) => { flags.push(flag); set(flag); };
const scripts = [];
vm.Script = class extends vm.Script {
  constructor(code, options) {
    super(code, options);
    if (/[\\/](main|validate|run)\\.cjs$/.test(String(options?.filename))) scripts.push(this);
  }
};
process.on('exit', () => {
  process.stderr.write('V8-FLAGS ' + JSON.stringify(flags) + '\\n');
  for (const s of scripts) process.stderr.write('VM-SCRIPT rejected=' + s.cachedDataRejected + '\\n');
});
`,
);

/** The CLI run with the probe: its exit status, the flags it set, and whether V8 took the script's cache. */
function flagsOf(args: string[]) {
  const { NODE_OPTIONS: _, ...env } = process.env; // V8 rejects the cache under V8 flags other than the build's
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(PROBE).href, BIN, ...args], { encoding: 'utf8', env });
  const line = (tag: string) =>
    r.stderr
      .split('\n')
      .find((l) => l.startsWith(tag))
      ?.slice(tag.length);
  return { status: r.status, flags: JSON.parse(line('V8-FLAGS ') ?? 'null') as string[] | null, cache: line('VM-SCRIPT ') };
}

const LATER = `--interrupt-budget=${4 * 66 * 1024}`; // four times Node 20's default

describe.runIf(process.versions.node.startsWith('20.'))('V8 flags by command (measured on Node 20)', () => {
  test('help, version, validate and catalog optimise later, with the code cache taken', () => {
    // help and version typed otherwise than the build stored them (bin/stored-help.js): yargs prints them
    for (const args of [
      ['--help', 'run'],
      ['run', '--help', '-q'],
      ['-q', '--version'],
      ['validate', FIBER],
      ['catalog', 'order'],
    ]) {
      expect({ args, ...flagsOf(args) }).toEqual({ args, status: 0, flags: [LATER], cache: 'rejected=false' });
    }
    // as stored: neither the script nor a flag
    for (const args of [['--help'], ['run', '--help'], ['--version']])
      expect({ args, ...flagsOf(args) }).toEqual({ args, status: 0, flags: [], cache: undefined });
  });

  test('a simulating command leaves V8 as it starts, whether it runs or is refused', () => {
    const out = join(SCRATCH, 'out');
    expect(flagsOf(['run', FIBER, '-r', '1', '-w', '1', '--no-report', '-q', '-o', out])).toEqual({
      status: 0,
      flags: [],
      cache: 'rejected=false',
    });
    expect(flagsOf(['bottlenecks', join(SCRATCH, 'missing.yaml')])).toMatchObject({ status: 2, flags: [] });
    // after `--`, `--help` is a scenario file's name (here a missing one: exit 2), not a request for help
    expect(flagsOf(['run', '-r', '1', '-w', '1', '--no-report', '-q', '-o', join(SCRATCH, 'after-dashes'), '--', '--help'])).toMatchObject({
      status: 2,
      flags: [],
    });
  });
});
