// Reading the maps of a scenario: which keys a map may hold, which it must hold, and the
// plain values (text, whole numbers, numbers) inside. Each reader reports what is wrong and
// returns undefined, so that the caller can go on validating the siblings.

import { groupThousands, wholeNumber } from '../number-format.js';
import type { Limit } from './limits.js';
import type { KeyPath, Problems } from './problems.js';
import { didYouMean } from './suggest.js';

export type PlainMap = { [key: string]: unknown };

export function isPlainMap(value: unknown): value is PlainMap {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The most characters of a found text a message quotes: a whole file read as one value (a CSV log, a long line) was quoted whole. */
const QUOTED_MAX = 60;

/** A found text in quotes, at most QUOTED_MAX characters of it and then its length: 'case_id,resource,…' (998,097 characters). */
export function quoted(text: string): string {
  if (text.length <= QUOTED_MAX) return `'${text}'`;
  const cut = /[\ud800-\udbff]/.test(text[QUOTED_MAX - 1]) ? QUOTED_MAX - 1 : QUOTED_MAX; // not half a character
  return `'${text.slice(0, cut)}…' (${wholeNumber(text.length)} characters)`;
}

/** A value as a person would name it in a message. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (value instanceof Uint8Array) return 'binary data (a !!binary value)';
  if (value instanceof Set || value instanceof Map)
    return value instanceof Set ? 'a set (a !!set value)' : 'an ordered map (a !!omap value)';
  if (typeof value === 'object') return Object.keys(value).length === 0 ? 'an empty map' : 'a map';
  if (typeof value === 'string') return quoted(value);
  return String(value);
}

/** Whether an optional key is given: an empty value (`key:` or `key: null`) counts as absent. */
export function given(map: PlainMap, key: string): boolean {
  return Object.hasOwn(map, key) && map[key] !== null && map[key] !== undefined;
}

/**
 * The value of a key the map must have, or undefined after reporting it: at the map when
 * the key is missing, at the key when its value is empty. `need` says what to write.
 */
export function requireKey(map: PlainMap, key: string, path: KeyPath, problems: Problems, need: string): unknown {
  if (!Object.hasOwn(map, key)) {
    problems.missing([...path, key], need);
    return undefined;
  }
  if (map[key] === null || map[key] === undefined) {
    problems.atValue([...path, key], `${key} is empty: ${need}`);
    return undefined;
  }
  return map[key];
}

/** Reports every key of `map` that is not in `allowed`, suggesting the closest allowed key. */
export function checkKeys(map: PlainMap, path: KeyPath, allowed: readonly string[], problems: Problems): void {
  for (const key of Object.keys(map)) {
    if (allowed.includes(key)) continue;
    problems.atKey([...path, key], `unknown key ${quoted(key)}; expected one of ${allowed.join(', ')}${didYouMean(key, allowed)}`);
  }
}

/**
 * A map of named entries (resources, flows, nodes...). An empty value stands for an empty
 * map, so that `calendars:` with every entry commented out still reads as "none".
 */
export function readEntries(value: unknown, path: KeyPath, problems: Problems, example: string): PlainMap | undefined {
  if (value === null || value === undefined) return {};
  if (isPlainMap(value)) return value;
  problems.atValue(path, `${String(path[path.length - 1])} must be a map of named entries, like ${example}; found ${describeValue(value)}`);
  return undefined;
}

/** A map of settings such as `run` or one resource; an empty value reads as an empty map. */
export function readSettings(value: unknown, path: KeyPath, problems: Problems, what: string, example: string): PlainMap | undefined {
  if (value === null || value === undefined) return {};
  if (isPlainMap(value)) return value;
  problems.atValue(path, `${what} must be a map of settings, like ${example}; found ${describeValue(value)}`);
  return undefined;
}

/** A list; an empty value reads as an empty list. */
export function readList(value: unknown, path: KeyPath, problems: Problems, what: string, example: string): unknown[] | undefined {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value;
  problems.atValue(path, `${what} must be a list, like ${example}; found ${describeValue(value)}`);
  return undefined;
}

function readText(value: unknown, path: KeyPath, problems: Problems, what: string): string | undefined {
  if (typeof value === 'string') return value;
  problems.atValue(path, `${what} must be text; found ${describeValue(value)} (put it in quotes)`);
  return undefined;
}

/** An optional text key; null when absent. */
export function optionalText(map: PlainMap, key: string, path: KeyPath, problems: Problems, what: string): string | null {
  if (!given(map, key)) return null;
  return readText(map[key], [...path, key], problems, what) ?? null;
}

/**
 * An optional `description`: null when absent, and when blank (empty or only white space), as
 * `description: null` is: the reports print a description in brackets after a name, and a blank
 * one printed as "()" (s32x F21).
 */
export function optionalDescription(map: PlainMap, path: KeyPath, problems: Problems): string | null {
  const text = optionalText(map, 'description', path, problems, 'description');
  return text === null || text.trim() === '' ? null : text;
}

export function readInteger(
  value: unknown,
  path: KeyPath,
  problems: Problems,
  what: string,
  min: number | null,
  limit?: Limit,
): number | undefined {
  const atLeast = min === null ? '' : ` of ${min} or more`;
  // a whole number past 2^53 is one, but a double holds it rounded: said so, not "must be a whole number; found 1152921504606847000"
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value) && (min === null || value > 0)) {
    const bound = `${value > 0 ? 'at most ' : 'at least -'}${wholeNumber(Number.MAX_SAFE_INTEGER)}`;
    const found = Math.abs(value) < 1e21 ? `about ${groupThousands(BigInt(value).toString())}` : String(value); // the double's own digits
    problems.atValue(
      path,
      `${what} must be ${bound} (2^53 - 1: a larger whole number is read rounded, as a double holds it); found ${found} as read`,
    );
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || (min !== null && value < min)) {
    problems.atValue(path, `${what} must be a whole number${atLeast}; found ${describeValue(value)}`);
    return undefined;
  }
  if (limit && value > limit.max) {
    problems.atValue(path, `${what} must be at most ${wholeNumber(limit.max)} (${limit.why}); found ${describeValue(value)}`);
    return undefined;
  }
  return value;
}

/** A plain finite number of at least `min` (or above it when `strict`), and at most `limit` when given. */
export function readNumber(
  value: unknown,
  path: KeyPath,
  problems: Problems,
  what: string,
  bound: { min: number; strict: boolean },
  limit?: Limit,
): number | undefined {
  const ok = typeof value === 'number' && Number.isFinite(value) && (bound.strict ? value > bound.min : value >= bound.min);
  if (!ok) {
    const range = bound.strict ? `greater than ${bound.min}` : `of ${bound.min} or more`;
    problems.atValue(path, `${what} must be a number ${range}; found ${describeValue(value)}`);
    return undefined;
  }
  if (limit && value > limit.max) {
    problems.atValue(path, `${what} must be at most ${wholeNumber(limit.max)} (${limit.why}); found ${describeValue(value)}`);
    return undefined;
  }
  return value;
}
