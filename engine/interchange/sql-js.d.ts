// sql.js ships no types of its own; these are the few calls etomsim makes (sqlite.ts), as
// its documentation describes them. A value is a JavaScript number for SQLite's INTEGER and
// REAL, a string for TEXT, a Uint8Array for a BLOB and null for NULL.
declare module 'sql.js' {
  export type SqlValue = number | string | Uint8Array | null;

  export interface Statement {
    bind(values: SqlValue[]): boolean;
    step(): boolean;
    get(): SqlValue[];
    run(values: SqlValue[]): void;
    free(): boolean;
  }

  export interface Database {
    run(sql: string, values?: SqlValue[]): Database;
    exec(sql: string): { columns: string[]; values: SqlValue[][] }[];
    prepare(sql: string): Statement;
    export(): Uint8Array;
    close(): void;
  }

  export interface SqlJsStatic {
    Database: new (data?: Uint8Array) => Database;
  }

  export default function initSqlJs(config?: Record<string, unknown>): Promise<SqlJsStatic>;
}
