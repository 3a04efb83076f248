// `etomsim merge DIR... --out OUT`: the shard files of a sharded run (`run --shard I/N`)
// checked to belong together and merged into the results.json and report a local run of the
// same scenario, seed and replications writes, byte for byte (but engine.workers and timing).
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { readBytesFile, releaseBytes, textOfBytes, UndecodableText } from '../../engine/io/read-text.js';
import { InputRefused, refusal, SHARD_FILE, unreadable } from '../../engine/io/input-file.js';
import { jsonText, locateInJson } from '../../engine/io/json-source.js';
import { HEAD_BYTES, SHARD_INPUT, sniffBytes, wrongKind } from '../../engine/io/file-kind.js';
import { join } from 'node:path';
import { decodeShard, type MergeProblem, mergeShards, type ShardSource } from '../../engine/cluster/shard.js';
import { precisionOutcome } from '../../engine/experiment/experiment.js';
import { checkOutputDir } from '../../engine/io/atomic.js';
import { type Diagnostic, dottedPath, formatDiagnostic, type Position } from '../../engine/scenario/diagnostics.js';
import { loadScenarioText, type LoadResult } from '../../engine/scenario/load.js';
import { EXIT } from '../errors.js';
import { mostReplications, sizeProblem } from '../results-size.js';
import { VERSION } from '../version.js';
import { runResults, writeRunOutput } from './run.js';
import { nextRoundAdvice } from '../../engine/results/warnings.js';
import type { PendingRound } from '../../engine/results/types.js';
import { shardsRan } from '../run-summary.js';
import { type Standing, toldProblems, WHOLE_FOLDER } from '../../engine/io/placed-line.js';
import { DEFAULT_FORMATS, type ReportFormat } from '../../reports/formats.js';

export interface MergeOptions {
  inputs: string[];
  out: string;
  report: boolean;
  /** the report's formats, as run's --formats (default: reports/formats.ts DEFAULT_FORMATS) */
  formats?: ReportFormat[];
  quiet: boolean;
}

export async function mergeCommand(opts: MergeOptions): Promise<number> {
  // replications.csv bounds what the shards may hold only when the report writes it
  const csv = opts.report && (opts.formats ?? DEFAULT_FORMATS).includes('csv');
  const { sources, problems, loaded } = readShards(opts.inputs, csv);
  if (problems.length > 0) return refuse(problems);
  checkOutputDir(opts.out); // a bad --out fails now, not after the report

  const engines = [...new Set(sources.map((s) => s.shard.v8 ?? 'unknown'))];
  if (engines.length > 1 && !opts.quiet) {
    process.stderr.write(
      `etomsim: merge: warning: the shards ran on different V8 versions (${engines.join(', ')}); the same version gives the same bits, others may differ in the last digits\n`,
    );
  }
  if (!loaded?.set) {
    // the shard ran this text, so only another etomsim version could refuse it: say what it says
    for (const d of loaded?.diagnostics ?? []) if (d.severity === 'error') process.stderr.write(formatDiagnostic(d) + '\n');
    return refuse(
      placed([
        {
          file: sources[0].path,
          path: ['scenario', 'text'],
          message: `the scenario stored here does not load in this etomsim (${VERSION})`,
        },
      ]),
    );
  }
  const merged = mergeShards(sources, loaded.set);
  if (Array.isArray(merged)) return refuse(placed(merged));
  if (merged.first.version !== VERSION) {
    return refuse(
      placed([
        {
          file: sources[0].path,
          path: ['version'],
          message: `the shards were run by etomsim ${merged.first.version}; merge them with the same version (this is ${VERSION})`,
        },
      ]),
    );
  }

  // the shards may hold more than one results.json can: refused before it is built (bin/results-size.ts)
  const tooLarge = sizeProblem(loaded.set, {
    chosen: merged.variants.map((v) => v.name),
    replications: merged.reps[0].length,
    from: 'file',
    csv,
    johnson: merged.first.interval === 'johnson',
  });
  if (tooLarge !== null) {
    // the count is the last round's: told at the first file that says its round runs to it
    const last = sources.find((s) => s.shard.replications === merged.reps[0].length) ?? sources[0];
    return refuse(
      placed([{ file: last.path, path: ['replications'], message: `the shards hold ${merged.reps[0].length} replications: ${tooLarge}` }]),
    );
  }
  const have = merged.reps[0].length;
  const next: PendingRound | null =
    merged.nextReplications === null ? null : { first_replication: have, replications: merged.nextReplications };
  const results = runResults(
    loaded.set,
    merged.first.seed,
    {
      runs: merged.variants.map((v, i) => ({ ...v, reps: merged.reps[i] })),
      workers: merged.workers,
      wallSeconds: merged.wallSeconds,
      precision: precisionOutcome(
        merged.variants.map((v) => v.model),
        merged.reps,
        merged.first.precision,
        merged.first.precision_on,
        merged.first.interval,
      ),
    },
    merged.first.interval,
    next,
  );
  await writeRunOutput(
    results,
    opts,
    next ? new Map([['next-round.json', JSON.stringify(next, null, 2) + '\n']]) : new Map(),
    undefined,
    shardsRan(merged.shards.workers, merged.shards.rounds, merged.wallSeconds),
  );
  // advice, silenced by -q as run's are: next-round.json and results.json's `precision` say it all the same
  if (next && !opts.quiet) {
    process.stderr.write(
      `etomsim: the precision asked (${merged.first.precision}) needs more replications: ${nextRoundAdvice(next)} ` +
        `(written to ${join(opts.out, 'next-round.json')}), then merge every round\n`,
    );
  }
  return EXIT.ok;
}

