// The output of the commands that start, print a line or a page and end (`etomsim --help`,
// `--version`, `COMMAND --help` as the build stored them, and `validate`), written to file
// descriptor 1 with fs.writeSync where it is a pipe, a socket or a file, without making
// process.stdout: Node makes that stream when it is first asked for, and for a pipe it loads
// node:net and opens a libuv handle (callgrind, stdout a pipe as the benchmark spawns it:
// `--help` 117.5 -> 104.5 M instructions, `validate` of the fiber scenario 232 -> 211 M, bare
// Node 78 M; docs/performance-notes.md, session 44). A terminal (and any other character device,
// /dev/null too) still gets the stream, which knows the terminal's width and, on Windows, its
// encoding; so does everything on Windows.
//
// Invariant: the bytes written and their order are those process.stdout.write would write, and a
// reader that has gone (EPIPE) drops the rest quietly, as bin/etomsim.cjs' handler drops it on the
// stream. A descriptor that would block (EAGAIN: a pipe left non-blocking by another process)
// gets the rest through the stream, which waits for the reader, and so does every later write.
// Node's modules by process.getBuiltinModule, and nothing imported: bin/etomsim.cjs requires this
// module's CommonJS twin (dist/cli/standard-output.cjs, tools/bundle.mjs ENTRY_TWINS), one file
// (bin/load-cli.cjs' header says what a static import of node:fs costs an ES module).
const { fstatSync, writeSync } = process.getBuiltinModule('node:fs');

/** Whether descriptor 1 is written directly (undefined until first asked: one fstat a process). */
let direct: boolean | undefined;

/** Whether writeOut writes to descriptor 1 itself: a pipe, a socket or a file, not on Windows. */
function writesDirectly(): boolean {
  if (direct === undefined) {
    try {
      const stats = fstatSync(1);
      direct = process.platform !== 'win32' && (stats.isFIFO() || stats.isSocket() || stats.isFile());
    } catch {
      direct = false; // no descriptor 1 to look at: the stream says what that means, as before
    }
  }
  return direct;
}

/** Writes `text` to standard output (see the header). */
export function writeOut(text: string): void {
  if (!writesDirectly()) {
    process.stdout.write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(1, bytes, done);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return; // the reader is gone
    if (code !== 'EAGAIN') throw err;
    direct = false;
    process.stdout.write(bytes.subarray(done));
  }
}

/**
 * The width of standard output's terminal, as process.stdout.columns gives it, where writeOut
 * makes the stream (a terminal); undefined for a pipe, a socket or a file, which have none.
 */
export function outputColumns(): number | undefined {
  return writesDirectly() ? undefined : process.stdout.columns;
}
