import { describe, expect, it } from 'vitest';
import { hasZeroMean, readDistribution } from '../../engine/scenario/distribution.js';
import type { TimeUnit } from '../../engine/scenario/duration.js';
import { Problems } from '../../engine/scenario/problems.js';
import type { DistSpec } from '../../engine/scenario/types.js';
import { distributionYaml } from '../../engine/discovery/scenario-writer.js';
import { distText } from '../../reports/assumptions.js';
import { parse } from 'yaml';

function dist(raw: unknown, unit: TimeUnit = 'hours') {
  const problems = new Problems();
  const spec = readDistribution(raw, ['d'], problems, 'the duration', unit);
  if (problems.count > 0) throw new Error(problems.list.map((p) => p.message).join('\n'));
  return spec;
}

function problemsOf(raw: unknown) {
  const problems = new Problems();
  expect(readDistribution(raw, ['d'], problems, 'the duration', 'hours')).toBeUndefined();
  return problems.list.map((p) => ({ path: p.path.join('.'), anchor: p.anchor, message: p.message }));
}

describe('distribution forms, all in hours', () => {
  it('reads constants written bare or as { constant }', () => {
    expect(dist('5m')).toEqual({ kind: 'constant', value: 5 / 60 });
    expect(dist(0.25)).toEqual({ kind: 'constant', value: 0.25 });
    expect(dist(30, 'minutes')).toEqual({ kind: 'constant', value: 0.5 });
    expect(dist({ constant: '5m' })).toEqual({ kind: 'constant', value: 5 / 60 });
  });

  it('reads every parameterised kind', () => {
    expect(dist({ exponential: { mean: '2h' } })).toEqual({ kind: 'exponential', mean: 2 });
    expect(dist({ uniform: { min: '1h', max: '3h' } })).toEqual({ kind: 'uniform', min: 1, max: 3 });
    expect(dist({ triangular: { min: '1h', mode: '2h', max: '6h' } })).toEqual({ kind: 'triangular', min: 1, mode: 2, max: 6 });
    expect(dist({ normal: { mean: '2h', sd: '30m' } })).toEqual({ kind: 'normal', mean: 2, sd: 0.5 });
    expect(dist({ lognormal: { mean: '2h', sd: '1h' } })).toEqual({ kind: 'lognormal', mean: 2, sd: 1 });
    expect(dist({ gamma: { mean: '2h', sd: '1h' } })).toEqual({ kind: 'gamma', mean: 2, sd: 1 });
    expect(dist({ erlang: { k: 3, mean: '2h' } })).toEqual({ kind: 'erlang', k: 3, mean: 2 });
    expect(dist({ weibull: { shape: 1.5, scale: '2h' } })).toEqual({ kind: 'weibull', shape: 1.5, scale: 2 });
    expect(dist({ empirical: ['1h', '2h', '2h', '5h'] })).toEqual({ kind: 'empirical', values: [1, 2, 2, 5] });
  });

  it('reads bare parameters in the time unit', () => {
    expect(dist({ uniform: { min: 30, max: 90 } }, 'minutes')).toEqual({ kind: 'uniform', min: 0.5, max: 1.5 });
    expect(dist({ erlang: { k: 2, mean: 1 } }, 'days')).toEqual({ kind: 'erlang', k: 2, mean: 24 });
    expect(dist({ empirical: [1, '30m'] }, 'days')).toEqual({ kind: 'empirical', values: [24, 0.5] });
  });

  it('allows the limit cases min = max (uniform), mode at an end (triangular), sd = 0 (normal, lognormal)', () => {
    expect(dist({ uniform: { min: 1, max: 1 } })).toEqual({ kind: 'uniform', min: 1, max: 1 });
    expect(dist({ triangular: { min: 1, mode: 1, max: 2 } })).toEqual({ kind: 'triangular', min: 1, mode: 1, max: 2 });
    expect(dist({ normal: { mean: 1, sd: 0 } })).toEqual({ kind: 'normal', mean: 1, sd: 0 });
    expect(dist({ lognormal: { mean: 1, sd: 0 } })).toEqual({ kind: 'lognormal', mean: 1, sd: 0 });
  });
});

