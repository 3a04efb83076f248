// Plain data as JSON text, exactly: the models and statistics that travel to other machines
// (shard files, queue jobs) must come back bit for bit, or a merged run would differ from a
// local one. JSON alone loses NaN, ±Infinity and -0 (models hold NaN for "no SLA", Infinity
// for "never cancelled", -0 for time fields) and flattens typed arrays.
//
// Invariant: decode(encode(x)) is structurally identical to x for every value built from
// null, booleans, strings, numbers, arrays, plain objects, Maps and the typed arrays below;
// anything else (a class instance, a function, undefined in an array) is refused, not guessed.
import { endianness } from 'node:os';
import { parseJsonCounted } from '../records.js';

/** The key that marks an encoded value. A plain object that has it is itself wrapped. */
const TAG = '~';

const TYPED = {
  f64: Float64Array,
  f32: Float32Array,
  i32: Int32Array,
  u32: Uint32Array,
  u16: Uint16Array,
  u8: Uint8Array,
} as const;
type TypedName = keyof typeof TYPED;
type Typed = InstanceType<(typeof TYPED)[TypedName]>;

/** Bytes on the wire are little-endian, whatever this machine is. */
const SWAP = endianness() === 'BE';

export function encode(value: unknown): string {
  return JSON.stringify(toWire(value, ''));
}

export function decode(text: string): unknown {
  return fromWire(JSON.parse(text));
}

/** Stands for a tagged value decodeEach could not decode: its problem is among `damaged`, at its path. */
export const DAMAGED: unique symbol = Symbol('a damaged wire value');

/**
 * decode, but every tagged value that does not decode is told (each a WireError, its path from the root) and left as
 * DAMAGED (where: `placeholders`, the tagged values' paths), so that a reader of a damaged file can say all that is wrong with it at once. Untagged lists and maps are
 * walked; a tagged value is decoded whole, so a damaged one inside a map or a wrapped object is its first problem only.
 * `keys`: how many keys the text's maps hold once parsed, tagged values' included, for a reader that refuses a key
 * written twice (engine/io/json-source.ts duplicateKey).
 */
export function decodeEach(text: string): { value: unknown; keys: number; damaged: WireError[]; placeholders: (string | number)[][] } {
  const damaged: WireError[] = [];
  const placeholders: (string | number)[][] = []; // where each DAMAGED stands: its tagged value's path, above its WireError's own
  const path: (string | number)[] = [];
  const walk = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value))
      return value.map((item, i) => {
        path.push(i);
        const out = walk(item);
        path.pop();
        return out;
      });
    const record = value as Record<string, unknown>;
    if (!Object.hasOwn(record, TAG))
      return members(record, (member, k) => {
        path.push(k);
        const out = walk(member);
        path.pop();
        return out;
      });
    try {
      return fromWire(record);
    } catch (err) {
      if (!(err instanceof WireError)) throw err;
      for (let i = path.length - 1; i >= 0; i--) err.path.unshift(path[i]); // the path from the root before the value's own
      damaged.push(err);
      placeholders.push([...path]);
      return DAMAGED;
    }
  };
  const { value, keys } = parseJsonCounted(text);
  return { value: walk(value), keys, damaged, placeholders };
}

function toWire(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value) && !Object.is(value, -0)) return value;
    return { [TAG]: 'num', v: String(Object.is(value, -0) ? '-0' : value) };
  }
  if (Array.isArray(value)) return value.map((v, i) => toWire(v, `${path}[${i}]`));
  if (ArrayBuffer.isView(value)) return typedToWire(value as Typed, path);
  if (value instanceof Map) return { [TAG]: 'map', v: [...value].map(([k, v]) => [toWire(k, path), toWire(v, `${path}.${String(k)}`)]) };
  if (typeof value === 'object' && isPlain(value)) {
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue; // as JSON.stringify does for object members
      out[k] = toWire(v, path === '' ? k : `${path}.${k}`);
    }
    return Object.hasOwn(value, TAG) ? { [TAG]: 'obj', v: out } : out;
  }
  throw new TypeError(`cannot send ${describe(value)} at '${path || '(top)'}': only plain data travels`);
}

