// The exit codes of results-format.md: 2 for invalid input (scenario or options), 1 for an
// internal failure. A UsageError carries a message for a person; anything else is a bug.

export const EXIT = { ok: 0, internal: 1, invalid: 2, unmet: 3, interrupted: 130 } as const;

export class UsageError extends Error {}

/** A scenario with errors: its problems are printed already, one line each; the command exits 2. */
export class InvalidScenario extends Error {}
