// Preloaded with `node --import` into a command line run from a copy of the package (its folder in
// ETOMSIM_INSTALL): packages are found as on a host with no node_modules folder above the copy, so
// that a test of an install without a package sees it missing wherever the copy lies. Node looks
// for a package in every folder above the file that asks for it, up to the file system's root: a
// /tmp/node_modules/yaml that anyone left above the test's TMPDIR stood in for the yaml the test
// removed (the command ran, and the test failed). Node's own search is narrowed, not imitated:
// require() searches only the folders the install holds (Node's error, when none has the package);
// an import, whose search no hook can narrow, is refused what it found above the copy
// (own-packages-only-hooks.mjs). The worker threads run this preload too (they inherit execArgv).
//
// Why Node's private Module._nodeModulePaths and Module._initPaths (session 58, checked on Node
// v20.20.2, the host's; package.json asks for >=20.19): on Node 20 no public mechanism narrows the
// folders require() searches. NODE_PATH only adds folders to the search (emptied here, all the
// same); --preserve-symlinks changes which folder a linked file counts as being in, not the
// folders above it that are searched; module.register's hooks see what import loads, not what a
// CommonJS file's require() loads (bin/etomsim.cjs and the bundle are CommonJS), which is why
// they serve the import half alone. module.registerHooks, whose synchronous resolve hook sees
// require() too, is not in Node 20 (undefined on v20.20.2; in Node 22's and later documentation,
// stability 1.1), and newer Nodes deprecate module.register for it (DEP0205): once the package's
// floor is a Node that has registerHooks, one such hook can replace both halves, and these two
// private functions with them. Until then a Node without either fails this preload, saying so,
// rather than searching above the copy unnoticed.
import Module, { register } from 'node:module';
import { dirname, join } from 'node:path';

const install = process.env.ETOMSIM_INSTALL;
if (!install) throw new Error('own-packages-only.mjs: ETOMSIM_INSTALL names no folder');

/** The node_modules folders above the copy, where a host may hold anything. */
const above = new Set();
for (let dir = dirname(install); ; dir = dirname(dir)) {
  above.add(join(dir, 'node_modules'));
  if (dirname(dir) === dir) break;
}

for (const name of ['_nodeModulePaths', '_initPaths'])
  if (typeof Module[name] !== 'function')
    throw new Error(
      `own-packages-only.mjs: this Node (${process.version}) has no Module.${name}; see this file's header for what replaces it`,
    );
const nodeModulePaths = Module._nodeModulePaths;
Module._nodeModulePaths = (from) => nodeModulePaths(from).filter((folder) => !above.has(folder));
// NODE_PATH's folders and the home folder's .node_modules and .node_libraries: none (lib/node beside Node's own
// binary stays: the host's Node install, not a folder a test run leaves)
const { HOME, NODE_PATH } = process.env;
process.env.HOME = install;
delete process.env.NODE_PATH;
Module._initPaths();
if (HOME === undefined) delete process.env.HOME;
else process.env.HOME = HOME;
if (NODE_PATH !== undefined) process.env.NODE_PATH = NODE_PATH;

register('./own-packages-only-hooks.mjs', import.meta.url, { data: { above: [...above] } });
