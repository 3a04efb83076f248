// What code run in this process writes to process.stdout and process.stderr, kept as text rather
// than printed: for tests that call main() or a command's function and read what it said. The
// streams are vitest spies, put back by `restore()` or vi.restoreAllMocks().
import { vi } from 'vitest';

export interface CapturedOutput {
  /** All written to stdout since the capture began or was last cleared. */
  out: string;
  /** All written to stderr since the capture began or was last cleared. */
  err: string;
  /** Forgets what was written so far (before the next command a test runs). */
  clear(): void;
  /** Puts both streams back. */
  restore(): void;
}

/** Captures both streams from now on, each write added to `out` or `err` (a chunk of bytes as UTF-8). */
export function captureOutput(): CapturedOutput {
  const text = (chunk: string | Uint8Array) => (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
  const said: CapturedOutput = {
    out: '',
    err: '',
    clear() {
      said.out = '';
      said.err = '';
    },
    restore() {
      out.mockRestore();
      err.mockRestore();
    },
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    said.out += text(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    said.err += text(chunk);
    return true;
  });
  return said;
}