/**
 * Every shard file named or inside the folders named; every problem with them, all at once;
 * and the scenario the first one carries, loaded. Checked as they are read: once the shards
 * read hold more replications than results.json (or, with the report, replications.csv) can,
 * the merge is refused at once, naming them, without reading the rest (bin/results-size.ts).
 * What is held so is at most what a mergeable set holds: the statistics of the replications
 * that fit, and of each shard of another scenario (refused later by mergeShards) only its
 * settings.
 */
function readShards(inputs: readonly string[], csv: boolean): { sources: ShardSource[]; problems: Problem[]; loaded?: LoadResult } {
  const sources: ShardSource[] = [];
  const problems: Problem[] = [];
  let loaded: LoadResult | undefined;
  /** the most replications that fit, of the first shard's scenario and variants, when it loads */
  let most = Number.POSITIVE_INFINITY;
  let held = 0; // tasks of the first shard's scenario
  let replications = 0; // the most any of them says its round runs to
  /** each folder read, by its real path: the input that named it first */
  const folders = new Map<string, string>();
  for (const input of inputs) {
    let files: string[];
    try {
      // a folder is read for its shard files; anything else as a file, refused as every input is (input-file.ts)
      if (folder(input)) {
        const real = realpathSync(input);
        const before = folders.get(real);
        if (before !== undefined) {
          // told once, at its second naming, and not read again (each of its shards was told as given twice, an empty one twice)
          problems.push(
            wholeFolder(input, `this folder was given already${before === input ? '' : `, as '${before}'`}; give each folder once`),
          );
          continue;
        }
        folders.set(real, input);
        files = readdirSync(input)
          .filter((f) => /^shard-.*\.json$/.test(f))
          .sort()
          .map((f) => join(input, f));
        // refused beside others too (it was skipped without a word): a folder named is one the user expects shards
        // from, maybe a round not copied yet, which the others, a whole set without it, could not tell
        if (files.length === 0) problems.push(wholeFolder(input, 'no shard files (shard-*.json) in this folder'));
      } else files = [input];
    } catch (err) {
      problems.push(refusal(input, SHARD_FILE, unreadable(err, SHARD_FILE)));
      continue;
    }
    for (const path of files) {
      let bytes: Buffer;
      try {
        bytes = readBytesFile(path, SHARD_FILE);
      } catch (err) {
        if (!(err instanceof InputRefused)) throw err;
        problems.push(err);
        continue;
      }
      // a scenario, a results.json, an event log... named as such (it was 'not an etomsim shard file' and JSON.parse's
      // words); told from the bytes read, once: a pipe (<(cat shard.json)) gives them once (s34y F2)
      const other = wrongKind(sniffBytes(bytes.subarray(0, HEAD_BYTES), path), SHARD_INPUT, path);
      if (other !== null) {
        problems.push(wholeFile(path, other));
        continue;
      }
      let text: string;
      try {
        text = jsonText(textOfBytes(bytes));
      } catch (err) {
        if (!(err instanceof UndecodableText)) throw err;
        problems.push({ severity: 'error', file: path, line: err.line, col: err.col, path: '', message: err.message });
        continue;
      } finally {
        releaseBytes(bytes);
      }
      const shard = decodeShard(text);
      if (Array.isArray(shard)) {
        for (const damage of shard) problems.push({ severity: 'error', file: path, ...damage });
        continue;
      }
      const first = sources[0]?.shard;
      sources.push({ path, shard });
      if (first === undefined) {
        loaded = loadScenarioText(shard.scenario.text, shard.scenario.file);
        if (loaded.set) most = mostReplications(loaded.set, { chosen: shard.variants, csv, johnson: shard.interval === 'johnson' });
      } else if (shard.scenario.sha256 === first.scenario.sha256) {
        // every shard carries the scenario's text (up to 64 MiB): the first one's is kept for all
        // whose sha256 is the same (so the same text), a hundred shards do not hold a hundred copies
        shard.scenario.text = first.scenario.text;
      } else {
        // another scenario: mergeShards refuses it by its name and sha256, and needs no more of it
        shard.scenario.text = '';
        shard.tasks = [];
        continue;
      }
      // a set mergeShards accepts holds every variant's replications once, up to the last round's end
      const { variants } = sources[0].shard;
      held += shard.tasks.length;
      replications = Math.max(replications, shard.replications, Math.ceil(held / variants.length));
      if (replications > most) {
        const tooLarge = sizeProblem(loaded!.set!, {
          chosen: variants,
          replications,
          from: 'file',
          csv,
          johnson: sources[0].shard.interval === 'johnson',
        });
        if (tooLarge !== null) {
          // told at what this file adds: its round's count, or its tasks past what the rounds before run to
          const at = shard.replications === replications ? ['replications'] : ['tasks'];
          const [place] = locateInJson(text, [at]);
          const message = `the shards hold ${replications} replications: ${tooLarge}`;
          return { sources, problems: [...problems, { severity: 'error', file: path, ...place, path: dottedPath(at), message }], loaded };
        }
        most = replications; // a count of more digits than MAX_REPLICATIONS still fits: checked again past it
      }
    }
  }
  return { sources, problems, loaded };
}

