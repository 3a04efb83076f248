import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Comparison, Stat } from '../../engine/results/types.js';
import {
  relative,
  metricValues,
  changeAmount,
  changeOf,
  changeText,
  comparisonText,
  decidingInterval,
  duration,
  costUnit,
  fixed,
  fixedInterval,
  groupThousands,
  metricLabel,
  metricValue,
  num,
  pct,
  wholeNumber,
  percentInterval,
  significance,
  round,
  signedMoney,
  signedNum,
  signedPct,
  span,
  statText,
  unitOf,
  valuesApart,
  withInterval,
  words,
} from '../../reports/format.js';
import { pairedComparison } from '../../engine/stats/paired.js';
import { smallResults, stat } from './fixture.js';

const byMetric = (metric: string) => smallResults().comparisons.find((c) => c.metric === metric)!;

describe('numbers for people', () => {
  test('about three significant digits, thousands grouped', () => {
    expect(num(0.4152)).toBe('0.42');
    expect(num(33.01)).toBe('33.0');
    expect(num(1234.5)).toBe('1,235');
    expect(num(-12.34)).toBe('-12.3');
  });

  test('num reads as toLocaleString does with its decimals, at every scale (its formatters are made once)', () => {
    const decimals = (x: number) => (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);
    const reference = (x: number) =>
      x.toLocaleString('en-US', { minimumFractionDigits: decimals(x), maximumFractionDigits: decimals(x), signDisplay: 'negative' });
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), (x) => num(x) === reference(x)),
      { numRuns: 2000 },
    );
    for (const x of [0.005, 9.995, 99.95, 99.949, 100, -100.5, 1e15]) expect(num(x)).toBe(reference(x));
  });

  test("num beyond a trillion, to where doubles stop holding every integer and past String's exponent, still reads as toLocaleString", () => {
    const reference = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0, signDisplay: 'negative' });
    for (const x of [1e15, -123456789012345678901, 2 ** 60, 1e21, 1e23, -1.2345e30, Number.MAX_VALUE]) expect(num(x)).toBe(reference(x));
  });

  test('wholeNumber groups as toLocaleString does, at every scale, without Intl; groupThousands leaves the decimals alone', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), fc.double({ noNaN: true, noDefaultInfinity: true }).map(Math.round)),
        (n) => wholeNumber(n) === n.toLocaleString('en-US', { maximumFractionDigits: 0, signDisplay: 'negative' }),
      ),
      { numRuns: 2000 },
    );
    expect(wholeNumber(1_000_000)).toBe('1,000,000');
    expect(groupThousands('-1234567.8912')).toBe('-1,234,567.8912');
    expect(groupThousands('999.5')).toBe('999.5');
  });

  test('zero has no sign, whether it is -0 or a small negative that rounds to it', () => {
    expect(num(-0)).toBe('0.00');
    expect(num(-0.001)).toBe('0.00');
    expect(num(-0.005)).toBe('-0.01');
    expect(pct(-0.0001)).toBe('0.0%');
    expect(duration(-0.004)).toBe('0.00 h');
  });

  test('fixed decimals for fidelity measures: no sign on zero, a dash without a value, intervals scaled', () => {
    expect(fixed(0.04123)).toBe('0.04');
    expect(fixed(-0.001, 2)).toBe('0.00');
    expect(fixed(-0, 3)).toBe('0.000');
    expect(fixed(Number.NaN)).toBe('–');
    expect(fixedInterval({ mean: 0.8512, ci95: [0.8, 0.9] }, 1, 100)).toBe('85.1 [80.0, 90.0]');
    expect(fixedInterval({ mean: 2, ci95: null })).toBe('2.00');
    expect(fixedInterval({ mean: null, ci95: null })).toBe('–');
  });

  test('costs in their currency: a signed change in sentences, the unit in a table heading', () => {
    expect(signedMoney(1234.5, 'EUR')).toBe('+EUR 1,235');
    expect(signedMoney(-230, null)).toBe('-230 cost units');
    expect(signedNum(-2520)).toBe('-2,520');
    expect(signedNum(0)).toBe('0.00'); // a zero as num writes it, beside the costs it is the difference of
    expect([costUnit('EUR'), costUnit(null)]).toEqual(['EUR', 'cost units']);
  });

  test('a missing value is a dash', () => {
    expect(num(null)).toBe('–');
    expect(num(undefined)).toBe('–');
    expect(pct(NaN)).toBe('–');
    expect(duration(Infinity)).toBe('–');
  });

  test('shares and signed changes', () => {
    expect(pct(0.953)).toBe('95.3%');
    expect(signedPct(-25.14)).toBe('-25.1%');
    expect(signedPct(3)).toBe('+3.0%');
    expect(signedPct(0.04)).toBe('0.0%');
    expect(signedPct(-0.04)).toBe('0.0%');
  });

  test('hours below three days, days from there', () => {
    expect(duration(120)).toBe('5.00 d');
    expect(duration(33.04)).toBe('33.0 h');
    expect(duration(2400)).toBe('100 d');
    expect(duration(-100)).toBe('-4.17 d');
  });

  test('a span in words for sentences', () => {
    expect(span(24)).toBe('1 day');
    expect(span(336)).toBe('14 days');
    expect(span(1)).toBe('1 hour');
    expect(span(4)).toBe('4 hours');
    expect(span(1.5)).toBe('1.50 h');
  });

  test('chart data rounded to four significant digits', () => {
    expect(round(1.23456789)).toBe(1.235);
    expect(round(123456)).toBe(123500);
    expect(round(0.000123456)).toBe(0.0001235);
  });
});

