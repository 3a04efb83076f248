// The process map: a flow drawn from the scenario's structure in results.json (variants.*.inputs),
// left to right as laid out by engine/layout, with the simulation's results on it: each step
// coloured by the share of the cycle time its cases spend waiting there, its mean wait with
// the 95% interval, the bottleneck team's steps marked, automated steps told apart, decisions
// with their probabilities, forks and joins as gateways. One map for the baseline of each
// flow and one per variant that changes that flow, its changed steps highlighted.
// Invariant: every text drawn is escaped; a step's colour and figures come from its variant's block.
import {
  LayoutTooWide,
  layoutFlow,
  type FlowGraphNode,
  type FlowLayout,
  type FlowStructure,
  type FlowStructureNode,
} from '../../engine/layout/flow-layout.js';
import type { FlowInput } from '../../engine/results/inputs.js';
import { distMean } from '../../engine/random/distributions.js';
import type { Results } from '../../engine/results/types.js';
import { escapeHtml as escapeXml } from '../html.js';
import { textWidth, wrap } from '../text-width.js';
import { duration, durations, pct, shortLabel, TITLE_CHARS, words } from '../format.js';
import { fixedDecimals, percentText } from '../../engine/number-format.js';
import { processMapStem } from '../../engine/scenario/output-files.js';

export interface MapStep {
  name: string;
  kind: 'task' | 'decision' | 'fork';
  etom: string | null;
  /** the eTOM process's name, when the catalogue knows the id */
  etomName: string | null;
  /** an untagged task's `etom` is its flow's, under which the eTOM chart counts its time */
  etomOfFlow?: boolean;
  /** the team that performs it; null for an automated task and for gateways */
  team: string | null;
  /** a skill pool's teams in preference order (`team` is the first); absent for one team */
  pool?: string[];
  automated: boolean;
  /** the task's mean duration (hours), from its distribution */
  duration: number | null;
  /** an automated task whose duration is the case's age at which it ends (`until: case_age`) */
  untilAge: boolean;
  /** mean wait per visit (hours) and its 95% interval */
  wait: number | null;
  waitInterval: [number, number] | null;
  /** mean hours a completed case spends waiting here, as a share of the mean cycle time */
  waitShare: number | null;
  /** performed by the variant's primary bottleneck team */
  bottleneck: boolean;
  /** the variant's patch changed this step */
  changed: boolean;
  /** the scenario's description of the step, for its tooltip; null without one */
  description: string | null;
}

export interface ProcessMapData {
  /** file stem and element id: process-map-FLOW or process-map-FLOW-VARIANT, made safe */
  name: string;
  flow: string;
  variant: string;
  /** the variant's primary bottleneck team, if any */
  bottleneck: string | null;
  /** the scenario's description of the flow, for the map's title; null without one */
  description: string | null;
  structure: FlowStructure;
  steps: MapStep[];
}

/** The structure the layout needs, from results.json's inputs (node names stay data). */
export function flowStructure(flow: FlowInput): FlowStructure {
  const nodes = Object.entries(flow.nodes).map(([name, n]): FlowStructureNode => {
    if (n.kind === 'task') return { name, kind: 'task', next: n.next };
    if (n.kind === 'decision') return { name, kind: 'decision', branch: n.branch };
    return { name, kind: 'fork', parallel: n.parallel, join: n.join };
  });
  return { start: flow.start, nodes };
}

/** Names that changed in a variant: steps of the flow whose inputs differ from the baseline's. */
export function changedSteps(results: Results, variant: string, flow: string): Set<string> {
  const out = new Set<string>();
  const prefix = `flows.${flow}.nodes.`;
  for (const c of results.variants[variant]?.inputs?.changes ?? []) {
    if (!c.path.startsWith(prefix)) continue;
    const rest = c.path.slice(prefix.length);
    // node names have no dots (names are identifiers), so the step is the first part
    out.add(rest.split('.')[0]);
  }
  return out;
}

