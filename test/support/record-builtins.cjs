// Preloaded (node -r) by test/bin/lazy-loading.test.ts: at exit, writes Node's own modules the
// process loaded (process.moduleLoadList, one a line) to the file ETOMSIM_BUILTINS names.
const { writeFileSync } = require('node:fs');

process.on('exit', () => writeFileSync(process.env.ETOMSIM_BUILTINS, process.moduleLoadList.join('\n')));
