import { describe, expect, it } from 'vitest';
import {
  checkTarget,
  expandTarget,
  independentTargets,
  parseTarget,
  refuseRepeats,
  shortfall,
  TargetError,
} from '../../engine/analysis/targets.js';
import { statAt } from '../../engine/results/paths.js';
import { targetLabel } from '../../engine/results/sizing.js';
import type { Stat, VariantBlock } from '../../engine/results/types.js';

const stat = (mean: number | null, ci95: [number, number] | null): Stat => ({ mean, sd: null, n: 10, ci95 });

const PATHS = [
  'flows.order.cycle_time.mean',
  'flows.order.cycle_time.p90',
  'flows.order.sla_attainment',
  'flows.order.nodes.capture.wait',
  'flows.repair.cycle_time.mean',
  'flows.repair.cycle_time.p90',
  'resources.desk.utilization',
  'resources.desk.wait',
  'resources.techs.utilization',
  'resources.techs.wait',
];

describe('parseTarget', () => {
  it('quotes at most 60 characters of a long target, its path or its value, and says their length', () => {
    const path = `flows.${'f.'.repeat(50_000)}p90`;
    const noStat = () => expandTarget(parseTarget(`${path} <= 1h`), PATHS);
    expect(noStat).toThrow(TargetError);
    expect(noStat).toThrow(
      `target 'flows.${'f.'.repeat(27)}…' (100,015 characters): no stat at 'flows.${'f.'.repeat(27)}…' (100,009 characters)`,
    );
    const badValue = () => parseTarget(`flows.order.cycle_time.p90 <= ${'9'.repeat(500)}x`);
    expect(badValue).toThrow(
      /^cannot read target 'flows\.order\.cycle_time\.p90 <= 9{30}…' \(531 characters\): the value '9{60}…' \(501 characters\) is not a number/,
    );
    expect(() => parseTarget('flows.order.cycle_time.p90 <= 5x')).toThrow(
      "cannot read target 'flows.order.cycle_time.p90 <= 5x': the value '5x' is not a number",
    );
  });

  it('reads durations into hours, percentages into shares and plain numbers as they are', () => {
    expect(parseTarget('flows.order.cycle_time.p90 <= 5d')).toMatchObject({
      path: 'flows.order.cycle_time.p90',
      op: '<=',
      value: 120,
      unit: 'duration',
    });
    expect(parseTarget('flows.order.cycle_time.mean<48h').value).toBe(48);
    expect(parseTarget('resources.desk.wait <= 30m').value).toBe(0.5);
    expect(parseTarget('flows.order.sla_attainment >= 90%')).toMatchObject({ op: '>=', value: 0.9, unit: 'share' });
    expect(parseTarget('resources.*.utilization <= 0.85')).toMatchObject({ path: 'resources.*.utilization', value: 0.85, unit: 'number' });
    expect(parseTarget('  flows.order.completed > 1e3 ')).toMatchObject({ op: '>', value: 1000, text: 'flows.order.completed > 1e3' });
  });

  it('reads a target on one shift of a roster, by its index (a wait per shift, results-format.md)', () => {
    const t = parseTarget('resources.noc.shifts.1.wait <= 15m');
    expect(t).toMatchObject({ path: 'resources.noc.shifts.1.wait', value: 0.25, unit: 'duration' });
    const paths = ['resources.noc.wait', 'resources.noc.shifts.0.wait', 'resources.noc.shifts.1.wait', 'resources.noc.shifts.1.tasks'];
    expect(expandTarget(t, paths).map((e) => e.path)).toEqual(['resources.noc.shifts.1.wait']);
    expect(() => parseTarget('resources.noc.shifts.01.wait <= 15m')).toThrow(/'01' is not a name/);
  });

  it('rejects what it cannot read, saying why', () => {
    expect(() => parseTarget('flows.order.cycle_time.p90 = 5d')).toThrow(TargetError);
    expect(() => parseTarget('flows.order.cycle_time.p90 <= 5 days')).toThrow(/PATH OP VALUE/);
    expect(() => parseTarget('flows.order.cycle_time.p90 <= soon')).toThrow(/not a number, a percentage/);
    expect(() => parseTarget('flows.order.cycle_time.p90 <= ')).toThrow(/no value after '<='/);
    expect(() => parseTarget('flows.order.cycle_time.p90 <==5d')).toThrow(/PATH OP VALUE/);
    expect(() => parseTarget('flows..p90 <= 5d')).toThrow(/'' is not a name/);
    expect(() => parseTarget('flows.ord*.p90 <= 5d')).toThrow(/'ord\*' is not a name/);
  });
});