/** The map of one flow in one variant; null when results.json has no inputs for it (written before they were added). */
export function processMapData(results: Results, variant: string, flow: string): ProcessMapData | null {
  const block = results.variants[variant];
  const input = block?.inputs?.flows[flow];
  const flowBlock = block?.flows[flow];
  if (!input || !flowBlock) return null;
  const bottleneck = block.bottlenecks?.primary ?? null;
  const changed = variant === 'baseline' ? new Set<string>() : changedSteps(results, variant, flow);
  const completed = flowBlock.completed.mean;
  const cycle = flowBlock.cycle_time.mean.mean;
  const steps = Object.entries(input.nodes).map(([name, n]): MapStep => {
    const nodeBlock = Object.hasOwn(flowBlock.nodes, name) ? flowBlock.nodes[name] : undefined;
    const team = n.kind === 'task' ? n.resource : null;
    const pool = n.kind === 'task' ? n.pool : undefined;
    const waitHours = nodeBlock?.wait_hours?.mean ?? null;
    // an untagged task's time counts under its flow's process (engine/results/etom-rollup.ts): the map says so
    // (it read "no eTOM id" on a step whose minutes the eTOM chart shows under 1.1.1.5 Order Handling)
    const ofFlow = n.etom === null && n.kind === 'task' && input.etom !== null;
    const etom = ofFlow ? input.etom : n.etom;
    const etomBlock = etom !== null && Object.hasOwn(block.etom ?? {}, etom) ? block.etom[etom] : undefined;
    return {
      name,
      kind: n.kind,
      etom,
      etomName: etomBlock?.name ?? null,
      ...(ofFlow ? { etomOfFlow: true } : {}),
      team,
      ...(pool ? { pool } : {}),
      automated: n.kind === 'task' && team === null,
      duration: n.kind === 'task' ? distMean(n.duration) : null,
      untilAge: n.kind === 'task' && n.until === 'case_age',
      wait: team === null ? null : (nodeBlock?.wait?.mean ?? null),
      waitInterval: team === null ? null : (nodeBlock?.wait?.ci95 ?? null),
      waitShare: team !== null && waitHours !== null && completed && cycle ? waitHours / completed / cycle : null,
      // a pooled step is the bottleneck's whichever of its teams that is
      bottleneck: team !== null && bottleneck !== null && (pool ?? [team]).includes(bottleneck),
      changed: changed.has(name),
      description: n.description ?? null,
    };
  });
  return {
    name: processMapStem(flow, variant),
    flow,
    variant,
    bottleneck,
    description: input.description ?? null,
    structure: flowStructure(input),
    steps,
  };
}

/** Every map the report shows: each flow's baseline, then each variant that changes that flow. */
export function processMaps(results: Results): ProcessMapData[] {
  const base = results.variants.baseline?.inputs;
  if (!base) return [];
  return Object.keys(base.flows).flatMap((flow) => {
    const variants = Object.keys(results.variants).filter((v) => v === 'baseline' || changedSteps(results, v, flow).size > 0);
    return variants.map((v) => processMapData(results, v, flow)).filter((m): m is ProcessMapData => m !== null);
  });
}

/** Wait-share classes, light to dark (ColorBrewer OrRd): the thresholds are shares of the mean cycle time. */
export const WAIT_CLASSES: { upTo: number; color: string; label: string }[] = [
  { upTo: 0.01, color: '#fff7ec', label: 'under 1%' },
  { upTo: 0.05, color: '#fdd49e', label: '1-5%' },
  { upTo: 0.15, color: '#fc8d59', label: '5-15%' },
  { upTo: 0.3, color: '#d7301f', label: '15-30%' },
  { upTo: Infinity, color: '#7f0000', label: '30% or more' },
];

export function waitColor(share: number): string {
  return (WAIT_CLASSES.find((c) => share < c.upTo) ?? WAIT_CLASSES[WAIT_CLASSES.length - 1]).color;
}

/** Dark fills take white text. */
function inkOn(fill: string): string {
  return fill === '#d7301f' || fill === '#7f0000' ? '#ffffff' : '#111827';
}

const FONT = "Helvetica, Arial, 'Liberation Sans', sans-serif";
const BOX_WIDTH = 168;
const PAD = 8;
const LINE = { title: 15, small: 12.5 };

interface TextLine {
  text: string;
  size: number;
  bold: boolean;
  italic?: boolean;
}

/** The lines of a task's box: eTOM id and process, the step, who does it, its wait. */
function taskLines(step: MapStep): TextLine[] {
  const inner = BOX_WIDTH - 2 * PAD;
  const out: TextLine[] = [];
  const tag = step.etom === null ? 'no eTOM id' : step.etomName ? `${step.etom} ${step.etomName}` : step.etom;
  const etom = step.etomOfFlow ? `${tag} (the flow's)` : tag;
  for (const t of wrap(etom, inner, 10)) out.push({ text: t, size: 10, bold: false });
  for (const t of wrap(shortLabel(words(step.name)), inner, 12.5, true)) out.push({ text: t, size: 12.5, bold: true });
  const takes =
    step.duration === null
      ? ''
      : step.untilAge
        ? `, until the case is ${duration(step.duration)} old`
        : `, takes ${duration(step.duration)}`;
  // a skill pool names every team that may serve the step (it read as its first team's alone)
  const team = step.pool ? `teams: ${step.pool.map(words).join(' or ')}` : `team: ${words(step.team ?? '')}`;
  for (const t of wrap(step.automated ? `automated${takes}` : `${team}${takes}`, inner, 10))
    out.push({ text: t, size: 10, bold: false, italic: step.automated });
  if (step.wait !== null) {
    // the wait and its interval in one unit, so that an interval crossing three days reads as one
    const [wait, low, high] = durations([
      step.wait,
      ...(step.waitInterval ? [Math.max(0, step.waitInterval[0]), step.waitInterval[1]] : []),
    ]);
    const interval = step.waitInterval ? ` [${low}, ${high}]` : '';
    for (const t of wrap(`wait ${wait}${interval}`, inner, 10)) out.push({ text: t, size: 10, bold: false });
  }
  return out;
}

