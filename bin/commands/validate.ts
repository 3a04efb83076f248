// `etomsim validate`: every problem in a scenario, one line each, and the exit code.
import { loadForCommand } from '../scenario-input.js';

export function validateCommand(file: string): number {
  const set = loadForCommand(file, false);
  const variants = set.variants.length;
  process.stdout.write(
    `${file}: valid (${set.baseline.flows.length} flow${set.baseline.flows.length === 1 ? '' : 's'}, ${variants} variant${variants === 1 ? '' : 's'})\n`,
  );
  return 0;
}
