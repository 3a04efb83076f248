// Whether a model repeats week by week: a team on a calendar, or arrivals that come by the hours
// of the week (a profile, or a calendar). Its series then climb and fall within each week, so the
// warm-up check and the instability test read them in whole weeks, lest a shift pattern read as a trend.

/** True when some team keeps a calendar or some arrival stream has a profile or a calendar. */
export function hasWeeklyRhythm(
  resources: readonly { calendar: number }[],
  arrivals: readonly { profile: number[] | null; calendar?: number }[],
): boolean {
  return resources.some((r) => r.calendar >= 0) || arrivals.some((a) => a.profile !== null || (a.calendar ?? -1) >= 0);
}