const lineHeight = (l: TextLine) => (l.size >= 12 ? LINE.title : LINE.small);

const GATEWAY = 38;
const EVENT = 30;

function nodeSize(node: FlowGraphNode, steps: Map<string, MapStep>): { width: number; height: number } {
  if (node.kind === 'start' || node.kind === 'end') return { width: EVENT, height: EVENT };
  if (node.kind !== 'task') return { width: GATEWAY, height: GATEWAY };
  const step = steps.get(node.node ?? '');
  const lines = step ? taskLines(step) : [];
  return {
    width: BOX_WIDTH,
    height: 2 * PAD + lines.reduce((h, l) => h + lineHeight(l), 0) + (step?.bottleneck || step?.changed ? 14 : 0),
  };
}

/** The line under a gateway, shortened as a chart's label is: whole, a 64-character decision widened its column by 330 px. */
function gatewayLabel(node: FlowGraphNode): string | null {
  if (node.kind === 'decision' || node.kind === 'fork') return shortLabel(words(node.node ?? ''));
  if (node.kind === 'join') return 'all branches done';
  return null;
}

/** "85%", or more digits where they matter: "1.28%" */
export function probabilityText(p: number): string {
  return percentText(p, { maxDecimals: 2 });
}

export interface RenderedMap {
  svg: string;
  width: number;
  height: number;
  /** label boxes drawn, for tests of overlap */
  layout: FlowLayout;
}

/** The legend under the flow with one line of keys; each further line of keys (legendKeyLines) adds KEY_LINE. */
const LEGEND_HEIGHT = 64;
const KEY_LINE = 14;
const KEY_SIZE = 10.5;
const TITLE_HEIGHT = 44;

/** The map's title as drawn (`shown`), the whole in its tooltip when they differ (and in the SVG's aria-label). */
function titleText(title: string, shown: string): string {
  const whole = shown === title ? '' : `<title>${escapeXml(title)}</title>`;
  return `<text class="map-title" x="12" y="22" font-size="15" font-weight="bold" fill="#111827">${whole}${escapeXml(shown)}</text>`;
}

/** In place of a map the layout cannot draw: the title and why (the rest of the report stands). */
function notDrawn(title: string, shown: string, reason: string): RenderedMap {
  const width = 640;
  const height = 64;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" role="img" aria-label="${escapeXml(title)}">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    titleText(title, shown),
    `<text class="not-drawn" x="12" y="42" font-size="11" fill="#4b5563">Not drawn: ${escapeXml(reason)}.</text>`,
    '</svg>',
  ].join('');
  return { svg, width, height, layout: { width, height, nodes: [], edges: [] } };
}

/**
 * The map as a standalone SVG document, titled `shown`: by default `title` shortened in the middle
 * beyond TITLE_CHARS, as a chart's panel title; the report's maps give their title with each
 * name shortened as a chart's label (reports/index.ts renderedMaps), so that both ends of each
 * stay. The whole title is the drawn title's tooltip.
 */
