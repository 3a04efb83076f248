// Injected by esbuild into the CommonJS scripts of the bundle (tools/bundle.mjs IMPORT_META),
// where `import.meta.url` is defined as `import_meta.url`: the URL of the script itself, so that
// a bundled module's `createRequire(import.meta.url)` (the runner's piscina, yaml-source's yaml)
// resolves from dist/cli/ as from the ES modules of dist/. Made when first read, not as the
// script's first module starts: a `new URL` has V8 compile some 15 functions of Node's URL class
// (2.2 M instructions), which `validate` and `run` no longer pay, reading no URL (their modules
// find files by `import.meta.dirname`, defined as the script's `__dirname`;
// docs/performance-notes.md, session 59).
let url;

export const import_meta = {
  get url() {
    return (url ??= process.getBuiltinModule('node:url').pathToFileURL(__filename).href);
  },
};
