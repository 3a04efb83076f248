// `--shard I/N`: which share of an experiment's tasks one run takes. Its own module, free of
// imports, so the command line can check the option without loading the engine.

/** The I-th of N shares: `index` from 1 to `count`. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** "2/8" -> { index: 2, count: 8 }; null when the text is not of that form with 1 <= I <= N. */
export function parseShard(text: string): ShardSpec | null {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) return null;
  return { index, count };
}
