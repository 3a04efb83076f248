// What a test file makes at a cost and several of its tests read (a log written, read or discovered, a
// command line run under a probe): made the first time a test asks for it and handed to every later one,
// so that the file pays for it once and a test run alone (`-t`) still makes what it reads. Before session
// 56 each file kept its own map and wrote the same get-or-make lines again.
// Invariant: `make` runs once a key, and the key names everything the value depends on (two values
// made of different inputs under one key would hand the second asker the first's).

/** A store of values made once: `once(key, make)` is make()'s value the first time `key` is asked for, that same value after. */
export function madeOnce<T>(): (key: string, make: () => T) => T {
  const made = new Map<string, T>();
  return (key, make) => {
    let value = made.get(key);
    if (value === undefined) {
      value = make();
      made.set(key, value);
    }
    return value;
  };
}