export async function renderProcessMap(map: ProcessMapData, title: string, shown = shortLabel(title, TITLE_CHARS)): Promise<RenderedMap> {
  const steps = new Map(map.steps.map((s) => [s.name, s]));
  let layout: FlowLayout;
  try {
    layout = await layoutFlow(map.structure, {
      node: (n) => nodeSize(n, steps),
      label: (e) => (e.p === null ? null : { width: textWidth(probabilityText(e.p), 10.5, true) + 6, height: 14 }),
      nodeLabel: (n) => {
        const text = gatewayLabel(n);
        return text === null ? null : { width: textWidth(text, 10, false) + 4, height: 13 };
      },
    });
  } catch (err) {
    if (err instanceof LayoutTooWide) return notDrawn(title, shown, err.message);
    throw err;
  }
  // never narrower than its title and subtitle, which a long flow, variant or team name ran off the edge of
  const about = subtitle(map);
  const width = Math.max(
    Math.ceil(layout.width),
    640,
    Math.ceil(textWidth(shown, 15, true)) + 24,
    Math.ceil(textWidth(about, 11, false)) + 24,
  );
  const keys = legendKeyLines(map, width);
  const height = Math.ceil(layout.height) + TITLE_HEIGHT + LEGEND_HEIGHT + (keys.length - 1) * KEY_LINE;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" role="img" aria-label="${escapeXml(title)}">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#4b5563"/></marker></defs>',
    `<rect width="${width}" height="${height}" fill="white"/>`,
    titleText(title, shown),
    `<text x="12" y="38" font-size="11" fill="#4b5563">${escapeXml(about)}</text>`,
    `<g transform="translate(0 ${TITLE_HEIGHT})">`,
  );
  for (const e of layout.edges) {
    if (e.points.length < 2) continue;
    const d = e.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${fixedDecimals(p.x, 1)},${fixedDecimals(p.y, 1)}`).join(' ');
    out.push(`<path d="${d}" fill="none" stroke="#4b5563" stroke-width="1.3" marker-end="url(#arrow)"/>`);
    if (e.label && e.p !== null) {
      const l = e.label;
      out.push(
        `<rect class="edge-label" x="${fixedDecimals(l.x, 1)}" y="${fixedDecimals(l.y, 1)}" width="${fixedDecimals(l.width, 1)}" height="${fixedDecimals(l.height, 1)}" fill="white" fill-opacity="0.9"/>`,
        `<text x="${fixedDecimals(l.x + l.width / 2, 1)}" y="${fixedDecimals(l.y + l.height - 3, 1)}" font-size="10.5" font-weight="bold" text-anchor="middle" fill="#1f2937">${probabilityText(e.p)}</text>`,
      );
    }
  }
  for (const n of layout.nodes) out.push(drawNode(n, steps));
  out.push('</g>');
  out.push(legend(Math.ceil(layout.height) + TITLE_HEIGHT + 8, keys));
  out.push('</svg>');
  return { svg: out.join('\n') + '\n', width, height, layout };
}

function subtitle(map: ProcessMapData): string {
  // names shortened as a chart's labels are; the title's tooltip and the tables hold them whole
  // the variant's bottleneck may serve none of this flow's steps: then no border is red, and the subtitle says why
  const marked = map.steps.some((s) => s.bottleneck) ? ' (thick red border)' : ", which serves none of this flow's steps";
  const b = map.bottleneck ? `bottleneck team: ${shortLabel(words(map.bottleneck))}${marked}` : 'no team is a bottleneck';
  return `${map.variant === 'baseline' ? 'baseline' : `variant ${shortLabel(map.variant)}`}: step colour = share of the mean cycle time spent waiting there; ${b}`;
}

function drawNode(n: FlowLayout['nodes'][number], steps: Map<string, MapStep>): string {
  const cx = n.x + n.width / 2;
  const cy = n.y + n.height / 2;
  const parts: string[] = [];
  if (n.kind === 'start' || n.kind === 'end') {
    parts.push(
      `<circle cx="${cx}" cy="${cy}" r="${EVENT / 2 - 1}" fill="white" stroke="#111827" stroke-width="${n.kind === 'end' ? 3 : 1.5}"><title>${n.kind === 'start' ? 'arrival' : 'case ends'}</title></circle>`,
    );
    parts.push(
      `<text x="${cx}" y="${n.y + n.height + 12}" font-size="10" text-anchor="middle" fill="#4b5563">${n.kind === 'start' ? 'arrival' : 'end'}</text>`,
    );
    return parts.join('\n');
  }
  if (n.kind !== 'task') {
    const h = GATEWAY / 2;
    const step = n.node === null ? undefined : steps.get(n.node);
    const changed = n.kind !== 'join' && step?.changed;
    parts.push(
      `<path class="gateway" d="M${cx},${cy - h} L${cx + h},${cy} L${cx},${cy + h} L${cx - h},${cy} z" fill="${changed ? '#ede9fe' : '#f9fafb'}" stroke="${changed ? '#7c3aed' : '#111827'}" stroke-width="${changed ? 3 : 1.3}"/>`,
    );
    const symbol = n.kind === 'decision' ? '×' : '+';
    parts.push(
      `<text x="${cx}" y="${cy + 7}" font-size="${n.kind === 'decision' ? 20 : 22}" text-anchor="middle" fill="#111827">${symbol}</text>`,
    );
    if (n.label) {
      const text = gatewayLabel(n) ?? '';
      parts.push(
        `<text class="node-label" x="${fixedDecimals(n.label.x + n.label.width / 2, 1)}" y="${fixedDecimals(n.label.y + n.label.height - 3, 1)}" font-size="10" text-anchor="middle" fill="#374151">${escapeXml(text)}</text>`,
      );
    }
    // the whole name, which the label under the gateway may shorten, and the description
    const about =
      n.kind !== 'join' && step
        ? `<title>${escapeXml(`${words(step.name)}${step.description ? `: ${step.description}` : ''}`)}</title>`
        : '';
    return `<g class="step" data-step="${escapeXml(n.node ?? '')}" data-kind="${n.kind}">${about}${parts.join('')}</g>`;
  }
  const step = steps.get(n.node ?? '');
  if (!step) return '';
  const fill = step.automated ? '#f3f4f6' : step.waitShare === null ? '#ffffff' : waitColor(step.waitShare);
  const ink = inkOn(fill);
  const stroke = step.changed ? '#7c3aed' : step.bottleneck ? '#b91c1c' : '#374151';
  const strokeWidth = step.changed || step.bottleneck ? 3.5 : 1.2;
  const dash = step.automated ? ' stroke-dasharray="5 3"' : '';
  parts.push(
    `<rect x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" rx="6" fill="${fill}" stroke="${stroke}" stroke-width="${strokeWidth}"${dash}/>`,
  );
  let y = n.y + PAD;
  for (const l of taskLines(step)) {
    y += lineHeight(l);
    const style = `${l.bold ? ' font-weight="bold"' : ''}${l.italic ? ' font-style="italic"' : ''}`;
    parts.push(
      `<text x="${n.x + PAD}" y="${fixedDecimals(y - 3.5, 1)}" font-size="${l.size}"${style} fill="${ink}">${escapeXml(l.text)}</text>`,
    );
  }
  const badges = [step.changed ? 'CHANGED' : '', step.bottleneck ? 'BOTTLENECK' : ''].filter((b) => b !== '').join(' · ');
  if (badges)
    parts.push(
      `<text x="${n.x + PAD}" y="${fixedDecimals(y + 11, 1)}" font-size="9.5" font-weight="bold" fill="${step.changed ? (ink === '#ffffff' ? '#ffffff' : '#6d28d9') : ink === '#ffffff' ? '#ffffff' : '#b91c1c'}">${badges}</text>`,
    );
  const share = step.waitShare === null ? '' : `; waiting here: ${pct(step.waitShare)} of the mean cycle time`;
  const about = step.description === null ? '' : `: ${step.description}`;
  return `<g class="step" data-step="${escapeXml(step.name)}" data-kind="task"><title>${escapeXml(`${words(step.name)}${about}${share}`)}</title>${parts.join('')}</g>`;
}

