// The eTOM Operations processes (catalog.json, levels 1 to 3): looked up by either numbering (classic 1.1.1.5 or
// domain 1.3.3), searched by name or id (`etomsim catalog`), the nearest ids offered for an unknown one, and rolled
// up to their level-2 process and verticals (results.json's etom block).
//
// Invariant: every entry handed out is the catalogue's own object, read-only (nothing copies or writes one); ids are
// ordered (searchProcesses, suggestIds' ties, results.json's rollup) by compareEtomIds alone, which no locale
// changes, so the same on every host (allProcesses keeps catalog.json's order). The index is built at the first
// look-up, not at load.
import catalog from './catalog.json' with { type: 'json' };

/**
 * One process of the eTOM Operations area. `id` is the classic id when a source gives one,
 * else the newer domain id; `parent` and `horizontal` hold other entries' `id`s.
 */
export interface EtomProcess {
  readonly id: string;
  readonly classic: string | null;
  readonly domain: string | null;
  readonly name: string;
  readonly level: 1 | 2 | 3;
  readonly parent: string | null;
  readonly verticals: readonly string[];
  readonly horizontal: string | null;
  /** True when part of the entry (name, id or vertical) is not confirmed by a public source; `source` says which. */
  readonly inferred: boolean;
  readonly source: string;
}

type RawEntry = (typeof catalog)[number];

/**
 * JSON widens `level` to number; checking it here keeps the `1 | 2 | 3` type honest. The entry
 * is the process, not a copy of it: nothing writes to either.
 */
function toProcess(raw: RawEntry): EtomProcess {
  const level = raw.level;
  if (level !== 1 && level !== 2 && level !== 3) {
    throw new Error(`eTOM catalog entry ${raw.id} has level ${level}; expected 1, 2 or 3`);
  }
  return raw as EtomProcess;
}

/**
 * The processes and, by both numberings (so that a scenario may use either), each entry, made
 * at the first look-up: `validate` of a scenario without eTOM tags never looks one up.
 */
let catalogue: { processes: readonly EtomProcess[]; byAnyId: ReadonlyMap<string, EtomProcess> } | null = null;

function processes(): readonly EtomProcess[] {
  return (catalogue ??= indexed()).processes;
}

function byAnyId(): ReadonlyMap<string, EtomProcess> {
  return (catalogue ??= indexed()).byAnyId;
}

function indexed(): { processes: readonly EtomProcess[]; byAnyId: ReadonlyMap<string, EtomProcess> } {
  const processes = catalog.map(toProcess);
  const byAnyId = new Map<string, EtomProcess>();
  for (const entry of processes) {
    if (entry.classic !== null) byAnyId.set(entry.classic, entry);
    if (entry.domain !== null) byAnyId.set(entry.domain, entry);
  }
  return { processes, byAnyId };
}

const MAX_SUGGESTIONS = 3;

export function allProcesses(): readonly EtomProcess[] {
  return processes();
}

/** Accepts a classic id (1.1.1.5) or a domain id (1.3.3); returns the process or null. */
export function findProcess(id: string): EtomProcess | null {
  return byAnyId().get(id.trim()) ?? null;
}

/**
 * For an unknown id: the nearest known ids (by shared prefix then edit distance), best first,
 * at most 3. Ids further than half the input's length in edits are not offered, so garbage
 * input gets no misleading "did you mean".
 */
export function suggestIds(id: string): string[] {
  const wanted = id.trim();
  const maxDistance = Math.ceil(wanted.length / 2);
  return [...byAnyId().keys()]
    .map((known) => ({ known, prefix: sharedPrefixLength(wanted, known), distance: editDistance(wanted, known) }))
    .filter((candidate) => candidate.distance <= maxDistance)
    .sort((a, b) => b.prefix - a.prefix || a.distance - b.distance || compareEtomIds(a.known, b.known))
    .slice(0, MAX_SUGGESTIONS)
    .map((candidate) => candidate.known);
}

/**
 * Case-insensitive search in names and ids; results ordered by level then id. An id matches
 * whole segments only ("1.3.3" finds 1.3.3 and 1.3.3.x, not 1.1.3.3), so an id search
 * returns a process and its descendants.
 */
export function searchProcesses(text: string): EtomProcess[] {
  const needle = text.trim().toLowerCase();
  return processes()
    .filter((entry) => entry.name.toLowerCase().includes(needle) || hasIdUnder(entry, needle))
    .sort((a, b) => a.level - b.level || compareEtomIds(a.id, b.id));
}

/** The level-2 ancestor (or itself when level 2), used for roll-ups; null for level 1. */
export function level2Of(id: string): EtomProcess | null {
  const entry = findProcess(id);
  if (entry === null || entry.level === 1) return null;
  if (entry.level === 2) return entry;
  return entry.parent === null ? null : findProcess(entry.parent);
}

/**
 * Verticals an id rolls up into (from the process or its ancestors); empty when unknown.
 * Level-1 groupings span every vertical and carry none, so a step tagged with a horizontal
 * is not counted four times.
 */
export function verticalsOf(id: string): string[] {
  return [...(findProcess(id)?.verticals ?? [])];
}

function hasIdUnder(entry: EtomProcess, needle: string): boolean {
  return [entry.classic, entry.domain].some((key) => key !== null && (key === needle || key.startsWith(`${needle}.`)));
}

/**
 * The order of eTOM ids everywhere (the catalog's lists, the results' etom rollup): segment by segment, numbers as
 * numbers (1.1.1.5 before 1.1.1.10), an id before those it prefixes (1.1 before 1.1.1); a segment that is not a whole
 * number (a scenario may tag a step with an id of its own) after the numbers, by UTF-16 code unit; ids equal as
 * numbers (1.01, 1.1) by code unit. Never localeCompare: the order, and so results.json, is the same in every locale.
 */
export function compareEtomIds(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const d = compareSegments(left[i]!, right[i]!);
    if (d !== 0) return d;
  }
  return left.length - right.length || codeUnitOrder(a, b);
}

const WHOLE_NUMBER = /^\d+$/;

function compareSegments(x: string, y: string): number {
  const xNumber = WHOLE_NUMBER.test(x);
  const yNumber = WHOLE_NUMBER.test(y);
  if (xNumber && yNumber) return Number(x) - Number(y);
  if (xNumber !== yNumber) return xNumber ? -1 : 1;
  return codeUnitOrder(x, y);
}

function codeUnitOrder(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function sharedPrefixLength(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

/** Levenshtein distance (insertions, deletions and substitutions each cost 1). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
