// Teams from resource profiles at sizes where a dense resource x activity table and a
// comparison of every pair of resources did not finish (or ran out of memory): the groups
// against what the profiles say.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { discoverTeams } from '../../engine/discovery/teams.js';
import { readEventLog } from '../../engine/interchange/read-log.js';

const dir = mkdtempSync(join(tmpdir(), 'etomsim-teams-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A log of one event per row: [resource, activity], each its own case, on a weekday morning. */
async function logOf(rows: [string, string][]) {
  const lines = ['case,activity,resource,start,end'];
  rows.forEach(([resource, activity], c) => {
    const day = `2024-01-${String(8 + (c % 5)).padStart(2, '0')}`;
    lines.push(`c${c},${activity},${resource},${day}T09:00:00Z,${day}T09:30:00Z`);
  });
  const path = join(dir, `log-${rows.length}.csv`);
  writeFileSync(path, lines.join('\n'));
  const log = await readEventLog(path, {});
  return { log, start: log.start, included: new Uint8Array(log.size).fill(1) };
}

describe('teams from resource profiles, many resources', () => {
  test('40,000 resources each doing one of 5 activities once: 5 teams, one per activity, 8,000 people each', async () => {
    const activities = ['register', 'check', 'approve', 'ship', 'close'];
    const { log, start, included } = await logOf(Array.from({ length: 40_000 }, (_, i) => [`r${i}`, activities[i % 5]]));
    const { teams, basis } = discoverTeams(log, start, included, 0.05);
    expect(basis).toBe('resource profile');
    expect(teams.map((t) => t.name).sort()).toEqual(activities.map((a) => `${a} team`).sort());
    expect(teams.map((t) => t.members.length)).toEqual([8_000, 8_000, 8_000, 8_000, 8_000]);
  });

  test('5,000 resources each with an activity of its own: 5,000 one-person teams, named after their person', async () => {
    const { log, start, included } = await logOf(Array.from({ length: 5_000 }, (_, i) => [`r${i}`, `a${i}`]));
    const { teams } = discoverTeams(log, start, included, 0.05);
    expect(teams).toHaveLength(5_000);
    expect(teams.every((t, i) => t.name === `r${i}` && t.members.length === 1)).toBe(true);
  });
});

describe('teams from roles', () => {
  // A step whose rows lack the role (a system that fills org:role on some screens only) but name
  // their person: before, no group voted for it, and it was written as an automated step of
  // unlimited capacity though two people did all of it (review s36e).
  test("an entry with a person and no role counts under that person's role: the step is the team's, its people its own", async () => {
    const lines = ['case,activity,resource,role,start,end'];
    for (let c = 0; c < 60; c++) {
      const day = `2024-01-${String(8 + (c % 5)).padStart(2, '0')}`;
      const clerk = c % 2 === 0 ? 'ann' : 'bob';
      const checker = c % 3 === 0 ? 'carl' : 'dana';
      lines.push(`c${c},register,${clerk},desk,${day}T09:00:00Z,${day}T09:10:00Z`);
      lines.push(`c${c},check,${checker},,${day}T09:20:00Z,${day}T09:40:00Z`);
      lines.push(`c${c},approve,${checker},ops,${day}T09:50:00Z,${day}T10:00:00Z`);
    }
    const path = join(dir, 'roles-missing.csv');
    writeFileSync(path, lines.join('\n'));
    const log = await readEventLog(path, {});
    const found = discoverTeams(log, log.start, new Uint8Array(log.size).fill(1), 0.05);
    const teamOf = (activity: string) => {
      const t = found.teamOf[log.activities.indexOf(activity)];
      return t < 0 ? 'automated' : found.teams[t].name;
    };
    expect(['register', 'check', 'approve'].map(teamOf)).toEqual(['desk', 'ops', 'ops']);
    const ops = found.teams.find((t) => t.name === 'ops')!;
    expect(ops.members.map((r) => log.resources[r]).sort()).toEqual(['carl', 'dana']);
    expect(ops.instances).toBe(120);
  });
});

describe("a team's capacity comment", () => {
  // "(1 days)" and "above the 1 people" before (review s36e): the counts agree with their nouns.
  test('one working day, one person: the nouns agree with their counts', async () => {
    const lines = ['case,activity,resource,start,end'];
    // Monday 2024-01-08: ann alone, three of her instances open at once each hour from 09:00
    for (let c = 0; c < 24; c++) {
      const h = 9 + Math.floor(c / 3);
      lines.push(`c${c},serve,ann,2024-01-08T${String(h).padStart(2, '0')}:00:00Z,2024-01-08T${String(h).padStart(2, '0')}:50:00Z`);
    }
    const path = join(dir, 'one-day.csv');
    writeFileSync(path, lines.join('\n'));
    const yaml = writeScenarioYaml(discover(await readEventLog(path, {}), { minShare: 0.05 }), path);
    expect(yaml).toContain('above the 1 person active on a median working day');
    const twoCases = join(dir, 'two-cases.csv');
    writeFileSync(twoCases, [lines[0], lines[1], lines[4]].join('\n'));
    const yaml2 = writeScenarioYaml(discover(await readEventLog(twoCases, {}), { minShare: 0.05 }), twoCases);
    expect(yaml2).toContain('median number of its people active on a working day (1 day)');
  });
});
