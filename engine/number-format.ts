// Thousands grouping, the one way etomsim groups digits ("1,000,000"): reports/format.ts
// formats every number for people through it (and re-exports it), and the command line's help
// and the simulator's messages use it directly. Dependency-free and without Intl, so that a
// module every command loads (bin/main.ts) can group a number at load: the first Intl number
// format of a process costs 10-15 ms (CONTRIBUTING.md, The bundle).

/** Commas between the groups of three digits of a number's integer part: "-1234567.5" -> "-1,234,567.5" (en-US, as toLocaleString). */
export function groupThousands(text: string): string {
  const point = text.indexOf('.');
  const whole = point < 0 ? text : text.slice(0, point);
  return whole.replace(/\B(?=(\d{3})+$)/g, ',') + (point < 0 ? '' : text.slice(point));
}

/**
 * A whole number grouped in thousands, as toLocaleString('en-US') writes it: 1000000 ->
 * "1,000,000", 1e23 -> "100,000,000,000,000,000,000,000" (the shortest digits that read back as
 * the number, then zeros: String's exponent written out).
 */
export function wholeNumber(n: number): string {
  const text = String(n);
  const e = /^(-?)(\d)(?:\.(\d+))?e\+(\d+)$/.exec(text);
  if (!e) return groupThousands(text);
  const [, sign, first, rest = '', exponent] = e;
  return groupThousands(sign + first + rest.padEnd(Number(exponent), '0'));
}