describe('metrics in their unit, from the catalogue', () => {
  test('units', () => {
    expect(unitOf('flows.order.cycle_time.p90')).toBe('hours');
    expect(unitOf('flows.order.kpis.visit.mean')).toBe('hours');
    expect(unitOf('flows.order.kpis.visit.sla_attainment')).toBe('share');
    expect(unitOf('resources.desk.wait')).toBe('hours');
    expect(unitOf('resources.desk.wait_share')).toBe('share');
    expect(unitOf('resources.desk.utilization')).toBe('share');
    expect(unitOf('flows.order.throughput_per_day')).toBe('per_day');
    expect(unitOf('resources.desk.queue_length')).toBe('count');
    expect(unitOf('flows.order.breakdown.off_shift')).toBe('hours');
    expect(unitOf('flows.order.nodes.check.wait')).toBe('hours');
  });

  test('labels in words', () => {
    expect(words('order_to-activation')).toBe('order to activation');
    // a name's own leading and trailing underscores are part of it: `__proto__` is labelled as it is named
    expect(words('__proto__')).toBe('__proto__');
    expect(words('_private_team_')).toBe('_private team_');
    expect(metricLabel('flows.order_to_activation.cycle_time.mean')).toBe('order to activation · mean cycle time');
    expect(metricLabel('flows.order.kpis.engineer_visit.sla_attainment')).toBe('order · engineer visit SLA attainment');
    expect(metricLabel('flows.order.nodes.check.wait')).toBe('order · check wait');
    expect(metricLabel('resources.field_techs.utilization')).toBe('field techs · utilisation');
    // a flow named like a block keyword is still a flow
    expect(metricLabel('flows.kpis.cycle_time.p90')).toBe('kpis · p90 cycle time');
  });

  test('values in their unit', () => {
    expect(metricValue('flows.o.cycle_time.mean', 120)).toBe('5.00 d');
    expect(metricValue('resources.d.utilization', 0.5)).toBe('50.0%');
    expect(metricValue('flows.o.wip', 20)).toBe('20.0');
  });

  test('a stat as mean ± half-width of its interval', () => {
    expect(statText('flows.o.cycle_time.mean', stat(52.1, 1))).toBe('52.1 ± 1.00 h');
    expect(statText('flows.o.cycle_time.mean', stat(240, 12))).toBe('10.0 ± 0.50 d');
    expect(statText('resources.d.utilization', stat(0.5, 0.02))).toBe('50.0 ± 2.0%');
    expect(statText('flows.o.wip', stat(20, 1))).toBe('20.0 ± 1.00');
    expect(statText('flows.o.wip', stat(20))).toBe('20.0');
    expect(statText('flows.o.wip', stat(null))).toBe('–');
    expect(statText('flows.o.wip', undefined)).toBe('–');
  });

  test('a stat whose interval is not symmetric about its mean as shown reads as its ends, not as ± (which would misstate one end)', () => {
    const at = (mean: number, low: number, high: number): Stat => ({ mean, sd: 1, n: 3, ci95: [low, high] });
    // cut to a share's range: [-2%, 2%] shown as [0%, 2%] read "0.0 ± 2.0%", reaching -2%
    expect(statText('resources.d.utilization', at(0, 0, 0.02))).toBe('0.0% [0.0%, 2.0%]');
    expect(statText('flows.o.sla_attainment', at(0.98, 0.95, 1))).toBe('98.0% [95.0%, 100.0%]');
    // a time cut at 0, and a count
    expect(statText('flows.o.nodes.check.wait', at(0.02, 0, 0.05))).toBe('0.02 h [0.00 h, 0.05 h]');
    expect(statText('flows.o.wip', at(3, 0, 7))).toBe('3.00 [0.00, 7.00]');
    // Johnson's, moved and stretched toward the long tail: in hours, and in days by its largest end (216 h to 252 h about 240 h)
    expect(statText('flows.o.cycle_time.mean', at(52.1, 51.5, 54.9))).toBe('52.1 h [51.5 h, 54.9 h]');
    expect(statText('flows.o.cycle_time.mean', at(240, 216, 252))).toBe('10.0 d [9.00 d, 10.5 d]');
    // symmetric to the precision the half-width is shown with (0.01 h): the midpoint 0.004 h from the mean reads ±, 0.006 h does not
    expect(statText('flows.o.cycle_time.mean', at(52.1, 51.1, 53.108))).toBe('52.1 ± 1.00 h');
    expect(statText('flows.o.cycle_time.mean', at(52.1, 51.1, 53.112))).toBe('52.1 h [51.1 h, 53.1 h]');
    // a share's half-width in tenths of a point: 0.04 points off reads ±, 0.06 does not
    expect(statText('resources.d.utilization', at(0.5, 0.48, 0.5208))).toBe('50.0 ± 2.0%');
    expect(statText('resources.d.utilization', at(0.5, 0.48, 0.5212))).toBe('50.0% [48.0%, 52.1%]');
    // a count's half-width of 12 shown in tenths: 0.04 off reads ±, 0.06 does not
    expect(statText('flows.o.wip', at(150, 138, 162.08))).toBe('150 ± 12.0');
    expect(statText('flows.o.wip', at(150, 138, 162.12))).toBe('150 [138, 162]');
  });

  test('a mean and its interval in one unit: a wait of 69.7 h whose interval reaches 82.3 h reads in days throughout, by its largest end, not "69.7 h [57.0 h, 3.43 d]"', () => {
    expect(withInterval('hours', { mean: 69.7, ci95: [57, 82.3] })).toBe('2.90 d [2.38 d, 3.43 d]');
    expect(withInterval('hours', stat(240, 12))).toBe('10.0 d [9.50 d, 10.5 d]');
    expect(withInterval('share', stat(0.5, 0.02))).toBe('50.0% [48.0%, 52.0%]');
    expect(withInterval('count', stat(20, 1))).toBe('20.0 [19.0, 21.0]');
    expect(withInterval('hours', stat(5))).toBe('5.00 h');
  });
});

