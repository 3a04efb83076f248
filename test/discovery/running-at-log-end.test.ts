// A log exported while long tasks are under way: etomsim's own XES and OCEL logs write the
// start of each task in progress at the horizon and no complete. Discovery fits a step's
// durations with those instances as lasting at least their age (censored), where leaving them
// out, as it did, fitted the step short: the longer an instance runs, the likelier the export
// cuts it. And a case whose first step is under way arrived: left out, the log's last days
// lost their arrivals (297 of 493 here: a rate 25% low, and a weekday profile falling to the end).
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { fitDuration } from '../../engine/discovery/fit.js';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { writeEventLogs } from '../../engine/interchange/write-event-logs.js';
import { distMean } from '../../engine/random/distributions.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { scratchFolders } from '../support/scratch.js';

const dir = scratchFolders('etomsim-running-')();

// Surveys of 3 days on average (sd 1.5) by a team that is never short: a survey's duration is
// its work alone. 60 cases a day over 8 days: about 180 of 480 surveys are under way at the end.
// Over 20 seeds (one-off, the same design): the censored fit's mean 0.999 +- 0.018 of the
// truth, the completed ones' alone 0.859 +- 0.013.
const SCENARIO = `name: Surveys
run: { horizon: 8d, replications: 1, start: "2026-01-05T00:00:00Z" }
resources:
  surveyors: { capacity: 1000 }
arrivals: [ { flow: site, rate: 60/d } ]
flows:
  site:
    start: survey
    nodes:
      survey: { resource: surveyors, duration: { lognormal: { mean: 3d, sd: 1.5d } }, next: report }
      report: { resource: surveyors, duration: { exponential: { mean: 1h } } }
`;

test.each(['xes', 'ocel'] as const)(
  "%s: the surveys under way at the log's end are fitted as censored: the mean found within sampling error, where without them it was short",
  async (format) => {
    const scenario = loadScenarioText(SCENARIO, 's.yaml').set!.baseline;
    const files = await writeEventLogs({
      variants: [{ name: 'baseline', scenario }],
      formats: [format],
      replications: 1,
      seed: 11,
      target: (name) => join(dir, `${format}-${name.replace('events/', '')}`),
    });
    const log = await readEventLog(join(dir, `${format}-${files[0].replace('events/', '')}`));
    const found = discover(log, { minShare: 0.05 });
    const survey = found.activities.find((a) => a.name === 'survey')!;
    const hours = 72;
    expect(survey.duration.censored).toBeGreaterThan(100);
    expect(Math.abs(distMean(survey.duration.dist) / hours - 1)).toBeLessThan(0.06); // over 3 sd of the seeds' spread
    // reports under way at the end too: the note counts every step's
    const report = found.activities.find((a) => a.name === 'report')!;
    expect(found.notes).toContainEqual(
      expect.objectContaining({
        kind: "instances still running at the log's end",
        count: survey.duration.censored + report.duration.censored,
      }),
    );
    // the completed surveys alone: what discovery fitted before
    const done: number[] = [];
    for (let e = 0; e < log.size; e++)
      if (log.activities[log.activityOf[e]] === 'survey') done.push((log.end[e] - log.start[e]) / 3_600_000);
    expect(distMean(fitDuration(done).dist) / hours).toBeLessThan(0.92);
    // the cases seen only as a survey under way arrived too: 60 a day, 420 a week (480 arrivals: Poisson sd 4.6%)
    const arrivals = found.flows[0].arrivals;
    expect(arrivals.cases).toBeGreaterThan(log.cases.length + 100);
    expect(Math.abs(arrivals.meanPerWeek / 420 - 1)).toBeLessThan(0.15);
    expect(arrivals.profileTests.days.kept).toBe(false); // no weekday falling off towards the log's end
    // and the scenario says so beside the fit
    expect(writeScenarioYaml(found, 'log')).toContain(
      `and ${survey.duration.censored} still running at the log's end (censored: at least their age)`,
    );
  },
);