/**
 * The problems mergeShards found, each at its key's line and column in its file: each file read
 * again, once (its text is not kept, a hundred shards would hold a hundred), so placed as it is now.
 */
function placed(problems: readonly MergeProblem[]): Diagnostic[] {
  const files = new Map<string, MergeProblem[]>();
  for (const p of problems) {
    const its = files.get(p.file);
    if (its === undefined) files.set(p.file, [p]);
    else its.push(p);
  }
  const places = new Map<MergeProblem, Position>();
  for (const [file, its] of files) {
    let at: Position[] = its.map(() => ({ line: 1, col: 1 }));
    try {
      at = locateInJson(
        jsonText(textOfBytes(readBytesFile(file, SHARD_FILE))),
        its.map((p) => p.path),
      );
    } catch {
      // gone or changed since: its start
    }
    its.forEach((p, i) => places.set(p, at[i]));
  }
  return problems.map((p) => ({ severity: 'error', file: p.file, ...places.get(p)!, path: dottedPath(p.path), message: p.message }));
}

/** A problem of a whole file: FILE:1:1: MESSAGE (at file). */
function wholeFile(file: string, message: string): Diagnostic {
  return { severity: 'error', file, line: 1, col: 1, path: '', message };
}

/** A problem of a folder named as an input: FOLDER:1:1: MESSAGE (at folder) (it said `(at file)` until session 56). */
function wholeFolder(folder: string, message: string): Diagnostic {
  return { severity: 'error', file: folder, line: 1, col: 1, path: WHOLE_FOLDER, message };
}

/**
 * A problem of the merge: a file's, at its line and column (FILE:LINE:COL: MESSAGE (at PATH), as
 * every reader says it), or a file not read (an InputRefused, said as every command's input). A
 * shard's line may stand for several of its problems (its own cap's line, a list's rest: `stands`).
 */
type Problem = Counted | InputRefused;
type Counted = Diagnostic & { stands?: Standing };

/**
 * Exit 2 with the problems, one line each, as many as any refusal tells (placed-line.ts
 * PROBLEMS_TOLD: a thousand bad shards printed a thousand lines until session 62), and one line
 * at the first of the rest standing for them, counting the problems a shard's own line stands for
 * (until session 62 it counted as one: a shard's "100 more problems" and another's one made "2
 * more"); nothing is written.
 */
function refuse(problems: readonly Problem[]): number {
  const lines = problems.map(
    (p): Counted =>
      p instanceof InputRefused
        ? { severity: 'error', file: p.file === '' ? "''" : p.file, line: 1, col: 1, path: p.at, message: p.detail }
        : p,
  );
  for (const d of toldProblems(lines)) process.stderr.write(`${formatDiagnostic(d)}\n`);
  return EXIT.invalid;
}

/** A folder named (followed through a symbolic link): read for its shard files. '-' and '' are no folder (openInput refuses them). */
function folder(input: string): boolean {
  return input !== '-' && input !== '' && statSync(input).isDirectory();
}
