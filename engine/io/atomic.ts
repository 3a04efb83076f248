// Output is written so that a failed or interrupted run leaves nothing half-written: every
// file goes to a temporary name in the same folder and is renamed into place only when all
// of them are complete.
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export type OutputFiles = Map<string, string | Uint8Array>; // relative path -> content

/** The output folder cannot be made or written: the user's --out is the problem, not the run. */
export class OutputError extends Error {}

const pending = new Set<string>();

export function writeAtomically(dir: string, files: OutputFiles): void {
  const suffix = `.tmp-${process.pid}-${Date.now()}`;
  const staged: [string, string][] = [];
  try {
    for (const [name, content] of files) {
      const target = join(dir, name);
      ensureFolder(dirname(target));
      const temp = target + suffix;
      pending.add(temp);
      attempt(target, () => writeFileSync(temp, content));
      staged.push([temp, target]);
    }
    for (const [temp, target] of staged) {
      attempt(target, () => renameSync(temp, target));
      pending.delete(temp);
    }
  } finally {
    removePending();
  }
}

/**
 * mkdir -p, one level at a time: Node 20's recursive mkdirSync spins for ever where the
 * parent exists but refuses new entries (under /proc, for one).
 */
function ensureFolder(dir: string): void {
  const path = resolve(dir);
  const existing = statOrNull(path);
  if (existing?.isDirectory()) return;
  if (existing) throw new OutputError(`cannot write to '${dir}': it is a file, not a folder`);
  const parent = dirname(path);
  if (parent !== path) ensureFolder(parent);
  attempt(dir, () => mkdirSync(path));
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function attempt(path: string, write: () => void): void {
  try {
    write();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new OutputError(`cannot write '${path}' (${reason}); choose another output folder with --out`);
  }
}

/** Remove temporary files of a write that did not finish (also called on Ctrl-C). */
export function removePending(): void {
  for (const temp of pending) rmSync(temp, { force: true });
  pending.clear();
}
