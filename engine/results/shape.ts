// The shape of plain JSON data, written as values (`object`, `record`, `list`, `num`, ...), and
// the check of a value against it that reports every problem at once, each at its key path:
// the form in which etomsim says what its own output files must hold to be read back
// (engine/results/readable.ts). A shape is lenient where a reader must be: keys it does not
// name are left alone (a later version may add keys; the format only ever adds), and keys
// marked optional may be absent (files written before they existed), but a key that is
// present is always checked.
// Invariant: the check never throws and never recurses deeper than the shape itself, so a
// hostile file (deep nesting, `__proto__` keys, huge lists) costs one look per value the
// shape names; objects are read by own keys only.

import { isPlainMap } from '../scenario/fields.js';
import { didYouMean } from '../scenario/suggest.js';
import type { KeyPath, Problems } from '../scenario/problems.js';
import { counted } from '../plural.js';

export interface Shape {
  /** what it is, for a message: "a number", "a list of numbers" */
  readonly what: string;
  /** the value is of the JSON kind the shape describes (a number, a text, a list, a map), right or wrong inside */
  isKind(value: unknown): boolean;
  /** a scalar shape's whole check as a test, without a path: lets a long list of numbers be checked without making a path per item */
  holds?(value: unknown): boolean;
  check(value: unknown, path: KeyPath, problems: Problems): void;
  /** what it is made of, for a reader of the shape itself (test/docs/schemas.test.ts compares it with the JSON Schema) */
  readonly parts?: {
    keys?: { required: Readonly<Record<string, Shape>>; optional: Readonly<Record<string, Shape>> };
    item?: Shape;
    inner?: Shape;
  };
}

