// The scenario's currency: an ISO 4217 code, checked against the codes Node knows.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { onlyProblem, yaml } from './diagnose.js';

const scenario = (currency: string) => yaml`
  name: t
  currency: ${currency}
  run: { horizon: 10d }
  resources: {}
  arrivals: [{ flow: f, rate: 1/h }]
  flows: { f: { start: a, nodes: { a: { duration: 1h } } } }
`;

describe('currency', () => {
  it('takes an ISO 4217 code and defaults to none', () => {
    expect(loadScenarioText(scenario('GBP'), 't.yaml').set!.baseline.currency).toBe('GBP');
    const without = scenario('EUR').replace('currency: EUR\n', '');
    expect(loadScenarioText(without, 't.yaml').set!.baseline.currency).toBeNull();
  });

  it('refuses anything else, at the value, with the code meant', () => {
    expect(onlyProblem(scenario('eur'))).toEqual({
      at: '2:11',
      path: 'currency',
      message: "currency must be an ISO 4217 code in capitals, like EUR, GBP or USD; found 'eur'; did you mean 'EUR'?",
    });
    expect(onlyProblem(scenario('EUX')).message).toMatch(/^currency must be an ISO 4217 code.*found 'EUX'; did you mean '[A-Z]{3}'\?$/);
    expect(onlyProblem(scenario('euros')).message).toMatch(/found 'euros'/);
    expect(onlyProblem(scenario('12')).message).toMatch(/found 12$|found the number 12/);
  });
});
