// A JSON file read as data, and the place in its text of any value, for problems shown as
// FILE:LINE:COL. JSON.parse reads the file (fast, and its objects are made without a
// prototype, so that names read back as keys alone); the text is scanned only when something
// is wrong with it, to place a syntax error or the values a check refused. The scan is one
// linear pass with an explicit stack (no recursion, so any nesting depth is safe) that
// records only the values on the paths asked for, and it follows JSON.parse exactly: of a
// key written twice, the last one counts. A reader that refuses such a key (an OCEL log's, a
// results, sizing or shard file's: readers differ on which one counts) learns of it from the
// keys parsed against those written, counted in a pass of indexOf, and only then scans the
// text for where it is (duplicateKey).
// Invariant: positions are 1-based lines and columns in UTF-16 code units, a line ending at
// LF, CRLF or a lone CR, as the scenario's positions are (engine/scenario/yaml-source.ts).

import { parseJsonCounted } from '../records.js';
import type { Position } from '../scenario/diagnostics.js';
import { positionOf } from './text-position.js';
import type { KeyPath } from '../scenario/problems.js';

/** A file's JSON value and how many keys its maps hold in all, or where and why its text is not JSON. */
export type JsonRead =
  | { value: unknown; keys: number; syntax: null }
  | { value: undefined; keys: 0; syntax: Position & { message: string } };

/**
 * A file's text as JSON is read from it: without a leading byte order mark, which some Windows
 * editors write and JSON.parse refuses, and which editors do not show (so line 1's columns count
 * from the first character one sees). Read and locate with the same text.
 */
export function jsonText(fileText: string): string {
  return fileText.charCodeAt(0) === 0xfeff ? fileText.slice(1) : fileText;
}

export function readJson(text: string): JsonRead {
  try {
    const { value, keys } = parseJsonCounted(text);
    return { value, keys, syntax: null };
  } catch (err) {
    const scanned = scan(text, null);
    const problem = scanned.error ?? { offset: 0, message: `not JSON (${(err as Error).message})` };
    return { value: undefined, keys: 0, syntax: { ...lineAndColumn(text, problem.offset), message: problem.message } };
  }
}

/** A key written a second time in one map: where it is, where the map first wrote it, and its path (the map's, then the key). */
export interface DuplicateKey {
  at: Position;
  first: Position;
  path: KeyPath;
}

/**
 * The first key of a JSON text written twice in one map (the first met in the text's order), or
 * null when none is. `parsedKeys` is readJson's count of the keys its value holds: a text that
 * writes no more keys than that writes none twice, found in one pass that jumps from quote to
 * quote; only a text that does is scanned to place it.
 */
export function duplicateKey(text: string, parsedKeys: number): DuplicateKey | null {
  if (keysWritten(text) <= parsedKeys) return null;
  const found = scan(text, null, true).duplicate;
  if (!found) return null;
  const lines = lineStarts(text);
  return { at: positionOf(lines, found.offset), first: positionOf(lines, found.first), path: found.path };
}

/**
 * What a reader that refuses a key written twice says, at the second (`twice.at`): an OCEL log's,
 * a results or sizing file's, a shard file's. JSON inside another file (a BPMN attribute's, `inside`
 * its words) is placed where that is, so both writings are given in it.
 */
export function duplicateKeyMessage(twice: DuplicateKey, inside?: string): string {
  const key = twice.path[twice.path.length - 1];
  const where =
    inside === undefined
      ? `first at ${twice.first.line}:${twice.first.col}`
      : `at ${twice.first.line}:${twice.first.col} and ${twice.at.line}:${twice.at.col} of ${inside}`;
  return `key '${key}' appears twice in the same map (${where}); keep only one: JSON readers differ on which one counts`;
}

/**
 * How many keys a text of valid JSON writes: strings followed by ':'. Outside strings valid JSON
 * has no quote, so each quote met from one string's end on opens the next; a quote inside a
 * string is escaped, by an odd run of backslashes before it.
 */
