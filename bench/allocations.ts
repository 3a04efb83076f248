// Where one replication allocates on the JavaScript heap (CONTRIBUTING.md, hot path, rules 2
// and 4): `node dist/bench/allocations.js MODEL ARGS... [--from EVENTS] [--slices]` (models:
// probeModel in bench/models.ts) runs the replication under V8's sampling heap profiler,
// counting objects the garbage collector has freed since, and prints the allocating call
// sites by bytes. In the steady state the loop should allocate nothing: a site that grows
// with the events is usually a double boxed as it crossed a call V8 did not inline (returned,
// or passed as an argument), or a uint32 above 2^31 returned from one.
// --from EVENTS samples only after the first EVENTS events (the warm-up's interpreted code
// boxes every double it reads, so the steady state shows apart) up to the horizon, without
// the statistics; --slices advances in slices of 4,096 events with a macrotask between them,
// as the command line's own thread does (runReplicationInSlices), not all at once.
import { Session } from 'node:inspector/promises';
import { wholeNumber } from '../engine/number-format.js';
import { probeSimulation } from './models.js';

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

const args = process.argv.slice(2);
const at = args.indexOf('--from');
const from = at < 0 ? 0 : Number(args.splice(at, 2)[1]);
const sliced = args.includes('--slices');
const [kind, a, b] = args.filter((x) => x !== '--slices');
const simulation = probeSimulation(kind ?? 'mm5', a ?? '1000000', b);
const SLICE = 4096; // replicate.ts's EVENTS_PER_LOOK

/** The next `events` events (all at once, or in slices); true once the horizon is reached. */
async function advance(events: number): Promise<boolean> {
  if (!sliced) return simulation.advance(events);
  for (let left = events; left > 0; left -= SLICE) {
    if (simulation.advance(Math.min(SLICE, left))) return true;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return false;
}

simulation.start();
if (from > 0) await advance(from);
const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 1024,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
await advance(Number.POSITIVE_INFINITY);
const stats = from > 0 ? null : simulation.finish();
const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: SampleNode } };
session.disconnect();
const sites = [...sitesBySize(profile.head)].sort((x, y) => y[1] - x[1]);
const total = sites.reduce((sum, [, bytes]) => sum + bytes, 0);
const span =
  stats === null ? `from event ${wholeNumber(from)} to the horizon, before the statistics` : `${wholeNumber(stats.events)} events`;
console.log(`${span}${sliced ? ', in slices' : ''}: about ${wholeNumber(total)} bytes allocated (sampled every 1 KiB)`);
for (const [site, bytes] of sites.slice(0, 15)) console.log(`${wholeNumber(bytes).padStart(12)}  ${site}`);
