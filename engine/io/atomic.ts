// Output is written so that a failed or interrupted run leaves nothing half-written: every
// file goes to a temporary name in the same folder and is renamed into place only when all
// of them are complete.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type OutputFiles = Map<string, string | Uint8Array>; // relative path -> content

const pending = new Set<string>();

export function writeAtomically(dir: string, files: OutputFiles): void {
  const suffix = `.tmp-${process.pid}-${Date.now()}`;
  const staged: [string, string][] = [];
  try {
    for (const [name, content] of files) {
      const target = join(dir, name);
      mkdirSync(dirname(target), { recursive: true });
      const temp = target + suffix;
      pending.add(temp);
      writeFileSync(temp, content);
      staged.push([temp, target]);
    }
    for (const [temp, target] of staged) {
      renameSync(temp, target);
      pending.delete(temp);
    }
  } finally {
    removePending();
  }
}

/** Remove temporary files of a write that did not finish (also called on Ctrl-C). */
export function removePending(): void {
  for (const temp of pending) rmSync(temp, { force: true });
  pending.clear();
}