function keysWritten(text: string): number {
  let keys = 0;
  let open = text.indexOf('"');
  while (open >= 0) {
    let close = text.indexOf('"', open + 1);
    while (close >= 0 && text.charCodeAt(close - 1) === 92) {
      let backslashes = 1;
      while (text.charCodeAt(close - 1 - backslashes) === 92) backslashes++;
      if (backslashes % 2 === 0) break;
      close = text.indexOf('"', close + 1);
    }
    if (close < 0) break; // not JSON: no key after it
    let after = close + 1;
    let c = text.charCodeAt(after);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++after);
    if (c === 58) keys++;
    open = text.indexOf('"', after);
  }
  return keys;
}

/**
 * Where each path's value starts in a JSON text, or, for a path the text does not hold, the
 * value of its deepest prefix that it does (the map that lacks a key, the list too short).
 */
export function locateInJson(text: string, paths: readonly KeyPath[]): Position[] {
  const lines = lineStarts(text);
  return offsetsInJson(text, paths).map((offset) => positionOf(lines, offset));
}

/** locateInJson's places as offsets in the text (UTF-16 units): where a value's own text starts. */
export function offsetsInJson(text: string, paths: readonly KeyPath[]): number[] {
  const root: Trie = { children: new Map(), offset: -1 };
  for (const path of paths) {
    let node = root;
    for (const segment of path) {
      const key = String(segment);
      let child = node.children.get(key);
      if (!child) node.children.set(key, (child = { children: new Map(), offset: -1 }));
      node = child;
    }
  }
  scan(text, root);
  return paths.map((path) => {
    let node = root;
    let offset = root.offset;
    for (const segment of path) {
      const child = node.children.get(String(segment));
      if (!child || child.offset < 0) break;
      node = child;
      offset = child.offset;
    }
    return Math.max(0, offset);
  });
}

/** The paths asked for, as a tree; `offset` is where the value was found (-1: not in the text). */
interface Trie {
  children: Map<string, Trie>;
  offset: number;
}

interface Frame {
  kind: 'object' | 'array';
  trie: Trie | null; // the container's node when a path asked for goes through it
  index: number; // arrays: the next item's index
  key: string | null; // objects: the key whose value comes next
  seen: Map<string, number> | null; // objects, when duplicate keys are looked for: each key's offset
}

