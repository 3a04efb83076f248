// vitest's global set-up: bundles dist/ into dist/cli/ (tools/bundle.mjs) unless the bundle was
// made from the bytes dist/ and the build's scripts hold now and holds its code caches
// (bundleIsFresh), so that the tests that run bin/etomsim.cjs run the code dist/ holds now, after
// `npx tsc -p tsconfig.json` as much as after `npm test`. A fresh bundle is not made again (the
// tsc of `npm test` rewrites dist/ with the same bytes after `npm ci` bundled it): its record is
// written again, so that bin/etomsim.cjs runs it (bundleUnlessFresh). Without dist/ there is
// nothing to bundle: the CLI tests then fail saying the CLI is missing, and the others run on the
// sources as before.
import { existsSync } from 'node:fs';

export default async function bundleCli(): Promise<void> {
  if (!existsSync(new URL('../../dist/bin/main.js', import.meta.url))) return;
  // @ts-expect-error: a plain ES module of the build, without type declarations
  const { bundleUnlessFresh } = await import('../../tools/bundle.mjs');
  await bundleUnlessFresh();
}
