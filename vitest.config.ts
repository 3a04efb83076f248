import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // forks, not threads: test/io/atomic.test.ts changes the working folder, which a thread cannot
    pool: 'forks',
    // Two files at once even on 2 cores (vitest's default is one fewer than the cores: one file at
    // a time on CI's two): the slow files wait on processes of their own (the CLI, redis-server,
    // chromium) and sleep while a worker, a browser or a Redis gets going, time the other core
    // spends on another file. Each file keeps its own temporary folders, Redis port and password.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // the CLI tests run bin/etomsim.js, which runs the bundle of dist/
    globalSetup: ['test/support/bundle-cli.ts'],
  },
});