describe('expandTarget', () => {
  it("refuses a target on the work brought (busy hours, a shift's tasks, visits, a share of visits served, a milestone's count), naming what to size on; utilisation and bottleneck shares stay targets", () => {
    const work = [
      ['resources.noc.busy_hours <= 100', 'busy hours'],
      ['resources.noc.shifts.1.tasks <= 10', 'tasks'],
      ['resources.noc.shifts.1.tasks >= 10', 'tasks'],
      ['flows.f.nodes.a.visits <= 500', 'visits'],
      ['flows.f.nodes.a.service_hours <= 500', 'service hours'],
      ['flows.f.nodes.a.served_by.noc.share >= 50%', 'share of visits served'],
      ['flows.f.kpis.k.count >= 100', 'count'],
    ];
    for (const [text, label] of work) {
      const target = parseTarget(text);
      expect(() => expandTarget(target, [target.path]), text).toThrow(
        `target '${text}': ${label} ('${target.path}') is the work brought, which staffing does not change; size on a wait, a utilisation, a queue length, a cycle time or an SLA share`,
      );
    }
    for (const text of ['resources.noc.utilization <= 85%', 'resources.noc.bottleneck.sole <= 50%', 'resources.noc.wait_share <= 50%']) {
      const target = parseTarget(text);
      expect(
        expandTarget(target, [target.path]).map((t) => t.path),
        text,
      ).toEqual([target.path]);
    }
  });

  it('expands a * segment to every name that has the stat', () => {
    const paths = expandTarget(parseTarget('resources.*.utilization <= 0.85'), PATHS).map((t) => t.path);
    expect(paths).toEqual(['resources.desk.utilization', 'resources.techs.utilization']);
    expect(expandTarget(parseTarget('flows.*.sla_attainment >= 0.9'), PATHS).map((t) => t.path)).toEqual(['flows.order.sla_attainment']);
  });

  it('rejects an unknown path with the closest valid ones', () => {
    expect(() => expandTarget(parseTarget('flows.order.cycle_time.p99 <= 5d'), PATHS)).toThrow(
      /no stat at 'flows.order.cycle_time.p99'; close valid paths: flows.order.cycle_time.p90, /,
    );
    expect(() => expandTarget(parseTarget('resources.tech.utilization <= 0.9'), PATHS)).toThrow(
      /close valid paths: resources.techs.utilization/,
    );
  });

  it("suggests first the stat that begins with what was typed, and reads a flow's or team's name typed without flows. or resources. (s35y F3)", () => {
    const repair = ['wip', 'arrived', 'open_age', 'cancelled', 'completed', 'sla_attainment', 'cycle_time.mean', 'throughput_per_day'].map(
      (s) => `flows.repair.${s}`,
    );
    const paths = [...repair, 'resources.techs.wait', 'resources.techs.utilization'];
    const suggested = (text: string) => {
      try {
        expandTarget(parseTarget(text), paths);
      } catch (e) {
        return /close valid paths: (.*)$/.exec((e as Error).message)?.[1].split(', ');
      }
    };
    // edit distance alone: wip, arrived, open_age, cancelled, completed; sla_attainment not among five
    expect(suggested('flows.repair.sla >= 90%')?.[0]).toBe('flows.repair.sla_attainment');
    expect(suggested('repair.sla >= 90%')?.[0]).toBe('flows.repair.sla_attainment');
    expect(suggested('techs.utilisation <= 80%')?.[0]).toBe('resources.techs.utilization');
    // a stat named inside the last segment, under the same stem
    expect(suggested('flows.repair.attainment >= 90%')?.[0]).toBe('flows.repair.sla_attainment');
    // a misspelling still goes by edit distance
    expect(suggested('flows.repair.cycle_time.maen <= 5d')?.[0]).toBe('flows.repair.cycle_time.mean');
  });

  // localeCompare put 'desk' before 'Desk' and 'x_y' before 'xZy' (ICU: lower case first, punctuation before
  // letters); by code unit 'D' (0x44) < 'd' (0x64) and 'Z' (0x5A) < '_' (0x5F): the order every host gives
  it('orders suggestions equally near by UTF-16 code unit, the same in every locale', () => {
    const paths = ['resources.desk.wait', 'resources.Desk.wait', 'resources.x_y.wait', 'resources.xZy.wait'];
    const suggested = (text: string) => {
      try {
        expandTarget(parseTarget(text), paths);
      } catch (e) {
        return /close valid paths: (.*)$/.exec((e as Error).message)?.[1].split(', ');
      }
    };
    // each one edit from the two of its pair, and none begins with what was typed
    expect(suggested('resources.qesk.wait <= 1h')?.slice(0, 2)).toEqual(['resources.Desk.wait', 'resources.desk.wait']);
    expect(suggested('resources.xqy.wait <= 1h')?.slice(0, 2)).toEqual(['resources.xZy.wait', 'resources.x_y.wait']);
  });

  it('reads utilisation, as every table and chart spells it, as the utilization of results.json', () => {
    expect(expandTarget(parseTarget('resources.*.utilisation <= 0.9'), PATHS).map((t) => t.path)).toEqual([
      'resources.desk.utilization',
      'resources.techs.utilization',
    ]);
    expect(parseTarget('resources.desk.utilisation <= 85%')).toMatchObject({
      text: 'resources.desk.utilisation <= 85%',
      path: 'resources.desk.utilization',
      value: 0.85,
    });
  });

  it("respells only the stat: a team named 'utilisation' keeps its name, and a wildcard's label names the stat it reached", () => {
    const paths = ['resources.utilisation.utilization', 'resources.utilisation.wait', 'resources.desk.utilization'];
    expect(expandTarget(parseTarget('resources.utilisation.wait <= 1h'), paths).map((t) => t.path)).toEqual(['resources.utilisation.wait']);
    expect(parseTarget('resources.utilisation.utilisation <= 85%').path).toBe('resources.utilisation.utilization');
    const [first] = expandTarget(parseTarget('resources.*.utilisation<=85%'), paths);
    expect(targetLabel({ target: first.text, path: first.path })).toBe(
      'resources.utilisation.utilization<=85% (from resources.*.utilisation)',
    );
  });

  it('takes durations only for times and percentages only for what is not a time', () => {
    expect(() => expandTarget(parseTarget('resources.desk.utilization <= 5d'), PATHS)).toThrow(/is not a time/);
    expect(() => expandTarget(parseTarget('flows.order.cycle_time.mean <= 50%'), PATHS)).toThrow(/is a time/);
    expect(expandTarget(parseTarget('flows.order.nodes.capture.wait <= 2'), PATHS)).toHaveLength(1);
  });

  it("refuses a share's target outside 0 to 1 (a percentage written as a number) before anything runs, with the percentage meant", () => {
    const refused = (text: string) => () => expandTarget(parseTarget(text), PATHS);
    expect(refused('flows.order.sla_attainment >= 90')).toThrow(
      new TargetError(
        "target 'flows.order.sla_attainment >= 90': SLA attainment ('flows.order.sla_attainment') is a share from 0 to 1 (or 0% to 100%); did you mean 90%?",
      ),
    );
    expect(refused('flows.order.sla_attainment >= 1.5')).toThrow(/is a share from 0 to 1 \(or 0% to 100%\); did you mean 1.5%\?$/);
    expect(refused('resources.*.utilisation <= 85')).toThrow(
      "target 'resources.*.utilisation <= 85': utilisation ('resources.desk.utilization') is a share from 0 to 1 (or 0% to 100%); did you mean 85%?",
    );
    expect(refused('resources.desk.utilization <= 150%')).toThrow(/is a share from 0 to 1 \(or 0% to 100%\)$/);
    expect(refused('flows.order.sla_attainment >= -0.1')).toThrow(/is a share from 0 to 1 \(or 0% to 100%\)$/);
    expect(refused('flows.order.sla_attainment >= 1e400')).toThrow(
      "cannot read target 'flows.order.sla_attainment >= 1e400': the value '1e400' is beyond any number",
    );
    // its ends and what lies between are targets, and what is not a share may exceed 1
    for (const text of ['flows.order.sla_attainment >= 1', 'flows.order.sla_attainment >= 0', 'resources.*.utilization <= 100%'])
      expect(refused(text)).not.toThrow();
    expect(expandTarget(parseTarget('flows.order.nodes.capture.wait <= 90'), PATHS)).toHaveLength(1);
  });

  it('refuses a bound outside what the metric can take (UNIT_RANGE) before anything runs', () => {
    const refused = (text: string) => () => expandTarget(parseTarget(text), PATHS);
    expect(refused('flows.order.cycle_time.mean <= -5')).toThrow(
      new TargetError(
        "target 'flows.order.cycle_time.mean <= -5': mean cycle time ('flows.order.cycle_time.mean') is 0 or more, so '<= -5' can never be met",
      ),
    );
    expect(refused('resources.desk.wait < 0')).toThrow(/is 0 or more, so '< 0' can never be met$/);
    expect(refused('flows.order.cycle_time.mean <= 0')).not.toThrow(); // met by a flow of automated steps of no time
  });

  it("refuses a lower bound on a metric that is better lower, with the '<=' meant", () => {
    expect(() => expandTarget(parseTarget('flows.order.cycle_time.mean >= 5d'), PATHS)).toThrow(
      new TargetError(
        "target 'flows.order.cycle_time.mean >= 5d': mean cycle time ('flows.order.cycle_time.mean') is better lower, and more units only lower it, so '>=' asks for slower service; did you mean '<='?",
      ),
    );
    expect(() => expandTarget(parseTarget('resources.*.wait > 1h'), PATHS)).toThrow(/did you mean '<'\?$/);
    expect(() => expandTarget(parseTarget('flows.order.sla_attainment >= 90%'), PATHS)).not.toThrow(); // better higher
    expect(() => expandTarget(parseTarget('resources.desk.utilization >= 50%'), PATHS)).not.toThrow(); // neither
  });
});

