import { describe, expect, test } from 'vitest';
import { cautions, runSummary } from '../../reports/notes.js';
import { assumptions } from '../../reports/assumptions.js';
import { smallResults } from './fixture.js';

describe('notes on the run', () => {
  test('the setup in one sentence', () => {
    expect(runSummary(smallResults())).toBe(
      '3 replications of 4.00 d each, the first 24.0 h discarded as warm-up; seed 7; etomsim 0.0.0-test',
    );
    // s33x F2: the report's first line said "4.00 d each after a warm-up of 24.0 h" (the warm-up is inside the 4 d); its Assumptions say it alike
    expect(assumptions(smallResults()).run[0]).toBe('3 replications of 4.00 d each, the first 24.0 h discarded as warm-up; seed 7');
  });

  test('no caution for a sound run', () => {
    expect(cautions(smallResults())).toEqual([]);
  });

  test('the warnings of results.json, each with its variant', () => {
    const results = smallResults();
    results.warnings = [
      { code: 'unstable', variant: 'redesign', subject: 'resources.techs', message: 'techs is unstable.' },
      { code: 'precision', variant: null, subject: null, message: 'Too few replications.' },
    ];
    expect(cautions(results)).toEqual(['redesign: techs is unstable.', 'Too few replications.']);
  });

  test('a results file from before warnings: the warm-up and precision warnings of the CLI, and a lone replication', () => {
    const results = smallResults();
    delete (results as Partial<typeof results>).warnings;
    results.warmup_check = {
      warmup: 24,
      suggested: {},
      suggested_warmup: 100,
      sufficient: false,
      bin_hours: 24,
      batch_hours: 24,
      series: {},
    };
    results.precision = {
      target: 0.05,
      metric: 'flows.*.cycle_time.mean',
      replications_needed: 200,
      met: false,
      on: 'means',
      relative_half_width: 0.05 / 1.05,
    };
    results.engine.replications = 1;
    const text = cautions(results);
    expect(text).toHaveLength(3);
    expect(text[0]).toContain('(24.0 h) is shorter than MSER-5 suggests (4.17 d)');
    expect(text[1]).toContain('200 replications did not reach the precision asked (5.0%)');
    expect(text[2]).toContain('single replication');
  });
});
