// The checks `npm test` runs before vitest: the linter (as `npm run lint`), the build of the
// sources to dist/ (which the CLI tests run) and the type check of the tests, all three at once.
// Each is one thread's work for most of its time (tsc is single-threaded; Biome is quick), so one
// after another they kept one of CI's two cores idle for a minute; together they take about
// as long as the tests' type check alone (docs/performance-notes.md, session 52).
//
// Invariant: the same three commands with the same arguments as when `npm test` chained them,
// each command's output printed whole, in this order, once all have ended, and the exit code
// the first failing command's (1 if one was killed): vitest starts only if all three passed.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The repository's folder, where `npm test` runs them: the commands' paths are relative to it. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Each check: its name as printed, the Node script that runs it, and its arguments. */
const CHECKS = [
  { name: 'lint', script: require.resolve('@biomejs/biome/bin/biome'), args: ['check', '--error-on-warnings', '.'] },
  { name: 'tsc -p tsconfig.json', script: require.resolve('typescript/bin/tsc'), args: ['-p', 'tsconfig.json'] },
  { name: 'tsc -p test/tsconfig.json', script: require.resolve('typescript/bin/tsc'), args: ['-p', 'test/tsconfig.json'] },
];

/** Runs `check` to its end: its exit code (1 if a signal ended it) and its output, stdout then stderr. */
function run(check) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [check.script, ...check.args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', (error) => resolve({ code: 1, out: [], err: [Buffer.from(`${error.message}\n`)] }));
    child.on('close', (code) => resolve({ code: code ?? 1, out, err }));
  });
}

const results = await Promise.all(CHECKS.map(run));
let failed = 0;
results.forEach(({ code, out, err }, i) => {
  process.stdout.write(`> ${CHECKS[i].name}${code === 0 ? '' : ` (exit ${code})`}\n`);
  for (const chunk of out) process.stdout.write(chunk);
  for (const chunk of err) process.stderr.write(chunk);
  if (code !== 0 && failed === 0) failed = code;
});
process.exitCode = failed;
