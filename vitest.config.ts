import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // the CLI tests run bin/etomsim.js, which runs the bundle of dist/
    globalSetup: ['test/support/bundle-cli.ts'],
  },
});
