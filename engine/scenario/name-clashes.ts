// Two names a reader or a file system cannot tell apart. Reports label a name by `nameLabel`
// ('_' and '-' between words read as a space), so `field_techs` and `field-techs` are two rows
// both called "field techs" (s31x F12); and flows and variants name files (charts/process-map-
// FLOW[-VARIANT].svg, events/VARIANT.*), which on a file system that ignores case (macOS,
// Windows by default) one replaces the other when the names differ only in case (s31x F18).
// Both are validate warnings at the second name, naming the first: the scenario is valid, and
// on Linux its files are all there.

import type { Scenario } from './types.js';
import { BASELINE, nameLabel } from './names.js';
import { eventLogStem, processMapStem } from './output-files.js';

export interface NameClash {
  /** the dotted path of the later name, where the warning goes */
  path: string;
  message: string;
}

/**
 * The label clashes a variant's patch brings (a team it adds reading as one of the baseline's, `field-techs` beside
 * `field_techs`; a calendar, flow, step or milestone alike): those of its scenario that the baseline has not, each
 * at the later name, which its patch adds. The same check as the baseline's (labelClashes), so a patch's names are
 * held to the baseline's rule; `__proto__` and the other names users type are data there as here.
 */
export function variantNameClashes(
  baseline: Scenario,
  variants: readonly { name: string; scenario: Scenario }[],
): (NameClash & { variant: string })[] {
  const known = new Set(labelClashes(baseline, []).map((c) => JSON.stringify([c.path, c.message])));
  return variants.flatMap((v) =>
    labelClashes(v.scenario, [])
      .filter((c) => !known.has(JSON.stringify([c.path, c.message])))
      .map((c) => ({ ...c, variant: v.name })),
  );
}

/** Every clash of the baseline's names (and of its variants' names), first name first. */
export function nameClashes(baseline: Scenario, variants: readonly string[]): NameClash[] {
  const out: NameClash[] = labelClashes(baseline, variants);
  // the files named by flows and variants (output-files.ts, the writers' own rule), the baseline's among them
  fileClashes(out, baseline, variants);
  return out;
}

/** A check of one kind of names: each whose label an earlier one has is a clash, at the later name. */
function labelsOf(out: NameClash[]) {
  return (kind: string, names: readonly string[], path: (name: string) => string) => {
    const seen = new Map<string, string>();
    for (const name of names) {
      const label = nameLabel(name);
      const first = seen.get(label);
      if (first === undefined) seen.set(label, name);
      else
        out.push({
          path: path(name),
          message: `${kind} '${name}' reads as '${label}' in the reports, like ${kind} '${first}': their rows cannot be told apart; rename one`,
        });
    }
  };
}

/** The clashes of a scenario's teams, calendars, flows, variants (those given), steps and milestones by their labels in the reports. */
function labelClashes(baseline: Scenario, variants: readonly string[]): NameClash[] {
  const out: NameClash[] = [];
  const labels = labelsOf(out);
  labels(
    'team',
    baseline.resources.map((r) => r.name),
    (n) => `resources.${n}`,
  );
  labels(
    'calendar',
    baseline.calendars.map((c) => c.name),
    (n) => `calendars.${n}`,
  );
  labels(
    'flow',
    baseline.flows.map((f) => f.name),
    (n) => `flows.${n}`,
  );
  if (variants.length > 0) labels('variant', [BASELINE, ...variants], (n) => `variants.${n}`);
  for (const flow of baseline.flows) {
    labels(
      `node of flow '${flow.name}'`,
      flow.nodes.map((n) => n.name),
      (n) => `flows.${flow.name}.nodes.${n}`,
    );
    labels(
      `milestone of flow '${flow.name}'`,
      flow.kpis.map((k) => k.name),
      (n) => `flows.${flow.name}.kpis.${n}`,
    );
  }
  return out;
}

function fileClashes(out: NameClash[], baseline: Scenario, variants: readonly string[]): void {
  const files = new Map<string, { stem: string; what: string }>();
  const file = (stem: string, path: string, what: string) => {
    const key = stem.toLowerCase();
    const first = files.get(key);
    if (first === undefined) files.set(key, { stem, what });
    else if (first.what !== what)
      out.push({
        path,
        message:
          first.stem === stem
            ? // two long names whose bounded parts (output-files.ts filePart) meet, 1 time in 2^32
              `${what} names the file ${stem}, as ${first.what} does: one replaces the other; rename one`
            : `${what} names the file ${stem}, and ${first.what} ${first.stem}, which differ only in case: on a file system that ignores case (macOS, Windows) one replaces the other; rename one`,
      });
  };
  const before = out.length;
  for (const flow of baseline.flows) file(`charts/${processMapStem(flow.name, BASELINE)}.svg`, `flows.${flow.name}`, `flow '${flow.name}'`);
  for (const v of [BASELINE, ...variants])
    file(`${eventLogStem(v)}.*`, `variants.${v}`, v === BASELINE ? 'the baseline' : `variant '${v}'`);
  // a flow's map in a variant (process-map-a-b-c: flow a-b in variant c, or flow a in variant b-c), when the names alone do not clash already
  if (out.length === before) {
    for (const flow of baseline.flows) {
      for (const v of variants)
        file(`charts/${processMapStem(flow.name, v)}.svg`, `variants.${v}`, `flow '${flow.name}' in variant '${v}'`);
    }
  }
}
