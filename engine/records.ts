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

/**
 * JSON.parse whose objects have no prototype, so that a results file's names read back as keys
 * alone. The objects are walked after parsing rather than through a reviver, which JSON.parse
 * calls for every number too: a 5 MB results.json parsed in about a third of the time (one-off).
 * The walk is in indexed loops: it runs once, cold (a report's raised interrupt budget keeps it
 * in the interpreter), where a for-of asks an iterator for each of a 50-variant file's 350,000
 * numbers in lists (docs/performance-notes.md, session 54: parseJson alone some 225 -> 140 ms). Session 43
 * dropped it when its scavenges moved into the shape check; session 55 measured the two together (readJson
 * and resultsProblems, cold, the report's budget): the check is slower after it, the sum no higher on 50
 * variants (215 against 229 ms) and lower on each bundled scenario's results (fiber 65 against 73 ms).
 */
export function parseJson(text: string): unknown {
  return parseJsonCounted(text).value;
}

/**
 * parseJson's value and how many keys its maps hold in all: a text that writes more has a key
 * written twice in a map, of which JSON.parse keeps the last (json-source.ts' duplicateKey).
 */
export function parseJsonCounted(text: string): { value: unknown; keys: number } {
  const root: unknown = JSON.parse(text);
  let count = 0;
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item === 'object' && item !== null) pending.push(item);
      }
      continue;
    }
    const keys = Object.keys(value);
    count += keys.length;
    for (let i = 0; i < keys.length; i++) {
      const item = (value as Record<string, unknown>)[keys[i]];
      if (typeof item === 'object' && item !== null) pending.push(item);
    }
    Object.setPrototypeOf(value, null);
  }
  return { value: root, keys: count };
}
