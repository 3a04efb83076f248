import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { scenarioWarnings } from '../../engine/scenario/warnings.js';
import { deskAndTechs } from '../support/desk-and-techs.js';
import { diagnose, onlyProblem, where, yaml } from './diagnose.js';

/** test/support/desk-and-techs.ts' baseline (14 lines). */
const BASE = deskAndTechs();

describe('variants', () => {
  it('applies each patch to the baseline and validates the result as a whole scenario', () => {
    const text =
      BASE +
      yaml`
        variants:
          more_techs:
            description: two more technicians
            patch: { resources: { techs: { capacity: 5 } } }
          automated:
            patch:
              flows: { f: { nodes: { a: { resource: null, duration: 2m } } } }
              arrivals: [{ flow: f, rate: 2/h }]
      `;
    const { set, diagnostics } = loadScenarioText(text, 't.yaml');
    expect(diagnostics).toEqual([]);
    expect(set!.baseline.resources.find((r) => r.name === 'techs')!.capacity).toBe(3);
    expect(set!.variants.map((v) => [v.name, v.description])).toEqual([
      ['more_techs', 'two more technicians'],
      ['automated', null],
    ]);
    const [moreTechs, automated] = set!.variants.map((v) => v.scenario);
    expect(moreTechs.resources).toEqual([
      { name: 'desk', capacity: 2, costPerHour: 0, costGiven: false, calendar: 'office' },
      { name: 'techs', capacity: 5, costPerHour: 0, costGiven: false, calendar: null },
    ]);
    expect(moreTechs.flows).toEqual(set!.baseline.flows);
    expect(automated.flows[0].nodes[0]).toEqual({
      kind: 'task',
      name: 'a',
      etom: null,
      duration: { kind: 'constant', value: 2 / 60 },
      resource: null,
      next: 'b',
    });
    expect(automated.arrivals[0].interarrival).toEqual({ kind: 'exponential', mean: 0.5 });
  });

  it("reports a patched value that is wrong at the patch's own line, with the scenario path", () => {
    const text =
      BASE +
      yaml`
        variants:
          fewer:
            patch:
              resources:
                techs:
                  capacity: 1.5
      `;
    expect(onlyProblem(text)).toEqual({
      at: where(text, '1.5'), // line 20
      path: 'resources.techs.capacity',
      message: "variant 'fewer': capacity (people or units in the team) must be a whole number of 0 or more; found 1.5",
    });
  });

  it("a patch swapping a shifted kind for a uniform: each key of the baseline's it keeps is named, with the null that deletes it", () => {
    const shifted = BASE.replace(
      'b: { resource: techs, duration: 1h }',
      'b: { resource: techs, duration: { exponential: { mean: 1h }, shift: 10m } }',
    );
    const swap = (duration: string) =>
      shifted +
      yaml`
        variants:
          fixed:
            patch: { flows: { f: { nodes: { b: { duration: ${duration} } } } } }
      `;
    const both = swap('{ uniform: { min: 1h, max: 2h } }');
    expect(onlyProblem(both)).toEqual({
      at: where(both, '{ uniform'),
      path: 'flows.f.nodes.b.duration',
      message:
        "variant 'fixed': the duration of task 'b' must name exactly one distribution kind; found 'exponential' and 'uniform'. Write a duration such as 30m for a constant, or one kind with its parameters, like { exponential: { mean: 2h } }; 'exponential' and 'shift' are the baseline's, kept because a patch merges maps: to delete them, write exponential: null, shift: null in the patch's 'duration'",
    });
    // a kind that takes a shift keeps the baseline's, as a merge does: only the old kind is in the way
    expect(onlyProblem(swap('{ lognormal: { mean: 1h, sd: 30m } }')).message).toMatch(
      /; 'exponential' is the baseline's, kept because a patch merges maps: to delete it, write exponential: null in the patch's 'duration'$/,
    );
    const shift = swap('{ exponential: null, uniform: { min: 1h, max: 2h } }');
    expect(onlyProblem(shift)).toEqual({
      at: where(shift, 'duration: {', 2),
      path: 'flows.f.nodes.b.duration.shift',
      message:
        "variant 'fixed': a shift moves up the draws of the families that start at 0 (exponential, lognormal, gamma, erlang, weibull), like { exponential: { mean: 2h }, shift: 30m }; a uniform takes none: add it to its min and max; 'shift' is the baseline's, kept because a patch merges maps: to delete it, write shift: null in the patch's 'duration'",
    });
    expect(diagnose(swap('{ exponential: null, shift: null, uniform: { min: 1h, max: 2h } }'))).toEqual([]);
    // a shift the patch writes itself is its own: told as in a baseline, with nothing about keeping
    const own = swap('{ exponential: null, shift: 5m, uniform: { min: 1h, max: 2h } }');
    expect(onlyProblem(own).message).toMatch(/a uniform takes none: add it to its min and max$/);
  });

  it('names the node a patch meant when it misspells one: the misspelt key adds a node nothing reaches', () => {
    const text =
      BASE.replaceAll('a: {', 'capture: {').replace('start: a', 'start: capture') +
      yaml`
        variants:
          automated:
            patch:
              flows:
                f:
                  nodes:
                    captre: { resource: null, duration: 2m }
      `;
    expect(onlyProblem(text)).toEqual({
      at: where(text, 'captre:'),
      path: 'flows.f.nodes.captre',
      message:
        "variant 'automated': node 'captre' is never reached from start 'capture'; lead to it with next, branch or parallel, or remove it; did you mean 'capture'?",
    });
  });

  it('places a problem the patch causes elsewhere at the deepest part of the path the patch writes', () => {
    // Deleting the calendar breaks the desk, which the patch does not mention: the problem
    // is shown at the patch's `resources` key, the deepest part of its path in the patch.
    const text =
      BASE +
      yaml`
        variants:
          no_office:
            patch:
              calendars: { office: null }
              resources: { techs: { capacity: 4 } }
      `;
    expect(onlyProblem(text)).toEqual({
      at: where(text, 'resources: { techs'),
      path: 'resources.desk.calendar',
      message: "variant 'no_office': calendar 'office' is not defined under calendars (there is no calendar yet)",
    });
  });

  it("falls back to the baseline's position when the patch writes nothing of the path", () => {
    const text =
      BASE +
      yaml`
        variants:
          no_office:
            patch: { calendars: { office: null } }
      `;
    expect(onlyProblem(text)).toEqual({
      at: where(text, 'office }'),
      path: 'resources.desk.calendar',
      message: expect.stringMatching(/^variant 'no_office': calendar 'office' is not defined/),
    });
  });

  it('reports a problem of the baseline once, not again for every variant', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d, seed: 1.5 }
      resources: {}
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { duration: 1h } } } }
      variants:
        v1: { patch: { name: t1 } }
        v2: { patch: { run: { horizon: 0 } } }
    `;
    expect(diagnose(text)).toEqual([
      { at: where(text, '1.5'), path: 'run.seed', message: 'seed must be a whole number; found 1.5' },
      { at: where(text, '0 } } }'), path: 'run.horizon', message: "variant 'v2': horizon must be longer than 0; found 0" },
    ]);
  });

  it("tells a baseline problem once though a variant's words for it differ, and a variant's own at that place from its patch", () => {
    // the README's worked example: a misspelt team in the baseline, and a variant that removes another
    // team, whose "known:" list then differs; it was told twice, the second time at the variant's patch
    const text = yaml`
      name: t
      run: { horizon: 10d }
      resources: { desk: { capacity: 1 }, techs: { capacity: 1 } }
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { resource: desk, duration: 1h, next: b }, b: { resource: tehcs, duration: 1h } } } }
      variants:
        no_desk: { patch: { resources: { desk: null }, flows: { f: { nodes: { a: { resource: null } } } } } }
        own: { patch: { flows: { f: { nodes: { b: { resource: tecs } } } } } }
    `;
    expect(diagnose(text)).toEqual([
      {
        at: where(text, 'tehcs'),
        path: 'flows.f.nodes.b.resource',
        message: "resource 'tehcs' is not defined under resources; did you mean 'techs'? (known: desk, techs)",
      },
      {
        at: where(text, 'tecs'),
        path: 'flows.f.nodes.b.resource',
        message: "variant 'own': resource 'tecs' is not defined under resources; did you mean 'techs'? (known: desk, techs)",
      },
    ]);
  });

  it('tells a baseline problem once though the variant patches a field under its place', () => {
    // node x is never reached in the baseline and in the variant alike: the variant's patch of x's
    // duration writes under x's place, but the problem, word for word the baseline's, is not its own
    const text = yaml`
      name: t
      run: { horizon: 10d }
      resources: { desk: { capacity: 1 } }
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { resource: desk, duration: 1h }, x: { resource: desk, duration: 1h } } } }
      variants:
        faster: { patch: { flows: { f: { nodes: { x: { duration: 30m } } } } } }
    `;
    const told = diagnose(text);
    expect(told.map((d) => d.path)).toEqual(['flows.f.nodes.x']);
    expect(told[0].message).toMatch(/^node 'x' is never reached/);
  });

  it("reserves the name 'baseline', checks variant names, and refuses a patch of variants", () => {
    const text =
      BASE +
      yaml`
        variants:
          baseline: { patch: {} }
          two words: { patch: {} }
          nested: { patch: { variants: { x: { patch: {} } } } }
          empty: { description: no patch }
      `;
    expect(diagnose(text)).toEqual([
      {
        at: '16:3',
        path: 'variants.baseline',
        message: "'baseline' is the name of the scenario without changes; give this variant another name",
      },
      { at: '17:3', path: 'variants.two words', message: expect.stringMatching(/^variant name 'two words' is not allowed/) },
      {
        at: '18:22',
        path: 'variants.nested.patch.variants',
        message: 'a patch cannot change variants: each variant is a change of the baseline alone',
      },
      { at: '19:10', path: 'variants.empty.patch', message: expect.stringMatching(/^variant 'empty' needs a patch/) },
    ]);
  });

  it("refuses 'baseline' in any other case: its files and rows would differ from the baseline's by case alone", () => {
    for (const name of ['Baseline', 'BASELINE']) {
      const text =
        BASE +
        yaml`
        variants:
          ${name}: { patch: {} }
      `;
      expect(diagnose(text)).toEqual([
        {
          at: '16:3',
          path: `variants.${name}`,
          message: `variant '${name}' differs from the reserved 'baseline' (the scenario without changes) only in case: its files and rows could not be told from the baseline's; give this variant another name`,
        },
      ]);
    }
  });

  it('locates a path for a variant inside its patch, else in the baseline', () => {
    const text =
      BASE +
      yaml`
        variants:
          v:
            patch:
              resources: { techs: { capacity: 5 } }
      `;
    const { locate } = loadScenarioText(text, 't.yaml');
    expect(locate('resources.techs.capacity', 'v')).toEqual({ line: 18, col: 29 });
    expect(locate('resources.techs.capacity', null)).toEqual({ line: 7, col: 12 });
    expect(locate('resources.techs.capacity')).toEqual({ line: 7, col: 12 });
    expect(locate('resources.desk.capacity', 'v')).toEqual({ line: 18, col: 7 });
    expect(locate('flows.f.nodes.b', 'v')).toEqual({ line: 14, col: 7 });
    expect(locate('flows.f.nodes.b', 'unknown_variant')).toEqual({ line: 14, col: 7 });
  });
});