describe('a value against the one it is checked against (s35y F6, s34e Left)', () => {
  test('in one unit for the pair, minutes below an hour, to the digits that tell them apart', () => {
    const wait = 'resources.desk.wait';
    // a 1-minute target read "0.02 h against 0.02 h"
    expect(valuesApart(wait, 1.3 / 60, 1 / 60)).toEqual(['1.30 min', '1.00 min']);
    // a bound just past its target read "1.62 h against 1.62 h", missed
    const cycle = 'flows.f.cycle_time.mean';
    expect(valuesApart(cycle, 1.6204, 1.62)).toEqual(['1.6204 h', '1.6200 h']);
    expect(valuesApart(cycle, 80, 70)).toEqual(['3.33 d', '2.92 d']);
    expect(valuesApart('flows.f.sla_attainment', 0.89996, 0.9)).toEqual(['89.996%', '90.000%']);
    expect(valuesApart('flows.f.nodes.a.queue', 2.0004, 2)).toEqual(['2.0004', '2.0000']);
    // equal values, and values apart at the usual digits, keep them; a difference beyond four more decimals is not chased
    expect(valuesApart(cycle, 1.62, 1.62)).toEqual(['1.62 h', '1.62 h']);
    expect(valuesApart(cycle, 1.7, 1.62)).toEqual(['1.70 h', '1.62 h']);
    expect(valuesApart(cycle, 1.62 + 1e-9, 1.62)).toEqual(['1.620000 h', '1.620000 h']);
    expect(valuesApart(cycle, null, 1.62)).toEqual(['–', '1.62 h']);
  });
});

