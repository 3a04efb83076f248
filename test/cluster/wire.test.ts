// The wire codec must give back exactly what it was given: a merged or queued run is
// byte-identical to a local one only if models and statistics cross it unchanged.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DAMAGED, decode, decodeEach, encode, WireError } from '../../engine/cluster/wire.js';
import { compileModel } from '../../engine/model/compile.js';
import { runReplication } from '../../engine/sim/replicate.js';
import { pack } from '../../engine/experiment/packing.js';
import { loadScenarioText } from '../../engine/scenario/load.js';

/** Object.is on every leaf, so NaN equals NaN and -0 differs from 0. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor) return false;
    const x = a as unknown as ArrayLike<number>;
    const y = b as unknown as ArrayLike<number>;
    return x.length === y.length && Array.from(x).every((v, i) => Object.is(v, y[i]));
  }
  if (a instanceof Map || b instanceof Map) {
    return (
      a instanceof Map &&
      b instanceof Map &&
      a.size === b.size &&
      [...a].every(([k, v], i) => same(k, [...b][i][0]) && same(v, [...b][i][1]))
    );
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => same(v, b[i]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && Object.hasOwn(b, k) && same((a as never)[k], (b as never)[k]));
  }
  return a === b;
}

const number = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, Number.MIN_VALUE, Number.MAX_VALUE));
const typed = fc.oneof(
  fc.array(fc.double(), { maxLength: 20 }).map((v) => Float64Array.from(v)),
  fc.array(fc.integer(), { maxLength: 20 }).map((v) => Int32Array.from(v)),
  fc.array(fc.float({ noNaN: false }), { maxLength: 20 }).map((v) => Float32Array.from(v)),
);
const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', '~', 'toString'));
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small' }, number, fc.string(), fc.boolean(), fc.constant(null), typed, tie('array'), tie('object')),
  array: fc.array(tie('tree'), { maxLength: 5 }),
  object: fc.dictionary(key, tie('tree'), { maxKeys: 5 }),
}));

describe('wire codec', () => {
  test('decode(encode(x)) is x, leaf by leaf, for any plain data (NaN, -0, Infinity, typed arrays, __proto__ and tag-like keys)', () => {
    fc.assert(
      fc.property(tree, (value) => same(decode(encode(value)), value)),
      { seed: 19, numRuns: 400 },
    );
  });

  test('a key named __proto__ stays an own, inert property', () => {
    const back = decode(encode(JSON.parse('{"__proto__": {"polluted": 1}, "a": 1}'))) as Record<string, unknown>;
    expect(Object.hasOwn(back, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
  });

  test('a compiled model and a replication travel exactly: the same statistics, bit for bit', () => {
    const loaded = loadScenarioText(
      `name: T
run: { horizon: 300h, warmup: 20h, replications: 2 }
resources: { desk: { capacity: 2, cost_per_hour: 30 } }
arrivals: [ { flow: f, rate: 1.5/h } ]
flows:
  f:
    sla: 2h
    cancel_after: 30h
    start: a
    nodes:
      a: { resource: desk, duration: { exponential: { mean: 1h } } }
`,
      't.yaml',
    );
    const model = compileModel(loaded.set!.baseline);
    const copy = decode(encode(model)) as typeof model;
    expect(same(copy, model)).toBe(true);
    expect(same(pack(runReplication(copy, 1, 7)), pack(runReplication(model, 1, 7)))).toBe(true);
  });

  test('what is not plain data is refused with where it is, not sent half', () => {
    expect(() => encode({ a: [1, new Date()] })).toThrow(/a Date at 'a\[1\]'/);
    expect(() => encode({ f: () => 1 })).toThrow(/function at 'f'/);
  });

  test('decodeEach tells every damaged value with its path, leaves each DAMAGED, and decodes the rest as decode does', () => {
    const good = encode({ a: new Float64Array([1, Number.NaN]), n: -0, '~': 1 });
    // keys: those of the maps parsed, the wire's own and the tagged values' included (a wrapped object's 2, its 3, 2 each of a and n)
    expect(decodeEach(good)).toEqual({ value: decode(good), keys: 9, damaged: [], placeholders: [] });
    // a key written twice is parsed once: a reader that counts those written tells them apart (json-source.ts duplicateKey)
    expect(decodeEach('{"a": 1, "a": 2, "t": {"~": "f64", "v": "", "v": ""}}').keys).toBe(4);
    const { value, damaged, placeholders } = decodeEach(
      '{"a": [1, {"~": "f64", "v": "AAAA"}], "b": {"c": {"~": "zz"}}, "d": {"~": "f64", "v": "AAAAAAAAAAA="}, "m": {"~": "map", "v": [[1, {"~": "zz"}]]}}',
    );
    expect(damaged.map((err) => ({ path: err.path, message: err.message }))).toEqual([
      { path: ['a', 1], message: 'a f64 array of 3 bytes, not a whole number of 8-byte items' },
      { path: ['b', 'c'], message: "unknown wire tag 'zz'" },
      { path: ['m', 'v', 0, 1], message: "unknown wire tag 'zz'" },
    ]);
    // a map is decoded whole: its DAMAGED stands where the map does, above its problem's own path
    expect(placeholders).toEqual([['a', 1], ['b', 'c'], ['m']]);
    expect(value).toEqual({ a: [1, DAMAGED], b: { c: DAMAGED }, d: new Float64Array(1), m: DAMAGED });
  });

  test('a tagged value that does not decode says where it is in the text (a reader places it at a line and column)', () => {
    const failure = (text: string) => {
      try {
        decode(text);
      } catch (err) {
        return err instanceof WireError ? { path: err.path, message: err.message } : err;
      }
      return null;
    };
    // 3 bytes are not a whole f64
    expect(failure('{"a": [1, {"s": {"~": "f64", "v": "AAAA"}}]}')).toEqual({
      path: ['a', 1, 's'],
      message: 'a f64 array of 3 bytes, not a whole number of 8-byte items',
    });
    expect(failure('{"m": {"~": "map", "v": [[1, 2], [3, {"~": "zz"}]]}}')).toEqual({
      path: ['m', 'v', 1, 1],
      message: "unknown wire tag 'zz'",
    });
    expect(failure('{"o": {"~": "obj", "v": {"~": 1, "x": {"~": "u8", "v": 5}}}}')).toEqual({
      path: ['o', 'v', 'x'],
      message: 'a u8 array is not base64 text',
    });
    expect(failure('[{"~": "map", "v": [[1]]}]')).toEqual({ path: [0, 'v', 0], message: 'a map entry is not a [key, value] pair' });
  });
});