/**
 * A tagged value that does not decode, and the key path of the JSON text to it (as written:
 * a map's entries under `v`), so that a reader can place it at a line and column.
 */
export class WireError extends TypeError {
  readonly path: (string | number)[] = [];
}

function fromWire(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    let i = 0;
    try {
      for (; i < value.length; i++) out[i] = fromWire(value[i]);
    } catch (err) {
      throw within(err, i);
    }
    return out;
  }
  const record = value as Record<string, unknown>;
  const tag = Object.hasOwn(record, TAG) ? record[TAG] : undefined;
  switch (tag) {
    case undefined:
      return members(record);
    case 'num':
      return Number(record.v);
    case 'map': {
      const entries = record.v;
      if (!Array.isArray(entries)) throw within(new WireError("a map's entries are not a list"), 'v');
      const out = new Map<unknown, unknown>();
      for (let i = 0; i < entries.length; i++) {
        const entry: unknown = entries[i];
        if (!Array.isArray(entry) || entry.length !== 2)
          throw within(within(new WireError('a map entry is not a [key, value] pair'), i), 'v');
        let part = 0;
        try {
          const key = fromWire(entry[0]);
          part = 1;
          out.set(key, fromWire(entry[1]));
        } catch (err) {
          throw within(within(within(err, part), i), 'v');
        }
      }
      return out;
    }
    case 'obj':
      if (typeof record.v !== 'object' || record.v === null || Array.isArray(record.v))
        throw new WireError('a wrapped object is not a map');
      try {
        return members(record.v as Record<string, unknown>); // a plain object whose own keys include the tag
      } catch (err) {
        throw within(err, 'v');
      }
    default:
      if (typeof tag === 'string' && Object.hasOwn(TYPED, tag)) {
        if (typeof record.v !== 'string') throw new WireError(`a ${tag} array is not base64 text`);
        return typedFromWire(tag as TypedName, record.v);
      }
      throw new WireError(`unknown wire tag '${String(tag)}'`);
  }
}

/** `err` one level further from the root: `segment` prefixed to a WireError's path (other errors pass through). */
function within(err: unknown, segment: string | number): unknown {
  if (err instanceof WireError) err.path.unshift(segment);
  return err;
}

/**
 * An object's members, each decoded by `decodeMember` (fromWire; decodeEach's walk, which tells
 * a damaged one and goes on); JSON.parse made them own properties (a "__proto__" key too), and
 * so do we. A WireError is placed under its key.
 */
function members(
  record: Record<string, unknown>,
  decodeMember: (value: unknown, key: string) => unknown = fromWire,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(record)) {
    let value: unknown;
    try {
      value = decodeMember(record[k], k);
    } catch (err) {
      throw within(err, k);
    }
    Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function typedToWire(array: Typed, path: string): unknown {
  const name = (Object.keys(TYPED) as TypedName[]).find((n) => array instanceof TYPED[n]);
  if (!name) throw new TypeError(`cannot send ${describe(array)} at '${path}'`);
  const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  return { [TAG]: name, v: (SWAP ? swapped(Buffer.from(bytes), array.BYTES_PER_ELEMENT) : bytes).toString('base64') };
}

function typedFromWire(name: TypedName, base64: string): Typed {
  const Ctor = TYPED[name];
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.byteLength % Ctor.BYTES_PER_ELEMENT !== 0)
    throw new WireError(`a ${name} array of ${bytes.byteLength} bytes, not a whole number of ${Ctor.BYTES_PER_ELEMENT}-byte items`);
  if (SWAP) swapped(bytes, Ctor.BYTES_PER_ELEMENT);
  // a copy into a fresh, aligned buffer: Buffer's pool offset may not be a multiple of 8
  const out = new Ctor(bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

function swapped(bytes: Buffer, size: number): Buffer {
  if (size === 2) return bytes.swap16();
  if (size === 4) return bytes.swap32();
  if (size === 8) return bytes.swap64();
  return bytes;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null) return `a ${value.constructor?.name ?? 'null-prototype object'}`;
  return `a ${typeof value}`;
}
