import * as vega from 'vega';
import { describe, expect, test } from 'vitest';
import { useHelveticaWidths } from '../../reports/svg.js';
import { textWidth } from '../../reports/text-width.js';

describe('text widths for charts drawn in Node', () => {
  test('Helvetica advance widths, per 1000 em', () => {
    expect(textWidth('0', 10, false)).toBeCloseTo(5.56, 10);
    expect(textWidth('Wil', 11, false)).toBeCloseTo(((944 + 222 + 222) / 1000) * 11, 10);
    expect(textWidth(' ~', 10, false)).toBeCloseTo(((278 + 584) / 1000) * 10, 10);
    expect(textWidth('→', 10, false)).toBeCloseTo(5.56, 10);
    expect(textWidth('a', 10, true)).toBeCloseTo(5.56 * 1.1, 10);
  });

  test('wide characters a whole em, combining marks and zero-width ones nothing (s35y F13)', () => {
    expect(textWidth('受付確認', 10, false)).toBeCloseTo(40, 10); // CJK ideographs
    expect(textWidth('カナ한글ＡＢ', 10, false)).toBeCloseTo(60, 10); // kana, Hangul, fullwidth Latin
    expect(textWidth('🚀', 10, false)).toBeCloseTo(10, 10);
    expect(textWidth('e\u0301', 10, false)).toBeCloseTo(textWidth('e', 10, false), 10); // e and a combining acute accent
    expect(textWidth('a\u200bb\ufe0f', 10, false)).toBeCloseTo(textWidth('ab', 10, false), 10);
    expect(textWidth('é©™', 10, false)).toBeCloseTo(3 * 5.56, 10); // narrow signs stay a digit's width
  });

  test("vega measures with them once installed, within a text's limit", () => {
    useHelveticaWidths();
    const metrics = (vega as unknown as { textMetrics: { width: (item: object, text: string) => number } }).textMetrics;
    expect(metrics.width({ fontSize: 10 }, ' ab ')).toBeCloseTo(11.12, 10); // trimmed like vega's own
    expect(metrics.width({}, 'a')).toBeCloseTo(5.56 * 1.1, 10); // vega's default size, 11
    expect(metrics.width({ fontSize: 10, fontWeight: 'bold' }, 'a')).toBeCloseTo(5.56 * 1.1, 10);
    expect(metrics.width({ fontSize: 10, limit: 5 }, 'abc')).toBe(5);
  });
});
