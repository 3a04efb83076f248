// A test's file given other contents as a new file under the same name, never rewritten in
// place: ext4 (auto_da_alloc) writes a file truncated and written again, or one renamed over
// another, to disk as it is closed, 2-5 ms of wall a write on this host at load 13 against
// 0.3-0.7 ms for a new file (one-off, 100 writes of 2 KB each way, session 52), which a test
// that writes the same file over and over pays each time.
import { rmSync, writeFileSync } from 'node:fs';

/** Writes `data` to `path` as a new file: whatever was there is removed first. */
export function writtenAnew(path: string, data: string | NodeJS.ArrayBufferView, encoding?: BufferEncoding): void {
  rmSync(path, { force: true });
  writeFileSync(path, data, encoding);
}
