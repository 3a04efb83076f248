// Valid scenarios drawn from a seed, as YAML text: teams on calendars and rosters, skill pools,
// kpis, decisions with p per visit, forks, long and escaped names and descriptions, variants that
// patch numbers, descriptions, horizons and teams. What results.json's size is weighed on
// (test/results/size-bound.test.ts, size-estimate.test.ts): the same scenarios on every machine.
import { seededDraws } from './seeded-draws.js';

/** Seeded draws (the same scenarios on every machine). */
function draws(seed: number) {
  const { random } = seededDraws(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)];
  return { random, int, pick };
}

/** Descriptions JSON writes longer than their text: quotes, backslashes, controls, accents, astral characters. */
const TEXTS = ['plain words', 'a "quoted" \\ back\\slash', 'tab\tand\u0001control', 'é à ü ß ñ', '𝄞 astral 😀', "it's"];

/** TEXTS a scenario's name may hold: no control character. */
const NAME_TEXTS = TEXTS.filter((text) => ![...text].some((c) => c.charCodeAt(0) < 0x20));

/** A name of `length` characters (an identifier, as the reader asks). */
function nameOf(prefix: string, length: number, i: number): string {
  const tail = `${prefix}${i}_`;
  return (tail + 'x'.repeat(Math.max(0, length - tail.length))).slice(0, Math.max(length, tail.length));
}

