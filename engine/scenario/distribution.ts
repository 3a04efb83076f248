// A distribution as written in a scenario (a duration for a constant, or a one-key map such
// as `{ exponential: { mean: 2h } }`), checked and turned into a DistSpec in hours.

import { readDuration, type TimeUnit } from './duration.js';
import { checkKeys, describeValue, isPlainMap, readInteger, readNumber, type PlainMap } from './fields.js';
import type { KeyPath, Problems } from './problems.js';
import { didYouMean } from './suggest.js';
import { type DistKind, type DistSpec, SHIFTED_KINDS, takesShift } from './types.js';

/** Parameters of each kind that takes a parameter map, in the order they are written. */
/** Most phases of an Erlang distribution. */
export const MAX_ERLANG_K = 1000;

export const PARAMETERS = {
  exponential: ['mean'],
  uniform: ['min', 'max'],
  triangular: ['min', 'mode', 'max'],
  normal: ['mean', 'sd'],
  lognormal: ['mean', 'sd'],
  gamma: ['mean', 'sd'],
  erlang: ['k', 'mean'],
  weibull: ['shape', 'scale'],
} as const;

type ParameterKind = keyof typeof PARAMETERS;

const KINDS: readonly DistKind[] = ['constant', ...(Object.keys(PARAMETERS) as ParameterKind[]), 'empirical'];

const EXAMPLES: Record<ParameterKind, string> = {
  exponential: '{ exponential: { mean: 2h } }',
  uniform: '{ uniform: { min: 1h, max: 3h } }',
  triangular: '{ triangular: { min: 1h, mode: 2h, max: 6h } }',
  normal: '{ normal: { mean: 2h, sd: 30m } }',
  lognormal: '{ lognormal: { mean: 2h, sd: 1h } }',
  gamma: '{ gamma: { mean: 2h, sd: 1h } }',
  erlang: '{ erlang: { k: 3, mean: 2h } }',
  weibull: '{ weibull: { shape: 1.5, scale: 2h } }',
};

const FORMS = 'a duration such as 30m for a constant, or one kind with its parameters, like { exponential: { mean: 2h } }';

/** `what` names the distribution in messages, e.g. "the duration of task 'check'". */
export function readDistribution(raw: unknown, path: KeyPath, problems: Problems, what: string, timeUnit: TimeUnit): DistSpec | undefined {
  if (typeof raw === 'number' || typeof raw === 'string') {
    const value = readDuration(raw, path, problems, what, timeUnit);
    return value === undefined ? undefined : { kind: 'constant', value };
  }
  if (!isPlainMap(raw)) {
    problems.atValue(path, `${what} must be ${FORMS}; found ${describeValue(raw)}`);
    return undefined;
  }
  const keys = Object.keys(raw);
  const named = keys.filter((k) => k !== SHIFT);
  if (named.length !== 1) {
    const kinds = named.filter((k) => (KINDS as readonly string[]).includes(k));
    const other = named.find((k) => !kinds.includes(k));
    if (kinds.length === 1 && named.length === 2 && other !== undefined) {
      // `{ exponential: {...}, shfit: 30m }`: the one key allowed beside a kind, misspelt
      problems.atKey(
        [...path, other],
        `unknown key '${other}' beside the ${kinds[0]}; the only key allowed beside a distribution kind is ${SHIFT}, like ${SHIFT_EXAMPLE}${didYouMean(other, [SHIFT])}`,
      );
      return undefined;
    }
    const found = named.length > 0 ? named.map((k) => `'${k}'`).join(' and ') : keys.length > 0 ? `only a ${SHIFT}` : 'nothing';
    // beside a kind that takes no shift, a shift is in the way too: a variant's patch that kept the
    // baseline's is told to delete it with the kind (Problem.keys), not in a second round
    const shiftInTheWay = Object.hasOwn(raw, SHIFT) && kinds.some((k) => !takesShift(k));
    problems.atValue(path, `${what} must name exactly one distribution kind; found ${found}. Write ${FORMS}`, {
      at: path,
      names: shiftInTheWay ? [...named, SHIFT] : named,
    });
    return undefined;
  }
  const kind = named[0];
  const kindPath = [...path, kind];
  if (!(KINDS as readonly string[]).includes(kind)) {
    problems.atKey(kindPath, `unknown distribution '${kind}'; expected one of ${KINDS.join(', ')}${didYouMean(kind, KINDS)}`);
    return undefined;
  }
  const shift = Object.hasOwn(raw, SHIFT) ? readShift(kind as DistKind, raw[SHIFT], path, problems, what, timeUnit) : null;
  const spec = readKind(kind as DistKind, raw[kind], kindPath, problems, timeUnit);
  if (spec === undefined || shift === undefined) return undefined;
  if (shift !== null) (spec as { shift?: number }).shift = shift; // after the parameters: results.json echoes it last
  return spec;
}

