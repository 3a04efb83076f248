// SQLite for OCEL 2.0's SQLite form, read (ocel-sqlite-reader.ts) and written (ocel-sqlite.ts),
// through sql.js: SQLite itself compiled to WebAssembly, which needs no native build and loads
// its .wasm from node_modules (nothing fetched). A SQLite file is B-tree pages, overflow
// chains, freelists and schema records; a reader of our own would know less of it than SQLite
// does, and be the less tested of the two.
//
// Invariant: sql.js is loaded here only, on the first call of `sqlite()`, so that no command
// that reads or writes no SQLite log loads it (test/bin/lazy-loading.test.ts); a table or
// column name from a file reaches SQL only through `quoted()`.
import type { SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | null = null;

/** sql.js, instantiated once per process. */
export function sqlite(): Promise<SqlJsStatic> {
  // its messages go nowhere: what failed reaches the user as an error of ours
  loading ??= import('sql.js').then((m) => m.default({ print: () => {}, printErr: () => {} }));
  return loading;
}

/**
 * Forgets the instance after WebAssembly aborted (its memory exhausted, say): an aborted
 * Emscripten module answers nothing more, so the next call instantiates afresh.
 */
export function discardSqlite(): void {
  loading = null;
}

/** A name as an SQL identifier: in double quotes, each double quote doubled (so it can end nothing). */
export function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Whether `err` is WebAssembly's abort (sql.js' memory exhausted, say), after which the instance is dead. */
export function wasmAborted(err: unknown): boolean {
  return err instanceof Error && err.name === 'RuntimeError';
}

/** What SQLite (or its WebAssembly) said, when `err` came from it: an error with an SQLITE_ code, or a WebAssembly abort. */
export function sqliteFailure(err: unknown): string | null {
  if (!(err instanceof Error)) return null;
  if (wasmAborted(err)) return `SQLite stopped: ${err.message}`;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? err.message : null;
}
