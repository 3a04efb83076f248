// The README's shard file ("Running beyond one machine": `run scenarios/fault-to-repair.yaml -r 6
// --shard 1/3` writes N replications of X kB each and the scenario's S kB text in an F kB shard
// file) is what that command writes, each figure in KiB as the README rounds it. The statistics
// grow as metrics are added, and the README kept session 55's 20.6 and 174 kB after they had
// become 20.9 and 176 (s59H, following the README command by command): this fails on the next such drift.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { BIN } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
const tmp = scratchFolders('etomsim-readme-shard-');
const CLAIM =
  /`run scenarios\/fault-to-repair\.yaml -r 6 --shard 1\/3` writes (\d+) replications of ([\d.]+) kB each and the scenario's (\d+) kB text in a (\d+) kB shard file/;

test("the README's shard file of fault-to-repair is the size the command writes", () => {
  const claim = CLAIM.exec(README);
  expect(claim, 'the README sentence on the shard file of fault-to-repair').not.toBeNull();
  const [, replications, perReplication, scenario, file] = claim!;
  const out = join(tmp(), 'shard');
  const r = spawnSync(
    process.execPath,
    [BIN, 'run', join(ROOT, 'scenarios/fault-to-repair.yaml'), '-r', '6', '--shard', '1/3', '--out', out],
    {
      encoding: 'utf8',
    },
  );
  expect(r.status, r.stderr).toBe(0);
  const path = join(out, 'shard-1-of-3.json');
  const shard = JSON.parse(readFileSync(path, 'utf8')) as { scenario: { text: string }; tasks: unknown[] };
  const KiB = 1024;
  const sizes = shard.tasks.map((t) => JSON.stringify(t).length / KiB);
  expect({
    replications: shard.tasks.length,
    // the replications' sizes differ by a few bytes at most: the README gives one figure
    perReplication: [...new Set(sizes.map((s) => s.toFixed(1)))],
    scenario: Math.round(Buffer.byteLength(shard.scenario.text) / KiB),
    file: Math.round(statSync(path).size / KiB),
  }).toEqual({ replications: Number(replications), perReplication: [perReplication], scenario: Number(scenario), file: Number(file) });
});
