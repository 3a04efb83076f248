// A command's failure as its exit status (results-format.md) and a message on stderr: bad input
// and what the run cannot carry exit 2 with what to change, a bug exits 1 and says how to report
// it, never a stack trace unless ETOMSIM_DEBUG asks for one; a failure in an install whose
// bundle is not as the build left it (a file of dist/cli missing, cut short, a folder in its
// place) exits 1 saying so and how to mend it, wherever it failed (a worker thread, the chart
// thread, a module imported late), rather than as a bug; so does one missing a package it loads
// late (node_modules/yaml, for dist/ run module by module). Every script of the command line uses
// it: main.cjs (bin/main.ts), validate.cjs (bin/validate-script.ts), run.cjs (bin/run-script.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { jobTooLarge, modelMissing, outOfMemory, queueLost, replicationStopped } from '../engine/failure.js';
import { OutputError } from '../engine/io/atomic.js';
import { InputRefused } from '../engine/io/input-file.js';
import { terminalText } from '../engine/io/terminal-text.js';
import { InstallDamaged } from '../engine/thread-options.js';
import { stoppedStatus } from './stop-signals.js';
import { EXIT, InvalidScenario, LocatedInputError, OutputTooLarge, tooLargeMessage, tooLong, UsageError } from './errors.js';

/**
 * What bin/etomsim.cjs gives a script of the bundle it runs: the one line that says the install
 * is damaged (which files, how to mend it), or null when the bundle's code files are as the build
 * left them (bin/install-damage.js). Called once a command has failed, and before a thread starts
 * once engine/thread-options.ts has found a code file not as built; dist/ run module by module,
 * the tests and the build's own runs have none.
 */
export type InstallDamage = () => Promise<string | null>;

export async function reportFailure(err: unknown, installDamage?: InstallDamage): Promise<number> {
  const stopped = stoppedStatus();
  if (stopped !== null) return stopped; // the command's threads were stopped under it (bin/stop-signals.ts): no failure to tell
  if (err instanceof InvalidScenario) return EXIT.invalid; // its problems are printed already
  if (err instanceof LocatedInputError || err instanceof InputRefused) {
    process.stderr.write(`${terminalText(err.message)}\n`);
    return EXIT.invalid;
  }
  if (err instanceof UsageError || err instanceof OutputError || isYargsValidation(err)) {
    process.stderr.write(`etomsim: ${terminalText((err as Error).message)}\nRun 'etomsim --help' for the options.\n`);
    return EXIT.invalid;
  }
  if (err instanceof OutputTooLarge || tooLong(err)) {
    // an output longer than V8 holds: what, nothing written, what to do; not a bug of the run
    process.stderr.write(`etomsim: ${terminalText(err instanceof OutputTooLarge ? err.message : tooLargeMessage('an output file'))}\n`);
    return EXIT.internal;
  }
  if (jobTooLarge(err) || modelMissing(err)) {
    // what the queue can carry, or a model the queue lost: the run's input, nothing written
    process.stderr.write(`etomsim: ${terminalText((err as Error).message)}\n`);
    return EXIT.invalid;
  }
  if (replicationStopped(err) || queueLost(err)) {
    process.stderr.write(`etomsim: ${terminalText((err as Error).message)}\n`); // says what to change (the model, the queue's Redis): not a bug
    return EXIT.internal;
  }
  if (outOfMemory(err)) {
    process.stderr.write(`etomsim: ${terminalText((err as Error).message)}\n`);
    process.stderr.write(
      'The simulation ran out of memory. Work that piles up without end (see the warnings about teams offered more than they can do) ' +
        'or a very long run.horizon does this; fewer --workers leave each of them more memory.\n',
    );
    return EXIT.internal;
  }
  if (err instanceof InstallDamaged) {
    process.stderr.write(`${err.message}\n`); // found before a thread started (engine/thread-options.ts)
    return EXIT.internal;
  }
  const root = join(import.meta.dirname, '../../'); // dist/bin/ and dist/cli/ alike
  const missing = missingPackage(err, declaredDependencies(root));
  if (missing !== null) {
    // a package the install should hold, not found as a command loaded it (yaml, for a file the
    // simple reader leaves to it): the install, not a bug (exit 1, as bin/install-damage.js' line)
    process.stderr.write(
      `etomsim: ${terminalText(`this install is damaged (node_modules/${missing}: missing): run 'npm install' in ${root}, or reinstall etomsim`)}\n`,
    );
    if (process.env.ETOMSIM_DEBUG) process.stderr.write(`${inspect(err)}\n`);
    return EXIT.internal;
  }
  // asked only here: none of the failures above comes from a file of the install
  const damaged = await installDamage?.().catch(() => null); // without the module that tells, said as before
  if (typeof damaged === 'string') {
    process.stderr.write(`${damaged}\n`);
    if (process.env.ETOMSIM_DEBUG) process.stderr.write(`${inspect(err)}\n`);
    return EXIT.internal;
  }
  process.stderr.write(`etomsim: internal error: ${terminalText(err instanceof Error ? err.message : String(err))}\n`);
  if (process.env.ETOMSIM_DEBUG) process.stderr.write(`${inspect(err)}\n`); // with its cause: a worker's own stack
  process.stderr.write('This is a bug in etomsim; set ETOMSIM_DEBUG=1 for details and report it with the scenario file.\n');
  return EXIT.internal;
}

/**
 * The name of a package the install should hold that `err` (or an error it was caused by) says
 * Node could not find: a require() ('MODULE_NOT_FOUND', "Cannot find module 'yaml'") or an import
 * ('ERR_MODULE_NOT_FOUND', "Cannot find package 'yaml' imported from ...") of a bare name that
 * etomsim's package.json declares among its `dependencies`, or that a package's own file under
 * node_modules asked for (a dependency's dependency): 'npm install' mends either. Null for
 * anything else: a module of etomsim's own (a path, told as bin/etomsim.cjs tells it), or a
 * package etomsim's code asks for but does not declare (a devDependency loaded by mistake: a bug,
 * which no install mends).
 */
export function missingPackage(err: unknown, declared: ReadonlySet<string>): string | null {
  for (let e = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') continue;
    const name = /^Cannot find (?:module|package) '([^']+)'/.exec(e.message)?.[1];
    if (name === undefined || !/^(?:@[\w.-]+\/)?[\w.-]+$/.test(name) || name.startsWith('.')) continue;
    if (declared.has(name) || askedFromNodeModules(e)) return name;
  }
  return null;
}

/** Whether the file that asked for the missing module lies under a node_modules folder: require()'s first requireStack entry, or an import's "imported from". */
function askedFromNodeModules(e: Error): boolean {
  const stack = (e as { requireStack?: unknown }).requireStack;
  const asker = Array.isArray(stack) ? String(stack[0] ?? '') : (/ imported from (.*)$/m.exec(e.message)?.[1] ?? '');
  return /[\\/]node_modules[\\/]/.test(asker);
}

/** The packages etomsim's package.json (in `root`) declares as its dependencies; none where it cannot be read. */
export function declaredDependencies(root: string): Set<string> {
  try {
    const declared: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies;
    return new Set(declared !== null && typeof declared === 'object' ? Object.keys(declared) : []);
  } catch {
    return new Set();
  }
}

function isYargsValidation(err: unknown): boolean {
  return err instanceof Error && err.name === 'YError';
}
