// Which teams and calendars a scenario uses: a team when a task names it (alone or in a skill
// pool), a calendar when a team, an arrival stream or an automated task names it. A name that
// nothing uses serves no case (a team's staffed cost still counts): in the baseline a spare team is kept on purpose (a validate
// warning, warnings.ts); one that a variant's patch adds is almost always a misspelt name of
// the baseline's (`field_tech` for `field_techs`), and would show the redesign as "no change",
// so it is refused (load.ts), with a did-you-mean to the baseline's names.

import { isPlainMap } from './fields.js';
import type { Problems } from './problems.js';
import { didYouMean } from './suggest.js';
import type { Scenario } from './types.js';

/**
 * A team no task uses and a calendar nothing keeps hours by, in the words of every message that
 * says so: the baseline's warning (warnings.ts: "team 'spare' is USED...; name it ..., or remove
 * it") and a patch's refusal (checkAddedNames: "... so this patch adds it, and is USED..."), which
 * said it in two wordings ("it would serve no case, adding only its staffed cost").
 */
export const UNUSED_TEAM = 'used by no task, so it serves no case (only its staffed cost counts)';
export const UNUSED_CALENDAR = 'used by no team, arrival stream or task, so it changes no result';

/** The teams some task of the scenario may be served by. */
export function teamsUsed(scenario: Scenario): Set<string> {
  const used = new Set<string>();
  for (const flow of scenario.flows) {
    for (const node of flow.nodes) {
      if (node.kind !== 'task') continue;
      if (node.resource !== null) used.add(node.resource);
      for (const team of node.pool ?? []) used.add(team);
    }
  }
  return used;
}

/** The calendars some team, arrival stream or automated task of the scenario keeps hours by, or an sla counts working days of. */
export function calendarsUsed(scenario: Scenario): Set<string> {
  const used = new Set<string>();
  for (const r of scenario.resources) if (r.calendar) used.add(r.calendar);
  for (const a of scenario.arrivals) if (a.calendar) used.add(a.calendar);
  for (const flow of scenario.flows) {
    for (const node of flow.nodes) if (node.kind === 'task' && node.calendar) used.add(node.calendar);
    // an sla in working days counts that calendar's open days (etomsim addition)
    for (const owner of [flow, ...flow.kpis]) if (owner.slaWorkingDays) used.add(owner.slaWorkingDays.calendar);
  }
  return used;
}

/** The names of `section` in a plain document (the baseline's, before any patch). */
function namesIn(doc: unknown, section: 'resources' | 'calendars'): string[] {
  return isPlainMap(doc) && isPlainMap(doc[section]) ? Object.keys(doc[section]) : [];
}

/**
 * A team or calendar that a variant's patch adds (the baseline document has no such name) and
 * that nothing of the patched scenario uses: reported at the name in the patch.
 */
export function checkAddedNames(baselineDoc: unknown, variant: Scenario, problems: Problems): void {
  const teams = namesIn(baselineDoc, 'resources');
  const usedTeams = teamsUsed(variant);
  for (const { name } of variant.resources) {
    if (teams.includes(name) || usedTeams.has(name)) continue;
    problems.atKey(
      ['resources', name],
      `team '${name}' is not a team of the baseline, so this patch adds it, and is ${UNUSED_TEAM}${didYouMean(name, teams) || "; to add a team, also name it in a task's resource"}`,
    );
  }
  const calendars = namesIn(baselineDoc, 'calendars');
  const usedCalendars = calendarsUsed(variant);
  for (const { name } of variant.calendars) {
    if (calendars.includes(name) || usedCalendars.has(name)) continue;
    problems.atKey(
      ['calendars', name],
      `calendar '${name}' is not a calendar of the baseline, so this patch adds it, and is ${UNUSED_CALENDAR}${didYouMean(name, calendars) || "; to add a calendar, also name it in a team's calendar"}`,
    );
  }
}
