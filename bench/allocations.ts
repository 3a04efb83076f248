// Where one replication allocates on the JavaScript heap (CONTRIBUTING.md, hot path, rules 2
// and 4): `node dist/bench/allocations.js MODEL ARGS...` (models: probeModel in
// bench/models.ts) runs the replication under V8's sampling heap profiler, counting objects
// the garbage collector has freed since, and prints the allocating call sites by bytes. In
// the steady state the loop should allocate nothing: a site that grows with the events is
// usually a double boxed as it crossed a call V8 did not inline (returned, or passed as an
// argument), or a uint32 above 2^31 returned from one.
import { Session } from 'node:inspector/promises';
import { compileModel } from '../engine/model/compile.js';
import { runReplication } from '../engine/sim/replicate.js';
import { wholeNumber } from '../engine/number-format.js';
import { probeModel } from './models.js';

/** One node of the sampling heap profile (Chrome DevTools protocol, HeapProfiler). */
interface SampleNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SampleNode[];
}

/** Bytes sampled per call site, the site named with its two callers. */
function sitesBySize(head: SampleNode): Map<string, number> {
  const sites = new Map<string, number>();
  const walk = (node: SampleNode, stack: string[]): void => {
    const { functionName, url, lineNumber } = node.callFrame;
    const here = [`${functionName || '(anonymous)'} (${url.split('/').slice(-2).join('/')}:${lineNumber + 1})`, ...stack];
    if (node.selfSize > 0) {
      const site = here.slice(0, 3).join(' <- ');
      sites.set(site, (sites.get(site) ?? 0) + node.selfSize);
    }
    for (const child of node.children) walk(child, here);
  };
  walk(head, []);
  return sites;
}

const [kind, a, b] = process.argv.slice(2);
const model = compileModel(probeModel(kind ?? 'mm5', Number(a ?? 1_000_000), Number(b)));
const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 1024,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
const stats = runReplication(model, 0, 1);
const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: SampleNode } };
session.disconnect();
const sites = [...sitesBySize(profile.head)].sort((x, y) => y[1] - x[1]);
const total = sites.reduce((sum, [, bytes]) => sum + bytes, 0);
console.log(`${wholeNumber(stats.events)} events; about ${wholeNumber(total)} bytes allocated (sampled every 1 KiB)`);
for (const [site, bytes] of sites.slice(0, 15)) console.log(`${wholeNumber(bytes).padStart(12)}  ${site}`);
