// Helpers for the scenario tests: inline YAML written indented inside the test source, and
// the diagnostics of loading it in a compact form (LINE:COL, path, message).

import { loadScenarioText } from '../../engine/scenario/load.js';

/**
 * A template string with its common indentation and its first (empty) line removed, so
 * that line 1 of the YAML is the first line written after the backtick.
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '\n')
    .split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const common = Math.min(...indents);
  return lines.map((l) => l.slice(common)).join('\n');
}

export interface Found {
  at: string; // LINE:COL
  path: string;
  message: string;
}

/** Every diagnostic of loading `text`, in the loader's order. */
export function diagnose(text: string): Found[] {
  return loadScenarioText(text, 'test.yaml').diagnostics.map((d) => ({ at: `${d.line}:${d.col}`, path: d.path, message: d.message }));
}

/** The one diagnostic of `text`; fails when there are none or several. */
export function onlyProblem(text: string): Found {
  const found = diagnose(text);
  if (found.length !== 1) throw new Error(`expected exactly one diagnostic, got ${JSON.stringify(found, null, 2)}`);
  return found[0];
}

/**
 * LINE:COL of the n-th occurrence (1-based) of `needle` in `text`, by plain text search:
 * an expected position computed without the loader.
 */
export function where(text: string, needle: string, occurrence = 1): string {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`'${needle}' occurs fewer than ${occurrence} times`);
  }
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}
