// A worker fleet on a real Redis (Debian's redis-server, started here on a loopback port with
// a password): two `etomsim worker` processes serving at once and a client give the local run's
// results, byte for byte but engine.workers and timing, even when a worker is killed holding a
// replication; a replication that throws fails the run with the local message; Ctrl-C removes
// the client's queued jobs; an unreachable Redis is exit 2 at once; the password is never
// printed. A Redis restarted without its data mid-run or between batches costs the run nothing;
// one gone for good fails it, not a hang, and queues nothing once it is back.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createQueueRunner, QueueLost } from '../../engine/cluster/queue.js';
import type { Runner } from '../../engine/experiment/runner.js';
import type { ReplicationTask } from '../../engine/experiment/worker.js';
import { DEFAULT_MAX_WIP, queueLost } from '../../engine/failure.js';
import { compileModel } from '../../engine/model/compile.js';
import { pack } from '../../engine/experiment/packing.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { longChain } from '../../bench/long-chain.js';
import { comparable, freePort, OVERFLOWS_OUT_OF_ORDER } from '../support/cluster.js';
import { scratchFolders } from '../support/scratch.js';
import { shellStatus } from '../support/cli.js';
import { captureOutput } from '../support/captured-output.js';
import { reportFailure } from '../../bin/report-failure.js';

const BIN = join(import.meta.dirname, '../../bin/etomsim.cjs');
const tmp = scratchFolders('etomsim-queue-');
const REDIS = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
// Unique to this process: two suites running at once (two worktrees) may draw the same free
// port, and the second redis-server then cannot bind; with a shared password this suite would
// talk to the other's server and its workers, and fail (or pass) on their results.
const PASSWORD = `pw-Zq8-never-printed-${process.pid}`;
const VERSION: string = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')).version;
const QUEUE_KEY = `bull:etomsim-${VERSION}`;
/**
 * The heap a replication that piles up work fills in a second, in a local run and a worker alike: any size
 * shows a failure told the same wherever it happens; a local run of two threads filled 96 MB in 1.8 s of
 * CPU, 48 MB in 0.9 s (session 57). A worker's own thread (BullMQ, the models) takes a few MB of it.
 */
const SMALL_HEAP = { NODE_OPTIONS: '--max-old-space-size=48' };
const MODEL_KEYS = `etomsim:model:${VERSION}:*`;

// In CI redis-server is installed by .ci/run and the test must run; elsewhere it says why it cannot.
const suite = REDIS || process.env.CI ? describe : describe.skip;
if (!REDIS && !process.env.CI) console.warn('queue tests skipped: no redis-server (apt-get install redis-server)');

const SCENARIO = `name: Queue test
run: { horizon: 1500h, warmup: 100h, replications: 6, seed: 5 }
resources:
  desk: { capacity: 2, cost_per_hour: 40 }
  techs: { capacity: 3, cost_per_hour: 60 }
arrivals: [ { flow: f, rate: 1.2/h } ]
flows:
  f:
    sla: 6h
    start: a
    nodes:
      a: { resource: desk, duration: { exponential: { mean: 1h } }, next: d }
      d: { branch: [ { to: b, p: 0.9 }, { to: a, p: 0.1 } ] }
      b: { resource: techs, duration: { lognormal: { mean: 2h, sd: 1h } } }
variants:
  more_techs:
    patch: { resources: { techs: { capacity: 4 } } }
`;

let port = 0;
let redis: ChildProcess | null = null;
let url = '';
const started: ChildProcess[] = [];

function redisCli(...args: string[]): string {
  const r = spawnSync('redis-cli', ['-p', String(port), '--no-auth-warning', '-a', PASSWORD, ...args], { encoding: 'utf8' });
  return r.stdout.trim();
}

/**
 * The replications each of two worker processes handed in (their results in the queue's completed set name the
 * worker, `host:pid`), and the jobs active and waiting: the four read at one instant (one script), not by four
 * processes one after the other.
 */
function servedAndQueued(a: ChildProcess, b: ChildProcess): number[] {
  const script = `local n = { 0, 0 }
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local ok, value = pcall(cjson.decode, redis.call('HGET', ARGV[1] .. id, 'returnvalue') or '')
  local worker = ok and type(value) == 'table' and value.worker or ''
  if worker == ARGV[2] then n[1] = n[1] + 1 elseif worker == ARGV[3] then n[2] = n[2] + 1 end
end
return { n[1], n[2], redis.call('LLEN', KEYS[2]), redis.call('LLEN', KEYS[3]) }`;
  const keys = ['completed', 'active', 'wait'].map((k) => `${QUEUE_KEY}:${k}`);
  return redisCli('eval', script, '3', ...keys, `${QUEUE_KEY}:`, `${hostname()}:${a.pid}`, `${hostname()}:${b.pid}`)
    .split('\n')
    .map(Number);
}

/** The models stored in Redis (not the sets of runs holding them), and the bytes of each. */
function storedModels(): number[] {
  const keys = redisCli('--scan', '--pattern', MODEL_KEYS)
    .split('\n')
    .filter((k) => k !== '' && !k.endsWith(':runs'));
  return keys.map((k) => Number(redisCli('strlen', k)));
}