describe('a change against the baseline', () => {
  test('the paired interval in percent of the baseline', () => {
    const [low, high] = percentInterval(byMetric('flows.order.cycle_time.mean'))!;
    expect(low).toBeCloseTo((-14 / 52.1) * 100, 10);
    expect(high).toBeCloseTo((-12.2 / 52.1) * 100, 10);
    expect(percentInterval(byMetric('resources.techs.wait'))).toBeNull();
  });

  test('in % of the baseline, except a share: in percentage points', () => {
    // -13.1 / 52.1 = -25.14%, interval -26.87% to -23.42%
    expect(changeText(byMetric('flows.order.cycle_time.mean'))).toBe('52.1 h → 39.0 h, -25.1% [-26.9%, -23.4%]');
    // 0.8 -> 0.9 is +12.5% of the baseline, but +10 points: a share reads in points everywhere
    expect(changeAmount(byMetric('flows.order.sla_attainment'))).toBe('+10.0 pp [+4.0, +16.0]');
    expect(changeText(byMetric('flows.order.sla_attainment'))).toBe('80.0% → 90.0%, +10.0 pp [+4.0, +16.0]');
    const sla = changeOf(byMetric('flows.order.sla_attainment'))!;
    expect(sla.unit).toBe('pp');
    expect(sla.value).toBeCloseTo(10, 10);
    expect(changeOf(byMetric('flows.order.cycle_time.mean'))!.unit).toBe('%');
  });

  test('without a baseline to divide by, only the values', () => {
    expect(changeText(byMetric('resources.techs.wait'))).toBe('0.00 h → 0.00 h');
    expect(changeAmount(byMetric('resources.techs.wait'))).toBe('–');
    expect(changeOf(byMetric('resources.techs.wait'))).toBeNull();
  });

  test('the verdict follows a change its interval cannot tell from zero', () => {
    expect(comparisonText(byMetric('flows.order.throughput_per_day'))).toBe('12.0 → 12.5, +4.2% [-0.8%, +9.2%] (not significant)');
    expect(comparisonText(byMetric('flows.order.cycle_time.p90'))).toBe('3.33 d → 2.92 d, -12.5% [-15.0%, -10.0%]');
  });

  test("where the ratio's interval shown and the difference's interval that decides disagree near zero, the verdict says which decides", () => {
    // the README's worked example with --sensitivity: p90 -1.048% [-2.085%, -0.0001%] from the log ratio, while the
    // paired interval of the difference, [-1.132, +0.0013] h, includes 0: "not significant" beside an interval of negatives
    const p90 = byMetric('flows.order.cycle_time.p90');
    const notSignificant = {
      ...p90,
      delta_pct: -1.048,
      delta_pct_ci95: [-2.0848, -0.00012] as [number, number],
      ci95: [-1.132, 0.0013] as [number, number],
      significant: false,
    };
    // the interval that decides is shown, in the row's unit: [-1.132, +0.0013] h of a baseline of 80 h
    const includes = "the difference's paired interval, [-1.415%, +0.002%] of the baseline, includes 0";
    expect(decidingInterval(notSignificant)).toBe(includes);
    expect(comparisonText(notSignificant)).toBe(`3.33 d → 2.92 d, -1.048% [-2.085%, -<0.001%] (not significant: ${includes})`);
    expect(relative(notSignificant)).toMatch(` (not significant: ${includes})`);
    // the other way round: significant, beside a ratio's interval that reaches past zero
    const significant = {
      ...notSignificant,
      delta_pct_ci95: [-2.0848, 0.0003] as [number, number],
      ci95: [-1.132, -0.0013] as [number, number],
      significant: true,
    };
    const excludes = "the difference's paired interval, [-1.415%, -0.002%] of the baseline, excludes 0";
    expect(comparisonText(significant)).toMatch(` (significant: ${excludes})`);
    // the tables' significant column agrees with the interval on its row (s32x finding 29: "yes" beside [-100.0%, +1446.5%])
    expect(significance(significant)).toBe(`yes: ${excludes}`);
    expect(significance(notSignificant)).toBe(`no: ${includes}`);
    expect(decidingInterval(byMetric('flows.order.cycle_time.p90'))).toBeNull();
    expect(significance(byMetric('flows.order.cycle_time.p90'))).toBe('yes');
    expect(significance(byMetric('flows.order.throughput_per_day'))).toBe('no');
    // Holm's verdict stands where it applies; where the two intervals agree, the verdict is as before
    expect(comparisonText({ ...significant, significant_adjusted: false })).toMatch(/ \(not significant after Holm\)$/);
    expect(comparisonText(byMetric('flows.order.throughput_per_day'))).toMatch(/ \(not significant\)$/);
  });

  test('a paired comparison of three replications: the interval that decides is shown beside the one that does not', () => {
    // baseline 1, 1, 1 against 4, 2, 3: differences 3, 1, 2, mean 2, sd 1, so the paired t interval is
    // 2 ± t(0.975, 2)/√3 = 2 ± 4.302653/1.732051 = [-0.48414, +4.48414], which includes 0: not significant (with 2
    // degrees of freedom t's quantile has a closed form, (2p - 1)/√(2p(1 - p)), p = 0.975). The
    // ratio's log-scale interval shown in the change column, [+31.1%, +586.7%], excludes 0 (D, s60: "no" beside it).
    const paired = pairedComparison([1, 1, 1], [4, 2, 3])!;
    const c: Comparison = {
      ...paired,
      variant: 'v',
      against: 'baseline',
      metric: 'flows.order.cycle_time.mean',
      significant_adjusted: null,
    };
    const half = 0.95 / Math.sqrt(2 * 0.975 * 0.025) / Math.sqrt(3);
    expect(c.ci95![0]).toBeCloseTo(2 - half, 12);
    expect(c.ci95![1]).toBeCloseTo(2 + half, 12);
    expect(c.significant).toBe(false);
    expect(changeAmount(c)).toBe('+200.0% [+31.1%, +586.7%]');
    const includes = "the difference's paired interval, [-48.4%, +448.4%] of the baseline, includes 0";
    expect(significance(c)).toBe(`no: ${includes}`);
    expect(comparisonText(c)).toBe(`1.00 h → 3.00 h, +200.0% [+31.1%, +586.7%] (not significant: ${includes})`);
    // the same differences on a baseline of 10: both intervals include 0, and the cell needs no second interval
    const agreeing = { ...c, ...pairedComparison([10, 10, 10], [13, 11, 12])! };
    expect(decidingInterval(agreeing)).toBeNull();
    expect(significance(agreeing)).toBe('no');
  });

  test('the baseline and the variant read in one unit of time, whichever side crosses three days', () => {
    // 80 h -> 70 h printed as "3.33 d → 70.0 h" made a fall of 10 hours look like a change of unit
    expect(changeText(byMetric('flows.order.cycle_time.p90'))).toMatch(/^3\.33 d → 2\.92 d, /);
    const rise = {
      ...byMetric('flows.order.cycle_time.p90'),
      baseline: 70,
      value: 80,
      delta: 10,
      delta_pct: 14.3,
      ci95: null,
      delta_pct_ci95: null,
    };
    expect(changeText(rise)).toBe('2.92 d → 3.33 d, +14.3%');
    expect(metricValues('flows.order.cycle_time.p90', [70, 80])).toEqual(['2.92 d', '3.33 d']);
    expect(metricValues('flows.order.cycle_time.p90', [7, 8])).toEqual(['7.00 h', '8.00 h']);
    expect(metricValues('flows.order.sla_attainment', [0.8, 0.9])).toEqual(['80.0%', '90.0%']);
    expect(metricValues('flows.order.cycle_time.p90', [null, 100])).toEqual(['–', '4.17 d']);
  });
});

