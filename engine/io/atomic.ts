// Output is written so that a failed or interrupted run leaves nothing half-written: every
// file goes to a temporary name in the same folder and is renamed into place only when all
// of them are complete.
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export type OutputFiles = Map<string, string | Uint8Array>; // relative path -> content

/**
 * A file too large to hold in memory (an event log), written in pieces under a temporary
 * name from `stage` and renamed into place with the rest of the output.
 */
export class StagedFile {
  constructor(readonly path: string) {}
}

/** The output folder cannot be made or written: the user's --out is the problem, not the run. */
export class OutputError extends Error {}

const pending = new Set<string>();

/** `files`, and the files already written under temporary names (`stage`), all renamed into place together. */
export function writeAtomically(dir: string, files: OutputFiles, written: ReadonlyMap<string, StagedFile> = new Map()): void {
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
    for (const [name, file] of written) staged.push([file.path, join(dir, name)]);
    for (const [temp, target] of staged) {
      attempt(target, () => renameSync(temp, target));
      pending.delete(temp);
    }
  } finally {
    removePending();
  }
}

/** A temporary file next to where `name` goes under `dir`; removed like the others if the output is not completed. */
export function stage(dir: string, name: string): StagedFile {
  const target = join(dir, name);
  ensureFolder(dirname(target));
  const temp = `${target}.tmp-${process.pid}-${Date.now()}`;
  pending.add(temp);
  return new StagedFile(temp);
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
