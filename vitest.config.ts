import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { OWN_PROCESS } from './test/support/own-process.js';

/** What every file runs under. */
const EACH_FILE = {
  testTimeout: 120_000,
  hookTimeout: 120_000,
  // forks, not threads: test/io/atomic.test.ts changes the working folder, which a thread cannot
  pool: 'forks',
} as const;

export default defineConfig({
  test: {
    ...EACH_FILE,
    // Two files at once even on 2 cores (vitest's default is one fewer than the cores: one file at
    // a time on CI's two): the slow files wait on processes of their own (the CLI, redis-server,
    // chromium) and sleep while a worker, a browser or a Redis gets going, time the other core
    // spends on another file. Each file keeps its own temporary folders, Redis port and password.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // the CLI tests run bin/etomsim.cjs, which runs the bundle of dist/; the root's alone (a project
    // that extended the root's settings would run it again)
    globalSetup: ['test/support/bundle-cli.ts'],
    // Each file of OWN_PROCESS in a process of its own; the others share their worker's modules (test/support/own-process.ts)
    projects: [
      { test: { ...EACH_FILE, name: 'own-process', include: OWN_PROCESS } },
      { test: { ...EACH_FILE, name: 'shared', include: ['test/**/*.test.ts'], exclude: OWN_PROCESS, isolate: false } },
    ],
  },
});
