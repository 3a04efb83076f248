// A free loopback port for a server a process starts beside the queue (a redis-server): the
// kernel picks one for a listener that closes at once. Not the engine's own (no run starts a
// server): here, beside the queue's Redis (redis.ts), so that the build's training of the queue's
// caches (tools/code-cache.mjs, from dist/), bench/queue.ts and the cluster tests
// (test/support/cluster.ts) take it from one place, none of them from another's folder.
import { createServer } from 'node:net';

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