/**
 * A JSON value as a message names it: `the text "abc"`, `the number 3`, `null`, `a list of 2
 * items`, `a map`. Not the scenario's describeValue (engine/scenario/fields.ts): YAML's empty
 * value reads "nothing" there, while JSON writes null; and a list's length matters here.
 */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${counted(value.length, 'item')}`;
  switch (typeof value) {
    case 'string':
      return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'a map';
    default:
      return typeof value;
  }
}

const wrong = (shape: Shape, value: unknown) => `expected ${shape.what}, found ${describeJson(value)}`;

/** A finite number (JSON has no NaN; a literal beyond ±1.8e308 reads as infinite), at least `min` if given. */
export function num(options: { min?: number; above?: number; integer?: boolean } = {}): Shape {
  const kind = options.integer ? 'a whole number' : 'a number';
  const what =
    options.above !== undefined
      ? `${kind} above ${options.above}`
      : options.min !== undefined
        ? `${kind} of at least ${options.min}`
        : kind;
  return {
    what,
    isKind: (value) => typeof value === 'number',
    holds: (value) =>
      typeof value === 'number' &&
      Number.isFinite(value) &&
      !(options.integer && !Number.isInteger(value)) &&
      !(options.min !== undefined && value < options.min) &&
      !(options.above !== undefined && !(value > options.above)),
    check(value, path, problems) {
      if (typeof value !== 'number') return problems.atValue(path, wrong(this, value));
      if (!Number.isFinite(value)) return problems.atValue(path, `expected ${what}, found a number too large to hold (beyond ±1.8e308)`);
      if (!this.holds!(value)) problems.atValue(path, wrong(this, value));
    },
  };
}

export const number = num();
export const integer = num({ integer: true });
export const string: Shape = primitive('a text', 'string');
export const boolean: Shape = primitive('true or false', 'boolean');

function primitive(what: string, type: 'string' | 'boolean'): Shape {
  return {
    what,
    isKind: (value) => typeof value === type,
    holds: (value) => typeof value === type,
    check(value, path, problems) {
      if (typeof value !== type) problems.atValue(path, wrong(this, value));
    },
  };
}

/** One of a few texts or numbers. */
export function oneOf(...values: readonly (string | number)[]): Shape {
  const names = values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v)));
  return {
    what: values.length === 1 ? names[0] : `one of ${names.join(', ')}`,
    isKind: (value) => typeof value === typeof values[0],
    check(value, path, problems) {
      if (values.includes(value as string | number)) return;
      const hint =
        typeof value === 'string'
          ? didYouMean(
              value,
              values.filter((v) => typeof v === 'string'),
            )
          : '';
      problems.atValue(path, wrong(this, value) + hint);
    },
  };
}

export function nullable(shape: Shape): Shape {
  return {
    parts: { inner: shape },
    what: `${shape.what} or null`,
    isKind: (value) => value === null || shape.isKind(value),
    ...(shape.holds ? { holds: (value: unknown) => value === null || shape.holds!(value) } : {}),
    check(value, path, problems) {
      if (value === null) return;
      // a value of the right kind keeps the inner shape's own message (a number out of range, a key missing inside)
      if (shape.isKind(value)) shape.check(value, path, problems);
      else problems.atValue(path, wrong(this, value));
    },
  };
}

/** A list whose every item has `item`'s shape; `length`: exactly so many items. */
export function list(item: Shape, options: { length?: number } = {}): Shape {
  const items = plural(item.what);
  const n = options.length;
  return {
    parts: { item },
    what:
      n === undefined
        ? items === null
          ? `a list, each item ${item.what}`
          : `a list of ${items}`
        : items === null
          ? `a list of ${n} items, each ${item.what}`
          : `a list of ${n} ${items}`,
    isKind: Array.isArray,
    check(value, path, problems) {
      if (!Array.isArray(value)) return problems.atValue(path, wrong(this, value));
      if (options.length !== undefined && value.length !== options.length)
        return problems.atValue(path, `expected ${this.what}, found ${describeJson(value)}`);
      const holds = item.holds;
      for (let i = 0; i < value.length; i++) if (!holds?.(value[i])) item.check(value[i], [...path, i], problems);
    },
  };
}

/** A map of names (teams, flows, variants: data, `__proto__` included) to values of one shape. */
export function record(value: Shape): Shape {
  const items = plural(value.what);
  return {
    parts: { item: value },
    what: items === null ? `a map of names, each to ${value.what}` : `a map of names to ${items}`,
    isKind: isPlainMap,
    check(data, path, problems) {
      if (!isPlainMap(data)) return problems.atValue(path, wrong(this, data));
      for (const key of Object.keys(data)) value.check(data[key], [...path, key], problems);
    },
  };
}

/** A map with some keys required and some optional; keys it does not name are left alone (see the header). */
export function object(what: string, required: Readonly<Record<string, Shape>>, optional: Readonly<Record<string, Shape>> = {}): Shape {
  // worked out once per shape, not per map checked: a results file has some 20,000 maps
  const named = new Set([...Object.keys(required), ...Object.keys(optional)]);
  const requiredKeys = Object.entries(required);
  const optionalKeys = Object.entries(optional);
  return {
    parts: { keys: { required, optional } },
    what,
    isKind: isPlainMap,
    check(data, path, problems) {
      if (!isPlainMap(data)) return problems.atValue(path, wrong(this, data));
      for (const [key, shape] of requiredKeys) {
        if (Object.hasOwn(data, key)) shape.check(data[key], [...path, key], problems);
        else {
          const unnamed = Object.keys(data).filter((k) => !named.has(k));
          problems.missing([...path, key], `missing key '${key}' (${shape.what})${didYouMean(key, unnamed)}`);
        }
      }
      for (const [key, shape] of optionalKeys) {
        if (Object.hasOwn(data, key)) shape.check(data[key], [...path, key], problems);
      }
    },
  };
}

/** "a number" -> "numbers", "a list of texts" -> "lists of texts", "a text or null" -> "texts or nulls"; null for a phrase it cannot put in the plural. */
function plural(what: string): string | null {
  const nullable = / or null$/.exec(what);
  if (nullable) {
    const many = plural(what.slice(0, nullable.index));
    return many === null ? null : `${many} or nulls`;
  }
  // one noun, perhaps with a note in brackets, or a list or map of things
  const m = /^an? ((?:whole )?[a-z]+)((?: \(.*\))?|(?: of .*))$/.exec(what);
  return m ? `${m[1]}s${m[2]}` : null;
}
