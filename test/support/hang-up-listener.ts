// A TCP listener on a loopback port that accepts each connection and closes it at once: an address
// past `etomsim worker`'s and `run --queue`'s TCP check (engine/cluster/redis.ts), where the queue's
// packages load, that then fails the command (exit 2) without a Redis. In a process of its own, since
// the tests that use it block theirs in spawnSync while the command runs.
// Invariant: the caller closes it (in a finally), so no listener outlives its test.
import { spawn } from 'node:child_process';

/** The listener's port, and how to stop it. */
export async function hangUpListener(): Promise<{ port: string; close: () => void }> {
  const listener = spawn(
    process.execPath,
    ['-e', "require('net').createServer((s) => s.destroy()).listen(0, '127.0.0.1', function () { console.log(this.address().port); })"],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // a listener that fails to start (no port to bind) ends the test at once, with its exit, not at the test's timeout
  const port = await new Promise<string>((resolve, reject) => {
    listener.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
    listener.once('error', reject);
    listener.once('exit', (code, signal) => reject(new Error(`the hang-up listener ended before listening (exit ${code ?? signal})`)));
  });
  return { port, close: () => listener.kill() };
}