/** The legend's key lines: its keys in turn, as many to a line as fit the map's width (a 640-px map's one line of them ran off its edge). */
export function legendKeyLines(map: ProcessMapData, width: number): string[] {
  const keys = [
    'dashed grey box: automated step (no team, no queue)',
    '× decision (branch probabilities on its arrows)',
    '+ fork and join (all branches run at once)',
    ...(map.variant === 'baseline' ? [] : ['purple border: changed by the variant']),
  ];
  const room = width - 24;
  const lines: string[] = [];
  for (const key of keys) {
    const joined = lines.length === 0 ? key : `${lines[lines.length - 1]} · ${key}`;
    if (lines.length > 0 && textWidth(joined, KEY_SIZE, false) <= room) lines[lines.length - 1] = joined;
    else lines.push(key);
  }
  return lines;
}

function legend(top: number, keys: readonly string[]): string {
  const parts: string[] = [
    `<g class="legend" font-size="${KEY_SIZE}" fill="#374151">`,
    `<text x="12" y="${top + 10}" font-weight="bold">waiting, share of the mean cycle time:</text>`,
  ];
  let x = 12;
  const y = top + 18;
  for (const c of WAIT_CLASSES) {
    parts.push(
      `<rect x="${x}" y="${y}" width="16" height="12" fill="${c.color}" stroke="#9ca3af"/>`,
      `<text x="${x + 20}" y="${y + 10}">${escapeXml(c.label)}</text>`,
    );
    x += 28 + textWidth(c.label, KEY_SIZE, false);
  }
  keys.forEach((line, i) => parts.push(`<text class="legend-keys" x="12" y="${y + 28 + i * KEY_LINE}">${escapeXml(line)}</text>`));
  parts.push('</g>');
  return parts.join('\n');
}
