// Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned,
// widths in terminal columns, so that a cell of wide characters or combining marks lines up.
import { columns } from '../engine/io/char-width.js';
import { largest } from '../engine/lists.js';

export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) =>
    largest(
      rows.map((r) => columns(r[c] ?? '')),
      columns(h),
    ),
  );
  // \u2013, an en dash, escaped: the bundle stays ASCII, which bin/load-cli.cjs decodes faster
  const numeric = header.map(
    (_, c) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.,]+( ?[%a-z/]+)?$|^[-\u2013]$|^\[/.test(r[c] ?? '')),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => {
        const pad = ' '.repeat(widths[c] - columns(cell));
        return numeric[c] && c > 0 ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
