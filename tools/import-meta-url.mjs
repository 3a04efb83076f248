// Injected by esbuild into the CommonJS script of the bundle (tools/bundle.mjs), where
// `import.meta.url` is defined as this: the URL of the script itself, so that a bundled module's
// `new URL('./worker.js', import.meta.url)` and `new URL('../../package.json', import.meta.url)`
// resolve beside it in dist/cli/ as they do beside the ES modules of dist/.
import { pathToFileURL } from 'node:url';

export const import_meta_url = pathToFileURL(__filename).href;
