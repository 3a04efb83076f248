// Every YAML example of docs/scenario-format.md is accepted as the page gives it: read from the page
// itself (not a copy: test/scenario/fixtures/spec-example.yaml is one, and missed the additions),
// each block is put into a scenario assembled from the core section's blocks and validated, with no
// error and no warning. A snippet names teams, flows and nodes that the page leaves to the reader
// (`provisioning`, `tier1`, the flow a node belongs to); CONTEXT defines them, under the snippet,
// which wins. An example that the validator stops accepting, or one written with a key it never
// read, fails here; so does a step the example adds that no path reaches (session 50: CONTEXT led
// to the automated-task calendar's step, which the page's own example left unreached).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { mergePatch } from '../../engine/scenario/merge-patch.js';

const PAGE = readFileSync(fileURLToPath(new URL('../../docs/scenario-format.md', import.meta.url)), 'utf8');

/** The page's ```yaml blocks, each with the line its text starts on. */
const BLOCKS = [...PAGE.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => ({
  line: PAGE.slice(0, m.index).split('\n').length + 1,
  text: m[1],
}));

type Doc = Record<string, unknown>;

/** The core contract's blocks: Top level to Variants. */
const CORE = BLOCKS.filter((b) => PAGE.indexOf(b.text) < PAGE.indexOf('\n## Statistics'));

/** The core contract's blocks (Top level to Variants) assembled into one scenario. */
function core(): Doc {
  let doc: unknown = {};
  for (const block of CORE) {
    const value = parse(block.text) as Doc;
    if (!isTopLevel(value)) continue; // a fragment (a node): tried on its own below
    doc = withBlock(doc as Doc, value);
  }
  return doc as Doc;
}

/**
 * What the snippets name without defining it, each part added where a block names its `when`:
 * teams, a calendar, the flows a stream or a node belongs to, a step leading to a node a block adds.
 */
const CONTEXT: { when: string; patch: Doc }[] = [
  { when: 'provisioning', patch: { resources: { provisioning: { capacity: 3 } } } },
  { when: 'tier1', patch: { resources: { tier1: { capacity: 2 } } } },
  { when: 'tier2', patch: { resources: { tier2: { capacity: 1 } } } },
  { when: 'calendar: office', patch: { calendars: { office: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '09:00-17:00' } } } },
  {
    when: 'fault_to_repair',
    patch: { flows: { fault_to_repair: { start: 'repair', nodes: { repair: { resource: 'field_techs', duration: '2h' } } } } },
  },
  { when: 'loan_application', patch: { flows: { loan_application: { start: 'review', nodes: { review: { duration: '20m' } } } } } },
  {
    when: 'trouble_ticket',
    patch: { flows: { trouble_ticket: { start: 'resolve' } }, arrivals: [{ flow: 'trouble_ticket', rate: '1/d' }] },
  },
  {
    when: 'repair:',
    patch: {
      flows: { repair: { start: 'diagnose', nodes: { diagnose: { duration: '1h' } } } },
      arrivals: [{ flow: 'repair', rate: '1/d' }],
    },
  },
  {
    when: 'process:',
    patch: { flows: { process: { nodes: { intake: { duration: '15m' } } } }, arrivals: [{ flow: 'process', rate: '1/d' }] },
  },
];

const TOP_KEYS = ['name', 'description', 'time_unit', 'currency', 'run', 'calendars', 'resources', 'arrivals', 'flows', 'variants'];
const isTopLevel = (value: Doc) => Object.keys(value).every((k) => TOP_KEYS.includes(k) || k.startsWith('x-'));