describe('the names a patch aims at, resolved against the baseline', () => {
  const BASE_FLOWS = deskAndTechs({ flow: 'order_handling' });

  it('a misspelt flow that steps are added to: its name and the one meant, every other problem of the patch at once', () => {
    const text =
      BASE_FLOWS +
      yaml`
        variants:
          faster:
            patch:
              flows:
                ordr_handling:
                  nodes:
                    c: { resource: desk, duration: 10m }
              calendars: { office: { hours: "08:00-20:00", dayz: [mon] } }
      `;
    expect(diagnose(text)).toEqual([
      {
        at: where(text, 'ordr_handling:'),
        path: 'flows.ordr_handling',
        message:
          "variant 'faster': flow 'ordr_handling' is not a flow of the baseline, so this patch adds it, and no arrival stream feeds it: it would run no case; did you mean 'order_handling'?",
      },
      {
        at: where(text, 'dayz'),
        path: 'calendars.office.dayz',
        message: "variant 'faster': unknown key 'dayz'; expected one of days, hours, description; did you mean 'days'?",
      },
    ]);
    // no "needs a start" for the misspelt flow: its name is the problem
    expect(diagnose(text).some((d) => d.message.includes('needs a start'))).toBe(false);
  });

  it('a flow the patch adds with an arrival stream is a new flow, accepted; without one, and far from any name, told how to add one', () => {
    const flow = '{ start: x, nodes: { x: { resource: desk, duration: 1h } } }';
    const fed = `${BASE_FLOWS}variants:\n  repairs:\n    patch:\n      flows: { repair: ${flow} }\n      arrivals: [{ flow: order_handling, rate: 1/h }, { flow: repair, rate: 0.5/h }]\n`;
    expect(diagnose(fed)).toEqual([]);
    const unfed = `${BASE_FLOWS}variants:\n  repairs:\n    patch:\n      flows: { repair: ${flow} }\n`;
    expect(diagnose(unfed)).toEqual([
      {
        at: where(unfed, 'repair:'),
        path: 'flows.repair',
        message:
          "variant 'repairs': flow 'repair' is not a flow of the baseline, so this patch adds it, and no arrival stream feeds it: it would run no case; to add a flow, also give it an arrival stream in arrivals",
      },
    ]);
  });

  it('a flow, node, team or calendar the patch deletes that the baseline lacks: it deletes nothing, said with the name meant', () => {
    const text =
      BASE_FLOWS +
      yaml`
        variants:
          leaner:
            patch:
              flows:
                order_handlin: null
                order_handling: { nodes: { bb: null } }
              resources: { desks: null }
              calendars: { ofice: null }
      `;
    const message = (what: string, name: string, meant: string) =>
      `variant 'leaner': the patch deletes ${what} '${name}', which the baseline does not have: it deletes nothing; did you mean '${meant}'?`;
    expect(diagnose(text)).toEqual([
      { at: where(text, 'order_handlin:'), path: 'flows.order_handlin', message: message('flow', 'order_handlin', 'order_handling') },
      {
        at: where(text, 'bb:'),
        path: 'flows.order_handling.nodes.bb',
        // no did-you-mean: a name of one or two letters is meant only as written (suggest.ts)
        message:
          "variant 'leaner': the patch deletes node 'bb' of flow 'order_handling', which the baseline does not have: it deletes nothing",
      },
      { at: where(text, 'desks:'), path: 'resources.desks', message: message('team', 'desks', 'desk') },
      { at: where(text, 'ofice:'), path: 'calendars.ofice', message: message('calendar', 'ofice', 'office') },
    ]);
  });
});

