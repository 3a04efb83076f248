// A package Node cannot find is told as a damaged install only when an install would mend it:
// one etomsim declares among its dependencies, or one a dependency's own file asked for. One
// etomsim's code asks for but does not declare is a bug, told as one (bin/report-failure.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { declaredDependencies, missingPackage } from '../../bin/report-failure.js';

const ROOT = join(import.meta.dirname, '../..');
const MISSING = 'etomsim-no-such-package';

/** What Node throws for a require() of `name` from a file at `from`. */
function requireError(from: string, name: string): Error {
  try {
    createRequire(from)(name);
  } catch (err) {
    return err as Error;
  }
  throw new Error(`${name} was found`);
}

/** What Node throws for an import of `name` from a file at `from` (the file need not exist: only its folder is searched from). */
async function importError(from: string, name: string): Promise<Error> {
  const dir = mkdtempSync(join(tmpdir(), 'etomsim-missing-'));
  try {
    const file = join(dir, from);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, `import '${name}';\n`);
    await import(pathToFileURL(file).href);
  } catch (err) {
    return err as Error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  throw new Error(`${name} was found`);
}

describe('a package Node cannot find', () => {
  test('one etomsim declares is the install’s, by require() or import, through causes too', async () => {
    const declared = new Set([MISSING]);
    const required = requireError(join(ROOT, 'dist/cli/run.cjs'), MISSING);
    expect((required as { code?: string }).code).toBe('MODULE_NOT_FOUND');
    expect(missingPackage(required, declared)).toBe(MISSING);
    const imported = await importError('dist/bin/main.js', MISSING);
    expect((imported as { code?: string }).code).toBe('ERR_MODULE_NOT_FOUND');
    expect(missingPackage(imported, declared)).toBe(MISSING);
    expect(missingPackage(new Error('a worker failed', { cause: required }), declared)).toBe(MISSING);
  });

  test('one etomsim’s own code asks for but does not declare is a bug, not the install’s', async () => {
    const none = new Set<string>();
    expect(missingPackage(requireError(join(ROOT, 'dist/cli/run.cjs'), MISSING), none)).toBeNull();
    expect(missingPackage(await importError('dist/bin/main.js', MISSING), none)).toBeNull();
  });

  test('one a dependency’s own file asks for is the install’s, declared or not', async () => {
    const none = new Set<string>();
    expect(missingPackage(requireError(join(ROOT, 'node_modules/some-dependency/index.js'), MISSING), none)).toBe(MISSING);
    expect(missingPackage(await importError('node_modules/some-dependency/index.js', MISSING), none)).toBe(MISSING);
  });

  test('a module given by path, and an error of another kind, are no package', () => {
    const declared = new Set([MISSING]);
    expect(missingPackage(requireError(join(ROOT, 'dist/cli/run.cjs'), `./${MISSING}.js`), declared)).toBeNull();
    expect(missingPackage(new Error(`Cannot find module '${MISSING}'`), declared)).toBeNull(); // no code: not Node's
  });

  test('the declared packages are package.json’s dependencies, not its devDependencies; none without a package.json', () => {
    const declared = declaredDependencies(ROOT);
    expect(declared.has('yaml')).toBe(true);
    expect(declared.has('piscina')).toBe(true);
    expect(declared.has('vitest')).toBe(false);
    const empty = mkdtempSync(join(tmpdir(), 'etomsim-no-package-'));
    try {
      expect(declaredDependencies(empty).size).toBe(0);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
