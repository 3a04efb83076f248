// Teams from resource profiles at sizes where a dense resource x activity table and a
// comparison of every pair of resources did not finish (or ran out of memory): the groups
// against what the profiles say.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
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
