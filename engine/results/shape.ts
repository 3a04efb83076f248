// The shape of plain JSON data, written as values (`object`, `record`, `list`, `num`, ...), and
// the check of a value against it that reports every problem at once, each at its key path:
// the form in which etomsim says what its own output files must hold to be read back
// (engine/results/readable.ts). A shape is lenient where a reader must be: keys it does not
// name are left alone (a later version may add keys; the format only ever adds), and keys
// marked optional may be absent (files written before they existed), but a key that is
// present is always checked.
// Invariant: the check never throws and never recurses deeper than the shape itself, so a
// hostile file (deep nesting, `__proto__` keys, huge lists) costs one look per value the
// shape names; objects are read by own keys only. A shape whose parts all have `holds` has
// one too, true exactly when its check would report nothing: a value that holds is passed
// without a key path made for any of its parts (the check of a 50-variant results file, cold
// as `report` runs it: 757 -> 360 M instructions and 51 -> 8 MB allocated, session 47).

import { isPlainMap } from '../scenario/fields.js';
import { didYouMean } from '../scenario/suggest.js';
import type { KeyPath, Problems } from '../scenario/problems.js';
import { counted } from '../plural.js';

export interface Shape {
  /** what it is, for a message: "a number", "a list of numbers" */
  readonly what: string;
  /** the value is of the JSON kind the shape describes (a number, a text, a list, a map), right or wrong inside */
  isKind(value: unknown): boolean;
  /**
   * the shape's whole check as a test, without a path: true only when `check` would report
   * nothing, so that a long list of numbers, or a map of stats, is checked without a path made
   * per item; absent on a shape with a part that has none (then each part is checked with its path)
   */
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
  const plain = options.integer === undefined && options.min === undefined && options.above === undefined;
  return {
    what,
    isKind: (value) => typeof value === 'number',
    holds: plain
      ? isFiniteNumber
      : (value) =>
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

/** `number`'s test, and `nullable(number)`'s: named, so that a list of them is tested in a loop of its own (listHolds). */
function isFiniteNumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value);
}

function isFiniteOrNull(value: unknown): boolean {
  return value === null || (typeof value === 'number' && Number.isFinite(value));
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
    holds: (value) => values.includes(value as string | number),
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
    ...(shape.holds === isFiniteNumber
      ? { holds: isFiniteOrNull }
      : shape.holds
        ? { holds: (value: unknown) => value === null || shape.holds!(value) }
        : {}),
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
    ...(item.holds ? { holds: (value: unknown) => listHolds(value, n, item.holds!) } : {}),
    check(value, path, problems) {
      if (!Array.isArray(value)) return problems.atValue(path, wrong(this, value));
      if (options.length !== undefined && value.length !== options.length)
        return problems.atValue(path, `expected ${this.what}, found ${describeJson(value)}`);
      const holds = item.holds;
      for (let i = 0; i < value.length; i++) if (!holds?.(value[i])) item.check(value[i], [...path, i], problems);
    },
  };
}

function listHolds(value: unknown, length: number | undefined, holds: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value) || (length !== undefined && value.length !== length)) return false;
  // the chart series' numbers, some 1.5 M in a 50-variant file, tested without a call each (cold code: about half the check)
  if (holds === isFiniteOrNull) {
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      if (x !== null && !(typeof x === 'number' && Number.isFinite(x))) return false;
    }
    return true;
  }
  if (holds === isFiniteNumber) {
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      if (!(typeof x === 'number' && Number.isFinite(x))) return false;
    }
    return true;
  }
  for (let i = 0; i < value.length; i++) if (!holds(value[i])) return false;
  return true;
}

/** A map of names (teams, flows, variants: data, `__proto__` included) to values of one shape. */
export function record(value: Shape): Shape {
  const items = plural(value.what);
  return {
    parts: { item: value },
    what: items === null ? `a map of names, each to ${value.what}` : `a map of names to ${items}`,
    isKind: isPlainMap,
    ...(value.holds ? { holds: (data: unknown) => recordHolds(data, value.holds!) } : {}),
    check(data, path, problems) {
      if (!isPlainMap(data)) return problems.atValue(path, wrong(this, data));
      const holds = value.holds;
      for (const key of Object.keys(data)) if (!holds?.(data[key])) value.check(data[key], [...path, key], problems);
    },
  };
}

function recordHolds(data: unknown, holds: (value: unknown) => boolean): boolean {
  if (!isPlainMap(data)) return false;
  const keys = Object.keys(data);
  for (let i = 0; i < keys.length; i++) if (!holds(data[keys[i]])) return false;
  return true;
}

/** A map with some keys required and some optional; keys it does not name are left alone (see the header). */
export function object(what: string, required: Readonly<Record<string, Shape>>, optional: Readonly<Record<string, Shape>> = {}): Shape {
  // worked out once per shape, not per map checked: a results file has some 20,000 maps
  const named = new Set([...Object.keys(required), ...Object.keys(optional)]);
  // keys and shapes in lists of their own, read by index: the check is cold code, in which a
  // destructured entry is read through the iterator protocol, an object allocated per key
  const keys = { required: Object.keys(required), optional: Object.keys(optional) };
  const shapes = { required: Object.values(required), optional: Object.values(optional) };
  const holds = [...shapes.required, ...shapes.optional].every((shape) => shape.holds)
    ? (data: unknown) => objectHolds(data, keys, shapes)
    : undefined;
  return {
    parts: { keys: { required, optional } },
    what,
    isKind: isPlainMap,
    ...(holds ? { holds } : {}),
    check(data, path, problems) {
      if (!isPlainMap(data)) return problems.atValue(path, wrong(this, data));
      for (let i = 0; i < keys.required.length; i++) {
        const key = keys.required[i];
        const shape = shapes.required[i];
        if (!Object.hasOwn(data, key)) {
          const unnamed = Object.keys(data).filter((k) => !named.has(k));
          problems.missing([...path, key], `missing key '${key}' (${shape.what})${didYouMean(key, unnamed)}`);
        } else if (!shape.holds?.(data[key])) shape.check(data[key], [...path, key], problems);
      }
      for (let i = 0; i < keys.optional.length; i++) {
        const key = keys.optional[i];
        const shape = shapes.optional[i];
        if (Object.hasOwn(data, key) && !shape.holds?.(data[key])) shape.check(data[key], [...path, key], problems);
      }
    },
  };
}

type Parts<T> = { required: readonly T[]; optional: readonly T[] };

/** object's check as a test (each part has `holds`): every required key there and holding, every optional one there holding. */
function objectHolds(data: unknown, keys: Parts<string>, shapes: Parts<Shape>): boolean {
  if (!isPlainMap(data)) return false;
  for (let i = 0; i < keys.required.length; i++)
    if (!Object.hasOwn(data, keys.required[i]) || !shapes.required[i].holds!(data[keys.required[i]])) return false;
  for (let i = 0; i < keys.optional.length; i++)
    if (Object.hasOwn(data, keys.optional[i]) && !shapes.optional[i].holds!(data[keys.optional[i]])) return false;
  return true;
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
