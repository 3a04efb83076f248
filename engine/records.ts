// Objects keyed by names a user typed (teams, flows, nodes, variants, KPIs, eTOM ids). A
// plain `{}` answers `toString`, `constructor` or `hasOwnProperty` with what it inherits and
// treats `__proto__` as its prototype, so every such object is made without a prototype:
// then a name is only ever a key, absent keys read undefined, and JSON writes every key.

/** An empty object without a prototype, for keys that are user names. */
export function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Object.fromEntries, into an object without a prototype. */
export function recordFrom<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out = record<T>();
  for (const [key, value] of entries) out[key] = value;
  return out;
}

/** The value of an own key, undefined when absent, whatever the object's prototype. */
export function own<T>(map: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}

/** JSON.parse whose objects have no prototype, so that a results file's names read back as keys alone. */
export function parseJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.setPrototypeOf(value, null) : value,
  );
}
