// The console's tables line up in a terminal whatever their cells hold: widths in terminal columns
// (engine/io/char-width.ts), not UTF-16 code units (s36g: a Chinese text, 2 columns a character,
// was padded as if 1; an accent written as a combining mark as if it took a column). A scenario's
// names are ASCII today (validate refuses others), so this is the cells' text at large.
import { describe, expect, test } from 'vitest';
import { renderTable } from '../../bin/table.js';
import { columns } from '../../engine/io/char-width.js';

describe('console tables', () => {
  test('wide characters take two columns, combining marks none: the columns line up', () => {
    const table = renderTable(
      ['team', 'utilisation', 'wait'],
      [
        ['客服中心', '27.4%', '12.4 h'], // 4 ideographs: 8 columns (4 code units)
        ['desk', '56.2%', '2.85 h'],
        ['🚀 ops', '3.1%', '1 h'], // an emoji of 2 code units, 2 columns
        ['cafe\u0301', '100.0%', '0.5 h'], // café with a combining acute: 4 columns (5 code units)
        ['ｆｕｌｌ', '9.9%', '7 h'], // fullwidth Latin: 8 columns
      ],
    );
    expect(table.split('\n')).toEqual([
      'team      utilisation    wait',
      '--------  -----------  ------',
      '客服中心        27.4%  12.4 h',
      'desk            56.2%  2.85 h',
      '🚀 ops           3.1%     1 h',
      'cafe\u0301           100.0%   0.5 h',
      'ｆｕｌｌ         9.9%     7 h',
    ]);
  });

  test('columns: ASCII as long as it is; wide 2, zero-width 0, other letters 1', () => {
    expect(columns('order_desk 42')).toBe(13);
    expect(columns('東京')).toBe(4);
    expect(columns('한국')).toBe(4);
    expect(columns('カナ')).toBe(4);
    expect(columns('😀')).toBe(2);
    expect(columns('e\u0301')).toBe(1);
    expect(columns('a\u200bb')).toBe(2);
    expect(columns('Zürich – Genève')).toBe(15);
    expect(columns('©™')).toBe(2); // narrow, though pictographic
  });
});