/** A valid scenario's YAML text, drawn from `seed`. */
export function generated(seed: number): string {
  const { random, int, pick } = draws(seed);
  const quoted = (text: string) => JSON.stringify(text);
  const describe = (indent: string) => (random() < 0.5 ? [`${indent}description: ${quoted(pick(TEXTS).repeat(int(1, 20)))}`] : []);
  const lines: string[] = [`name: ${quoted(`generated ${seed} ${pick(NAME_TEXTS)}`)}`, ...describe('')];
  const horizon = pick(['2h', '30h', '7d', '40d', '400d']);
  lines.push(`run: { horizon: ${horizon}, warmup: 0h, replications: ${int(1, 30)}, seed: ${seed} }`);
  const calendars = int(0, 2);
  if (calendars > 0) {
    lines.push('calendars:');
    for (let c = 0; c < calendars; c++)
      lines.push(
        `  ${nameOf('cal', int(3, 60), c)}:`,
        '    days: [mon, tue, wed, thu, fri]',
        '    hours: "08:00-18:00"',
        ...describe('    '),
      );
  }
  const calendarNames = lines.filter((l) => /^ {2}cal\d/.test(l)).map((l) => l.trim().slice(0, -1));
  const teams: string[] = [];
  const teamCount = int(1, 4);
  lines.push('resources:');
  for (let t = 0; t < teamCount; t++) {
    const team = nameOf('team', int(2, 80), t);
    teams.push(team);
    lines.push(`  ${team}:`, ...describe('    '));
    if (random() < 0.4) {
      lines.push('    shifts:');
      const shifts = int(1, 3);
      for (let s = 0; s < shifts; s++)
        lines.push(`      - { days: [${pick(['mon', 'tue', 'wed'])}], hours: "0${s}:00-0${s + 1}:00", capacity: ${int(1, 5)} }`);
    } else {
      lines.push(`    capacity: ${int(1, 20)}`);
      if (calendarNames.length > 0 && random() < 0.5) lines.push(`    calendar: ${pick(calendarNames)}`);
    }
    if (random() < 0.5) lines.push(`    cost_per_hour: ${int(1, 90)}`);
  }
  const flowCount = int(1, 3);
  const flows: { name: string; nodes: string[] }[] = [];
  for (let f = 0; f < flowCount; f++) {
    const chain = int(2, 8);
    const name = nameOf('flow', int(2, 70), f);
    flows.push({ name, nodes: Array.from({ length: chain }, (_, i) => nameOf(`n${f}_`, int(2, 90), i)) });
  }
  lines.push('arrivals:');
  for (const flow of flows) {
    lines.push(`  - flow: ${flow.name}`, `    rate: ${int(1, 9)}/${pick(['h', 'd'])}`);
    if (random() < 0.3) lines.push(`    profile: { hours: [${Array.from({ length: 24 }, () => (int(1, 9) / 10).toString()).join(', ')}] }`);
  }
  lines.push('flows:');
  const resourceOf = () => (teams.length > 1 && random() < 0.3 ? `{ any: [${teams[0]}, ${teams[1]}] }` : pick(teams));
  const duration = () =>
    pick([`${int(1, 90)}m`, `{ exponential: { mean: ${int(1, 60)}m } }`, `{ lognormal: { mean: ${int(5, 60)}m, sd: ${int(1, 20)}m } }`]);
  for (const flow of flows) {
    const [first, ...rest] = flow.nodes;
    const last = rest[rest.length - 1];
    lines.push(`  ${flow.name}:`, ...describe('    '), `    start: ${first}`);
    if (random() < 0.5) lines.push(`    sla: ${int(1, 48)}h`);
    if (random() < 0.3) lines.push(`    cancel_after: ${int(50, 500)}h`);
    if (random() < 0.3) lines.push(`    etom: "1.1.1.5"`);
    if (random() < 0.5)
      lines.push('    kpis:', `      ${nameOf('kpi', int(2, 60), 0)}: { from: ${first}, to: ${last}${random() < 0.5 ? ', sla: 2h' : ''} }`);
    lines.push('    nodes:');
    // the first node: a task, or a decision (p per visit, a loop back to it through the second), or a fork
    const shape = pick(['task', 'decision', 'fork']);
    if (shape === 'decision' && rest.length >= 2)
      lines.push(
        `      ${first}:`,
        '        branch:',
        `          - { to: ${rest[0]}, p: [0.5, 0.2] }`,
        `          - { to: ${rest[1]}, p: [0.5, 0.8] }`,
      );
    else if (shape === 'fork' && rest.length >= 3) lines.push(`      ${first}: { parallel: [${rest[0]}, ${rest[1]}], join: ${rest[2]} }`);
    else lines.push(`      ${first}: { resource: ${resourceOf()}, duration: ${duration()}, next: ${rest[0]} }`);
    rest.forEach((node, i) => {
      const next =
        shape === 'decision' && rest.length >= 2 && i === 0
          ? first // the loop back through the decision
          : shape === 'fork' && rest.length >= 3 && i < 2
            ? rest[2]
            : rest[i + 1];
      lines.push(`      ${node}:`, `        resource: ${resourceOf()}`, `        duration: ${duration()}`);
      if (next !== undefined) lines.push(`        next: ${next}`);
      if (random() < 0.3) lines.push(`        etom: "1.1.1.5.${int(1, 3)}"`);
      lines.push(...describe('        '));
    });
  }
  const variants = int(0, 4);
  if (variants > 0) lines.push('variants:');
  for (let v = 0; v < variants; v++) {
    lines.push(`  ${nameOf('variant', int(2, 70), v)}:`, ...describe('    '), '    patch:');
    const flow = pick(flows);
    switch (int(0, 4)) {
      case 0:
        lines.push(`      resources: { ${teams[0]}: { description: ${quoted(pick(TEXTS).repeat(int(1, 40)))} } }`);
        break;
      case 1:
        lines.push(`      run: { horizon: ${pick(['5h', '14d', '300d'])} }`);
        break;
      case 2:
        {
          const added = nameOf('added', int(2, 100), v);
          const last = flow.nodes[flow.nodes.length - 1];
          lines.push(
            `      resources: { ${added}: { capacity: 2 } }`,
            `      flows: { ${flow.name}: { nodes: { ${last}: { resource: ${added} } } } }`,
          );
        }
        break;
      case 3:
        lines.push(`      flows: { ${flow.name}: { nodes: { ${flow.nodes[flow.nodes.length - 1]}: { duration: 7m } } } }`);
        break;
      default:
        lines.push(`      flows: { ${flow.name}: { description: ${quoted(pick(TEXTS).repeat(int(1, 30)))} } }`);
    }
  }
  return `${lines.join('\n')}\n`;
}