/** Whether `text` names `word` as a word of its own ('repair:', not fault_to_repair's end). */
function mentions(text: string, word: string): boolean {
  return new RegExp(`(?<!\\w)${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(text);
}

/** A block's arrival streams go beside the scenario's (a merge patch would replace the list). */
function withArrivals(doc: Doc, block: Doc): Doc {
  if (!Array.isArray(block.arrivals)) return block;
  return { ...block, arrivals: [...((doc.arrivals as unknown[] | undefined) ?? []), ...block.arrivals] };
}

/**
 * A top-level block put into the scenario as a merge patch, but for its variants: a variant's
 * patch is kept as the block writes it, its nulls too (applied, `shift: null` deleted a key the
 * assembled scenario did not have and was lost, so the variant kept the baseline's shift).
 */
function withBlock(doc: Doc, block: Doc): Doc {
  const { variants, ...rest } = withArrivals(doc, block);
  const merged = mergePatch(doc, rest) as Doc;
  return variants === undefined ? merged : { ...merged, variants: keepingNulls(merged.variants, variants) };
}

/** `over` laid over `under`, map by map, a null kept as a value. */
function keepingNulls(under: unknown, over: unknown): unknown {
  const isMap = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isMap(under) || !isMap(over)) return over;
  const out: Doc = { ...under };
  for (const [k, v] of Object.entries(over)) out[k] = keepingNulls(under[k], v);
  return out;
}

/** The scenario with a block in it; a fragment (a node's keys) is one node of a flow of its own. */
function scenarioWith(block: Doc, text: string): Doc {
  const named = [text, ...CORE.map((b) => b.text)];
  let base = core();
  for (const { when, patch } of CONTEXT)
    if (named.some((t) => mentions(t, when))) base = mergePatch(base, withArrivals(base, patch)) as Doc;
  if (isTopLevel(block)) return withBlock(base, block);
  const [first] = Object.keys(block);
  const flow = { start: first, nodes: block };
  return mergePatch(base, withArrivals(base, { flows: { fragment: flow }, arrivals: [{ flow: 'fragment', rate: '1/d' }] })) as Doc;
}

/** Every error and warning validate gives the text. */
const problems = (yamlText: string) =>
  loadScenarioText(yamlText, 'scenario.yaml').diagnostics.map((d) => `${d.severity}: ${d.message} (at ${d.path})`);

describe('docs/scenario-format.md', () => {
  test('has the blocks this test reads: the core top level, teams, flows, variants and the additions', () => {
    expect(BLOCKS.length).toBeGreaterThanOrEqual(20);
    const assembled = core();
    expect(Object.keys(assembled).sort()).toEqual(TOP_KEYS.filter((k) => k !== 'currency').sort());
    expect(Object.keys(assembled.variants as Doc)).toEqual(['redesign']);
  });

  test('every form of the Distributions table is a valid duration of a task', () => {
    const table = PAGE.slice(PAGE.indexOf('\n## Distributions'), PAGE.indexOf('\n## Calendars'));
    const forms = [...table.matchAll(/^\| (.*?) \|/gm)].flatMap((row) => [...row[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]));
    expect(forms).toHaveLength(13); // 10 kinds, a constant also written bare, in hours and with its unit, and a shifted kind
    for (const form of forms) {
      const duration = parse(form);
      const doc = scenarioWith({ flows: { order_to_activation: { nodes: { activate: { duration } } } } }, '');
      expect(problems(stringify(doc)), form).toEqual([]);
    }
  });

  test('the variant that swaps a shifted kind for a uniform deletes the shift (Variants): without its `shift: null` it is refused, at the shift', () => {
    const swaps = BLOCKS.filter((b) => b.text.includes('shift: null'));
    expect(swaps).toHaveLength(1);
    const kept = swaps[0].text.replace('shift: null, ', '');
    expect(kept).not.toBe(swaps[0].text);
    const block = parse(kept) as Doc;
    const doc = scenarioWith(block, kept);
    // the assembled scenario holds the page's block (its shift: null): the variant's visit as this block writes it
    const visit = (d: Doc) => (d as any).variants.redesign.patch.flows.site_survey.nodes.visit;
    visit(doc).duration = visit(block).duration;
    expect(problems(stringify(doc))).toEqual([
      expect.stringMatching(
        // and says what to write: the shift is the baseline's, which the patch keeps unless it deletes it
        /^error: variant 'redesign': a shift moves up the draws of the families that start at 0 .*; a uniform takes none: .*; 'shift' is the baseline's, kept because a patch merges maps: to delete it, write shift: null in the patch's 'duration' \(at flows\.site_survey\.nodes\.visit\.duration\.shift\)$/,
      ),
    ]);
  });

  test.each(BLOCKS.filter((b) => b.text.trim() !== '' && parse(b.text) !== null))(
    'the example at line $line is a valid scenario in context, without a warning',
    ({ text }) => {
      // merge keys (`<<: *anchor`) read as the loader reads them (engine/scenario/yaml-source.ts)
      const block = parse(text, { merge: true }) as Doc;
      expect(problems(stringify(scenarioWith(block, text)))).toEqual([]);
    },
  );
});