describe('repeated targets and Bonferroni', () => {
  it('refuses a target given twice, however written', () => {
    const same = ['flows.order.cycle_time.mean <= 25h', 'flows.order.cycle_time.mean <= 25h'].map(parseTarget);
    expect(() => refuseRepeats(same)).toThrow(new TargetError("target 'flows.order.cycle_time.mean <= 25h' is given twice: give it once"));
    expect(() => refuseRepeats(['flows.order.cycle_time.mean <= 1d', 'flows.order.cycle_time.mean <= 24h'].map(parseTarget))).toThrow(
      "target 'flows.order.cycle_time.mean <= 24h' is given twice (as 'flows.order.cycle_time.mean <= 1d'): give it once",
    );
    expect(() => refuseRepeats(['flows.order.cycle_time.mean <= 1d', 'flows.order.cycle_time.mean <= 25h'].map(parseTarget))).not.toThrow();
  });

  it('counts one target per stat and direction: two upper bounds on one stat are one event, the tightest deciding', () => {
    const k = (...texts: string[]) => independentTargets(texts.flatMap((t) => expandTarget(parseTarget(t), PATHS)));
    expect(k('flows.order.cycle_time.mean <= 25h', 'flows.order.cycle_time.mean <= 1d')).toBe(1);
    expect(k('flows.order.cycle_time.mean <= 25h', 'flows.order.cycle_time.p90 <= 2d')).toBe(2);
    expect(k('resources.desk.utilization <= 85%', 'resources.desk.utilization >= 50%')).toBe(2); // a band: two ends
    expect(k('resources.*.utilization <= 85%', 'resources.desk.utilization <= 80%')).toBe(2); // desk's two are one, techs' another
  });
});

