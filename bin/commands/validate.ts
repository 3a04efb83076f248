// `etomsim validate`: every problem in a scenario, one line each, and the exit code.
import { loadForCommand } from '../scenario-input.js';
import { counted } from '../../engine/plural.js';

export function validateCommand(file: string): number {
  const set = loadForCommand(file, false);
  const variants = set.variants.length;
  process.stdout.write(`${file}: valid (${counted(set.baseline.flows.length, 'flow')}, ${counted(variants, 'variant')})\n`);
  return 0;
}
