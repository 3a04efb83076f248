// The results-size defect's scenario as text: one flow, one team of 2 agents, Poisson calls at
// 1 an hour of 1 h each, and `variants` variants that each give the team one more agent (the
// i-th, i + 3). What the size bound is tested on: its per-replication output is small and
// known, its variants many.
export function manyVariants(variants: number, replications: number, horizon = '2h'): string {
  const lines = [
    'name: big',
    `run: { horizon: ${horizon}, warmup: 0h, replications: ${replications}, seed: 1 }`,
    'resources:',
    '  agents: { capacity: 2 }',
    'arrivals:',
    '  - { flow: calls, rate: 1/h }',
    'flows:',
    '  calls:',
    '    start: serve',
    '    nodes:',
    '      serve: { resource: agents, duration: { exponential: { mean: 1h } } }',
    'variants:',
  ];
  for (let i = 0; i < variants; i++) lines.push(`  v${i}:`, '    patch:', `      resources: { agents: { capacity: ${i + 3} } }`);
  return `${lines.join('\n')}\n`;
}
