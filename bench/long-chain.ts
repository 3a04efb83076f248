// A scenario of one long chain of tasks with variants, as text: what `validate` is timed on
// when a scenario is large (issue 18's "10,000 nodes, 6 variants"). One flow of `nodes`
// sequential tasks shared round-robin by ten teams, Poisson arrivals, and `variants` variants
// that each add an agent to one team (the same metric paths as the baseline) and, every
// second one, change one task's duration (the same structure, other numbers).
//
//   node dist/bench/long-chain.js NODES VARIANTS > FILE.yaml
import { fileURLToPath } from 'node:url';

const TEAMS = 10;

export function longChain(nodes: number, variants: number): string {
  const lines = ['name: long chain', 'run: { horizon: 10d, warmup: 1d, replications: 2, seed: 1 }', 'resources:'];
  for (let t = 0; t < TEAMS; t++) lines.push(`  team${t}: { capacity: 50 }`);
  lines.push('arrivals:', '  - { flow: orders, rate: 1/h }', 'flows:', '  orders:', '    start: n0', '    nodes:');
  for (let n = 0; n < nodes; n++) {
    const next = n + 1 < nodes ? `, next: n${n + 1}` : '';
    lines.push(`      n${n}: { resource: team${n % TEAMS}, duration: { exponential: { mean: 1m } }${next} }`);
  }
  lines.push('variants:');
  for (let v = 0; v < variants; v++) {
    lines.push(`  v${v}:`, '    patch:', `      resources: { team${v % TEAMS}: { capacity: 51 } }`);
    if (v % 2 === 1) lines.push(`      flows: { orders: { nodes: { n${v}: { duration: { exponential: { mean: 2m } } } } } }`);
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [nodes, variants] = process.argv.slice(2).map(Number);
  if (!Number.isInteger(nodes) || nodes < 1 || !Number.isInteger(variants) || variants < 0) {
    process.stderr.write('usage: node dist/bench/long-chain.js NODES VARIANTS > FILE.yaml\n');
    process.exit(2);
  }
  process.stdout.write(longChain(nodes, variants));
}
