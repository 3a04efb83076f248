// `run` weighs results.json and its report before it simulates (results-size.ts): one estimate,
// compiling every variant once, serves the file's check and the report's weight, where until
// session 39 each compiled them all again (run.ts). Counted in-process on the estimate itself.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureOutput } from '../support/captured-output.js';

const weighed = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../engine/results/size-estimate.js', async (original) => {
  const real = await original<typeof import('../../engine/results/size-estimate.js')>();
  return {
    ...real,
    resultsSizeEstimate: (...args: Parameters<typeof real.resultsSizeEstimate>) => {
      weighed.count++;
      return real.resultsSizeEstimate(...args);
    },
  };
});

const { runCommand } = await import('../../bin/commands/run.js');

/** One desk and two variants; 2,000 replications' charts are past a report's limit, so run weighs its report too. */
const DESK = `name: Desk
run: { horizon: 1d, replications: 2000, seed: 1 }
resources:
  desk: { capacity: 2 }
arrivals: [ { flow: f, rate: 1/h } ]
flows:
  f:
    start: a
    nodes:
      a: { resource: desk, duration: 30m }
variants:
  three: { patch: { resources: { desk: { capacity: 3 } } } }
  four: { patch: { resources: { desk: { capacity: 4 } } } }
`;

describe("run's size estimate", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'etomsim-weigh-once-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("is made once for the file's check and the report's weight", async () => {
    const file = join(dir, 'desk.yaml');
    writeFileSync(file, DESK);
    const said = captureOutput();
    // --max-wip 1 stops the first replication (two cases at once): what is counted is what ran before it
    await expect(
      runCommand({
        scenario: file,
        out: join(dir, 'out'),
        report: true,
        formats: ['html'],
        quiet: false,
        maxReplications: 200,
        sensitivity: false,
        workers: 1,
        maxWip: 1,
      }),
    ).rejects.toThrow(/more than 1 case in progress/);
    said.restore();
    expect(said.err).toContain('warning: no report will be written: a report of 3 variants');
    expect(weighed.count).toBe(1);
  });
});
