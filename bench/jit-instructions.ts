// Which JavaScript functions a run's instructions went to (CONTRIBUTING.md, hot path, rule 8):
// callgrind counts the instructions of V8's compiled code but cannot name it, and Node's
// --perf-basic-prof writes the name of every piece of code V8 makes, with its address, to
// /tmp/perf-PID.map. This joins the two:
//
//   valgrind --tool=callgrind --smc-check=all --dump-instr=yes --callgrind-out-file=OUT \
//     node --single-threaded --hash-seed=1 --perf-basic-prof \
//     bin/etomsim.cjs run bench/scenarios/mm5.yaml -r 1 -w 1 --no-report -q
//   node dist/bench/jit-instructions.js OUT /tmp/perf-PID.map [ROWS]
//
// The command line, not dist/bench/probe.js, for what users run: the command line runs the
// bundle, whose bytecode sizes, and so V8's inlining, differ from dist/'s modules the probe
// runs (CONTRIBUTING.md, hot path, rule 3). The flags make the command line's code caches
// rejected, alike for both sides of a comparison; --hash-seed=1 makes counts repeat.
//
// It prints the instructions of each function, optimised ('*'), baseline ('^') or builtin,
// and Node's and V8's own native code as one line. A function of the loop that shows as its
// own line was left out of line by V8 (its callers pay a call, and a boxed double for a
// double argument or result): the inlining budget of its callers ran out. Invariant: the
// lines add up to callgrind's total (--perf-basic-prof itself costs a run about 2% more).
import { readFileSync } from 'node:fs';
import { wholeNumber } from '../engine/number-format.js';

interface CodeRange {
  start: number;
  end: number;
  name: string;
}

/** The perf map's code ranges, sorted by start: `START SIZE NAME`, hexadecimal. */
function codeRanges(mapFile: string): CodeRange[] {
  const ranges: CodeRange[] = [];
  for (const line of readFileSync(mapFile, 'utf8').split('\n')) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/.exec(line);
    if (m === null) continue;
    const start = Number.parseInt(m[1], 16);
    ranges.push({ start, end: start + Number.parseInt(m[2], 16), name: m[3].replace(/file:\/\/\S*?\/dist\//, '') });
  }
  return ranges.sort((a, b) => a.start - b.start);
}

/** The range holding `address`, or null (native code). */
function rangeOf(ranges: CodeRange[], address: number): CodeRange | null {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].start <= address) lo = mid + 1;
    else hi = mid;
  }
  const r = ranges[lo - 1];
  return r !== undefined && address < r.end ? r : null;
}

/**
 * Instructions by function name. Callgrind's per-instruction lines are `ADDRESS LINE COST`,
 * the address absolute (0x...), relative to the previous one (+N, -N) or the same (*); the
 * line after a `calls=` line is the call's inclusive cost, counted already at the callee.
 */
function instructionsByFunction(outFile: string, ranges: CodeRange[]): Map<string, number> {
  const total = new Map<string, number>();
  let address = 0;
  let inclusive = false;
  for (const line of readFileSync(outFile, 'utf8').split('\n')) {
    if (line.startsWith('calls=')) {
      inclusive = true;
      continue;
    }
    const m = /^(0x[0-9a-f]+|[+-]\d+|\*)\s+\S+\s+(\d+)/.exec(line);
    if (m === null) continue;
    const at = m[1];
    if (at.startsWith('0x')) address = Number.parseInt(at, 16);
    else if (at !== '*') address += Number(at);
    if (inclusive) {
      inclusive = false;
      continue;
    }
    const name = rangeOf(ranges, address)?.name ?? '(native: Node, V8, libc)';
    total.set(name, (total.get(name) ?? 0) + Number(m[2]));
  }
  return total;
}

const [outFile, mapFile, rows = '40'] = process.argv.slice(2);
if (outFile === undefined || mapFile === undefined) {
  console.error('usage: node dist/bench/jit-instructions.js CALLGRIND_OUT PERF_MAP [ROWS]');
  process.exit(2);
}
const byFunction = [...instructionsByFunction(outFile, codeRanges(mapFile))].sort((a, b) => b[1] - a[1]);
const all = byFunction.reduce((sum, [, n]) => sum + n, 0);
console.log(`${wholeNumber(all)} instructions`);
for (const [name, n] of byFunction.slice(0, Number(rows))) {
  console.log(`${(n / 1e6).toFixed(1).padStart(9)} M  ${name}`);
}
