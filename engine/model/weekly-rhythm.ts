// Whether a model repeats week by week: a team on a calendar or a roster (shifts), or arrivals that
// come by the hours of the week (a profile, or a calendar). Its series then climb and fall within
// each week, so the warm-up check and the instability test read them in whole weeks, lest a shift
// pattern read as a trend, and a window shorter than a week covers only some of its hours. A roster
// is a calendar's capacity written by the hour (a desk open 09:00-17:00 on weekdays is either),
// and judged alike (session 63: the roster's warm-up check read days where the calendar's read weeks).

/** True when some team keeps a calendar or a roster, or some arrival stream has a profile or a calendar. */
export function hasWeeklyRhythm(
  resources: readonly { calendar: number; roster?: unknown }[],
  arrivals: readonly { profile: number[] | null; calendar?: number }[],
): boolean {
  return (
    resources.some((r) => r.calendar >= 0 || (r.roster ?? null) !== null) ||
    arrivals.some((a) => a.profile !== null || (a.calendar ?? -1) >= 0)
  );
}
