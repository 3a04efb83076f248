// Preloaded (node -r) by test/bin/lazy-loading.test.ts: says on fd 2, once each, when the main
// thread's process.stdout or process.stderr is first asked for, which is when Node makes the
// stream (worker threads, which the preload reaches too, have streams of their own). Written to
// the descriptor, not through the stream, so that saying it makes no stream.
const { writeSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

for (const name of isMainThread ? ['stdout', 'stderr'] : []) {
  const made = Object.getOwnPropertyDescriptor(process, name);
  let said = false;
  Object.defineProperty(process, name, {
    ...made,
    get() {
      if (!said) writeSync(2, `[process.${name} asked for]\n`);
      said = true;
      return made.get.call(process);
    },
  });
}
