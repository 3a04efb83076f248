// vitest's global set-up: bundles dist/ into dist/cli/ (tools/bundle.mjs) unless the bundle is
// newer than everything in dist/ and holds its code cache (bundleIsFresh), so that the tests
// that run bin/etomsim.js run the code dist/ holds now, after `npx tsc -p tsconfig.json` as
// much as after `npm test`. Without dist/ there is nothing to bundle: the CLI tests then fail
// saying the CLI is missing, and the others run on the sources as before.
import { existsSync } from 'node:fs';

export default async function bundleCli(): Promise<void> {
  if (!existsSync(new URL('../../dist/bin/main.js', import.meta.url))) return;
  // @ts-expect-error: a plain ES module of the build, without type declarations
  const { bundle, bundleIsFresh } = await import('../../tools/bundle.mjs');
  if (!bundleIsFresh()) await bundle();
}
