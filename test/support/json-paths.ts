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

/** `data` with the value at `path` replaced; `data` itself untouched. */
export function replaced(data: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const copy = structuredClone(data) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[path[path.length - 1]] = value;
  return copy as Json;
}
