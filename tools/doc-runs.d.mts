// The types of tools/doc-runs.mjs, for test/docs/bundled-run-example.test.ts.
export declare const README_BLOCK: string;
export declare const REFUSED_BLOCK: string;
export declare const REGENERATE: string;
export declare function textBlock(page: string, after: string): { first: string; printed: string[]; start: number; end: number; line: number };
export declare function machineFree(line: string): string;
export declare function damaged(results: unknown): string;
export declare function movedFigures(file: string, line: number, was: readonly string[], now: readonly string[], most?: number): string[];