interface ScanResult {
  error: { offset: number; message: string } | null;
  duplicate?: { offset: number; first: number; path: KeyPath };
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /[0-9a-fA-F]{4}/y;

/**
 * One pass over the text: records the offsets of the values `root` asks for, and stops at the
 * first syntax error, or with `duplicates` at the first key a map writes twice.
 */
function scan(text: string, root: Trie | null, duplicates = false): ScanResult {
  let i = 0;
  const n = text.length;
  const stack: Frame[] = [];
  const fail = (offset: number, message: string): ScanResult => ({ error: { offset, message: `invalid JSON: ${message}` } });
  const skipSpace = () => {
    while (i < n && WHITESPACE.has(text[i])) i++;
  };
  /** Past a string starting at i (a double quote); -1 when it is malformed (the error is in `bad`). */
  let bad: { offset: number; message: string } | null = null;
  const malformed = (problem: { offset: number; message: string }): number => {
    bad = problem;
    return -1;
  };
  const skipString = (): number => {
    let j = i + 1;
    while (j < n) {
      const c = text[j];
      if (c === '"') return j + 1;
      if (c === '\\') {
        const e = text[j + 1];
        if (e === 'u') {
          HEX4.lastIndex = j + 2;
          if (!HEX4.test(text)) return malformed({ offset: j, message: "'\\u' takes four hexadecimal digits" });
          j += 6;
        } else if (ESCAPES.has(e)) j += 2;
        else return malformed({ offset: j, message: `'\\${e ?? ''}' is not an escape JSON knows` });
      } else if (c.charCodeAt(0) < 0x20) {
        return malformed({ offset: j, message: 'a string holds a raw control character (a line break or a tab): write it as \\n or \\t' });
      } else j++;
    }
    return malformed({ offset: i, message: 'a string is not closed: the file ends inside it' });
  };

  skipSpace();
  if (i >= n) return fail(i, 'the file is empty; expected a JSON value');
  if (root) root.offset = i;
  let expectValue = true; // else: after a value, expecting ',' or the container's end
  let trieHere: Trie | null = root; // the node of the value about to start
  for (;;) {
    if (expectValue) {
      skipSpace();
      if (i >= n) return fail(i, 'the file ends where a value should be');
      const c = text[i];
      if (trieHere) trieHere.offset = i;
      if (c === '{' || c === '[') {
        const kind = c === '{' ? 'object' : 'array';
        stack.push({ kind, trie: trieHere, index: 0, key: null, seen: duplicates && kind === 'object' ? new Map() : null });
        i++;
        skipSpace();
        const close = c === '{' ? '}' : ']';
        if (text[i] === close) {
          stack.pop();
          i++;
          expectValue = false;
          continue;
        }
        const frame = stack[stack.length - 1];
        if (frame.kind === 'object') {
          const found = readKey(frame);
          if (found) return found;
        } else trieHere = frame.trie?.children.get('0') ?? null;
        continue;
      }
      if (c === '"') {
        const end = skipString();
        if (end < 0) return { error: { offset: bad!.offset, message: `invalid JSON: ${bad!.message}` } };
        i = end;
      } else if (c === '-' || (c >= '0' && c <= '9')) {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return fail(i, 'a malformed number');
        i = NUMBER.lastIndex;
      } else if (text.startsWith('true', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else if (text.startsWith('null', i)) i += 4;
      else return fail(i, `expected a value (a number, a string in double quotes, true, false, null, a list or a map), found '${text[i]}'`);
      expectValue = false;
      continue;
    }
    skipSpace();
    const frame = stack[stack.length - 1];
    if (!frame) {
      if (i < n) return fail(i, 'the text goes on after the JSON value');
      return { error: null };
    }
    const close = frame.kind === 'object' ? '}' : ']';
    if (i >= n) return fail(i, `the file ends before the closing '${close}'`);
    if (text[i] === close) {
      stack.pop();
      i++;
      continue;
    }
    if (text[i] !== ',') return fail(i, `expected ',' or '${close}' after a ${frame.kind === 'object' ? 'value' : 'list item'}`);
    i++;
    if (frame.kind === 'object') {
      skipSpace();
      const found = readKey(frame);
      if (found) return found;
    } else {
      frame.index++;
      trieHere = frame.trie?.children.get(String(frame.index)) ?? null;
      expectValue = true;
    }
  }

  /** At a key in an object: reads it and its colon, and sets up the value after it; a ScanResult when malformed. */
  function readKey(frame: Frame): ScanResult | null {
    if (text[i] !== '"') return fail(i, i >= n ? "the file ends before the closing '}'" : 'expected a key in double quotes');
    const start = i;
    const end = skipString();
    if (end < 0) return { error: { offset: bad!.offset, message: `invalid JSON: ${bad!.message}` } };
    frame.key = frame.trie || frame.seen ? (JSON.parse(text.slice(start, end)) as string) : null;
    if (frame.seen && frame.key !== null) {
      const first = frame.seen.get(frame.key);
      if (first !== undefined)
        return { error: null, duplicate: { offset: start, first, path: stack.map((f) => (f.kind === 'object' ? f.key! : f.index)) } };
      frame.seen.set(frame.key, start);
    }
    i = end;
    skipSpace();
    if (text[i] !== ':') return fail(i, "expected ':' after a key");
    i++;
    trieHere = frame.trie && frame.key !== null ? (frame.trie.children.get(frame.key) ?? null) : null;
    expectValue = true;
    return null;
  }
}

/** The offsets at which lines start. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function lineAndColumn(text: string, offset: number): Position {
  return positionOf(lineStarts(text), offset);
}