async function until(condition: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * WORKER_FIRST: a test that compares with a local run starts its worker before it makes that run,
 * so that the worker's start-up (Node, BullMQ, its threads, Redis' answer) overlaps the run
 * instead of following it; the worker's output waits in its pipe while spawnSync holds this
 * thread, and the test waits for 'serving' after the run, as before.
 *
 * Starts `etomsim worker` on the suite's queue (or on `queue`, another database of it). Its job locks are the worker's default (30 s)
 * unless `lockSeconds` says otherwise: a worker starved of CPU for longer than its lock (a loaded
 * host, two suites at once) loses its job to BullMQ's stalled check, and a job stalled more than
 * the engine allows fails the run with BullMQ's error instead of its result. Short locks are for
 * the test that kills a worker on purpose and waits for its job to come back.
 */
function startWorker(
  threads = 1,
  args: string[] = [],
  lockSeconds?: number,
  env: Record<string, string> = {},
  queue = url,
): { child: ChildProcess; log: () => string } {
  let log = '';
  const lock = lockSeconds === undefined ? [] : ['--lock-seconds', String(lockSeconds)];
  const child = spawn(process.execPath, [BIN, 'worker', '--queue', queue, '-w', String(threads), ...lock, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  started.push(child);
  return { child, log: () => log };
}

function startClient(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code: shellStatus(code, signal), stdout, stderr })),
  );
  return { child, done };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const closed = new Promise((r) => child.once('close', r));
  child.kill('SIGTERM');
  await closed;
}

function scenario(text = SCENARIO): string {
  const file = join(tmp(), 'scenario.yaml');
  writeFileSync(file, text);
  return file;
}

