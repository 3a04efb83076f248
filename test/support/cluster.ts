// What the shard and queue tests share: the comparison a merged or queued run must pass
// against a local one, and a free loopback port for the servers they start (bench/free-port.ts,
// which bench/queue.ts uses too).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export { freePort } from '../../bench/free-port.js';

/** DIR/results.json without the two keys allowed to differ between runs (engine.workers and engine.timing). */
export function comparable(dir: string): string {
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
  delete results.engine.workers;
  delete results.engine.timing;
  return JSON.stringify(results, null, 2);
}
