// A free loopback port for a server a benchmark or a test starts (redis-server for the queue):
// the kernel picks one for a listener that closes at once. Shared by bench/queue.ts and the
// cluster tests (test/support/cluster.ts), which tsc compiles from here.
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