function local(file: string, args: string[] = []): string {
  const out = join(tmp(), 'local');
  const r = spawnSync(process.execPath, [BIN, 'run', file, '--out', out, '-q', '--no-report', '-w', '1', ...args], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return out;
}

/**
 * The local results (comparable) of the scenario in `file` run with `args`, run once for every test
 * that queues the same scenario with the same arguments (three queue the plain one with -r 2): a
 * local run is deterministic, and some 0.45 s of CPU.
 */
const localRuns = new Map<string, string>();
function localResults(file: string, args: string[] = []): string {
  const key = JSON.stringify([readFileSync(file, 'utf8'), args]);
  let results = localRuns.get(key);
  if (results === undefined) {
    results = comparable(local(file, args));
    localRuns.set(key, results);
  }
  return results;
}

suite('a worker fleet on Redis (BullMQ)', () => {
  beforeAll(async () => {
    port = await freePort();
    url = `redis://:${PASSWORD}@127.0.0.1:${port}`;
    redis = spawn(REDIS!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', PASSWORD], {
      stdio: 'ignore',
    });
    await until(() => redisCli('ping') === 'PONG' || redis?.exitCode !== null, 'redis-server to answer', 15_000);
    if (redis.exitCode !== null) throw new Error(`redis-server could not start on port ${port} (exit ${redis.exitCode})`);
  });

  afterAll(async () => {
    await Promise.all(started.map(stop));
    redis?.kill('SIGTERM');
  });

  test('two workers serving at once, one killed holding a replication: the run completes with the local results, byte for byte; no password in any output', async () => {
    // replications long enough (about 100 ms each, warm) that the 100 ms poll below sees both workers at work, each
    // with one done, and more waiting: at 15,000 h that spell was about as short as a poll
    const file = scenario(SCENARIO.replace('horizon: 1500h', 'horizon: 100000h'));
    // a's lock expires 2 s after it is killed; b's stalled check (every half lock: 3 s) gives a's replication back to
    // the queue at its second look; b would have to be starved for 6 s to lose one of its own, and even then it would
    // run again to the same bytes (a job is given back twice before BullMQ fails it)
    const a = startWorker(1, [], 2);
    const b = startWorker(1, [], 6);
    const expected = localResults(file); // while the workers start (WORKER_FIRST)
    await until(() => a.log().includes('serving') && b.log().includes('serving'), 'both workers to serve');
    const out = join(tmp(), 'queued');
    const client = startClient(['run', file, '--queue', url, '--out', out, '--no-report']);
    // a is killed once each worker has handed in a replication, both hold one and more wait: a dies holding one,
    // which must come back through BullMQ's stalled check (a worker of one thread that ends a job takes the next
    // waiting one in the same step, so with jobs waiting it is never found between two)
    await until(() => {
      const [byA, byB, active, waiting] = servedAndQueued(a.child, b.child);
      return byA >= 1 && byB >= 1 && active >= 2 && waiting >= 2;
    }, 'both workers to have handed in a replication, both to hold one, more waiting');
    a.child.kill('SIGKILL');
    const result = await client.done;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(comparable(out)).toBe(expected);
    // both workers' results are in it: a's replications ran there, the one it held and the rest on b
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).engine.workers).toBe(2);
    const [byA, byB] = servedAndQueued(a.child, b.child);
    expect(byA).toBeGreaterThanOrEqual(1);
    expect(byA + byB).toBe(12);
    // the killed worker held a replication, which BullMQ's stalled check gave back to the queue
    const stalled = redisCli(
      'eval',
      "local n = 0 for _, k in ipairs(redis.call('KEYS', ARGV[1])) do if redis.call('TYPE', k).ok == 'hash' then n = n + tonumber(redis.call('HGET', k, 'stc') or '0') end end return n",
      '0',
      `${QUEUE_KEY}:*`,
    );
    expect(Number(stalled)).toBeGreaterThanOrEqual(1);
    for (const text of [result.stdout, result.stderr, a.log(), b.log(), readFileSync(join(out, 'results.json'), 'utf8')]) {
      expect(text).not.toContain(PASSWORD);
    }
    expect(b.log()).toContain(`redis://127.0.0.1:${port}`); // the address, shown without its password
    await stop(b.child);
  });

  /**
   * The tests a worker of two threads serves: one worker, started as the first of them makes its
   * local runs (WORKER_FIRST) and stopped after the last, before a test that wants only its own
   * worker serving (a bound, none at all). Each worker's start-up is some 0.75 s of CPU (Node,
   * BullMQ, two threads; session 57): the tests asserted nothing of their worker's own start. Its heap
   * is the small one the failing replication (the last test) needs, as large as the local run's: the
   * other tests' replications take a few MB.
   */
  describe('with a worker of two threads', () => {
    let w: ReturnType<typeof startWorker>;
    beforeAll(() => {
      w = startWorker(2, [], undefined, SMALL_HEAP);
    });
    afterAll(async () => {
      await stop(w.child);
    });

    test('two clients at once on one queue each get their own results', async () => {
      const [f1, f2] = [scenario(), scenario(SCENARIO.replace('seed: 5', 'seed: 6'))];
      const [e1, e2] = [localResults(f1, ['-r', '3']), localResults(f2, ['-r', '3'])];
      await until(() => w.log().includes('serving'), 'the worker to serve');
      const [o1, o2] = [join(tmp(), 'q1'), join(tmp(), 'q2')];
      // the password from the environment, kept off the command line
      const bare = `redis://127.0.0.1:${port}`;
      const c1 = startClient(['run', f1, '--queue', bare, '--out', o1, '--no-report', '-q', '-r', '3'], {
        ETOMSIM_REDIS_PASSWORD: PASSWORD,
      });
      const c2 = startClient(['run', f2, '--queue', url, '--out', o2, '--no-report', '-q', '-r', '3']);
      const [r1, r2] = await Promise.all([c1.done, c2.done]);
      expect([r1.code, r2.code]).toEqual([0, 0]);
      expect(comparable(o1)).toBe(e1);
      expect(comparable(o2)).toBe(e2);
      // both runs stored the same two models under the same keys; the last to end removed them
      expect(redisCli('--scan', '--pattern', MODEL_KEYS)).toBe('');
    });

    test('size and bottlenecks with --queue write what they write locally', async () => {
      const file = scenario(SCENARIO.replace('horizon: 1500h', 'horizon: 600h').replace('replications: 6', 'replications: 3'));
      await until(() => w.log().includes('serving'), 'the worker to serve');
      for (const [command, name, extra] of [
        ['bottlenecks', 'bottlenecks.json', []],
        ['size', 'sizing.json', ['--target', 'flows.f.sla_attainment >= 0.8']],
      ] as const) {
        const [here, there] = [join(tmp(), 'local'), join(tmp(), 'queued')];
        expect(
          spawnSync(process.execPath, [BIN, command, file, ...extra, '-w', '1', '-q', '--out', here], { encoding: 'utf8' }).status,
        ).toBe(0);
        const r = spawnSync(process.execPath, [BIN, command, file, ...extra, '--queue', url, '-q', '--out', there], {
          encoding: 'utf8',
          timeout: 120_000,
        });
        expect(r.stderr).toBe('');
        expect(readFileSync(join(there, name), 'utf8')).toBe(readFileSync(join(here, name), 'utf8'));
      }
    });

    test("--max-wip reaches the workers: replications they stop at the client's cap fail the run as it does locally, the same message, exit 1", async () => {
      // every replication stops at the cap, which the workers have only from the jobs; the
      // second job's stops first on a worker of two threads, and the message must still be the first's
      const flood = scenario(OVERFLOWS_OUT_OF_ORDER);
      const here = spawnSync(process.execPath, [BIN, 'run', flood, '-w', '1', '-q', '--max-wip', '2000', '--out', join(tmp(), 'l')], {
        encoding: 'utf8',
      });
      await until(() => w.log().includes('serving'), 'the worker to serve');
      const out = join(tmp(), 'q');
      const there = spawnSync(process.execPath, [BIN, 'run', flood, '--queue', url, '-q', '--max-wip', '2000', '--out', out], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(here.stderr).toMatch(
        /^etomsim: replication 1 of baseline \(run seed 5\) failed: more than 2,000 cases in progress at once .* team 'desk'/,
      );
      expect(here.status).toBe(1);
      expect(there.status).toBe(1);
      expect(there.stderr).toBe(here.stderr);
      expect(existsSync(out)).toBe(false);
    });

    test('a replication that fails fails the run with the message a local run gives, and exit 1', async () => {
      // work that piles up without end, in a small heap: the replication fails the same way wherever it runs
      const flood = scenario(SCENARIO.replace('rate: 1.2/h', 'rate: 2000/h').replace('horizon: 1500h', 'horizon: 5000h'));
      const here = spawnSync(process.execPath, [BIN, 'run', flood, '-w', '2', '-q', '--out', join(tmp(), 'l')], {
        encoding: 'utf8',
        env: { ...process.env, ...SMALL_HEAP },
        timeout: 120_000,
      });
      await until(() => w.log().includes('serving'), 'the worker to serve');
      const out = join(tmp(), 'q');
      const there = spawnSync(process.execPath, [BIN, 'run', flood, '--queue', url, '-q', '--out', out], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      const cause = (stderr: string) => /failed: (.*)$/m.exec(stderr)?.[1];
      expect(here.status).toBe(1);
      expect(there.status).toBe(1);
      expect(cause(here.stderr)).toBeTruthy();
      expect(cause(there.stderr)).toBe(cause(here.stderr));
      expect(there.stderr.replace(/replication \d+ of \w+/, 'R')).toBe(here.stderr.replace(/replication \d+ of \w+/, 'R'));
      expect(existsSync(join(out, 'results.json'))).toBe(false);
    });
  });

  test('a job or a result over the bound (--max-job-mib): the client refuses before queueing, exit 2; a worker refuses one it is handed and serves on', async () => {
    // only this test's workers serve the queue: a test that timed out may have left its own serving
    await Promise.all(started.map(stop));
    const file = scenario();
    const waiting = () => Number(redisCli('llen', `${QUEUE_KEY}:wait`));
    const before = waiting();
    const clientOf = (scenarioFile: string, ...args: string[]) =>
      spawnSync(process.execPath, [BIN, 'run', scenarioFile, '--queue', url, '-q', '-r', '2', '--out', join(tmp(), 'never'), ...args], {
        encoding: 'utf8',
        timeout: 120_000,
      });
    const client = (...args: string[]) => clientOf(file, ...args);
    // this model's job takes about 1.9 kB, its result about 9.4 kB: 0.001 MiB (1,049 bytes) holds neither, 0.005 MiB the job only
    const job = client('--max-job-mib', '0.001');
    expect(job.stderr).toMatch(
      /^etomsim: --queue: the model of baseline would take [\d,]+ bytes \(compiled and encoded, stored once in Redis for its jobs\), more than the 0\.001 MiB a queue job or its result may carry here \(--max-job-mib\); a job carries one replication, so not even one fits: run it without --queue /,
    );
    expect(job.status).toBe(2);
    const result = client('--max-job-mib', '0.005');
    expect(result.stderr).toMatch(
      /^etomsim: --queue: a replication of baseline would send back up to [\d,]+ bytes of statistics, more than the 0\.005 MiB /,
    );
    expect(result.status).toBe(2);
    expect(waiting()).toBe(before); // nothing queued
    expect(client('--max-job-mib', '0').stderr).toMatch(/--max-job-mib takes a number of MiB above 0 and at most 256 \(got '0'\)/);
    expect(client('--max-job-mib', '257').status).toBe(2);
    // a worker of a smaller bound than the client's: it fails the job with a message, and serves the next run.
    // One worker of 0.005 MiB (5,243 bytes) for both refusals: the plain model (2.2 kB) fits it and its statistics
    // do not; a chain of 20 tasks' model (10.9 kB) does not (one worker start-up, 0.75 s of CPU, where each had its own)
    const w = startWorker(1, ['--max-job-mib', '0.005']);
    const chain = join(tmp(), 'chain.yaml');
    writeFileSync(chain, longChain(20, 0));
    try {
      await until(() => w.log().includes('serving'), 'the worker to serve');
      for (const [scenarioFile, seed, refused] of [
        [chain, 1, /failed: its model takes [\d,]+ bytes \(compiled and encoded\), more than worker \S+ takes, the 0\.005 MiB /],
        [file, 5, /failed: its statistics take [\d,]+ bytes, more than worker \S+ sends back, the 0\.005 MiB /],
      ] as const) {
        const r = clientOf(scenarioFile);
        expect(r.stderr).toMatch(new RegExp(`^etomsim: replication 1 of baseline \\(run seed ${seed}\\) ${refused.source}`));
        expect(r.status).toBe(2);
        expect(w.child.exitCode).toBeNull();
      }
    } finally {
      await stop(w.child); // stopped even when a refusal is missed: it would serve the next tests' jobs
    }
    expect(existsSync(join(tmp(), 'never'))).toBe(false);
  });

  test('Ctrl-C on the client removes its queued replications and its models; exit 130, nothing written', async () => {
    const file = scenario();
    const out = join(tmp(), 'interrupted');
    const before = Number(redisCli('llen', `${QUEUE_KEY}:wait`));
    const client = startClient(['run', file, '--queue', url, '--out', out, '-r', '20']); // no worker: every job waits
    await until(() => Number(redisCli('llen', `${QUEUE_KEY}:wait`)) >= before + 40, 'the jobs to be queued');
    // 40 jobs of 2 variants: each model stored once, and no job carries one
    const models = storedModels();
    expect(models).toHaveLength(2);
    const model = Math.min(...models);
    expect(model).toBeGreaterThan(1000);
    const jobs = redisCli('lrange', `${QUEUE_KEY}:wait`, '0', '-1').split('\n');
    for (const id of jobs.slice(0, 40)) expect(Number(redisCli('hstrlen', `${QUEUE_KEY}:${id}`, 'data'))).toBeLessThan(model / 4);
    client.child.kill('SIGINT');
    const result = await client.done;
    expect(result.code).toBe(130);
    expect(Number(redisCli('llen', `${QUEUE_KEY}:wait`))).toBe(before);
    expect(storedModels()).toEqual([]);
    expect(existsSync(join(out, 'results.json'))).toBe(false);
  });

  /**
   * A worker of one thread on database 3 of the suite's Redis, started by the first test that wants it and
   * stopped with the others in afterAll: the lost-model test starts it once its jobs wait there, and the
   * database test's run is served by it (one start-up, some 0.75 s of CPU, where each test had its own).
   */
  let db3: ReturnType<typeof startWorker> | undefined;
  const db3Worker = () => (db3 ??= startWorker(1, [], undefined, {}, `${url}/3`));

  test('a job whose model is no longer in Redis fails its replication with a message, exit 2; the worker serves on', async () => {
    const file = scenario();
    const out = join(tmp(), 'lost-model');
    const onDb3 = (...args: string[]) => redisCli('-n', '3', ...args);
    const before = Number(onDb3('llen', `${QUEUE_KEY}:wait`));
    const client = startClient(['run', file, '--queue', `${url}/3`, '--out', out, '-q', '-r', '2']); // no worker yet: every job waits
    await until(() => Number(onDb3('llen', `${QUEUE_KEY}:wait`)) >= before + 4, 'the jobs to be queued');
    const keys = onDb3('--scan', '--pattern', MODEL_KEYS).split('\n');
    expect(keys.filter((k) => !k.endsWith(':runs'))).toHaveLength(2);
    onDb3('del', ...keys); // as an expiry, a FLUSHALL or an eviction would
    const w = db3Worker();
    const result = await client.done;
    expect(result.stderr).toMatch(
      /^etomsim: replication 1 of baseline \(run seed 5\) failed: its model \(etomsim:model:\S+\) is no longer in Redis: it expired, or Redis was flushed or restarted without its data; run it again\n$/,
    );
    expect(result.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(w.child.exitCode).toBeNull();
    const served = spawnSync(process.execPath, [BIN, 'run', file, '--queue', `${url}/3`, '-q', '-r', '1', '--out', join(tmp(), 'after')], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(served.status).toBe(0);
  });

  test('an unreachable Redis: exit 2 naming the URL without its password, nothing written', () => {
    const out = join(tmp(), 'never');
    const r = spawnSync(process.execPath, [BIN, 'run', scenario(), '--queue', `redis://:${PASSWORD}@127.0.0.1:1`, '--out', out, '-q'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot reach the queue at redis:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
    expect(r.stderr).not.toContain(PASSWORD);
    expect(existsSync(out)).toBe(false);
    const w = spawnSync(process.execPath, [BIN, 'worker', '--queue', 'redis://127.0.0.1:1'], { encoding: 'utf8', timeout: 30_000 });
    expect(w.status).toBe(2);
    const bad = spawnSync(process.execPath, [BIN, 'run', scenario(), '--queue', 'http://127.0.0.1:1', '--out', out], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/redis:\/\/ or rediss:\/\//);
  });

  test('the database of the URL: /N served there; not a number, or one the server lacks, exit 2 saying so (client and worker), nothing written', async () => {
    const file = scenario();
    const shown = `redis://127.0.0.1:${port}`;
    // one of each refusal, by a client and a worker: the URL's other forms (2/x, ?db=9) are read in-process, by
    // redis-url.test, each pair of processes here some 0.3 s of CPU
    for (const [db, said] of [
      ['abc', "the database in the queue URL must be a whole number, like redis://HOST:6379/2 (got 'abc')"],
      ['99', `the queue at ${shown}/99 has no database 99 (ERR DB index is out of range); give one the server has, 0 by default`],
      // ioredis reads a query's db past the path's check: SELECT NaN's stack trace, or database 0 served as 9 (s34y F6)
      ['?db=abc', "the queue URL takes no query (got '?db=abc'); give the database as its path, like redis://HOST:6379/2"],
    ]) {
      const out = join(tmp(), 'never');
      const r = spawnSync(process.execPath, [BIN, 'run', file, '--queue', `${url}/${db}`, '--out', out, '-q'], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      const w = spawnSync(process.execPath, [BIN, 'worker', '--queue', `${url}/${db}`], { encoding: 'utf8', timeout: 30_000 });
      for (const [who, x] of [
        ['run', r],
        ['worker', w],
      ] as const) {
        expect({ db, who, status: x.status, stderr: x.stderr.split('\n')[0] }).toEqual({ db, who, status: 2, stderr: `etomsim: ${said}` });
        expect(x.stderr).not.toContain(PASSWORD);
      }
      expect(existsSync(out)).toBe(false);
    }
    // a database the server has: served there, database 0 left alone
    const doneOnDb0 = () => redisCli('zcard', `${QUEUE_KEY}:completed`);
    const doneBefore = doneOnDb0();
    db3Worker();
    const r = spawnSync(
      process.execPath,
      [BIN, 'run', file, '--queue', `${url}/3`, '-r', '1', '-q', '--no-report', '--out', join(tmp(), 'db3')],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(Number(redisCli('-n', '3', 'dbsize'))).toBeGreaterThan(0);
    expect(doneOnDb0()).toBe(doneBefore);
  });
});

// rediss://: TLS with a password, against a redis-server with a certificate of a CA made here.
const OPENSSL = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find((p) => existsSync(p));
// P-256 keys: made in a millisecond, where an RSA key of 2,048 bits took 0.05-1 s of CPU (its prime search)
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
(REDIS && OPENSSL ? describe : describe.skip)('the queue over TLS (rediss://)', () => {
  let tls: ChildProcess | null = null;
  let tlsPort = 0;
  let ca = '';

  beforeAll(async () => {
    const dir = tmp();
    const ssl = (...args: string[]) => expect(spawnSync(OPENSSL!, args, { cwd: dir, encoding: 'utf8' }).status).toBe(0);
    ssl('req', '-x509', ...EC_KEY, '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=etomsim test CA');
    ssl('req', ...EC_KEY, '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
    writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
    ssl(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.crt',
      '-days',
      '2',
      '-extfile',
      'ext.cnf',
    );
    ca = join(dir, 'ca.crt');
    tlsPort = await freePort();
    tls = spawn(
      REDIS!,
      [
        '--port',
        '0',
        '--tls-port',
        String(tlsPort),
        '--bind',
        '127.0.0.1',
        '--tls-cert-file',
        join(dir, 'server.crt'),
        '--tls-key-file',
        join(dir, 'server.key'),
        '--tls-ca-cert-file',
        ca,
        '--tls-auth-clients',
        'no',
        '--requirepass',
        PASSWORD,
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      { stdio: 'ignore' },
    );
    const cli = () =>
      spawnSync('redis-cli', ['--tls', '--cacert', ca, '-p', String(tlsPort), '--no-auth-warning', '-a', PASSWORD, 'ping'], {
        encoding: 'utf8',
      }).stdout.trim();
    await until(() => cli() === 'PONG', 'the TLS redis-server to answer', 15_000);
  });

  afterAll(() => {
    tls?.kill('SIGTERM');
  });

  test('a worker and a client over rediss:// with a password give the local results; an untrusted certificate is exit 2', async () => {
    const file = scenario();
    const tlsUrl = `rediss://:${PASSWORD}@127.0.0.1:${tlsPort}`;
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: ca };
    let log = '';
    const worker = spawn(process.execPath, [BIN, 'worker', '--queue', tlsUrl, '-w', '1'], { stdio: ['ignore', 'pipe', 'pipe'], env });
    started.push(worker);
    worker.stderr!.on('data', (d) => (log += d));
    const expected = localResults(file, ['-r', '2']); // while the worker starts (WORKER_FIRST)
    await until(() => log.includes('serving'), 'the worker to serve');
    const out = join(tmp(), 'tls');
    const r = spawnSync(process.execPath, [BIN, 'run', file, '-r', '2', '--queue', tlsUrl, '--out', out, '-q', '--no-report'], {
      encoding: 'utf8',
      env,
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(comparable(out)).toBe(expected);
    expect(log).toContain(`rediss://127.0.0.1:${tlsPort}`);
    expect(log).not.toContain(PASSWORD);
    const untrusted = spawnSync(process.execPath, [BIN, 'run', file, '--queue', tlsUrl, '--out', join(tmp(), 'x'), '-q'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(untrusted.status).toBe(2);
    expect(untrusted.stderr).toMatch(/cannot reach the queue at rediss:.*certificate/);
    expect(untrusted.stderr).not.toContain(PASSWORD);
    await stop(worker);
  });
});

// A Redis that goes away mid-run: its own server here, killed and started again on its port.
suite('a queue whose Redis goes away mid-run', () => {
  let own: ChildProcess | null = null;
  let ownPort = 0;
  const ownUrl = () => `redis://:${PASSWORD}@127.0.0.1:${ownPort}`;
  const ping = () =>
    spawnSync('redis-cli', ['-p', String(ownPort), '--no-auth-warning', '-a', PASSWORD, 'ping'], { encoding: 'utf8' }).stdout.trim();

  /** A fresh redis-server on the suite's port: a restart without persistence keeps no job. */
  async function startOwn(): Promise<void> {
    ownPort ||= await freePort();
    own = spawn(REDIS!, ['--port', String(ownPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', PASSWORD], {
      stdio: 'ignore',
    });
    const server = own;
    await until(() => ping() === 'PONG' || server.exitCode !== null, 'redis-server to answer', 15_000);
    if (server.exitCode !== null) throw new Error(`redis-server could not start on port ${ownPort}`);
  }

  async function killOwn(): Promise<void> {
    const server = own!;
    if (server.exitCode !== null || server.signalCode !== null) return;
    const gone = new Promise((r) => server.once('exit', r));
    server.kill('SIGKILL');
    await gone;
  }

  /**
   * The worker on this Redis, started by the restart test once the restart has lost its jobs, and
   * lost and found again by the next test (or started by it when run alone): one start-up, some
   * 0.75 s of CPU, where each test had its own. Its log holds both tests' lines.
   */
  let ownWorker: { child: ChildProcess; log: () => string } | undefined;
  function startOwnWorker(): { child: ChildProcess; log: () => string } {
    let log = '';
    const child = spawn(process.execPath, [BIN, 'worker', '--queue', ownUrl(), '-w', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child);
    child.stderr!.on('data', (d) => (log += d));
    ownWorker = { child, log: () => log };
    return ownWorker;
  }

  afterAll(async () => {
    await Promise.all(started.map(stop)); // with -t this suite may run without the one above, whose afterAll stops them too
    if (own) await killOwn();
  });

  test('restarted without its data: the client queues the lost replications again and writes the local results, no error printed', async () => {
    await startOwn();
    const file = scenario();
    const expected = localResults(file, ['-r', '2']);
    const out = join(tmp(), 'restarted');
    // no worker yet: every job waits in Redis, and the restart loses them all
    const client = startClient(['run', file, '-r', '2', '--queue', ownUrl(), '--out', out, '--no-report']);
    await until(() => Number(redisCliOn(ownPort, 'llen', `${QUEUE_KEY}:wait`)) === 4, 'the jobs to be queued');
    await killOwn();
    await startOwn();
    const { log } = startOwnWorker(); // left serving for the next test
    const ended = await Promise.race([client.done, new Promise<null>((r) => setTimeout(() => r(null), 60_000))]);
    expect(ended, 'the client still waits for jobs Redis lost').not.toBeNull();
    expect(ended!.stderr).toBe('');
    expect(ended!.code).toBe(0);
    expect(comparable(out)).toBe(expected);
    expect(log()).not.toContain(PASSWORD);
  }, 120_000);

  test('a worker that loses Redis says so once, serves again when it is back, and stops at SIGTERM while Redis is gone', async () => {
    if (ownWorker === undefined) {
      await startOwn();
      startOwnWorker();
    }
    const { child: worker, log } = ownWorker!; // its log holds the restart test's lines too: none of a loss
    await until(() => log().includes('serving'), 'the worker to serve');
    await killOwn();
    await until(() => log().includes('lost the queue'), 'the worker to say the queue is lost');
    await new Promise((r) => setTimeout(r, 2000)); // several reconnect attempts
    await startOwn();
    await until(() => log().includes('answers again'), 'the worker to see the queue back');
    const file = scenario();
    const expected = localResults(file, ['-r', '2']);
    const out = join(tmp(), 'after');
    const r = spawnSync(process.execPath, [BIN, 'run', file, '-r', '2', '--queue', ownUrl(), '--out', out, '-q', '--no-report'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    expect(comparable(out)).toBe(expected);
    await killOwn();
    await until(() => log().split('lost the queue').length === 3, 'the worker to say the queue is lost again');
    const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
    worker.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running'), 15_000))]);
    expect(code).toBe(0);
    expect(log()).not.toMatch(/ECONNREFUSED[\s\S]*\n\s+at /); // no stack
    expect(
      log()
        .split('\n')
        .filter((line) => line.includes('ECONNREFUSED')),
    ).toHaveLength(2); // once per loss
    expect(log()).not.toContain(PASSWORD);
  }, 120_000);

  /**
   * A runner on this Redis, its bound on an unreachable Redis 1.5 s, and `lose`, which loses the Redis under a batch
   * of the suite's baseline replications and gives the batch's outcome (in a list, so that the wait is counted from
   * the loss): the batch must fail with the lost queue's error within 30 s, naming the URL and not the password,
   * close() must return, and nothing be printed (ioredis' and BullMQ's stacks of each failed reconnect). The error.
   */
  async function lostUnder(version: string, lose: (runner: Runner, task: ReplicationTask) => Promise<[Promise<unknown>]>): Promise<Error> {
    await startOwn();
    const loaded = loadScenarioText(SCENARIO, 'queue.yaml');
    const task = { model: compileModel(loaded.set!.baseline), variant: 'baseline', replication: 0, seed: 5, maxWip: DEFAULT_MAX_WIP };
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const runner = await createQueueRunner(ownUrl(), { version, pollMs: 100, unreachableMs: 1500 });
      const [outcome] = await lose(runner, task);
      const settled = await Promise.race([outcome, new Promise<null>((r) => setTimeout(() => r(null), 30_000))]);
      expect(settled, 'the run still waits for a Redis that is gone').not.toBeNull();
      expect(settled).toBeInstanceOf(QueueLost);
      expect(queueLost(settled)).toBe(true);
      expect((settled as Error).message).toMatch(
        new RegExp(
          `^lost the queue at redis://127\\.0\\.0\\.1:${ownPort}: no answer for 1\\.5 s \\(.*ECONNREFUSED.*\\); nothing is written`,
        ),
      );
      expect((settled as Error).message).not.toContain(PASSWORD);
      const closed = await Promise.race([runner.close().then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 10_000))]);
      expect(closed, 'close() waits for the Redis that is gone').toBe(true);
      expect(printed).not.toHaveBeenCalled();
      return settled as Error;
    } finally {
      printed.mockRestore();
    }
  }

  /** What a run settles with, caught as it is made: its error, or 'finished'. */
  const outcomeOf = (run: Promise<unknown>): Promise<unknown> =>
    run.then(
      () => 'finished',
      (err: Error) => err,
    );

  test('gone for good: the run fails once Redis has not answered for unreachableMs, naming the URL, and close() returns', async () => {
    await lostUnder(`test-${process.pid}`, async (runner, task) => {
      const outcome = outcomeOf(runner.run([task, { ...task, replication: 1 }]));
      await until(() => Number(redisCliOn(ownPort, 'llen', `bull:etomsim-test-${process.pid}:wait`)) === 2, 'the jobs to be queued');
      await killOwn();
      return [outcome];
    });
  }, 60_000);

  test('gone before a batch stores its models (size between candidates): the batch fails as a run does, not a wait for ever', async () => {
    // `size` runs batch after batch on one runner, each candidate a model of its own, stored in Redis before its jobs are
    // queued: a Redis gone between two batches held the next one's storing for ever (session 62), where the jobs' poll
    // bounds the wait on a Redis that does not answer
    const lost = await lostUnder(`test-${process.pid}-b`, async (runner, task) => {
      await killOwn();
      return [outcomeOf(runner.run([task]))];
    });
    // the command's failure (run, size, bottlenecks): the message alone, exit 1, as when it is lost mid-batch
    const said = captureOutput();
    const status = await reportFailure(lost).finally(() => said.restore());
    expect([status, said.err]).toEqual([1, `etomsim: ${lost.message}\n`]);
  }, 60_000);

  test('lost while storing its models, then back: the failed batch queues no job, and close() leaves no model in Redis', async () => {
    // the batch's model is sent while Redis is gone (ioredis holds the command until it is back); the batch fails
    // after unreachableMs, and the Redis that comes back then gets the model: its jobs must not follow it, a run
    // nobody waits for (until session 63 they were queued, and waited there for a worker)
    const version = `test-${process.pid}-c`;
    const models = () => redisCliOn(ownPort, '--scan', '--pattern', `etomsim:model:${version}:*`);
    await lostUnder(version, async (runner, task) => {
      await killOwn();
      const lost = outcomeOf(runner.run([task]));
      return [
        lost.then(async (outcome) => {
          await startOwn();
          await until(() => models() !== '', 'the model the client held to be stored once Redis is back');
          await new Promise((r) => setTimeout(r, 500)); // the jobs, before session 63, were queued one step after it
          return outcome;
        }),
      ];
    });
    expect(redisCliOn(ownPort, 'llen', `bull:etomsim-${version}:wait`)).toBe('0');
    expect(models()).toBe(''); // released by close()
  }, 60_000);

  test('closed (Ctrl-C) while its batch stores its models: nothing of the batch is left in Redis, no model and no job', async () => {
    // Redis paused: the batch's first model is sent, and close() follows it. Until session 63 close() released the
    // models the batch held once stored, not the one on its way, and the batch went on once Redis answered, storing
    // its second: both were left for MODEL_TTL_S (an hour); and its jobs could follow
    await startOwn();
    const version = `test-${process.pid}-d`;
    const loaded = loadScenarioText(SCENARIO, 'queue.yaml');
    const [baseline, variant] = [loaded.set!.baseline, loaded.set!.variants[0].scenario];
    const tasks = [
      { model: compileModel(baseline), variant: 'baseline', replication: 0, seed: 5, maxWip: DEFAULT_MAX_WIP },
      { model: compileModel(variant), variant: 'more_techs', replication: 0, seed: 5, maxWip: DEFAULT_MAX_WIP },
    ];
    const runner = await createQueueRunner(ownUrl(), { version, pollMs: 100 });
    redisCliOn(ownPort, 'client', 'pause', '1000');
    void runner.run(tasks).catch(() => {}); // never settles: close() lets its jobs go
    await new Promise((r) => setTimeout(r, 100)); // the first model sent, waiting on the pause
    await runner.close(); // past the pause: its connection closed, the batch can send nothing more
    expect(redisCliOn(ownPort, '--scan', '--pattern', `etomsim:model:${version}:*`)).toBe('');
    expect(redisCliOn(ownPort, 'llen', `bull:etomsim-${version}:wait`)).toBe('0');
  }, 60_000);

  test('restarted without its data between two batches of one model (rounds of --precision): the model is stored again, and a worker that never read it runs it', async () => {
    // --precision's rounds queue the same models batch after batch; a model stored by the first was not stored again,
    // and a worker without it in its cache failed the replication (MODEL_MISSING, exit 2) until session 63
    await startOwn();
    const loaded = loadScenarioText(SCENARIO, 'queue.yaml');
    const task = { model: compileModel(loaded.set!.baseline), variant: 'baseline', replication: 0, seed: 5, maxWip: DEFAULT_MAX_WIP };
    const runner = await createQueueRunner(ownUrl(), { version: VERSION, pollMs: 100 });
    try {
      const first = startOwnWorker();
      const [before] = await runner.run([task]);
      await stop(first.child); // it holds the model, read: the next batch's worker must read it from Redis
      await killOwn();
      await startOwn();
      const second = startOwnWorker();
      await until(() => second.log().includes('serving'), 'a second worker to serve');
      const [after] = await runner.run([task]);
      expect(pack(after)).toEqual(pack(before));
      await stop(second.child);
    } finally {
      await runner.close();
    }
  }, 60_000);
});

function redisCliOn(on: number, ...args: string[]): string {
  return spawnSync('redis-cli', ['-p', String(on), '--no-auth-warning', '-a', PASSWORD, ...args], { encoding: 'utf8' }).stdout.trim();
}
