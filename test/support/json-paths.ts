// Paths into a JSON value and copies with one value replaced: what the tests that damage a file
// of ours (results.json, sizing.json, a manifest) one value at a time walk with.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Path = (string | number)[];

/** Every path to a value in `data`, the root's included; with `firstItemOnly`, a list's first item alone (the rest are checked alike). */
export function paths(data: Json, firstItemOnly = false, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(data))
    (firstItemOnly ? data.slice(0, 1) : data).forEach((item, i) => {
      for (const p of paths(item, firstItemOnly, [...at, i])) out.push(p);
    });
  else if (data !== null && typeof data === 'object')
    for (const [key, value] of Object.entries(data)) for (const p of paths(value, firstItemOnly, [...at, key])) out.push(p);
  return out;
}

/**
 * `data` with the value at `path` replaced; `data` itself untouched. Only the lists and objects on
 * the path are copied: the rest is `data`'s own, so the copy is for reading (JSON.stringify), not
 * for changing. Each key is defined, not assigned, so that a key `__proto__` stays data.
 */
export function replaced(data: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  const holder = data as Record<string | number, Json>;
  const copy = Array.isArray(data) ? [...data] : { ...holder };
  Object.defineProperty(copy, key, { value: replaced(holder[key], rest, value), writable: true, enumerable: true, configurable: true });
  return copy as Json;
}
