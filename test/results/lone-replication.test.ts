// A run of one replication has no interval: no change against the baseline can be told from
// chance. results.json says so in `warnings` (code `replications`), once, and every reading of a
// comparison says "no interval" rather than "not significant", which a reader takes for "no effect".
import { describe, expect, test } from 'vitest';
import type { Results } from '../../engine/results/types.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { executiveSummary, verdict } from '../../reports/executive.js';
import { cautions, fewReplicationsNote, readingNotes } from '../../reports/notes.js';
import { summaryText } from '../../bin/run-summary.js';
import { comparisonText, significance } from '../../reports/format.js';
import { resultsOfSet } from '../support/results.js';

/** One desk; the variant doubles it: a large change, which one replication cannot call significant or not. */
const yaml = (replications: number) => `name: Lone
run: { horizon: 500h, warmup: 50h, replications: ${replications}, seed: 5 }
resources:
  desk: { capacity: 2 }
arrivals: [ { flow: calls, rate: 1.5/h } ]
flows:
  calls:
    start: answer
    nodes:
      answer: { resource: desk, duration: { exponential: { mean: 1h } } }
variants:
  doubled:
    patch: { resources: { desk: { capacity: 4 } } }
`;

async function resultsOf(replications: number): Promise<Results> {
  const { set, diagnostics } = loadScenarioText(yaml(replications), 'lone.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return resultsOfSet(set!);
}

describe('a single replication', () => {
  test('is a warning of the whole run in results.json, said once in the cautions, and each change reads "no interval"', async () => {
    const results = await resultsOf(1);
    expect(results.warnings.filter((w) => w.code === 'replications')).toEqual([
      expect.objectContaining({ variant: null, subject: null, message: expect.stringContaining('single replication') }),
    ]);
    expect(cautions(results).filter((c) => c.includes('single replication'))).toHaveLength(1);
    const wait = results.comparisons.find((c) => c.metric === 'resources.desk.wait')!;
    expect(wait.ci95).toBeNull();
    expect(wait.delta).toBeLessThan(0); // twice the desk: a shorter wait, measured, but without an interval
    expect(comparisonText(wait)).toContain('(no interval)');
    expect(comparisonText(wait)).not.toContain('not significant');
    expect(significance(wait)).toBe('no interval');
  });

  test('two replications: no such warning, and the same change is judged on its interval', async () => {
    const results = await resultsOf(2);
    expect(results.warnings.some((w) => w.code === 'replications')).toBe(false);
    const wait = results.comparisons.find((c) => c.metric === 'resources.desk.wait')!;
    expect(wait.ci95).not.toBeNull();
    expect(comparisonText(wait)).not.toContain('no interval');
  });
});

test("the executive page's verdict of a change without an interval is 'no interval', not 'no significant change'", async () => {
  const results = await resultsOf(1);
  const lines = executiveSummary(results).flatMap((v) => v.outcomes);
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(verdict(line)).toBe('no interval');
});

describe('two replications', () => {
  test("the changes get a note in the reports' notes and the console, not a warning (results.json, the cautions); three get none", async () => {
    const two = await resultsOf(2);
    const note = fewReplicationsNote(two)!;
    expect(note).toContain('12.7 standard errors');
    expect(two.warnings.map((w) => w.message).join()).not.toContain('12.7');
    expect(readingNotes(two)).toEqual([note]);
    expect(cautions(two).join()).not.toContain('12.7'); // s62E: it was among them, so the reports showed it as a warning
    expect(summaryText(two).split('\n')).toContain(`note: ${note}`);
    const three = await resultsOf(3);
    expect(fewReplicationsNote(three)).toBeNull();
    expect(readingNotes(three)).toEqual([]);
    expect(cautions(three).join()).not.toContain('12.7');
    expect(summaryText(three)).not.toContain('note:');
  });

  test('the console prints the note after the warnings, as summary.md and report.html order them (a note is less urgent)', async () => {
    const two = await resultsOf(2);
    const warned: Results = {
      ...two,
      warnings: [...two.warnings, { code: 'warmup', variant: null, subject: null, message: 'the warm-up may be short' }],
    };
    const lines = summaryText(warned).split('\n');
    const note = lines.indexOf(`note: ${fewReplicationsNote(two)}`);
    const warning = lines.findIndex((l) => l.startsWith('warning: ') && l.includes('the warm-up may be short'));
    expect(warning).toBeGreaterThan(0);
    expect(note).toBeGreaterThan(warning); // s63E: the note came first, above the Warnings block
  });

  test('nothing to compare, nothing to note', async () => {
    const two = await resultsOf(2);
    expect(fewReplicationsNote({ ...two, comparisons: [], sensitivity: undefined })).toBeNull();
  });
});
