import { describe, expect, test } from 'vitest';
import { cautions, runSummary } from '../../reports/notes.js';
import { smallResults } from './fixture.js';

describe('notes on the run', () => {
  test('the setup in one sentence', () => {
    expect(runSummary(smallResults())).toBe('3 replications of 4.00 d each after a warm-up of 24.0 h; seed 7; etomsim 0.0.0-test');
  });

  test('no caution for a sound run', () => {
    expect(cautions(smallResults())).toEqual([]);
  });

  test('the warm-up and precision warnings of the CLI, and a lone replication', () => {
    const results = smallResults();
    results.warmup_check = { warmup: 24, suggested: {}, suggested_warmup: 100, sufficient: false };
    results.precision = { target: 0.05, metric: 'flows.*.cycle_time.mean', replications_needed: 200, met: false };
    results.engine.replications = 1;
    const text = cautions(results);
    expect(text).toHaveLength(3);
    expect(text[0]).toContain('(24.0 h) is shorter than MSER-5 suggests (4.17 d)');
    expect(text[1]).toContain('200 replications did not reach the precision asked (5.0%)');
    expect(text[2]).toContain('single replication');
  });
});