describe("a change's decimals", () => {
  /** a comparison of a flow's throughput, 52.9 a day, changed by `pct` % with the interval `low` to `high` % */
  const relative = (pct: number, low: number, high: number, significant: boolean): Comparison => ({
    variant: 'v',
    against: 'baseline',
    metric: 'flows.repair.throughput_per_day',
    baseline: 52.9,
    value: 52.9 * (1 + pct / 100),
    delta: (52.9 * pct) / 100,
    delta_pct: pct,
    ci95: [(52.9 * low) / 100, (52.9 * high) / 100],
    significant,
    delta_pct_ci95: [low, high],
    significant_adjusted: significant,
  });

  test('an interval that excludes zero never reads as if it touched it', () => {
    // bundled shared-field-force, zero_touch_install, repair throughput: +0.021% [+0.0025%, +0.040%], significant,
    // printed "0.0% [0.0%, 0.0%]"
    expect(changeAmount(relative(0.0213, 0.00247, 0.04, true))).toBe('+0.021% [+0.002%, +0.040%]');
    // fewer_truck_rolls, install throughput: "+0.1% [0.0%, +0.1%]", significant
    expect(changeAmount(relative(0.07, 0.02, 0.13, true))).toBe('+0.07% [+0.02%, +0.13%]');
  });

  test("a sure change under the catalogue's MATERIAL_CHANGE reads as the executive page reads it", () => {
    // s37e: the executive page said "no material change" where the console said nothing of +0.11%, significant
    expect(comparisonText(relative(0.112, 0.086, 0.138, true))).toMatch(/, \+0\.11% \[\+0\.09%, \+0\.14%\] \(no material change\)$/);
    expect(comparisonText(relative(0.49, 0.3, 0.68, true))).toMatch(/ \(no material change\)$/);
    expect(comparisonText(relative(0.5, 0.3, 0.7, true))).toMatch(/%\]$/);
    expect(comparisonText(relative(0.112, -0.05, 0.27, false))).toMatch(/ \(not significant\)$/);
    // the tables' significant column says the same (s37e: it said "yes" beside the verdict's "no material change")
    expect(significance(relative(0.112, 0.086, 0.138, true))).toBe('no material change');
    expect(significance(relative(-0.49, -0.68, -0.3, true))).toBe('no material change');
    expect(significance(relative(0.5, 0.3, 0.7, true))).toBe('yes');
    expect(significance(relative(0.112, -0.05, 0.27, false))).toBe('no');
  });

  test('two ends that differ never read the same, within three decimals', () => {
    // s36f board deck, more_techs, order throughput: +0.112% [+0.086%, +0.138%], significant, printed
    // "+0.1% [+0.1%, +0.1%]", an interval of no width
    expect(changeAmount(relative(0.112, 0.086, 0.138, true))).toBe('+0.11% [+0.09%, +0.14%]');
    expect(changeAmount(relative(-10.204, -10.2049, -10.2032, true))).toBe('-10.204% [-10.205%, -10.203%]');
    // ends equal to three decimals (a staffed cost, exact up to rounding) keep one decimal
    expect(changeAmount(relative(10.2041, 10.20408, 10.20412, true))).toBe('+10.2% [+10.2%, +10.2%]');
  });

  test('one decimal where it shows every end of the interval on its side of zero', () => {
    expect(changeAmount(relative(-25.14, -26.87, -23.42, true))).toBe('-25.1% [-26.9%, -23.4%]');
    expect(changeAmount(relative(4.2, -0.8, 9.2, false))).toBe('+4.2% [-0.8%, +9.2%]');
    // an interval of exactly zero (common random numbers: the same arrivals) stays as it is
    expect(changeAmount(relative(0, 0, 0, false))).toBe('0.0% [0.0%, 0.0%]');
    // three decimals at most: a figure closer to zero than that reads as a bound on its size, never 0.000 (s36f F10)
    expect(changeAmount(relative(0.00002, 0.00001, 0.00003, true))).toBe('+<0.001% [+<0.001%, +<0.001%]');
    expect(changeAmount(relative(0.01, 0.0002, 0.02, true))).toBe('+0.010% [+<0.001%, +0.020%]');
    expect(changeAmount(relative(-0.01, -0.02, -0.0004, true))).toBe('-0.010% [-0.020%, -<0.001%]');
    // a change that rounds to 0 inside an interval spanning 0 reads 0 (the bundled fallout_reduction's throughput)
    expect(changeAmount(relative(-0.04, -0.2, 0.1, false))).toBe('0.0% [-0.2%, +0.1%]');
  });

  test('a share in points, by the same rule', () => {
    const share: Comparison = {
      ...relative(0, 0, 0, true),
      metric: 'flows.repair.sla_attainment',
      baseline: 0.9,
      value: 0.9004,
      delta: 0.0004,
      delta_pct: 0.044,
      ci95: [0.0001, 0.0007],
    };
    expect(changeAmount(share)).toBe('+0.04 pp [+0.01, +0.07]');
  });

  test('property: an end of the interval that is not zero never prints as zero, within three decimals', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 0.002, max: 50, noNaN: true }), (mid, half) => {
        const [low, high] = [mid - half, mid + half];
        fc.pre(Math.abs(low) >= 0.0006 && Math.abs(high) >= 0.0006);
        const text = changeAmount(relative(mid, low, high, low > 0 || high < 0));
        const ends = /\[(.*)%, (.*)%\]/.exec(text)!;
        expect(Number(ends[1])).not.toBe(0);
        expect(Number(ends[2])).not.toBe(0);
        expect(Math.sign(Number(ends[1]))).toBe(Math.sign(low));
        expect(Math.sign(Number(ends[2]))).toBe(Math.sign(high));
        // ends at least 0.004 apart never read the same
        expect(ends[1]).not.toBe(ends[2]);
      }),
    );
  });
});