describe('checkTarget', () => {
  const block = {
    flows: { order: { cycle_time: { mean: stat(4, [3, 5]), p90: stat(9, null) }, sla_attainment: stat(null, null) } },
    resources: {},
  } as unknown as VariantBlock;
  const check = (text: string) => {
    const target = parseTarget(text);
    return checkTarget(target, statAt(block, target.path));
  };

  it('judges the unfavourable end of the 95% interval', () => {
    expect(check('flows.order.cycle_time.mean <= 4.5')).toMatchObject({ bound: 5, met: false });
    expect(check('flows.order.cycle_time.mean <= 5')).toMatchObject({ bound: 5, met: true });
    expect(check('flows.order.cycle_time.mean < 5')).toMatchObject({ bound: 5, met: false });
    expect(check('flows.order.cycle_time.mean >= 3')).toMatchObject({ bound: 3, met: true });
    expect(check('flows.order.cycle_time.mean > 3')).toMatchObject({ bound: 3, met: false });
    expect(check('flows.order.cycle_time.mean >= 3.5')).toMatchObject({ bound: 3, met: false });
  });

  it('uses the mean without an interval, and misses a target with no observation', () => {
    expect(check('flows.order.cycle_time.p90 <= 9')).toMatchObject({ bound: 9, met: true });
    expect(check('flows.order.sla_attainment >= 0.5')).toMatchObject({ bound: null, met: false });
  });

  it('measures a miss relative to the target', () => {
    expect(shortfall(check('flows.order.cycle_time.mean <= 4'))).toBeCloseTo(0.25, 12);
    expect(shortfall(check('flows.order.cycle_time.mean >= 4'))).toBeCloseTo(0.25, 12);
    expect(shortfall(check('flows.order.cycle_time.mean <= 6'))).toBe(0);
    expect(shortfall(check('flows.order.sla_attainment >= 0.5'))).toBe(Infinity);
  });

  it('reads stats by path and nothing else', () => {
    expect(statAt(block, 'flows.order.cycle_time.mean')).toEqual(stat(4, [3, 5]));
    expect(statAt(block, 'flows.order.cycle_time')).toBeNull();
    expect(statAt(block, 'flows.order.nope.mean')).toBeNull();
  });
});