describe('what a patch cannot change: currency, time_unit (refused), name (warned of)', () => {
  it('refuses currency and time_unit in a patch, each at its key, with every other problem at once', () => {
    const text =
      BASE +
      yaml`
        variants:
          euro:
            patch: { currency: EUR, time_unit: minutes, resources: { techs: { capacity: 5 } } }
      `;
    expect(diagnose(text)).toEqual([
      {
        at: where(text, 'currency'),
        path: 'variants.euro.patch.currency',
        message: "a patch cannot change currency: every cost of a run is added up and compared in the baseline's one currency",
      },
      {
        at: where(text, 'time_unit'),
        path: 'variants.euro.patch.time_unit',
        message:
          'a patch cannot change time_unit: it would re-read every bare number of the baseline (durations, horizon, SLAs) in the new unit; write the changed durations with their units (45m, 2h) instead',
      },
    ]);
  });

  it('warns of a name in a patch, at it; none for a patch without one', () => {
    const named =
      BASE +
      yaml`
        variants:
          renamed:
            patch: { name: Redesign, resources: { techs: { capacity: 5 } } }
      `;
    const loaded = loadScenarioText(named, 'test.yaml');
    expect(loaded.diagnostics).toEqual([]);
    // (the baseline's desk is overloaded, a warning of its own in each: left aside)
    const nameWarnings = (text: string) => scenarioWarnings(loadScenarioText(text, 'test.yaml')).filter((d) => d.path === 'name');
    expect(nameWarnings(named).map((d) => [`${d.line}:${d.col}`, d.path, d.message])).toEqual([
      [
        where(named, 'name: Redesign'),
        'name',
        "variant 'renamed': a patch's name is not used: the run, its files and its reports carry the scenario's name; say what the variant is in its description",
      ],
    ]);
    const plain =
      BASE +
      yaml`
        variants:
          more: { patch: { resources: { techs: { capacity: 5 } } } }
      `;
    expect(nameWarnings(plain)).toEqual([]);
  });
});
