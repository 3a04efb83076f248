import { describe, expect, test } from 'vitest';
import { arrivalText } from '../../reports/assumptions.js';
import type { ArrivalInput } from '../../engine/results/inputs.js';

const stream = (over: Partial<ArrivalInput>): ArrivalInput => ({
  flow: 'orders',
  rate_per_hour: 40 / 24,
  interarrival: { kind: 'exponential', mean: 24 / 40 },
  profile: null,
  priority: 0,
  ...over,
});

describe('an arrival stream in the assumptions', () => {
  test('a Poisson stream without a profile: its rate, no peak', () => {
    expect(arrivalText(stream({}))).toBe('orders: Poisson, 1.67 an hour');
  });

  test("with a profile the stated rate is scaled by the day's and the hour's factors: the peak is their largest product", () => {
    // scenario-format.md's own example: 40/d, Saturday 0.4, Sunday 0.2, hours up to 2
    const hours = [0, 0, 0, 0, 0, 0, 0, 0.5, 1.5, 2, 2, 1.5, 1, 1.5, 2, 2, 1.5, 1, 0.5, 0.3, 0.2, 0.1, 0, 0];
    const text = arrivalText(stream({ profile: { days: [1, 1, 1, 1, 1, 0.4, 0.2], hours } }));
    expect(text).toContain("Poisson, 1.67 an hour times the weekly profile's factors (at its peak 3.33 an hour)");
  });

  test('a profile whose factors all stay below 1 peaks below the stated rate', () => {
    const text = arrivalText(stream({ rate_per_hour: 10, profile: { days: [0.5, 0.5, 0.5, 0.5, 0.5, 0, 0], hours: Array(24).fill(0.8) } }));
    expect(text).toContain('(at its peak 4.00 an hour)');
  });
});
