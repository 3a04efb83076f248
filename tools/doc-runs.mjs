// The docs' blocks that show what a run of the bundled fiber scenario prints, written again from
// this checkout's build: README.md's "What a run tells you" (`npx etomsim run` in a folder of its
// own) and docs/results-format.md's lines `etomsim report` prints for the damaged results.json
// the page describes. test/docs/bundled-run-example.test.ts holds the docs to a real run and
// names what moved with this script's movedFigures; when a change moves the figures on purpose:
//
//   npm run build && node tools/doc-runs.mjs
//
// It prints what it changed, as the test does. The title line keeps README's workers and wall
// time (the machine's, which the test does not compare), so that only figures move in a diff.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where README's run block is, and where results-format.md's refused report's lines are. */
export const README_BLOCK = '\n## What a run tells you';
export const REFUSED_BLOCK = '`etomsim report results.json --out report`:';

/** This command, as a message tells a developer to run it. */
export const REGENERATE = 'npm run build && node tools/doc-runs.mjs';

/**
 * The first ```text block of `page` after `after`: its first line (a command, or the first line
 * printed), the lines under it, where its text starts and ends in `page`, and the page's line
 * number of its first line.
 */
export function textBlock(page, after) {
  const at = page.indexOf(after);
  if (at < 0) throw new Error(`no '${after}'`);
  const found = /```text\n([\s\S]*?)```/.exec(page.slice(at));
  if (found === null) throw new Error(`no text block after '${after}'`);
  const start = at + found.index + '```text\n'.length;
  const [first, ...printed] = found[1].trimEnd().split('\n');
  return { first, printed, start, end: start + found[1].length, line: page.slice(0, start).split('\n').length };
}

/** The run's title line without what the machine decides: its workers and its wall time. */
export const machineFree = (line) => line.replace(/, \d+ workers?, [\d.]+ s$/, ', W workers, T s');

/** results.json damaged as results-format.md says: the baseline's `resources` "oops", zero_touch's mean cycle time's `mean` "3.2", the first comparison's `delta` deleted. */
export function damaged(results) {
  const copy = structuredClone(results);
  copy.variants.baseline.resources = 'oops';
  copy.variants.zero_touch.flows.order_to_activation.cycle_time.mean.mean = '3.2';
  delete copy.comparisons[0].delta;
  return JSON.stringify(copy, null, 2);
}

/**
 * What moved between the lines a doc shows (`was`, its first at the page's line `line` of
 * `file`) and those printed now, each as the page's -> the run's: a line per changed line, with the
 * words that differ, after the line's first word when that one stands ("README.md:38
 * order_to_activation: 5,633 -> 5,599, 10.2 -> 10.1"), or the whole line where its words do not
 * pair up; at most `most` lines, then how many more.
 */
export function movedFigures(file, line, was, now, most = 12) {
  const out = [];
  for (let i = 0; i < Math.max(was.length, now.length); i++) {
    const [a, b] = [was[i], now[i]];
    if (a === b) continue;
    const at = `${file}:${line + i}`;
    if (a === undefined) out.push(`${at} added: '${b}'`);
    else if (b === undefined) out.push(`${at} gone: '${a}'`);
    else {
      const [wa, wb] = [a.trim().split(/\s+/), b.trim().split(/\s+/)];
      const pairs = wa.length === wb.length ? wa.map((w, k) => [w, wb[k]]).filter(([x, y]) => x !== y) : [];
      out.push(
        pairs.length > 0 && pairs.length <= 6
          ? `${at}${wa[0] === pairs[0][0] ? '' : ` ${wa[0]}`}: ${pairs.map(([x, y]) => `${x} -> ${y}`).join(', ')}`
          : `${at}: '${a}' -> '${b}'`,
      );
    }
  }
  return out.length > most ? [...out.slice(0, most), `... and ${out.length - most} more lines`] : out;
}

/** `page` with the block at `block` holding `lines` (its first line first). */
function withBlock(page, block, lines) {
  return `${page.slice(0, block.start)}${lines.join('\n')}\n${page.slice(block.end)}`;
}

function main() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const bin = join(root, 'bin/etomsim.cjs');
  const dir = mkdtempSync(join(tmpdir(), 'etomsim-doc-runs-'));
  try {
    const run = spawnSync(process.execPath, [bin, 'run'], { cwd: dir, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`etomsim run failed (exit ${run.status}):\n${run.stderr}`);
    const readmePath = join(root, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const shown = textBlock(readme, README_BLOCK);
    const printed = run.stdout.trimEnd().split('\n');
    // the title keeps the page's workers and wall time: only figures move
    const title = shown.printed[0]?.match(/, \d+ workers?, [\d.]+ s$/)?.[0];
    if (title) printed[0] = printed[0].replace(/, \d+ workers?, [\d.]+ s$/, title);
    const moved = movedFigures('README.md', shown.line + 1, shown.printed, printed);
    writeFileSync(readmePath, withBlock(readme, shown, [shown.first, ...printed]));

    const formatPath = join(root, 'docs/results-format.md');
    const format = readFileSync(formatPath, 'utf8');
    const refused = textBlock(format, REFUSED_BLOCK);
    writeFileSync(join(dir, 'results.json'), damaged(JSON.parse(readFileSync(join(dir, 'out/results.json'), 'utf8'))));
    const report = spawnSync(process.execPath, [bin, 'report', 'results.json', '--out', 'report'], { cwd: dir, encoding: 'utf8' });
    if (report.status !== 2)
      throw new Error(`etomsim report of the damaged results.json exited ${report.status}, not 2:\n${report.stderr}`);
    const lines = report.stderr.trimEnd().split('\n');
    for (const line of movedFigures('docs/results-format.md', refused.line, [refused.first, ...refused.printed], lines)) moved.push(line);
    writeFileSync(formatPath, withBlock(format, refused, lines));
    process.stdout.write(moved.length === 0 ? 'the docs already show what the run prints\n' : `${moved.join('\n')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
