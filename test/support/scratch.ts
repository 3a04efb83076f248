// Temporary folders for one test file: all inside one folder of the system's temp dir, removed
// when the file's tests have run, so that no run leaves anything behind (a suite run left a
// dozen folders in /tmp before). Call at a test file's top level: it registers the removal.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A maker of fresh empty folders, each a sub-folder of one `prefix…` folder removed after the file's tests. */
export function scratchFolders(prefix: string): () => string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return () => mkdtempSync(join(root, 'dir-'));
}
