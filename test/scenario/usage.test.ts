import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { scenarioWarnings } from '../../engine/scenario/warnings.js';
import { deskAndTechs } from '../support/desk-and-techs.js';
import { diagnose, where, yaml } from './diagnose.js';

/** test/support/desk-and-techs.ts' baseline, its techs named field_techs, its cases 0.1 an hour (no team overloaded). */
const BASE = deskAndTechs({ techs: 'field_techs', rate: '0.1/h' });

const warningsOf = (text: string) =>
  scenarioWarnings(loadScenarioText(text, 'test.yaml')).map((d) => ({ at: `${d.line}:${d.col}`, path: d.path, message: d.message }));

describe("a name a variant's patch adds", () => {
  it('refuses a team the baseline lacks that no task uses, at the name in the patch, with a did-you-mean', () => {
    const text =
      BASE +
      yaml`
      variants:
        more_techs:
          patch: { resources: { field_tech: { capacity: 9 } } }
    `;
    const { set, diagnostics } = loadScenarioText(text, 'test.yaml');
    expect(set).toBeNull();
    expect(diagnostics.map((d) => [d.severity, `${d.line}:${d.col}`, d.path])).toEqual([
      ['error', where(text, 'field_tech:'), 'resources.field_tech'],
    ]);
    expect(diagnostics[0].message).toMatch(
      /^variant 'more_techs': team 'field_tech' is not a team of the baseline.*no task uses it.*did you mean 'field_techs'\?$/,
    );
  });

  it('refuses a calendar the baseline lacks that nothing uses, with a did-you-mean', () => {
    const text =
      BASE +
      yaml`
      variants:
        late:
          patch: { calendars: { ofice: { days: [mon], hours: "08:00-20:00" } } }
    `;
    const found = diagnose(text);
    expect(found).toHaveLength(1);
    expect(found[0].at).toBe(where(text, 'ofice'));
    expect(found[0].message).toMatch(/calendar 'ofice' is not a calendar of the baseline.*did you mean 'office'\?$/);
  });

  it('accepts a team or calendar a patch adds when the variant uses it', () => {
    const text =
      BASE +
      yaml`
      variants:
        split:
          patch:
            calendars: { late: { days: [mon], hours: "12:00-22:00" } }
            resources: { night_desk: { capacity: 1, calendar: late } }
            flows: { f: { nodes: { a: { resource: { any: [desk, night_desk] } } } } }
    `;
    expect(diagnose(text)).toEqual([]);
  });

  it('says nothing when a patch changes an existing team, or leaves a baseline team idle', () => {
    const text =
      BASE +
      yaml`
      variants:
        more_techs:
          patch: { resources: { field_techs: { capacity: 5 } } }
        automated:
          patch: { flows: { f: { nodes: { a: { resource: null } } } } }
    `;
    expect(diagnose(text)).toEqual([]);
    expect(warningsOf(text)).toEqual([]);
  });
});

describe('an unused team or calendar of the baseline', () => {
  it('is a warning at its name, not an error', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d }
      calendars:
        office: { days: [mon], hours: "08:00-18:00" }
        weekend: { days: [sat], hours: "08:00-18:00" }
      resources:
        desk: { capacity: 2, calendar: office }
        spare_team: { capacity: 2 }
      arrivals: [{ flow: f, rate: 0.1/h }]
      flows:
        f:
          start: a
          nodes:
            a: { resource: desk, duration: 30m }
    `;
    expect(diagnose(text)).toEqual([]);
    const found = warningsOf(text);
    expect(found.map((w) => [w.at, w.path])).toEqual([
      [where(text, 'spare_team'), 'resources.spare_team'],
      [where(text, 'weekend'), 'calendars.weekend'],
    ]);
    expect(found[0].message).toMatch(/^team 'spare_team' is used by no task/);
    expect(found[1].message).toMatch(/^calendar 'weekend' is used by no team, arrival stream or task/);
  });

  it('counts a calendar named by an arrival stream or an automated task, and a team named only in a pool', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d }
      calendars:
        office: { days: [mon], hours: "08:00-18:00" }
        batch: { days: [tue], hours: "01:00-02:00" }
      resources:
        desk: { capacity: 2 }
        backup: { capacity: 1 }
      arrivals: [{ flow: f, rate: 0.1/h, calendar: office }]
      flows:
        f:
          start: a
          nodes:
            a: { resource: { any: [desk, backup] }, duration: 30m, next: b }
            b: { duration: 1h, calendar: batch }
    `;
    expect(diagnose(text)).toEqual([]);
    expect(warningsOf(text)).toEqual([]);
  });
});

describe('a team or calendar of the baseline that only a variant uses (s32x finding 5)', () => {
  // the spare team and the night calendar are there for the variant: "remove it" would break it
  const withSpare = (spare: string) => yaml`
    name: t
    run: { horizon: 10d }
    calendars:
      office: { days: [mon], hours: "08:00-18:00" }
      night: { days: [mon], hours: "18:00-23:00" }
    resources:
      desk: { capacity: 2, calendar: office }
      ${spare}
    arrivals: [{ flow: f, rate: 0.1/h }]
    flows:
      f:
        start: a
        nodes:
          a: { resource: desk, duration: 30m }
    variants:
      use_spare:
        patch:
          resources: { spare: { calendar: night } }
          flows: { f: { nodes: { a: { resource: spare } } } }
      also_spare:
        patch: { flows: { f: { nodes: { a: { resource: { any: [desk, spare] } } } } } }
      desk_only:
        patch: { resources: { desk: { capacity: 3 } } }
  `;

  it('is no calendar warning; the team warning names the variants and says the baseline pays for it, never "remove it"', () => {
    const text = withSpare('spare: { capacity: 2, cost_per_hour: 40 }');
    expect(diagnose(text)).toEqual([]);
    const found = warningsOf(text);
    expect(found.map((w) => [w.at, w.path])).toEqual([[where(text, 'spare:'), 'resources.spare']]);
    expect(found[0].message).toBe(
      "team 'spare' is used by no task of the baseline, only by variants 'use_spare', 'also_spare', so in the baseline it serves no case while its staffed cost counts; to keep it out of the baseline, add it in the variants' patches instead",
    );
  });

  it('a team without cost_per_hour: no cost is claimed', () => {
    const found = warningsOf(withSpare('spare: { capacity: 2 }'));
    expect(found.map((w) => w.path)).toEqual(['resources.spare']);
    expect(found[0].message).not.toMatch(/cost|remove/);
    expect(found[0].message).toMatch(/^team 'spare' is used by no task of the baseline, only by variants 'use_spare', 'also_spare'/);
  });

  it('removing them, as the old advice said, makes the scenario invalid', () => {
    const text = withSpare('').replace(/^ {2}night: .*\n/m, '');
    expect(diagnose(text).some((d) => d.path.startsWith('resources.spare'))).toBe(true);
    expect(loadScenarioText(text, 'test.yaml').set).toBeNull();
  });
});
