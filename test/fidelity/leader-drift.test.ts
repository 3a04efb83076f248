// Fidelity against a log whose mix of leaders drifts (engine/discovery/leader-drift.ts): the
// scenario discover writes holds the whole log's mix, which neither half of the log ran, so the
// user measuring its fit is told, in fidelity.json (`log.leader_drift`, a `leader_drift`
// warning), fidelity.html and on the console (not under -q, as fidelity's other warnings), by
// the numbers discover's own test reads, the very blocks and words of discover's note. Generated
// logs (choiceBlockLog, as test/discovery/leader-drift.test.ts reads them: (A | R) || B? entered
// after X, a case every 36 s, exported at the 1,200th case): R leading only from the 600th case
// on drifts (p below 0.001 on every seed there); R leading from the start, on a seed whose test
// reads p above the level, does not. R is named `<b>__proto__` here: a name the log gives is data.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { expect, test } from 'vitest';
import { noteLines } from '../../bin/commands/discover.js';
import { discover } from '../../engine/discovery/discover.js';
import { DRIFT_LEVEL, driftingBlocks, driftText } from '../../engine/discovery/leader-drift.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { etomsim } from '../support/cli.js';
import { choiceBlockLog, exportedAt } from '../support/generated-logs.js';
import { scratchFolders } from '../support/scratch.js';

const folder = scratchFolders('etomsim-fidelity-leader-drift-');
const NAME = '<b>__proto__';
const validate = new Ajv({ allErrors: true }).compile(
  JSON.parse(readFileSync(join(import.meta.dirname, '../../docs/fidelity.schema.json'), 'utf8')),
);

/**
 * The log (R named NAME, leading from case `rFrom`), discover's scenario of it, and fidelity's run
 * of the two, loud and, where there is a warning for -q to hold back (`quiet`), -q as well.
 */
async function measured(rFrom: number | undefined, seed: number, quiet: boolean) {
  const dir = folder();
  const { csv } = choiceBlockLog(2000, true, { gapHours: 0.01, leadHours: [0.25, 2], rFrom, seed });
  const log = join(dir, 'log.csv');
  writeFileSync(log, exportedAt(csv, 1200).replaceAll(',R,', `,${NAME},`));
  const found = discover(await readEventLog(log), { minShare: 0.05 });
  const blocks = [...found.openings.values(), ...found.leads.values()];
  expect(blocks).toHaveLength(1);
  // the scenario and the notes `etomsim discover` writes and prints of the log (bin/commands/discover.ts), from this
  // discovery: the command would read and discover the log again
  const scenario = join(dir, 'scenario.yaml');
  writeFileSync(scenario, writeScenarioYaml(found, log));
  const out = join(dir, 'loud');
  const loud = etomsim('fidelity', scenario, log, '--out', out, '-r', '2');
  expect(loud.status, loud.stderr).toBe(0);
  if (quiet) {
    const held = etomsim('fidelity', scenario, log, '--out', join(dir, 'quiet'), '-r', '2', '-q');
    expect([held.status, held.stdout, held.stderr]).toEqual([0, '', '']);
  }
  return {
    drift: blocks[0].drift!,
    drifting: driftingBlocks(blocks, found.log.activities),
    notes: noteLines(found.notes).join('\n'),
    stderr: loud.stderr,
    json: JSON.parse(readFileSync(join(out, 'fidelity.json'), 'utf8')),
    html: readFileSync(join(out, 'fidelity.html'), 'utf8'),
  };
}

test(`R (named ${NAME}) leading from the 600th case on: fidelity warns of the drift as discover notes it, its name escaped in the page`, async () => {
  const m = await measured(600, 1, true);
  expect(m.drift.p).toBeLessThan(DRIFT_LEVEL);
  // the block discover's test found, as its numbers are: leaders by name, shares of either half, passes, p
  expect(m.drifting).toEqual([
    {
      leaders: ['A', NAME, 'B'],
      first: m.drift.first.map((c) => c / m.drift.passes[0]),
      second: m.drift.second.map((c) => c / m.drift.passes[1]),
      passes: m.drift.passes[0] + m.drift.passes[1],
      p: m.drift.p,
    },
  ]);
  expect(m.drifting[0].second[1]).toBeGreaterThan(m.drifting[0].first[1] + 0.1); // R leads more in the second half
  expect(m.json.log.leader_drift).toEqual(m.drifting);
  const warned = m.json.warnings.filter((w: { code: string }) => w.code === 'leader_drift');
  expect(warned).toHaveLength(1);
  expect(warned[0].subject).toBe('log.leader_drift');
  // discover's words for the block, in its note and fidelity's warning alike
  const said = driftText(m.drifting[0]);
  expect(said).toMatch(/^'A' \/ '<b>__proto__' \/ 'B' leading .* of the first half's passes, .* of the second's \(.* passes, p = /);
  expect(m.notes).toContain(said);
  expect(warned[0].message).toMatch(
    /^1 parallel block whose mix of leaders \(the step that starts first in a pass\) changes over the log, as discover notes it: /,
  );
  expect(warned[0].message).toContain(said);
  expect(m.stderr.split('\n')).toContain(`warning: ${warned[0].message}`);
  // the page: the warning as the file has it, the name escaped, never a tag
  expect(m.html).toContain('&lt;b&gt;__proto__');
  expect(m.html).not.toContain(NAME);
  expect(validate(m.json), JSON.stringify(validate.errors)).toBe(true);
}, 120_000);

test('R leading from the start: no drift (p above the level), no warning, `log.leader_drift` empty', async () => {
  const m = await measured(undefined, 1, false);
  expect(m.drift.p).toBeGreaterThanOrEqual(DRIFT_LEVEL);
  expect(m.drifting).toEqual([]);
  expect(m.json.log.leader_drift).toEqual([]);
  expect(m.json.warnings.map((w: { code: string }) => w.code)).not.toContain('leader_drift');
  expect(m.stderr).not.toContain('mix of leaders');
  expect(m.notes).not.toContain('mix of leaders');
  expect(validate(m.json), JSON.stringify(validate.errors)).toBe(true);
}, 120_000);
