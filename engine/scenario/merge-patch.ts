// RFC 7386 JSON Merge Patch: how a variant describes its changes to the baseline document.
// A null deletes a key, a map merges key by key, anything else (lists included) replaces.

import { isPlainMap, type PlainMap } from './fields.js';

/** The patched value; neither argument is modified. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainMap(patch)) return patch;
  const result: PlainMap = {};
  if (isPlainMap(target)) {
    for (const [key, value] of Object.entries(target)) setOwn(result, key, value);
  }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else setOwn(result, key, mergePatch(Object.hasOwn(result, key) ? result[key] : undefined, value));
  }
  return result;
}

/** Defines the key even when it is `__proto__`, which plain assignment would treat as the prototype. */
function setOwn(map: PlainMap, key: string, value: unknown): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}