describe('distribution problems', () => {
  it('names the expected parameters for an unknown or a missing one', () => {
    expect(problemsOf({ uniform: { min: 1, maximum: 3 } })).toEqual([
      { path: 'd.uniform.maximum', anchor: 'key', message: "unknown key 'maximum'; expected one of min, max" },
      {
        path: 'd.uniform.max',
        anchor: 'parent',
        message: "uniform needs exactly min, max, like { uniform: { min: 1h, max: 3h } }; 'max' is missing",
      },
    ]);
  });

  it('suggests the kind meant by a misspelt or shortened one', () => {
    expect(problemsOf({ exponental: { mean: 1 } })[0]).toMatchObject({
      path: 'd.exponental',
      anchor: 'key',
      message: expect.stringMatching(
        /^unknown distribution 'exponental'; expected one of constant, exponential, .*; did you mean 'exponential'\?$/,
      ),
    });
    expect(problemsOf({ expo: { mean: 1 } })[0].message).toMatch(/did you mean 'exponential'\?$/);
  });

  it('wants exactly one kind per distribution', () => {
    expect(problemsOf({ exponential: { mean: 1 }, uniform: { min: 0, max: 1 } })[0]).toMatchObject({
      path: 'd',
      anchor: 'value',
      message: expect.stringContaining("must name exactly one distribution kind; found 'exponential' and 'uniform'"),
    });
    expect(problemsOf({})[0].message).toContain('found nothing');
  });

  it('checks the order of uniform and triangular bounds', () => {
    expect(problemsOf({ uniform: { min: '3h', max: '1h' } })).toEqual([
      { path: 'd.uniform', anchor: 'value', message: 'uniform min (3h) must not be larger than max (1h)' },
    ]);
    expect(problemsOf({ triangular: { min: 1, mode: 5, max: 4 } })[0].message).toBe(
      'triangular needs min <= mode <= max; found min 1, mode 5, max 4',
    );
    expect(dist({ triangular: { min: 2, mode: 2, max: 2 } })).toEqual({ kind: 'triangular', min: 2, mode: 2, max: 2 }); // a constant
  });

  it('requires means above 0 (0 or more for the resampled normal) and valid shapes', () => {
    expect(problemsOf({ exponential: { mean: 0 } })[0]).toMatchObject({
      path: 'd.exponential.mean',
      message: 'the exponential mean must be longer than 0; found 0',
    });
    expect(dist({ normal: { mean: 0, sd: 1 } })).toEqual({ kind: 'normal', mean: 0, sd: 1 }); // a half-normal: resampling stops
    expect(problemsOf({ normal: { mean: -1, sd: 1 } })[0].path).toBe('d.normal.mean');
    expect(problemsOf({ lognormal: { mean: 0, sd: 1 } })[0].path).toBe('d.lognormal.mean');
    expect(problemsOf({ gamma: { mean: 1, sd: 0 } })[0].path).toBe('d.gamma.sd');
    expect(problemsOf({ erlang: { k: 1.5, mean: 1 } })[0]).toMatchObject({
      path: 'd.erlang.k',
      message: 'the erlang k (number of phases) must be a whole number of 1 or more; found 1.5',
    });
    expect(problemsOf({ erlang: { k: '3', mean: 1 } })[0].path).toBe('d.erlang.k');
    expect(problemsOf({ erlang: { k: 0, mean: 1 } })[0].path).toBe('d.erlang.k');
    expect(problemsOf({ weibull: { shape: 0, scale: 1 } })[0]).toMatchObject({
      path: 'd.weibull.shape',
      message: 'the weibull shape must be a number greater than 0; found 0',
    });
    expect(problemsOf({ weibull: { shape: '1.5h', scale: 1 } })[0].path).toBe('d.weibull.shape');
    expect(problemsOf({ weibull: { shape: 1, scale: 0 } })[0].path).toBe('d.weibull.scale');
    expect(problemsOf({ normal: { mean: 1, sd: '-1h' } })[0]).toMatchObject({
      path: 'd.normal.sd',
      message: "the normal sd cannot be negative; found '-1h'",
    });
  });

  it('wants an empirical list of at least one duration, each checked', () => {
    expect(problemsOf({ empirical: [] })[0]).toMatchObject({ path: 'd.empirical', anchor: 'value' });
    expect(problemsOf({ empirical: ['1h', 'soon', -1] }).map((p) => p.path)).toEqual(['d.empirical.1', 'd.empirical.2']);
  });

  it('rejects lists, booleans and parameters that are not maps', () => {
    expect(problemsOf([1, 2])[0].message).toMatch(
      /^the duration must be a duration such as 30m for a constant, or one kind with its parameters/,
    );
    expect(problemsOf(true)).toHaveLength(1);
    expect(problemsOf({ exponential: '2h' })[0]).toMatchObject({
      path: 'd.exponential',
      message: "exponential needs exactly mean, like { exponential: { mean: 2h } }; found '2h'",
    });
  });
});

