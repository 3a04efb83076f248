// The simulated event logs `run --event-log` can write, named once: the command line checks
// the option against this list without loading the writers (engine/interchange/write-event-logs.ts).
export const LOG_FORMATS = ['csv', 'xes', 'ocel', 'ocel-sqlite'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
