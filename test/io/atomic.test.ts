// Output folders written as a unit: a fresh sibling swapped in, stale files of an earlier
// write removed, files etomsim did not write kept, nothing left behind by a failure, and a
// bad --out refused before any work (issue 11, output points).
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  ABANDONED_AGE_MS,
  checkOutputDir,
  MANIFEST,
  OutputError,
  type OutputKind,
  ownerTag,
  removePending,
  stageOutput,
  writeAtomically,
  writeFileAtomically,
} from '../../engine/io/atomic.js';
import { FileSink } from '../../engine/interchange/file-sink.js';
import { literally } from '../support/reg-exp.js';
import { scratchFolders } from '../support/scratch.js';

const tmp = scratchFolders('etomsim-atomic-');
const files = (entries: Record<string, string>) => new Map(Object.entries(entries));
const listing = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();

describe('writing an output folder', () => {
  test('a new folder (and its missing parents) appears with every file and its manifest, and nothing else beside it', () => {
    const root = tmp();
    const out = join(root, 'a', 'b', 'out');
    writeAtomically(out, files({ 'results.json': '{}', 'charts/x.svg': '<svg/>', 'events/2/log.csv': 'a,b\n' }), 'run');
    expect(listing(out)).toEqual([MANIFEST, 'charts/x.svg', 'events/2/log.csv', 'results.json']);
    expect(JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')).files).toEqual(['charts/x.svg', 'events/2/log.csv', 'results.json']);
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['out']);
  });

  test('a folder of etomsim files alone is swapped as a unit; stale files of the earlier write go', () => {
    const root = tmp();
    const out = join(root, 'out');
    writeAtomically(out, files({ 'results.json': 'old', 'sizing.json': 'old', 'charts/old.svg': 'old' }), 'run');
    const before = statSync(out).ino;
    writeAtomically(out, files({ 'results.json': 'new', 'charts/new.svg': 'new' }), 'run');
    expect(listing(out)).toEqual([MANIFEST, 'charts/new.svg', 'results.json']);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('new');
    expect(statSync(out).ino).not.toBe(before); // a new folder took the old one's place
    expect(readdirSync(root)).toEqual(['out']);
  });

  test('files etomsim did not write are never deleted; its own stale ones are, with the folders they emptied', () => {
    const root = tmp();
    const out = join(root, 'out');
    writeAtomically(out, files({ 'results.json': 'old', 'sizing.json': 'old', 'charts/old.svg': 'old', 'notes/old.md': 'old' }), 'run');
    writeFileSync(join(out, 'my-notes.txt'), 'mine');
    writeFileSync(join(out, 'charts', 'my-chart.svg'), 'mine');
    mkdirSync(join(out, 'mine', 'deep'), { recursive: true });
    writeFileSync(join(out, 'mine', 'deep', 'f'), 'mine');
    writeAtomically(out, files({ 'results.json': 'new', 'charts/new.svg': 'new' }), 'run');
    expect(listing(out)).toEqual([MANIFEST, 'charts/my-chart.svg', 'charts/new.svg', 'mine/deep/f', 'my-notes.txt', 'results.json']);
    expect(existsSync(join(out, 'notes'))).toBe(false);
    expect(readFileSync(join(out, 'my-notes.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(root)).toEqual(['out']);
  });

  test('a folder without a manifest (written by hand, or by an older etomsim): nothing in it is deleted', () => {
    const out = tmp();
    writeFileSync(join(out, 'sizing.json'), 'kept');
    writeAtomically(out, files({ 'results.json': 'new' }), 'run');
    expect(listing(out)).toEqual([MANIFEST, 'results.json', 'sizing.json']);
  });

  test('the current directory is written in place, never renamed away from under the shell', () => {
    const out = tmp();
    const cwd = process.cwd();
    process.chdir(out);
    try {
      writeAtomically(out, files({ 'results.json': 'one' }), 'run');
      const before = statSync(out).ino;
      writeAtomically('.', files({ 'results.json': 'two', 'report.html': 'x' }), 'run');
      expect(statSync(out).ino).toBe(before);
      expect(listing(out)).toEqual([MANIFEST, 'report.html', 'results.json']);
      expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('two');
    } finally {
      process.chdir(cwd);
    }
  });

  test('a write that fails leaves the folder as it was, and no empty folder where there was none', () => {
    const root = tmp();
    expect(() => writeAtomically(join(root, 'x', 'out'), files({ 'ok.txt': 'a', '../escape.txt': 'b' }), 'run')).toThrow(
      /not a plain relative path/,
    );
    expect(readdirSync(root)).toEqual([]);
    const out = join(root, 'out');
    writeAtomically(out, files({ 'results.json': 'old' }), 'run');
    writeFileSync(join(out, 'charts'), 'a file of the user where a folder must go');
    expect(() => writeAtomically(out, files({ 'results.json': 'new', 'charts/a.svg': 'x' }), 'run')).toThrow(OutputError);
    expect(listing(out)).toEqual([MANIFEST, 'charts', 'results.json']);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('old');
    expect(readdirSync(root)).toEqual(['out']);
  });

  test('a staged write that is interrupted (Ctrl-C) leaves nothing behind', () => {
    const root = tmp();
    const staged = stageOutput(join(root, 'out'), 'run');
    staged.write('results.json', '{}');
    writeFileSync(join(staged.path, 'streamed.csv'), 'a\n'); // a writer that streams into the staging folder
    staged.add('streamed.csv');
    removePending();
    expect(readdirSync(root)).toEqual([]);
  });

  test('streamed files join the set when declared', () => {
    const root = tmp();
    const staged = stageOutput(join(root, 'out'), 'run');
    mkdirSync(join(staged.path, 'events'));
    writeFileSync(join(staged.path, 'events', 'log.csv'), 'a\n');
    staged.add('events/log.csv');
    staged.commit();
    staged.discard();
    expect(listing(join(root, 'out'))).toEqual([MANIFEST, 'events/log.csv']);
  });

  // /dev/full takes every write with ENOSPC: a disk that fills while the event logs stream (run --event-log)
  test.runIf(existsSync('/dev/full'))(
    'a streaming writer out of disk space: OutputError naming the folder (exit 2), nothing left behind',
    async () => {
      const root = tmp();
      const out = join(root, 'out');
      const staged = stageOutput(out, 'run');
      const filling = staged.streaming(async () => {
        const sink = new FileSink('/dev/full');
        sink.write('case_id,activity\n');
        sink.close();
      });
      await expect(filling).rejects.toThrow(OutputError);
      await expect(filling).rejects.toThrow(
        `cannot write '${out}' (ENOSPC: no space left on device, write); choose another output folder with --out`,
      );
      staged.discard();
      expect(readdirSync(root)).toEqual([]);
    },
  );

  test("a streaming writer's own error (a replication stopped, a bug) is not told as the folder's", async () => {
    const staged = stageOutput(join(tmp(), 'out'), 'run');
    const stopped = new Error('the clock stood still');
    await expect(staged.streaming(() => Promise.reject(stopped))).rejects.toBe(stopped);
    staged.discard();
  });
});

describe('checking --out before the run', () => {
  test('an existing file, a path under /proc, a path through a file: OutputError at once, nothing created', () => {
    const root = tmp();
    const file = join(root, 'file');
    writeFileSync(file, 'x');
    expect(() => checkOutputDir(file)).toThrow(/it is a file, not a folder/);
    expect(() => checkOutputDir(join(file, 'out'))).toThrow(/is a file, not a folder/);
    expect(() => checkOutputDir('/proc/etomsim-out')).toThrow(OutputError);
    expect(() => checkOutputDir('/proc/self/etomsim/out')).toThrow(OutputError);
    checkOutputDir(join(root, 'new', 'out'));
    checkOutputDir(root);
    expect(readdirSync(root)).toEqual(['file']);
  });

  test('a symbolic link to nothing, as --out or on its path: OutputError at once, from the check and from the write; nothing created, the link kept', () => {
    const root = tmp();
    const link = join(root, 'link');
    symlinkSync(join(root, 'nowhere'), link);
    symlinkSync('loop', join(root, 'loop'));
    for (const out of [link, join(link, 'out'), join(root, 'loop')]) {
      expect(() => checkOutputDir(out)).toThrow(/is a symbolic link to '.+', which does not exist; choose another output folder/);
      expect(() => writeAtomically(out, files({ 'results.json': '{}' }), 'run')).toThrow(
        /is a symbolic link to '.+', which does not exist/,
      );
    }
    expect(() => writeFileAtomically(join(link, 'scenario.yaml'), 'name: x\n')).toThrow(
      /is a symbolic link to '.+', which does not exist; choose another output file with --out$/,
    );
    expect(readdirSync(root).sort()).toEqual(['link', 'loop']);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  test("a lone file (discover, import-bpmn, export-bpmn: --out names the file) is called a file in the advice (s36g F5); a shard's folder a folder", () => {
    const root = tmp();
    const plain = join(root, 'plain');
    writeFileSync(plain, 'x');
    // a system error of the write (ENOSPC on a full disk is one; /proc takes no new file) and the path's own faults
    for (const [file, fault] of [
      ['/proc/etomsim-scenario.yaml', /\(E[A-Z]+: .+\)/],
      [join(plain, 'scenario.yaml'), /is a file, not a folder/],
      // what was given and what is wanted, as `run` says of a file named for its folder
      [root, new RegExp(`^cannot write to '${literally(root)}': it is a folder, not a file;`)],
    ] as const) {
      expect(() => writeFileAtomically(file, 'name: x\n')).toThrow(fault);
      expect(() => writeFileAtomically(file, 'name: x\n')).toThrow(/; choose another output file with --out$/);
    }
    expect(() => writeFileAtomically(join(plain, 'shard-1-of-2.json'), '{}', 'folder')).toThrow(
      /; choose another output folder with --out$/,
    );
    expect(readdirSync(root)).toEqual(['plain']);
  });

  test.skipIf(process.getuid?.() === 0)('a folder the user may not write to', () => {
    const root = tmp();
    const locked = join(root, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    expect(() => checkOutputDir(join(locked, 'out'))).toThrow(OutputError);
  });
});

describe('what a killed process left', () => {
  // A process that has exited: its id names no process here (ids are not reused within the test).
  const goneProcess = () => spawnSync(process.execPath, ['-e', '0']).pid as number;

  test("a dead process's staging folder, its .old twin and a temporary file are removed by the next write beside them; a live one's and another host's stay", () => {
    const root = tmp();
    const out = join(root, 'out');
    const dead = ownerTag(goneProcess());
    const abandoned = [`.out.${dead}.staging-ab12cd`, `.out.${dead}.staging-ab12cd.old`, `.scenario.yaml.${dead}.tmp-1700000000000`];
    const kept = [`.out.${ownerTag(process.ppid)}.staging-ef34gh`, '.out.etomsim-00000000-1.staging-ij56kl', 'notes.etomsim-x.txt'];
    for (const name of [...abandoned, ...kept]) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'events.csv'), 'a\n');
    }
    writeAtomically(out, files({ 'results.json': '{}' }), 'run');
    expect(readdirSync(root).sort()).toEqual([...kept, 'out'].sort());
  });

  test("this process's own staging is kept; a live process's id with another start time (the id reused) is not its owner's", () => {
    const root = tmp();
    const mine = `.out.${ownerTag(process.pid)}.staging-qr12st`;
    const [, place, pid, start] = ownerTag(process.ppid).split('-'); // etomsim-PLACE-PID-START
    expect(Number(start)).toBeGreaterThan(0); // read from /proc
    const reused = `.out.etomsim-${place}-${pid}-${Number(start) + 1}.staging-uv34wx`;
    for (const name of [mine, reused]) mkdirSync(join(root, name));
    writeAtomically(join(root, 'out'), files({ 'results.json': '{}' }), 'run');
    expect(readdirSync(root).sort()).toEqual([mine, 'out'].sort());
  });

  test("another place's staging (another host, boot or pid namespace, same process id) and an older etomsim's name stay until a day old", () => {
    const root = tmp();
    const here = ownerTag(process.pid);
    const place = here.split('-')[1] as string;
    const elsewhere = here.replace(place, ((Number.parseInt(place, 16) ^ 1) >>> 0).toString(16).padStart(8, '0'));
    const names = [`.out.${elsewhere}.staging-yz56ab`, `.out.etomsim-${place}-${process.pid}.staging-cd78ef`];
    for (const name of names) mkdirSync(join(root, name));
    writeAtomically(join(root, 'out'), files({ 'results.json': '{}' }), 'run');
    expect(readdirSync(root).sort()).toEqual([...names, 'out'].sort());
    const dayAgo = (Date.now() - ABANDONED_AGE_MS - 60_000) / 1000;
    for (const name of names) utimesSync(join(root, name), dayAgo, dayAgo);
    writeAtomically(join(root, 'out'), files({ 'results.json': '{}' }), 'run');
    expect(readdirSync(root)).toEqual(['out']);
  });

  test("killed between the swap's two renames (the earlier set aside, the new not in place): the next write puts the earlier set back; a live process's is left", () => {
    const root = tmp();
    const out = join(root, 'out');
    writeAtomically(out, files({ 'results.json': 'old', 'events/baseline.csv': 'log' }), 'run');
    writeFileSync(join(out, 'my-notes.txt'), 'mine');
    const staging = `.out.${ownerTag(goneProcess())}.staging-gh90ij`;
    renameSync(out, join(root, `${staging}.old`)); // the first rename, done
    mkdirSync(join(root, staging)); // the new set, complete, never renamed into place
    writeFileSync(join(root, staging, 'results.json'), 'new');
    const live = `.other.${ownerTag(process.pid)}.staging-kl12mn.old`; // a live process between its renames now: left
    mkdirSync(join(root, live));
    writeAtomically(out, files({ 'sizing.json': '{}' }), 'size');
    expect(listing(out)).toEqual([MANIFEST, 'events/baseline.csv', 'my-notes.txt', 'results.json', 'sizing.json']);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('old');
    expect(readdirSync(root).sort()).toEqual([live, 'out'].sort());
  });

  test("inside an existing output folder (its staging's fallback place) a dead process's staging folder goes too", () => {
    const root = tmp();
    const out = join(root, 'out');
    writeAtomically(out, files({ 'results.json': 'old' }), 'run');
    const inside = `.${ownerTag(goneProcess())}.staging-mn78op`;
    mkdirSync(join(out, inside));
    writeAtomically(out, files({ 'results.json': 'new' }), 'run');
    expect(existsSync(join(out, inside))).toBe(false);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('new');
  });

  test('a lone file written by a temporary name and a rename sweeps its folder as well', () => {
    const root = tmp();
    const left = `.scenario.yaml.${ownerTag(goneProcess())}.tmp-1700000000000`;
    writeFileSync(join(root, left), 'half a scena');
    writeFileAtomically(join(root, 'scenario.yaml'), 'name: x\n');
    expect(readdirSync(root)).toEqual(['scenario.yaml']);
  });
});

describe("the output folder's permissions", () => {
  const modeOf = (path: string) => statSync(path).mode & 0o7777;

  test("a new output folder has the mode any folder made here has (the umask's), not a temporary folder's 0700", () => {
    const root = tmp();
    mkdirSync(join(root, 'made-by-hand'));
    writeAtomically(join(root, 'out'), files({ 'results.json': '{}' }), 'run');
    expect(modeOf(join(root, 'out'))).toBe(modeOf(join(root, 'made-by-hand')));
  });

  test('an existing output folder keeps its own mode when the new result set takes its place', () => {
    const root = tmp();
    const out = join(root, 'out');
    writeAtomically(out, files({ 'results.json': 'old' }), 'run');
    chmodSync(out, 0o751);
    const before = statSync(out).ino;
    writeAtomically(out, files({ 'results.json': 'new' }), 'run');
    expect(statSync(out).ino).not.toBe(before); // swapped, not written in place
    expect(modeOf(out)).toBe(0o751);
  });
});

describe('result sets of different kinds in one folder', () => {
  const write = (out: string, entries: Record<string, string>, kind: OutputKind) => writeAtomically(out, files(entries), kind);
  const manifestOf = (out: string) => JSON.parse(readFileSync(join(out, MANIFEST), 'utf8'));

  test("a sizing written into a run's folder adds its files and removes none of the run's; each kind's next write removes only its own stale files", () => {
    const out = join(tmp(), 'out');
    write(out, { 'results.json': 'run 1', 'report.html': 'r', 'events/baseline.csv': 'log' }, 'run');
    write(out, { 'sizing.json': 'size 1', 'sizing.svg': 's' }, 'size');
    expect(listing(out)).toEqual([MANIFEST, 'events/baseline.csv', 'report.html', 'results.json', 'sizing.json', 'sizing.svg']);
    write(out, { 'sizing.json': 'size 2' }, 'size'); // its own sizing.svg is stale now
    expect(listing(out)).toEqual([MANIFEST, 'events/baseline.csv', 'report.html', 'results.json', 'sizing.json']);
    write(out, { 'results.json': 'run 2' }, 'run'); // the run's report and log are stale now, the sizing is not the run's
    expect(listing(out)).toEqual([MANIFEST, 'results.json', 'sizing.json']);
    expect(manifestOf(out)).toEqual({
      written_by: 'etomsim',
      files: ['results.json', 'sizing.json'],
      kinds: { run: ['results.json'], size: ['sizing.json'] },
    });
  });

  test("fidelity into the folder of the run whose event log it read leaves the log (and the run's results)", () => {
    const out = join(tmp(), 'out');
    write(out, { 'results.json': '{}', 'events/baseline.csv': 'log' }, 'run');
    write(out, { 'fidelity.json': '{}', 'fidelity.html': 'f' }, 'fidelity');
    expect(readFileSync(join(out, 'events/baseline.csv'), 'utf8')).toBe('log');
    expect(listing(out)).toEqual([MANIFEST, 'events/baseline.csv', 'fidelity.html', 'fidelity.json', 'results.json']);
  });

  test("a file of the same name another kind wrote is replaced and becomes the writing kind's", () => {
    const out = join(tmp(), 'out');
    write(out, { 'results.json': '{}', 'notes.md': 'run' }, 'run');
    write(out, { 'sizing.json': '{}', 'notes.md': 'size' }, 'size');
    expect(readFileSync(join(out, 'notes.md'), 'utf8')).toBe('size');
    expect(manifestOf(out).kinds).toEqual({ run: ['results.json'], size: ['notes.md', 'sizing.json'] });
  });

  test("an older etomsim's manifest (one list, no kinds) is the kind whose key file it lists; another kind leaves it", () => {
    const older = (out: string, list: string[]) => {
      mkdirSync(out, { recursive: true });
      for (const f of list) writeFileSync(join(out, f), 'old');
      writeFileSync(join(out, MANIFEST), JSON.stringify({ written_by: 'etomsim', files: list }));
    };
    const a = join(tmp(), 'a');
    older(a, ['results.json', 'summary.md']);
    write(a, { 'bottlenecks.json': '{}' }, 'bottlenecks');
    expect(listing(a)).toEqual([MANIFEST, 'bottlenecks.json', 'results.json', 'summary.md']);
    const b = join(tmp(), 'b');
    older(b, ['results.json', 'summary.md']);
    write(b, { 'results.json': 'new' }, 'run');
    expect(listing(b)).toEqual([MANIFEST, 'results.json']);
  });

  test("an older manifest's set another kind's write kept is still its own kind's: that kind's next write removes it when stale", () => {
    const out = join(tmp(), 'out');
    mkdirSync(join(out, 'events'), { recursive: true });
    const older = ['events/baseline.csv', 'report.html', 'results.json'];
    for (const f of older) writeFileSync(join(out, f), 'old');
    writeFileSync(join(out, MANIFEST), JSON.stringify({ written_by: 'etomsim', files: older }));
    write(out, { 'sizing.json': '{}' }, 'size'); // not the run's: all kept
    expect(listing(out)).toEqual([MANIFEST, ...older, 'sizing.json']);
    write(out, { 'results.json': 'new' }, 'run'); // the run's report and event log are stale now
    expect(listing(out)).toEqual([MANIFEST, 'results.json', 'sizing.json']);
    expect(manifestOf(out).kinds).toEqual({ run: ['results.json'], size: ['sizing.json'] });
  });

  test("a set an earlier etomsim kept as 'unknown' is the kind its key file tells, or a rebuilt report's; a newer etomsim's kind stays", () => {
    const out = join(tmp(), 'out');
    mkdirSync(out);
    for (const f of ['results.json', 'old.svg', 'report.html', 'summary.md', 'x.dat']) writeFileSync(join(out, f), 'old');
    const kinds = { unknown: ['report.html', 'summary.md'], run: ['results.json', 'old.svg'], compare: ['x.dat'] };
    writeFileSync(join(out, MANIFEST), JSON.stringify({ written_by: 'etomsim', files: [], kinds }));
    write(out, { 'report.html': 'rebuilt' }, 'report'); // summary.md was a report's: stale
    expect(listing(out)).toEqual([MANIFEST, 'old.svg', 'report.html', 'results.json', 'x.dat']);
    expect(manifestOf(out).kinds).toEqual({ compare: ['x.dat'], report: ['report.html'], run: ['old.svg', 'results.json'] });
  });

  test("a kind named '__proto__' in a manifest is one more kind's list, kept as data", () => {
    const out = join(tmp(), 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'x.txt'), 'x');
    writeFileSync(join(out, MANIFEST), '{"written_by":"etomsim","files":["x.txt"],"kinds":{"__proto__":["x.txt"]}}');
    write(out, { 'results.json': '{}' }, 'run');
    expect(listing(out)).toEqual([MANIFEST, 'results.json', 'x.txt']);
    const kinds = manifestOf(out).kinds;
    expect(Object.keys(kinds)).toEqual(['__proto__', 'run']);
    expect(Object.getPrototypeOf(kinds)).toBe(Object.prototype);
  });
});

describe("a report rebuilt into a run's folder", () => {
  test("replaces the run's report files of the same names and keeps its results.json and event logs", () => {
    const out = join(tmp(), 'out');
    writeAtomically(out, files({ 'results.json': '{}', 'report.html': 'run', 'events/baseline.csv': 'log' }), 'run');
    writeAtomically(out, files({ 'report.html': 'rebuilt', 'summary.md': 'md' }), 'report');
    expect(listing(out)).toEqual([MANIFEST, 'events/baseline.csv', 'report.html', 'results.json', 'summary.md']);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe('rebuilt');
    writeAtomically(out, files({ 'report.html': 'again' }), 'report'); // its own summary.md is stale now
    expect(listing(out)).toEqual([MANIFEST, 'events/baseline.csv', 'report.html', 'results.json']);
  });

  test("the next run removes a rebuilt report's files it does not write again: no deck of the earlier run beside its results", () => {
    const out = join(tmp(), 'out');
    writeAtomically(out, files({ 'results.json': 'seed 1', 'report.html': 'seed 1', 'events/baseline.csv': 'log' }), 'run');
    writeAtomically(out, files({ 'report.html': 'seed 1', 'report.pptx': 'seed 1', 'charts/a.png': 'seed 1' }), 'report');
    writeAtomically(out, files({ 'sizing.json': 'size' }), 'size');
    writeAtomically(out, files({ 'results.json': 'seed 2', 'report.html': 'seed 2' }), 'run');
    expect(listing(out)).toEqual([MANIFEST, 'report.html', 'results.json', 'sizing.json']);
    expect(JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')).kinds).toEqual({
      run: ['report.html', 'results.json'],
      size: ['sizing.json'],
    });
  });

  test("an older etomsim's manifest (no kinds) is no report's: the run's files it lists stay", () => {
    const out = join(tmp(), 'out');
    mkdirSync(out);
    for (const f of ['results.json', 'report.html']) writeFileSync(join(out, f), 'old');
    writeFileSync(join(out, MANIFEST), JSON.stringify({ written_by: 'etomsim', files: ['report.html', 'results.json'] }));
    writeAtomically(out, files({ 'summary.md': 'md' }), 'report');
    expect(listing(out)).toEqual([MANIFEST, 'report.html', 'results.json', 'summary.md']);
  });
});
