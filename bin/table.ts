// Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned.
import { largest } from '../engine/lists.js';

export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) =>
    largest(
      rows.map((r) => (r[c] ?? '').length),
      h.length,
    ),
  );
  // \u2013, an en dash, escaped: the bundle stays ASCII, which bin/load-cli.js decodes faster
  const numeric = header.map(
    (_, c) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.,]+( ?[%a-z/]+)?$|^[-\u2013]$|^\[/.test(r[c] ?? '')),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (numeric[c] && c > 0 ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
