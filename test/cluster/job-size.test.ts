// A queue job's size (engine/cluster/job-size.ts) against the JSON BullMQ writes: a job's
// bytes exact, counted without building the JSON, for the bundled models and for names that
// JSON escapes; a result's bound never below a real result's, with the longest worker name.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { jobBytes, resultBytes } from '../../engine/cluster/job-size.js';
import { encode } from '../../engine/cluster/wire.js';
import { pack, packedLength, shapeOf } from '../../engine/experiment/packing.js';
import { compileModel } from '../../engine/model/compile.js';
import { metricLayout } from '../../engine/model/metrics.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { runReplication } from '../../engine/sim/replicate.js';

const bundled = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url)), 'utf8');

test.each(['fiber-order-to-activation', 'fault-to-repair', 'shared-field-force'])(
  "%s: a job's bytes are those of its JSON; a result's bound is never below a result's",
  (name) => {
    const set = loadScenarioText(bundled(name), `${name}.yaml`).set!;
    const model = compileModel(set.baseline);
    for (const variant of ['baseline', 'a "quoted" \\ name\u0001', 'é 😀 \ud800']) {
      const data = { version: '0.1.0', run: 'a-run-id', model: encode(model), variant, replication: 9, seed: -5, maxWip: 1_000_000 };
      expect(jobBytes(data)).toBe(Buffer.byteLength(JSON.stringify(data)));
    }
    const stats = pack(runReplication(model, 0, 1));
    expect(stats.length).toBe(packedLength(shapeOf(model, metricLayout(model))));
    const result = { stats: encode(stats), worker: `${'h'.repeat(253)}:4194304`, threads: 1024 };
    const bytes = Buffer.byteLength(JSON.stringify(result));
    expect(resultBytes(stats.length)).toBeGreaterThanOrEqual(bytes);
    expect(resultBytes(stats.length)).toBeLessThan(1.2 * bytes);
  },
);
