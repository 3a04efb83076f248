// A bound on the work bpmn-moddle spends placing what it cannot read. For each element, text or
// duplicate id it cannot read it finds the line and column by counting the lines of the file from
// its start (saxen's getParseContext), so the time grows with the number of such places times
// their lines: 32,000 unknown elements inside one <documentation> took 5.7-15.8 CPU s (loaded
// hosts), 100,000 about a minute, and a busy process does not even see SIGTERM. Invariant: the
// parse stops (its promise rejects with WarningsPast) at the first place past the budget; below
// it nothing changes.
// Counting the places in a pass of our own would mean copying bpmn-moddle's schema and rules
// (unknown names, misplaced elements, duplicate ids, text where none is read); instead the
// reader's own warnings are counted as it adds them.

/** A warning of bpmn-moddle; one of an unresolved reference names the element that holds it, its property and the id it names. */
export interface ModdleWarning {
  message: string;
  element?: { id?: string; $type: string; [key: string]: unknown };
  property?: string;
  value?: unknown;
}

/** How many placed warnings a parse may add, and how many lines in all may be counted to place them (the first one's always). */
export interface WarningBudget {
  warnings: number;
  lines: number;
}

/**
 * 1,000 places (a real model has a handful) or 2,000,000 lines counted (a place on line L
 * costs L): either is met in well under a second (one-off: a place on line 20,000,000 took 2.4 CPU s).
 */
export const WARNING_BUDGET: WarningBudget = { warnings: 1_000, lines: 2_000_000 };

/** The parse stopped at `last`, past the budget; `warnings` are those placed before it. */
export class WarningsPast extends Error {
  constructor(
    readonly warnings: ModdleWarning[],
    readonly last: ModdleWarning,
    readonly budget: WarningBudget,
  ) {
    super(last.message);
  }
}

interface Context {
  warnings: ModdleWarning[];
  addWarning(w: ModdleWarning): void;
}

/**
 * Options for BpmnModdle.fromXML (handed on to moddle-xml's Reader, which copies them onto
 * itself): its `handler` makes the root handler, and moddle-xml hands that handler the parse's
 * context before parsing, where addWarning is replaced by one that counts. A throw from it leaves
 * the parser (moddle-xml catches what the handlers throw, not what it throws itself while
 * recording a warning) and rejects the parse.
 */
export function budgetedReader(budget: WarningBudget = WARNING_BUDGET): object {
  return {
    handler(this: object, name: string) {
      const root = (Object.getPrototypeOf(this) as { handler(this: object, name: string): object }).handler.call(this, name);
      let context: Context | undefined;
      Object.defineProperty(root, 'context', {
        configurable: true,
        enumerable: true,
        get: () => context,
        set: (c: Context) => {
          context = c;
          let placed = 0;
          let lines = 0;
          c.addWarning = (w: ModdleWarning) => {
            const line = /\bline: (\d+)/.exec(w.message);
            if (line) {
              placed += 1;
              lines += Number(line[1]) + 1;
              // the first one is placed whatever it costs: a file is never refused for one place alone
              if (placed > budget.warnings || (placed > 1 && lines > budget.lines)) throw new WarningsPast(c.warnings.slice(), w, budget);
            }
            c.warnings.push(w);
          };
        },
      });
      return root;
    },
  };
}
