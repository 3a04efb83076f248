// Output folders, written as a unit. A command's result set (any files, in any subfolders)
// is written into a fresh hidden sibling of the output folder and swapped in only when every
// file is complete, so a failed or interrupted run leaves the folder as it was (and no empty
// folder where there was none). A manifest (`.etomsim-manifest.json`) lists the files
// etomsim wrote there, by the kind of output that wrote them (OutputKind), so the next write
// of the same kind removes the stale ones of the earlier and never touches a file etomsim did
// not write, nor one another kind of output wrote: `size --out out` beside a run's results
// adds sizing.json and leaves results.json, the report and the event logs (which `fidelity`
// may be reading) where they are.
//
// Invariants: nothing outside the output folder is modified but the temporary siblings, which
// are removed; a file not in the previous manifest's list for the same kind is never deleted
// or moved (another kind's file is replaced only by a file of the same name); the folder
// itself is swapped by rename only when it holds nothing but etomsim's files and is not the
// current directory (renaming a folder that a shell stands in would strand the shell);
// otherwise each complete file is renamed into place from the staged set, then the stale
// files are deleted.
//
// A process killed outright (SIGKILL, the kernel's out-of-memory killer) runs no clean-up, and its
// staging folder, event logs half-written included, would stay beside the output for ever. Each
// temporary name therefore carries its owner, `etomsim-PLACE-PID-START`: PLACE is eight hex
// digits of this host's name, its boot id and its pid namespace (/proc/sys/kernel/random/boot_id,
// /proc/self/ns/pid), PID the process id and START its start time (/proc/PID/stat's field 22,
// clock ticks since boot; 0 where there is no /proc). The next write to the same place removes
// an entry only when its owner is provably gone: same PLACE (so the same process ids name the
// same processes: not another host, nor a container that shares this host's name but not its
// pids, nor this host before a reboot), and no process of that id, or one that started at
// another time (the id was reused). Any other owner's entry (another PLACE, or a name of an
// older etomsim, without START) is removed only once it is ABANDONED_AGE old (24 h): a
// staging folder lives while a command writes its results, seconds to minutes, never a day.
//
// The swap of a whole folder is two renames, and a process killed between them leaves no
// output folder; the states a kill can leave beside OUT, and what the next write there does
// once the owner is gone (sweepAbandoned, before it looks at OUT):
//   .OUT.OWNER.staging-X            a set being written, or complete but not swapped: removed;
//   OUT and .OUT.OWNER.staging-X.old  swapped, the earlier set not yet removed: removed;
//   .OUT.OWNER.staging-X.old, no OUT  killed between the renames: renamed back to OUT, so the
//                                   earlier set is the folder again (the new one is removed).
// A command that only reads OUT (report, fidelity) in the last state, before any write, finds
// no folder and says so; the earlier set is still there, hidden, for the next write to restore.
import {
  chmodSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { hashString } from '../random/hash.js';

export type OutputFiles = Map<string, string | Uint8Array>; // relative path ('/'-separated) -> content

/** The output folder cannot be made or written: the user's --out is the problem, not the run. */
export class OutputError extends Error {}

/** The list of the files etomsim wrote in an output folder, itself included. */
export const MANIFEST = '.etomsim-manifest.json';

/**
 * What kind of output a write is: a run's results (`run`, `merge`), a sizing (`size`), a
 * bottleneck analysis, a fidelity measurement, a report rebuilt from a results.json or a
 * sizing.json (`report`). Each kind's files in a folder are one result set; the kinds' sets sit
 * side by side. A rebuilt report is a kind of its own so that it replaces the run's report files
 * of the same names and never removes the run's other files (its event logs, which a rerun
 * alone could give back). A run's write replaces the rebuilt report's set too (SUPERSEDES): the
 * report was made from the run's results.json, which the new run replaces, and its files (a
 * board's deck, report.pptx) must not stay beside results they contradict.
 */
export type OutputKind = 'run' | 'size' | 'bottlenecks' | 'fidelity' | 'report';

/** The other kinds whose sets a kind's write makes stale with its own: sets derived from its files. */
const SUPERSEDES: Record<OutputKind, readonly OutputKind[]> = {
  run: ['report'],
  size: [],
  bottlenecks: [],
  fidelity: [],
  report: [],
};

/** The file each kind always writes: what tells the kind of a manifest written before kinds were kept (a report: none). */
const KEY_FILE: Record<OutputKind, string | null> = {
  run: 'results.json',
  size: 'sizing.json',
  bottlenecks: 'bottlenecks.json',
  fidelity: 'fidelity.json',
  report: null,
};

/** Staging folders and temporary files of writes under way, removed on failure and on a stop signal (bin/stop-signals.ts). */
const pending = new Set<string>();

/** What to do about an output that cannot be written: another --out, named as what --out names (s36g F5: a file was a "folder"). */
type OutputIs = 'folder' | 'file';
const advice = (out: OutputIs) => `choose another output ${out} with --out`;
const ADVICE = advice('folder');

/**
 * Fails at once with an OutputError when `dir` could not take the output: it is a file, it or
 * a parent is not a folder, or nothing can be created there (read-only, /proc). Creates
 * nothing that stays; called before a command simulates, so that a bad --out costs no run.
 */
export function checkOutputDir(dir: string): void {
  const path = resolve(dir);
  const existing = statOrNull(path);
  if (existing && !existing.isDirectory()) throw new OutputError(`cannot write to '${dir}': it is a file, not a folder; ${ADVICE}`);
  if (!existing) refuseDanglingLink(dir, path);
  let ancestor = existing ? path : dirname(path);
  for (;;) {
    const st = statOrNull(ancestor);
    if (st?.isDirectory()) break;
    if (st) throw new OutputError(`cannot write to '${dir}': '${ancestor}' is a file, not a folder; ${ADVICE}`);
    refuseDanglingLink(dir, ancestor);
    if (dirname(ancestor) === ancestor) throw new OutputError(`cannot write to '${dir}': no folder on its path exists; ${ADVICE}`);
    ancestor = dirname(ancestor);
  }
  // The folder's parent takes the staging sibling; failing that, the folder itself takes it.
  const places = existing ? [dirname(path), path] : [ancestor];
  let reason = '';
  for (const place of places) {
    try {
      rmdirSync(mkdtempSync(join(place, '.etomsim-check-')));
      return;
    } catch (err) {
      reason ||= errorText(err);
    }
  }
  throw new OutputError(`cannot write to '${dir}' (${reason}); ${ADVICE}`);
}

/** Writes `files` as the output folder's new result set (see the module header). */
export function writeAtomically(dir: string, files: OutputFiles, kind: OutputKind): void {
  const staged = stageOutput(dir, kind);
  try {
    for (const [name, content] of files) staged.write(name, content);
    staged.commit();
  } finally {
    staged.discard();
  }
}

/**
 * A result set being written: `path` is its staging folder, for writers that stream into
 * files of their own (record each with `add`); `commit` swaps it in; `discard` (a no-op after
 * `commit`) removes it.
 */
export interface StagedOutput {
  readonly path: string;
  write(name: string, content: string | Uint8Array): void;
  /** Declares a file written into `path` by other means. */
  add(name: string): void;
  /**
   * Runs a writer that streams files of its own into `path` (the event logs): a system error of
   * its writes (the disk full, a quota) is told as `write`'s are, as an OutputError (exit 2),
   * where it had been an internal error; any other error (a replication stopped) is its own.
   */
  streaming<T>(writer: () => Promise<T>): Promise<T>;
  commit(): void;
  discard(): void;
}

export function stageOutput(dir: string, kind: OutputKind): StagedOutput {
  const target = resolve(dir);
  sweepAbandoned(dirname(target)); // first: it may put back the folder a killed swap had set aside
  const existing = statOrNull(target);
  if (existing && !existing.isDirectory()) throw new OutputError(`cannot write to '${dir}': it is a file, not a folder; ${ADVICE}`);
  if (!existing) refuseDanglingLink(dir, target);
  const created = existing ? [] : ensureFolder(dir, dirname(target));
  if (existing) sweepAbandoned(target);
  const staging = makeStaging(dir, target, existing !== null);
  pending.add(staging);
  const names = new Set<string>();
  let done = false;
  const own = (name: string) => {
    const path = checkedName(name);
    names.add(path);
    return join(staging, ...path.split('/'));
  };
  return {
    path: staging,
    write(name, content) {
      const file = own(name);
      attempt(dir, () => {
        mkdirSync(dirname(file), { recursive: true }); // inside our own fresh folder: no /proc here
        writeFileSync(file, content);
      });
    },
    add(name) {
      own(name);
    },
    async streaming(writer) {
      try {
        return await writer();
      } catch (err) {
        // a system error of Node's fs carries the call that failed (write, open, mkdir...)
        if (err instanceof Error && typeof (err as NodeJS.ErrnoException).syscall === 'string')
          throw new OutputError(`cannot write '${dir}' (${errorText(err)}); ${ADVICE}`);
        throw err;
      }
    },
    commit() {
      const list = [...names].sort();
      const previous = readManifest(target, kind);
      for (const derived of SUPERSEDES[kind]) {
        for (const f of previous.others.get(derived) ?? []) previous.own.add(f); // stale with this kind's own
        previous.others.delete(derived);
      }
      // A Map, not an object: a kind read from the file may be named '__proto__'.
      const kinds = new Map<string, string[]>([[kind, list]]);
      for (const [other, files] of previous.others) {
        const kept = files.filter((f) => !names.has(f)); // a file of the same name is this kind's now
        if (kept.length > 0) kinds.set(other, kept);
      }
      const order = [...kinds.keys()].sort();
      const all = [...new Set([...kinds.values()].flat())].sort();
      const manifest = { written_by: 'etomsim', files: all, kinds: Object.fromEntries(order.map((k) => [k, kinds.get(k)])) };
      attempt(dir, () => writeFileSync(join(staging, MANIFEST), JSON.stringify(manifest, null, 2) + '\n'));
      attempt(dir, () => swapIn(target, staging, new Set([...list, MANIFEST]), previous));
      done = true;
      pending.delete(staging);
    },
    discard() {
      if (done) return;
      rmSync(staging, { recursive: true, force: true });
      pending.delete(staging);
      for (const folder of created.reverse()) removeIfEmpty(folder);
    },
  };
}

/**
 * Refuses, before any work, a single-file --out that is the command's input file (the same
 * file by any path: a symlink or a hard link too): `discover log.csv --out log.csv` would
 * replace the log, the only copy of it perhaps, with the scenario. An input of '-' (stdin)
 * is no file.
 */
export function refuseOutputOverInput(out: string, input: string): void {
  if (input === '-') return;
  const a = statOrNull(resolve(out));
  const b = statOrNull(resolve(input));
  if (a !== null && b !== null && a.dev === b.dev && a.ino === b.ino) {
    throw new OutputError(`cannot write to '${out}': it is the input file '${input}', which writing would replace; choose another --out`);
  }
}

/**
 * Writes one file (not a result set) by a temporary name and a rename, e.g. a discovered
 * scenario; `out` is what --out names, the file itself or (a shard's) the folder it goes in.
 */
export function writeFileAtomically(file: string, content: string | Uint8Array, out: OutputIs = 'file'): void {
  const target = resolve(file);
  if (statOrNull(target)?.isDirectory()) throw new OutputError(`cannot write to '${file}': it is a folder, not a file; ${advice(out)}`);
  const created = ensureFolder(file, dirname(target), out);
  sweepAbandoned(dirname(target));
  const temp = join(dirname(target), `.${basename(target)}.${thisOwner()}.tmp-${Date.now()}`);
  pending.add(temp);
  try {
    attempt(file, () => writeFileSync(temp, content), out);
    attempt(file, () => renameSync(temp, target), out);
  } catch (err) {
    for (const folder of created.reverse()) removeIfEmpty(folder);
    throw err;
  } finally {
    rmSync(temp, { force: true });
    pending.delete(temp);
  }
}

/**
 * Removes the staging folders and temporary files of writes that did not finish (on a stop
 * signal). They stay listed until their write ends, so that a second call, as the process exits,
 * removes a folder that a stream still writing made again meanwhile.
 */
export function removePending(): void {
  for (const path of pending) rmSync(path, { recursive: true, force: true });
}

/**
 * The owner part of a temporary name: `etomsim-PLACE-PID-START` (see the module header). START
 * is read from /proc for a process of this PLACE; 0 where it cannot be read.
 */
export function ownerTag(pid: number, start: number = startTime(pid) ?? 0): string {
  return `etomsim-${thisPlace()}-${pid}-${start}`;
}

/** An entry of another owner than one provably gone is removed only once this old (its mtime). */
export const ABANDONED_AGE_MS = 24 * 3600 * 1000;

/** The first line of a file, or '' when it cannot be read (no /proc: another system). */
function firstLine(path: string): string {
  try {
    return readFileSync(path, 'utf8').split('\n')[0] ?? '';
  } catch {
    return '';
  }
}

/** Where process ids name the same processes: this host, this boot, this pid namespace (eight hex digits). */
function placeTag(): string {
  let namespace = '';
  try {
    namespace = readlinkSync('/proc/self/ns/pid');
  } catch {
    // no /proc: the host's name alone
  }
  const place = `${process.getBuiltinModule('node:os').hostname()}\n${firstLine('/proc/sys/kernel/random/boot_id')}\n${namespace}`;
  return hashString(place).toString(16).padStart(8, '0');
}

/** A process's start time in clock ticks since boot (/proc/PID/stat's field 22), or null where it cannot be read. */
function startTime(pid: number): number | null {
  const stat = firstLine(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // the command's name may hold spaces and ')'
  const start = Number(fields[19]); // field 22; fields[0] is field 3
  return stat !== '' && Number.isSafeInteger(start) ? start : null;
}

/**
 * This process's PLACE and OWNER (the module header), read as a write first needs them: a command
 * that writes nothing (`validate`, whose errors import OutputError from here) reads neither /proc
 * nor the host's name, nor loads node:os (Node's own table, not an import: the bundled scripts
 * require their imports as they start), about 2 M instructions (docs/performance-notes.md, session 41).
 */
let ownPlace: string | undefined;
let ownTag: string | undefined;
const thisPlace = (): string => (ownPlace ??= placeTag());
const thisOwner = (): string => (ownTag ??= ownerTag(process.pid));
/** A temporary name: hidden, the owner after a '.' (or first), then what it is; START absent in an older etomsim's names. */
const OWNED = /^\.(?:.*\.)?etomsim-([0-9a-f]{8})-([1-9][0-9]*)(?:-([0-9]+))?\.(?:staging-|tmp-)/;
/** An output folder set aside by a swap (swapIn): `.NAME.OWNER.staging-XXXXXX.old`, NAME the folder's. */
const SET_ASIDE = /^\.(.+)\.etomsim-[0-9a-f]{8}-[1-9][0-9]*(?:-[0-9]+)?\.staging-[0-9a-z]{6}\.old$/;

/**
 * Removes the temporary entries in `folder` (staging folders, their `.old` twins, temporary
 * files) whose owner is gone, or that are older than ABANDONED_AGE_MS (see the module header).
 * A folder that cannot be listed or an entry that cannot be removed is left as it is: the sweep
 * never fails a write.
 */
function sweepAbandoned(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    const owner = OWNED.exec(name);
    if (owner === null) continue;
    const path = join(folder, name);
    const gone =
      owner[1] === thisPlace() && owner[3] !== undefined
        ? ownerGone(Number(owner[2]), Number(owner[3]))
        : now - (lstatOrNull(path)?.mtimeMs ?? now) > ABANDONED_AGE_MS;
    if (!gone) continue;
    try {
      const aside = SET_ASIDE.exec(name);
      if (aside !== null && lstatOrNull(join(folder, aside[1] as string)) === null) {
        renameSync(path, join(folder, aside[1] as string)); // killed between the swap's renames: the earlier set comes back
        continue;
      }
      rmSync(path, { recursive: true, force: true });
    } catch {
      // another user's file or a read-only folder: left
    }
  }
}

/**
 * Whether the process of this id and start time (0: not known) is no more, in this PLACE: no
 * process of the id (signal 0 tests without sending; EPERM: it exists, another user's), or one
 * that started at another time.
 */
function ownerGone(pid: number, start: number): boolean {
  if (pid === process.pid) return start !== 0 && start !== startTime(pid);
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
  if (start === 0) return false;
  const now = startTime(pid);
  return now !== null && now !== start;
}

/**
 * A fresh hidden sibling of the target; inside the target when its parent takes no new entry.
 * Made by mkdir, not mkdtemp: mkdtemp's folders are 0700 whatever the umask, and the staging
 * folder becomes the output folder, which others (a colleague of the group, a web server, a CI
 * step) must be able to read as they read any folder the user makes. An existing output
 * folder's own mode is kept: swapIn gives it to the folder that replaces it.
 */
function makeStaging(dir: string, target: string, exists: boolean): string {
  const prefix = `.${basename(target) || 'out'}.${thisOwner()}.staging-`;
  try {
    return freshFolder(join(dirname(target), prefix));
  } catch (err) {
    if (!exists) throw new OutputError(`cannot write to '${dir}' (${errorText(err)}); ${ADVICE}`);
    try {
      return freshFolder(join(target, `.${thisOwner()}.staging-`)); // placed file by file: the target keeps its own mode
    } catch {
      throw new OutputError(`cannot write to '${dir}' (${errorText(err)}); ${ADVICE}`);
    }
  }
}

/** mkdir of `prefix` and six random characters, as mkdtemp names them, with the umask's mode. */
function freshFolder(prefix: string): string {
  for (;;) {
    const path = prefix + Math.random().toString(36).slice(2, 8).padEnd(6, '0');
    try {
      mkdirSync(path);
      return path;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/** A relative path inside the output folder: no absolute path, no '..', not the manifest. */
function checkedName(name: string): string {
  const parts = name.split(/[\\/]/);
  if (name === '' || name.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..') || name === MANIFEST) {
    throw new Error(`output file name '${name}' is not a plain relative path`);
  }
  return parts.join('/');
}

function swapIn(target: string, staging: string, files: Set<string>, previous: PreviousManifest): void {
  const st = lstatOrNull(target);
  if (st === null) {
    renameSync(staging, target);
    return;
  }
  if (
    st.isDirectory() &&
    previous.others.size === 0 &&
    !holdsCwd(target) &&
    onlyEtomsimFiles(target, '', previous.own) &&
    !staging.startsWith(target + sep)
  ) {
    // the replaced folder's mode, set once every file is written (a 0555 folder's mode set first would refuse them)
    try {
      chmodSync(staging, st.mode & 0o7777);
    } catch {
      // a mode this user may not set (a setgid bit of another group): the umask's stays
    }
    const old = `${staging}.old`;
    renameSync(target, old);
    try {
      renameSync(staging, target);
    } catch (err) {
      renameSync(old, target);
      throw err;
    }
    rmSync(old, { recursive: true, force: true });
    return;
  }
  // Foreign files, a symlink or the current directory: place each complete file, then drop the
  // stale ones; first make sure that no file of the user's stands where a folder must go.
  for (const name of files) {
    const parts = name.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const st = statOrNull(join(target, ...parts.slice(0, i)));
      if (st !== null && (i < parts.length ? !st.isDirectory() : st.isDirectory())) {
        throw new Error(`'${join(target, ...parts.slice(0, i))}' is in the way of '${name}'`);
      }
    }
  }
  for (const name of [...files].filter((f) => f !== MANIFEST).concat(MANIFEST)) {
    const from = join(staging, ...name.split('/'));
    const to = join(target, ...name.split('/'));
    mkdirSync(dirname(to), { recursive: true });
    moveFile(from, to);
  }
  for (const name of previous.own) {
    if (files.has(name)) continue;
    const path = join(target, ...name.split('/'));
    if (lstatOrNull(path)?.isFile()) rmSync(path, { force: true });
    for (let folder = dirname(path); folder.startsWith(target + sep); folder = dirname(folder)) removeIfEmpty(folder);
  }
  rmSync(staging, { recursive: true, force: true });
}

/** Across file systems (a mount point as --out) a rename fails: copy beside the target, then rename. */
function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    const temp = join(dirname(to), `.${basename(to)}.${thisOwner()}.tmp-${Date.now()}`);
    pending.add(temp);
    copyFileSync(from, temp);
    renameSync(temp, to);
    pending.delete(temp);
  }
}

/** What the folder's manifest lists: the files of the kind being written, and the other kinds' files. */
interface PreviousManifest {
  own: Set<string>;
  others: Map<string, string[]>;
}

/**
 * The files the previous writes listed, the given kind's apart; none when there is no manifest
 * or it is not ours. A manifest of an older etomsim lists one set without its kind, and the
 * previous one kept that set under the kind `unknown` where no write claimed it: either is the
 * set of the kind whose KEY_FILE it lists (an older report rebuilt beside its results.json
 * listed that too), or else a rebuilt report's, the one kind without a key file; so it goes
 * when that kind's next write makes it stale, not never. A kind of another name (a newer
 * etomsim's) is kept as it is.
 */
function readManifest(target: string, kind: OutputKind): PreviousManifest {
  let data: { written_by?: unknown; files?: unknown; kinds?: unknown };
  try {
    data = JSON.parse(readFileSync(join(target, MANIFEST), 'utf8'));
  } catch {
    return { own: new Set(), others: new Map() };
  }
  if (data === null || typeof data !== 'object' || data.written_by !== 'etomsim') return { own: new Set(), others: new Map() };
  const sets = new Map<string, string[]>(); // a Map: a kind read from the file may be named '__proto__'
  const addSet = (name: string, listed: string[]) => sets.set(name, [...(sets.get(name) ?? []), ...listed]);
  const kinds = data.kinds;
  // a manifest with `kinds` lists every kind's files in `files` too: with `kinds` damaged, that
  // union is no one kind's set, and read as one it would delete the other kinds' files as stale
  if (Object.hasOwn(data, 'kinds') && (kinds === null || typeof kinds !== 'object' || Array.isArray(kinds)))
    return { own: new Set(), others: new Map() };
  if (kinds !== null && typeof kinds === 'object' && !Array.isArray(kinds)) {
    for (const [name, files] of Object.entries(kinds)) {
      const listed = plainNames(files);
      addSet(name === UNCLAIMED ? kindOfSet(listed) : name, listed);
    }
  } else {
    const listed = plainNames(data.files);
    addSet(kindOfSet(listed), listed);
  }
  const own = new Set(sets.get(kind) ?? []);
  sets.delete(kind);
  const others = new Map([...sets].filter(([, listed]) => listed.length > 0).map(([name, listed]) => [name, [...new Set(listed)].sort()]));
  return { own, others };
}

/** The kind under which an earlier etomsim kept an older manifest's set that no write claimed (kept for ever then). */
const UNCLAIMED = 'unknown';

/** The kind of a set listed without one: the kind whose KEY_FILE it lists, or a report's (see readManifest). */
function kindOfSet(listed: string[]): OutputKind {
  for (const [kind, key] of Object.entries(KEY_FILE) as [OutputKind, string | null][])
    if (key !== null && listed.includes(key)) return kind;
  return 'report';
}

/** The entries of a manifest's list that are plain relative paths (anything else is ignored). */
function plainNames(files: unknown): string[] {
  if (!Array.isArray(files)) return [];
  return files
    .filter((f): f is string => typeof f === 'string')
    .map((f) => {
      try {
        return checkedName(f);
      } catch {
        return '';
      }
    })
    .filter((f) => f !== '');
}

/** Every entry under the folder is a file of the manifest (or the manifest), or a folder of such. */
function onlyEtomsimFiles(folder: string, prefix: string, manifest: Set<string>): boolean {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const name = prefix + entry.name;
    if (entry.isDirectory()) {
      if (!onlyEtomsimFiles(join(folder, entry.name), `${name}/`, manifest)) return false;
    } else if (name !== MANIFEST && !(entry.isFile() && manifest.has(name))) return false;
  }
  return true;
}

