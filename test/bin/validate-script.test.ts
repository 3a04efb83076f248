// `etomsim validate FILE`, typed as just that, runs a script of its own, dist/cli/validate.cjs
// (bin/validate-script.ts), which the loader picks before any script is loaded, by its own copy
// of bin/plain-validate.ts' test (bin/load-cli.js' scriptFor): the two must agree on every
// command line, as validate.cjs runs no other; and both scripts print and exit alike for it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { plainValidate } from '../../bin/plain-validate.js';
// @ts-expect-error: a plain ES module of the CLI, without type declarations
import { loadCli, SCRIPT, scriptFor, VALIDATE_SCRIPT } from '../../bin/load-cli.js';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/etomsim.js');
const FIBER = join(ROOT, 'scenarios/fiber-order-to-activation.yaml');
const SCRATCH = mkdtempSync(join(tmpdir(), 'etomsim-validate-script-'));
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: SCRATCH });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('validate.cjs', () => {
  test("the loader's test is bin/plain-validate.ts' on every command line", () => {
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
      ['validate', 'a-'],
      ['run', 'a.yaml'],
      ['Validate', 'a.yaml'],
      ['catalog', 'validate'],
      [],
    ];
    for (const args of lines)
      expect({ args, script: scriptFor(args).script }).toEqual({ args, script: plainValidate(args) === null ? SCRIPT : VALIDATE_SCRIPT });
  });

  test('holds the validate command and what it imports, not the command line (a quarter of main.cjs)', () => {
    const size = (file: string) => statSync(join(ROOT, 'dist/cli', file)).size;
    expect(size(VALIDATE_SCRIPT)).toBeLessThan(size(SCRIPT) / 2);
  });

  test('prints and exits as main.cjs does, for a valid file, an invalid one and one that is missing', () => {
    const bad = join(SCRATCH, 'bad.yaml');
    writeFileSync(bad, 'name: x\nrun: { horizon: 5h, replicatons: 1 }\nresources: { desk: { capacty: 1 } }\n');
    const dir = join(ROOT, 'dist/cli');
    for (const file of [FIBER, bad, join(SCRATCH, 'missing.yaml')]) {
      const viaCli = cli(['validate', file]);
      // main.cjs, given the same command line in this process (its plain route)
      const main = spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { loadCli } from ${JSON.stringify(join(ROOT, 'bin/load-cli.js'))}; process.exitCode = await loadCli(${JSON.stringify(dir)}, false).exports.main(['validate', ${JSON.stringify(file)}]);`,
        ],
        { encoding: 'utf8', cwd: SCRATCH },
      );
      expect(viaCli).toEqual({ status: main.status, stdout: main.stdout, stderr: main.stderr });
    }
    expect(cli(['validate', FIBER]).status).toBe(0);
    expect(cli(['validate', bad]).status).toBe(2);
  });

  test('refuses a command line it does not run (a loader that disagreed would be a bug, not a silent other command)', async () => {
    const { exports } = loadCli(join(ROOT, 'dist/cli'), false, undefined, VALIDATE_SCRIPT);
    await expect(exports.main(['validate', FIBER, '--'])).rejects.toThrow(/runs 'etomsim validate FILE' only/);
  });
});
