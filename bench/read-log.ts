// Reading and discovering a large event log: a synthetic CSV of a million activity instances
// (125,000 cases of 8 steps, gzip-compressed, written to a temporary folder), read in a fresh
// process that reports wall and CPU time and peak memory, then discovered. Usage:
//   node dist/bench/read-log.js [EVENTS]
// The log is made here (test-only data): its steps, people and times follow a simple
// office process with a weekday profile, so every part of discovery has work to do.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import seedrandom from 'seedrandom';

const STEPS = ['Register', 'Check', 'Assess', 'Decide', 'Notify', 'Archive', 'Bill', 'Close'];

async function writeLog(path: string, events: number): Promise<void> {
  const gzip = createGzip();
  const out = gzip.pipe(createWriteStream(path));
  // seedrandom, as the other benches draw (bench/ takes nothing from test/): the LCG this wrote in
  // doubles rounded into a cycle of 10,466 draws after 5,937 (test/support/seeded-draws.ts), the
  // log's times and people repeating every 419 cases or so
  const random = seedrandom('etomsim-read-log');
  gzip.write('case:concept:name,concept:name,org:resource,org:role,start_timestamp,time:timestamp\n');
  const cases = Math.ceil(events / STEPS.length);
  let t = Date.UTC(2024, 0, 1, 8);
  let chunk = '';
  for (let c = 0; c < cases; c++) {
    t += 60_000 * (1 + 4 * random()); // about 20 cases an hour, around the clock
    let at = t;
    for (let s = 0; s < STEPS.length; s++) {
      at += 60_000 * 30 * random(); // waiting
      const end = at + 60_000 * (5 + 25 * random());
      const person = `${STEPS[s]}-${Math.floor(random() * 6)}`;
      chunk += `case-${c},${STEPS[s]},${person},${STEPS[s]} team,${new Date(at).toISOString()},${new Date(end).toISOString()}\n`;
      at = end;
    }
    if (chunk.length > 1 << 20) {
      if (!gzip.write(chunk)) await new Promise<void>((r) => gzip.once('drain', () => r()));
      chunk = '';
    }
  }
  gzip.end(chunk);
  await new Promise<void>((r) => out.on('finish', () => r()));
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv[3]);
  const events = Number(process.argv[2] ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'etomsim-bench-log-'));
  const path = join(dir, 'log.csv.gz');
  try {
    await writeLog(path, events);
    process.stdout.write(`synthetic log: ${events} activity instances, ${(statSync(path).size / 1e6).toFixed(1)} MB gzip-compressed\n`);
    for (let i = 0; i < 3; i++) {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', path], { encoding: 'utf8' });
      process.stdout.write(r.stdout + r.stderr);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function child(path: string): Promise<void> {
  const { readEventLog } = await import('../engine/interchange/read-log.js');
  const { discover } = await import('../engine/discovery/discover.js');
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const log = await readEventLog(path);
  const readWall = performance.now() - wall;
  const readCpu = process.cpuUsage(cpu);
  const rssAfterRead = process.resourceUsage().maxRSS / 1024;
  const found = discover(log, { minShare: 0.05 });
  const allCpu = process.cpuUsage(cpu);
  process.stdout.write(
    `read ${log.size} instances: ${(readWall / 1000).toFixed(2)} s wall, ${((readCpu.user + readCpu.system) / 1e6).toFixed(2)} s CPU, peak RSS ${rssAfterRead.toFixed(0)} MB; ` +
      `discover: ${((allCpu.user + allCpu.system - readCpu.user - readCpu.system) / 1e6).toFixed(2)} s CPU (${found.flows[0].chain.symbols.length} steps), peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`,
  );
}

await main();
