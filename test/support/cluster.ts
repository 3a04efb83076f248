// What the shard and queue tests share: the comparison a merged or queued run must pass
// against a local one, and a free loopback port for the servers they start.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** DIR/results.json without the two keys allowed to differ between runs (engine.workers and engine.timing). */
export function comparable(dir: string): string {
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
  delete results.engine.workers;
  delete results.engine.timing;
  return JSON.stringify(results, null, 2);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
