// bin/standard-output.ts as a reader meets it: what writeOut writes to a pipe (descriptor 1 written
// directly) or a file arrives whole and in order, also when the pipe is full and the descriptor
// would block (the stream takes the rest; a writer that blocks there fails the test with that word
// within GIVE_UP_MS, not at the test's timeout), and a reader that has gone costs nothing on stderr.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { scratchFolders } from '../support/scratch.js';

const MODULE = pathToFileURL(join(import.meta.dirname, '../../dist/bin/standard-output.js')).href;
const tmp = scratchFolders('etomsim-standard-output-');

/** 4 MiB of numbered lines: more than any pipe holds, and out of order or cut short it would not compare equal. */
const TEXT = Array.from({ length: 400_000 }, (_, i) => `line ${String(i).padStart(6, '0')}\n`).join('');

/**
 * A child that writes TEXT with writeOut in `parts` calls, having first made process.stdout when
 * `streamFirst` (Node's stream for a pipe leaves the descriptor non-blocking: libuv's uv_pipe_open),
 * and says on stderr whether it ever made the stream (its getter watched) and whether the stream
 * was given bytes to write.
 */
function childArgs(streamFirst: boolean, parts = 1): string[] {
  const script = `
const made = Object.getOwnPropertyDescriptor(process, 'stdout');
let asked = false;
Object.defineProperty(process, 'stdout', { ...made, get() { asked = true; return made.get.call(process); } });
${streamFirst ? 'process.stdout;' : ''}
const { writeOut } = await import(${JSON.stringify(MODULE)});
const lines = Array.from({ length: 400000 }, (_, i) => 'line ' + String(i).padStart(6, '0') + '\\n').join('');
const step = Math.ceil(lines.length / ${parts});
for (let at = 0; at < lines.length; at += step) writeOut(lines.slice(at, at + step));
process.stderr.write('written\\n');
const tookRest = asked && process.stdout.bytesWritten > 0; // bytes the stream holds or sent: writeOut gave it some
process.on('exit', () => process.stderr.write('stream made: ' + asked + (asked ? ', took the rest: ' + tookRest : '') + '\\n'));
`;
  return ['--input-type=module', '-e', script];
}

/**
 * How long a held reader waits for the child's writeOut calls to return before it reads anyway: a
 * writer that blocks on the full pipe (or spins on EAGAIN) instead of handing the stream the rest
 * would otherwise wait for a reader that waits for it, until the test's 120 s ran out with no word
 * of why. Far beyond the milliseconds the 4 MiB take and a loaded host's start-up (seconds); it
 * bounds a failure, it times nothing that passes.
 */
const GIVE_UP_MS = 60_000;

/**
 * The child's exit status, its stdout read as it comes (when `held`, only once its writeOut calls
 * have all returned: before, after a fixed 300 ms, which a slow host's start-up can outlast), and
 * its stderr; and, where a held reader gave up waiting (GIVE_UP_MS), why.
 */
async function run(streamFirst: boolean, held = false, parts = 1) {
  const child = spawn(process.execPath, childArgs(streamFirst, parts), { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  let stderr = '';
  let gaveUp: string | undefined;
  let guard: NodeJS.Timeout | undefined;
  if (held) {
    child.stdout.pause();
    guard = setTimeout(() => {
      gaveUp = `writeOut had not returned ${GIVE_UP_MS / 1000} s into a full pipe: it blocked or spun where the stream should take the rest; the reader read anyway, to end the child`;
      child.stdout.resume();
      // a writer that does not end even once read from is stopped, so that the test ends with this word
      guard = setTimeout(() => child.kill('SIGKILL'), 10_000);
    }, GIVE_UP_MS);
  }
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (held && stderr.includes('written\n') && gaveUp === undefined) {
      clearTimeout(guard);
      child.stdout.resume();
    }
  });
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  const status = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  clearTimeout(guard);
  return { status, stdout: Buffer.concat(out).toString('utf8'), stderr, ...(gaveUp === undefined ? {} : { gaveUp }) };
}

test('to a pipe: written to the descriptor, no stream made, the text whole and in order', async () => {
  expect(await run(false, false, 7)).toEqual({ status: 0, stdout: TEXT, stderr: 'written\nstream made: false\n' });
});

test('a full pipe whose descriptor would block (left non-blocking by the stream): the stream takes the rest, whole and in order', async () => {
  // the reader waits until every writeOut has returned, so the 4 MiB cannot all go at once: writeSync meets EAGAIN
  const r = await run(true, true, 3);
  expect(r.gaveUp).toBeUndefined(); // said first: the text and stderr of a child read after it gave up say little
  expect(r).toEqual({ status: 0, stdout: TEXT, stderr: 'written\nstream made: true, took the rest: true\n' });
});

test('to a file: written whole, no stream made', () => {
  const file = join(tmp(), 'out.txt');
  const fd = openSync(file, 'w');
  const r = spawnSync(process.execPath, childArgs(false, 5), { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  closeSync(fd);
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: 'written\nstream made: false\n' });
  expect(readFileSync(file, 'utf8')).toBe(TEXT);
});

test('a reader gone before the first byte: the rest dropped quietly, exit 0', async () => {
  const child = spawn(process.execPath, childArgs(false, 4), { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  expect({ status, stderr }).toEqual({ status: 0, stderr: 'written\nstream made: false\n' });
});
