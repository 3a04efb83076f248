// The baseline that the scenario tests' variants patch (test/scenario/variants.test.ts,
// test/scenario/usage.test.ts): one text, so that a patch's line and column in one file's
// tests are those in the other's.

/**
 * Two teams, `desk` of 2 on a Monday office calendar and a team of 3 (`techs`), one flow of two
 * tasks a (desk, 30 min) then b (the techs, 1 h), its cases at `rate`; 10 days. 14 lines: a
 * variants section appended starts on line 15.
 */
export function deskAndTechs({ techs = 'techs', rate = '1/h', flow = 'f' } = {}): string {
  return `name: t
run: { horizon: 10d }
calendars:
  office: { days: [mon], hours: "08:00-18:00" }
resources:
  desk: { capacity: 2, calendar: office }
  ${techs}: { capacity: 3 }
arrivals: [{ flow: ${flow}, rate: ${rate} }]
flows:
  ${flow}:
    start: a
    nodes:
      a: { resource: desk, duration: 30m, next: b }
      b: { resource: ${techs}, duration: 1h }
`;
}
