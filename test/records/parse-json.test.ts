import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseJson } from '../../engine/records.js';

/** Every object and every array reached from `value`, arrays' items included. */
function reachedFrom(value: unknown, out: { objects: object[]; arrays: unknown[][] } = { objects: [], arrays: [] }) {
  if (typeof value !== 'object' || value === null) return out;
  if (Array.isArray(value)) out.arrays.push(value);
  else out.objects.push(value);
  for (const item of Object.values(value)) reachedFrom(item, out);
  return out;
}

describe('parseJson: a results file read back with names as keys alone', () => {
  test('gives what JSON.parse gives, with no object inheriting anything, at any depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const parsed = parseJson(text);
        expect(JSON.stringify(parsed)).toBe(text);
        const { objects, arrays } = reachedFrom(parsed);
        for (const o of objects) expect(Object.getPrototypeOf(o)).toBeNull();
        for (const a of arrays) expect(Object.getPrototypeOf(a)).toBe(Array.prototype);
      }),
      { numRuns: 300 },
    );
  });

  test('names like __proto__, constructor and toString are keys, and absent keys read undefined', () => {
    const parsed = parseJson('{"variants":{"__proto__":{"x":1},"constructor":[{"toString":2}]}}') as Record<
      string,
      Record<string, unknown>
    >;
    const variants = parsed.variants;
    expect(Object.keys(variants)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(variants)).toBeNull();
    // read as a consumer reads a name it was given, by a key held in a variable (variants[name])
    const [proto, ctor] = ['__proto__', 'constructor'].map((name) => variants[name]);
    expect(proto).toEqual({ x: 1 });
    expect(Object.getPrototypeOf(proto)).toBeNull();
    expect((ctor as Record<string, unknown>[])[0].toString).toBe(2);
    expect(variants.hasOwnProperty).toBeUndefined();
  });
});
