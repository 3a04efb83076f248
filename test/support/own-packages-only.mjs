// Preloaded with `node --import` into a command line run from a copy of the package (its folder in
// ETOMSIM_INSTALL): packages are found as on a host with no node_modules folder above the copy, so
// that a test of an install without a package sees it missing wherever the copy lies. Node looks
// for a package in every folder above the file that asks for it, up to the file system's root: a
// /tmp/node_modules/yaml that anyone left above the test's TMPDIR stood in for the yaml the test
// removed (the command ran, and the test failed). Node's own search is narrowed, not imitated:
// require() searches only the folders the install holds (Node's error, when none has the package);
// an import, whose search no hook can narrow, is refused what it found above the copy
// (own-packages-only-hooks.mjs). The worker threads run this preload too (they inherit execArgv).
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
