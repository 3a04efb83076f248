// safeForVega copies a spec with every string spelt like an Object.prototype member marked, and
// keeps every key as an own property: `__proto__` among them (a spec's data row of a team so
// named), which a plain assignment would take as the copy's prototype.
import { describe, expect, test } from 'vitest';
import { safeForVega } from '../../reports/chart.js';

describe('safeForVega', () => {
  test("marks strings named like Object.prototype's members and keeps an own `__proto__` key as a key", () => {
    const spec = JSON.parse('{"data":{"values":[{"__proto__":"constructor","team":"toString","n":-0}]},"mark":"bar"}');
    const safe = safeForVega(spec) as { data: { values: Record<string, unknown>[] }; mark: string };
    const row = safe.data.values[0];
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.keys(row)).toEqual(['__proto__', 'team', 'n']);
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')).toEqual({
      value: 'constructor\u200b',
      enumerable: true,
      writable: true,
      configurable: true,
    });
    expect(row.team).toBe('toString\u200b');
    expect(Object.is(row.n, -0)).toBe(true);
    expect(safe.mark).toBe('bar');
  });
});
