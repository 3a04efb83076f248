// A pool worker whose task fails with a message saying how its thread loaded it: a file
// require()d (an ES module too, on Node 20.19+) is in the thread's CommonJS cache, one import()ed
// is not.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const required = Object.keys(createRequire(import.meta.url).cache);

export default function tellHowLoaded() {
  const self = fileURLToPath(import.meta.url);
  throw new Error(
    `${required.includes(self) ? 'require()d' : 'import()ed'}; required: ${required.map((f) => f.split('/').pop()).join(', ')}`,
  );
}