function readKind(kind: DistKind, body: unknown, kindPath: KeyPath, problems: Problems, timeUnit: TimeUnit): DistSpec | undefined {
  if (kind === 'constant') {
    const value = readDuration(body, kindPath, problems, 'the constant', timeUnit);
    return value === undefined ? undefined : { kind: 'constant', value };
  }
  if (kind === 'empirical') return readEmpirical(body, kindPath, problems, timeUnit);
  return readParameterized(kind, body, kindPath, problems, timeUnit);
}

/** The key beside a positive family's kind that moves its draws up (types.ts' DistSpec). */
const SHIFT = 'shift';
const SHIFT_EXAMPLE = '{ exponential: { mean: 2h }, shift: 30m }';

/** What to write instead of a shift on a kind that takes none: each has a parameter that says it. */
const UNSHIFTED: Record<Exclude<DistKind, (typeof SHIFTED_KINDS)[number]>, string> = {
  constant: 'write the constant that much longer',
  uniform: 'add it to its min and max',
  triangular: 'add it to its min, mode and max',
  normal: "add it to its mean (its draws below 0 are drawn again, not those below the mean's shift)",
  empirical: 'add it to each value',
};

/**
 * A distribution's `shift`, in hours: a duration of 0 or more. undefined after a problem (told),
 * also when the kind takes no shift, so that the distribution is refused whole.
 */
function readShift(
  kind: DistKind,
  raw: unknown,
  distribution: KeyPath,
  problems: Problems,
  what: string,
  timeUnit: TimeUnit,
): number | undefined {
  const path = [...distribution, SHIFT];
  if (!takesShift(kind)) {
    const instead = UNSHIFTED[kind as keyof typeof UNSHIFTED];
    problems.atKey(
      path,
      `a ${SHIFT} moves up the draws of the families that start at 0 (${SHIFTED_KINDS.join(', ')}), like ${SHIFT_EXAMPLE}; a ${kind} takes none: ${instead}`,
      { at: distribution, names: [SHIFT] },
    );
    return undefined;
  }
  return readDuration(raw, path, problems, `the ${SHIFT} of ${what}`, timeUnit);
}

function readEmpirical(body: unknown, path: KeyPath, problems: Problems, timeUnit: TimeUnit): DistSpec | undefined {
  if (!Array.isArray(body) || body.length === 0) {
    problems.atValue(
      path,
      `empirical needs a list of at least one duration, like { empirical: [1h, 2h, 2h, 5h] }; found ${describeValue(body)}`,
    );
    return undefined;
  }
  const values = body.map((v, i) => readDuration(v, [...path, i], problems, `empirical value ${i + 1}`, timeUnit));
  return values.every((v) => v !== undefined) ? { kind: 'empirical', values: values as number[] } : undefined;
}

function readParameterized(
  kind: ParameterKind,
  body: unknown,
  path: KeyPath,
  problems: Problems,
  timeUnit: TimeUnit,
): DistSpec | undefined {
  const names = PARAMETERS[kind];
  const needs = `${kind} needs exactly ${names.join(', ')}, like ${EXAMPLES[kind]}`;
  if (!isPlainMap(body)) {
    problems.atValue(path, `${needs}; found ${describeValue(body)}`);
    return undefined;
  }
  if (Object.hasOwn(body, SHIFT) && takesShift(kind)) {
    // the shift goes beside the kind: inside, it would read as one of the kind's own parameters
    problems.atKey(
      [...path, SHIFT],
      `a ${SHIFT} goes beside the ${kind}, not among its parameters, like ${EXAMPLES[kind].slice(0, -2)}, ${SHIFT}: 30m }`,
    );
    checkKeys(body, path, [...names, SHIFT], problems);
  } else checkKeys(body, path, names, problems);
  const before = problems.count;
  for (const name of names) {
    if (!Object.hasOwn(body, name)) problems.missing([...path, name], `${needs}; '${name}' is missing`);
  }
  if (problems.count > before) return undefined;
  const p = (name: string) => [...path, name];
  const duration = (name: string, positive: boolean) =>
    readDuration(body[name], p(name), problems, `the ${kind} ${name}`, timeUnit, positive);
  return build(kind, body, path, problems, duration, p);
}