describe('a shift beside a positive family', () => {
  it('reads it, in the time unit, after the parameters (results.json echoes it last)', () => {
    const spec = dist({ exponential: { mean: '90m' }, shift: '30m' });
    expect(spec).toEqual({ kind: 'exponential', mean: 1.5, shift: 0.5 });
    expect(Object.keys(spec!)).toEqual(['kind', 'mean', 'shift']);
    expect(dist({ shift: 10, lognormal: { mean: 20, sd: 10 } }, 'minutes')).toEqual({
      kind: 'lognormal',
      mean: 1 / 3,
      sd: 1 / 6,
      shift: 1 / 6,
    });
    expect(dist({ gamma: { mean: 1, sd: 1 }, shift: 0 })).toEqual({ kind: 'gamma', mean: 1, sd: 1, shift: 0 });
    expect(dist({ erlang: { k: 2, mean: 1 }, shift: '15m' })).toEqual({ kind: 'erlang', k: 2, mean: 1, shift: 0.25 });
    expect(dist({ weibull: { shape: 2, scale: 1 }, shift: 1 })).toEqual({ kind: 'weibull', shape: 2, scale: 1, shift: 1 });
    // without one, no key: the spec (and results.json's echo) as before the shift was added
    expect(Object.keys(dist({ exponential: { mean: 2 } })!)).toEqual(['kind', 'mean']);
  });

  it('refuses a negative or unreadable shift at its place', () => {
    expect(problemsOf({ exponential: { mean: 1 }, shift: '-30m' })).toEqual([
      { path: 'd.shift', anchor: 'value', message: "the shift of the duration cannot be negative; found '-30m'" },
    ]);
    expect(problemsOf({ exponential: { mean: 1 }, shift: 'soon' })[0].path).toBe('d.shift');
  });

  it('says where a shift goes when it is misspelt or written among the parameters', () => {
    expect(problemsOf({ exponential: { mean: 1 }, shfit: '30m' })).toEqual([
      {
        path: 'd.shfit',
        anchor: 'key',
        message:
          "unknown key 'shfit' beside the exponential; the only key allowed beside a distribution kind is shift, like { exponential: { mean: 2h }, shift: 30m }; did you mean 'shift'?",
      },
    ]);
    // read on, as an unknown parameter is, so that the rest of the file is checked; the problem fails the file
    const among = new Problems();
    readDistribution({ gamma: { mean: 1, sd: 1, shift: '30m' } }, ['d'], among, 'the duration', 'hours');
    expect(among.list.map((p) => ({ path: p.path.join('.'), anchor: p.anchor, message: p.message }))).toEqual([
      {
        path: 'd.gamma.shift',
        anchor: 'key',
        message: 'a shift goes beside the gamma, not among its parameters, like { gamma: { mean: 2h, sd: 1h }, shift: 30m }',
      },
    ]);
    expect(problemsOf({ shift: '30m' })[0].message).toMatch(/must name exactly one distribution kind; found only a shift/);
  });

  it("goes out in discover's YAML and the assumptions' words, and reads back as written", () => {
    for (const spec of [
      { kind: 'exponential', mean: 1.5, shift: 0.5 },
      { kind: 'lognormal', mean: 2, sd: 1, shift: 0.25 },
      { kind: 'weibull', shape: 2, scale: 1, shift: 1 },
    ] as DistSpec[]) {
      expect(dist(parse(distributionYaml(spec)))).toEqual(spec);
    }
    expect(distributionYaml({ kind: 'exponential', mean: 1.5, shift: 0.5 })).toBe('{ exponential: { mean: 1.5 }, shift: 0.5 }');
    expect(distText({ kind: 'exponential', mean: 1.5, shift: 0.5 })).toBe('30.0 min + exponential, mean 1.50 h');
    expect(distText({ kind: 'exponential', mean: 1.5 })).toBe('exponential, mean 1.50 h');
    expect(distText({ kind: 'exponential', mean: 1.5, shift: 0 }), 'a shift of 0 draws as none, and reads as none').toBe(
      'exponential, mean 1.50 h',
    );
  });

  it('refuses a shift on the kinds that have a parameter saying it, naming that parameter', () => {
    const refusal = (raw: unknown) => problemsOf(raw).map((p) => `${p.path}: ${p.message.split(': ').at(-1)}`);
    expect(refusal({ constant: '1h', shift: '30m' })).toEqual(['d.shift: write the constant that much longer']);
    expect(refusal({ uniform: { min: 1, max: 2 }, shift: 1 })).toEqual(['d.shift: add it to its min and max']);
    expect(refusal({ triangular: { min: 1, mode: 1, max: 2 }, shift: 1 })).toEqual(['d.shift: add it to its min, mode and max']);
    expect(refusal({ normal: { mean: 1, sd: 1 }, shift: 1 })[0]).toMatch(/^d\.shift: add it to its mean/);
    expect(refusal({ empirical: [1, 2], shift: 1 })).toEqual(['d.shift: add it to each value']);
  });
});

describe('hasZeroMean', () => {
  it('is true only for distributions that always give 0', () => {
    expect(hasZeroMean({ kind: 'constant', value: 0 })).toBe(true);
    expect(hasZeroMean({ kind: 'uniform', min: 0, max: 0 })).toBe(true);
    expect(hasZeroMean({ kind: 'empirical', values: [0, 0] })).toBe(true);
    expect(hasZeroMean({ kind: 'constant', value: 0.1 })).toBe(false);
    expect(hasZeroMean({ kind: 'uniform', min: 0, max: 1 })).toBe(false);
    expect(hasZeroMean({ kind: 'empirical', values: [0, 1] })).toBe(false);
    expect(hasZeroMean({ kind: 'exponential', mean: 1 })).toBe(false);
  });
});