function holdsCwd(target: string): boolean {
  const rel = relative(target, process.cwd());
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep));
}

/**
 * mkdir -p, one level at a time: Node 20's recursive mkdirSync spins for ever where the
 * parent exists but refuses new entries (under /proc, for one). Returns the folders it made.
 */
function ensureFolder(what: string, dir: string, out: OutputIs = 'folder'): string[] {
  const existing = statOrNull(dir);
  if (existing?.isDirectory()) return [];
  if (existing) throw new OutputError(`cannot write to '${what}': '${dir}' is a file, not a folder; ${advice(out)}`);
  refuseDanglingLink(what, dir, out);
  const parent = dirname(dir);
  const made = parent !== dir ? ensureFolder(what, parent, out) : [];
  try {
    mkdirSync(dir);
  } catch (err) {
    for (const folder of made.reverse()) removeIfEmpty(folder);
    throw new OutputError(`cannot write to '${what}' (${errorText(err)}); ${advice(out)}`);
  }
  return [...made, dir];
}

/**
 * Refuses a path that is a symbolic link to nothing (its target missing, or a loop): a folder
 * cannot be made there, and making the link's target instead would write where the user did
 * not name. `path` does not resolve (statOrNull gave null).
 */
function refuseDanglingLink(what: string, path: string, out: OutputIs = 'folder'): void {
  if (!lstatOrNull(path)?.isSymbolicLink()) return;
  let to = '?';
  try {
    to = readlinkSync(path);
  } catch {
    // gone meanwhile: still no folder there
  }
  const where = path === resolve(what) ? 'it' : `'${path}'`;
  throw new OutputError(`cannot write to '${what}': ${where} is a symbolic link to '${to}', which does not exist; ${advice(out)}`);
}

function removeIfEmpty(folder: string): void {
  try {
    rmdirSync(folder);
  } catch {
    // not empty (or gone): it stays
  }
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function attempt(path: string, write: () => void, out: OutputIs = 'folder'): void {
  try {
    write();
  } catch (err) {
    if (err instanceof OutputError) throw err;
    throw new OutputError(`cannot write '${path}' (${errorText(err)}); ${advice(out)}`);
  }
}
