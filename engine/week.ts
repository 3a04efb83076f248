// The week's length in hours, the one definition: calendars and rosters repeat weekly, the
// typical week's recorder has a slot per hour of it, and the warm-up check batches by whole
// weeks. Time 0 is a Monday at 00:00 (engine/scenario/run-start.ts). A module of this constant
// alone, so that the scenario layer, which `validate` loads, and the simulation, which it must
// not (test/bin/lazy-loading.test.ts), import the same one.

export const HOURS_PER_WEEK = 168;