type ReadDuration = (name: string, positive: boolean) => number | undefined;

function build(
  kind: ParameterKind,
  body: PlainMap,
  path: KeyPath,
  problems: Problems,
  duration: ReadDuration,
  p: (name: string) => KeyPath,
): DistSpec | undefined {
  switch (kind) {
    case 'exponential': {
      const mean = duration('mean', true);
      return mean === undefined ? undefined : { kind, mean };
    }
    case 'uniform':
      return uniform(duration('min', false), duration('max', false), body, path, problems);
    case 'triangular':
      return triangular(duration('min', false), duration('mode', false), duration('max', false), body, path, problems);
    case 'normal': {
      // A mean of 0 or more keeps "resample while negative" to at most two tries on average.
      const [mean, sd] = [duration('mean', false), duration('sd', false)];
      return mean === undefined || sd === undefined ? undefined : { kind, mean, sd };
    }
    case 'lognormal': {
      const [mean, sd] = [duration('mean', true), duration('sd', false)];
      return mean === undefined || sd === undefined ? undefined : { kind, mean, sd };
    }
    case 'gamma': {
      const [mean, sd] = [duration('mean', true), duration('sd', true)];
      return mean === undefined || sd === undefined ? undefined : { kind, mean, sd };
    }
    case 'erlang': {
      // each draw sums k exponentials: more phases than MAX_ERLANG_K would stall every draw
      const k = readInteger(body.k, p('k'), problems, 'the erlang k (number of phases)', 1);
      if (k !== undefined && k > MAX_ERLANG_K) {
        problems.atValue(
          p('k'),
          `the erlang k (number of phases) must be between 1 and ${MAX_ERLANG_K}; found ${k} (a gamma with the same mean and sd draws in constant time)`,
        );
        return undefined;
      }
      const mean = duration('mean', true);
      return k === undefined || mean === undefined ? undefined : { kind, k, mean };
    }
    case 'weibull': {
      const shape = readNumber(body.shape, p('shape'), problems, 'the weibull shape', { min: 0, strict: true });
      const scale = duration('scale', true);
      return shape === undefined || scale === undefined ? undefined : { kind, shape, scale };
    }
  }
}

function uniform(
  min: number | undefined,
  max: number | undefined,
  body: PlainMap,
  path: KeyPath,
  problems: Problems,
): DistSpec | undefined {
  if (min === undefined || max === undefined) return undefined;
  if (min > max) {
    problems.atValue(path, `uniform min (${body.min}) must not be larger than max (${body.max})`);
    return undefined;
  }
  return { kind: 'uniform', min, max };
}

function triangular(
  min: number | undefined,
  mode: number | undefined,
  max: number | undefined,
  body: PlainMap,
  path: KeyPath,
  problems: Problems,
): DistSpec | undefined {
  if (min === undefined || mode === undefined || max === undefined) return undefined;
  if (!(min <= mode && mode <= max)) {
    problems.atValue(path, `triangular needs min <= mode <= max; found min ${body.min}, mode ${body.mode}, max ${body.max}`);
    return undefined;
  }
  return { kind: 'triangular', min, mode, max };
}

/**
 * Whether the distribution's mean is 0. Every distribution here is non-negative, so a zero
 * mean means every draw is 0: as an interarrival time that is an endless burst of arrivals.
 */
export function hasZeroMean(dist: DistSpec): boolean {
  switch (dist.kind) {
    case 'constant':
      return dist.value === 0;
    case 'uniform':
      return dist.max === 0;
    case 'empirical':
      return dist.values.every((v) => v === 0);
    default:
      return false; // the other kinds require a mean or scale above 0
  }
}

/**
 * The share of draws that are exactly 0: a task that takes no time that often lets a case
 * move on at the same instant (zero-time loops, engine/model/zero-time-loops.ts). Every
 * other draw here comes from a continuous law on positive values, or a constant above 0.
 */
export function zeroDrawShare(dist: DistSpec): number {
  switch (dist.kind) {
    case 'constant':
      return dist.value === 0 ? 1 : 0;
    case 'uniform':
    case 'triangular':
      return dist.max === 0 ? 1 : 0;
    case 'normal':
      return dist.mean === 0 && dist.sd === 0 ? 1 : 0;
    case 'empirical':
      return dist.values.filter((v) => v === 0).length / dist.values.length;
    default:
      return 0;
  }
}
