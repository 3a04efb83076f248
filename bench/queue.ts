// The cost of the queue: the same experiment of many small replications on the local pool
// (2 workers) and through a local Redis with 2 `etomsim worker` processes of 1 thread each,
// every run a fresh process, alternating. Per-task overhead = (queued - local) / tasks.
// Needs redis-server (Debian's package); started here on a free loopback port and stopped.
//
//   npm run build && node dist/bench/queue.js [REPLICATIONS] [HOURS] [RUNS]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../engine/cluster/free-port.js';

const BIN = new URL('../../bin/etomsim.cjs', import.meta.url).pathname;
const replications = Number(process.argv[2] ?? 100);
const hours = Number(process.argv[3] ?? 200);
const runs = Number(process.argv[4] ?? 3);
const REDIS = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
if (!REDIS) {
  console.error('bench/queue: no redis-server on this machine (apt-get install redis-server)');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'etomsim-bench-queue-'));
const scenario = join(dir, 'scenario.yaml');
// M/M/5 at 90% load: a replication of `hours` hours is a small task, so overhead shows
writeFileSync(
  scenario,
  `name: queue overhead
run: { horizon: ${hours}h, replications: ${replications}, seed: 1 }
resources: { agents: { capacity: 5 } }
arrivals: [ { flow: calls, rate: 4.5/h } ]
flows:
  calls:
    start: serve
    nodes:
      serve: { resource: agents, duration: { exponential: { mean: 1h } } }
`,
);

const port = await freePort();
const url = `redis://127.0.0.1:${port}`;
const redis = spawn(REDIS, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
const workers: ChildProcess[] = [];
try {
  await waitFor(() => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG');
  for (let i = 0; i < 2; i++) workers.push(spawn(process.execPath, [BIN, 'worker', '--queue', url, '-w', '1', '-q'], { stdio: 'ignore' }));
  await new Promise((r) => setTimeout(r, 1500)); // the workers connect
  const local: number[] = [];
  const queued: number[] = [];
  for (let i = 0; i < runs; i++) {
    local.push(timed(['-w', '2']));
    queued.push(timed(['--queue', url]));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const tasks = replications; // no variants: one task per replication
  console.log(`${tasks} replications of M/M/5 at 90% load, ${hours} h each; median of ${runs} fresh processes, alternating`);
  console.log(`| runner | wall (s) | per task (ms) |`);
  console.log(`|---|---|---|`);
  console.log(`| local pool, 2 workers | ${median(local).toFixed(2)} | ${((1000 * median(local)) / tasks).toFixed(1)} |`);
  console.log(
    `| Redis queue, 2 worker processes of 1 thread | ${median(queued).toFixed(2)} | ${((1000 * median(queued)) / tasks).toFixed(1)} |`,
  );
  console.log(`queue overhead per task: ${((1000 * (median(queued) - median(local))) / tasks).toFixed(1)} ms`);
} finally {
  for (const w of workers) w.kill('SIGTERM');
  redis.kill('SIGTERM');
}

function timed(args: string[]): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, 'run', scenario, '-q', '--no-report', '--out', join(dir, 'out'), ...args], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`run failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function waitFor(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 100));
}
