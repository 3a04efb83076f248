// The command line as a user runs it, for tests: `node bin/etomsim.cjs ARGS` in a process of its
// own, its output as text (the bundle in dist/cli/, which vitest's setup builds when stale).
import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '../../bin/etomsim.cjs');

export function etomsim(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
}

/** The same, killed after `ms` milliseconds: for a command a fault could make hang (its status is then null). */
export function etomsimWithin(ms: number, ...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: ms });
}

/** The same with variables added to the environment (ETOMSIM_LOG_LIMITS, say). */
export function etomsimWithEnv(env: Record<string, string>, ...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

/**
 * A `run`'s options for a test that reads results.json or the event logs, not the report: into
 * `out`, no report, one worker (`etomsim('run', file, ...resultsOnly(out), '-r', '2')`).
 */
export function resultsOnly(out: string): string[] {
  return ['--out', out, '--no-report', '-w', '1'];
}

/**
 * A child's status as a shell reports it: its exit code, or 128 + the number of the signal that
 * ended it (a stopped command ends by its signal: bin/stop-signals.ts).
 */
export function shellStatus(code: number | null, signal: NodeJS.Signals | null): number | null {
  return code ?? (signal === null ? null : 128 + constants.signals[signal]);
}
