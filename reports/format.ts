// Numbers for people: about three significant digits, shares as percentages.

/** 1234.5 -> "1,235", 33.01 -> "33.0", 0.4152 -> "0.42"; never "-0.00" for a value that rounds to zero */
export function num(x: number): string {
  const size = Math.abs(x);
  const digits = size >= 100 ? 0 : size >= 10 ? 1 : 2;
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'negative' });
}

/** 0.953 -> "95.3%" */
export function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** A change in percent, signed unless it rounds to zero: -25.1 -> "-25.1%", 3 -> "+3.0%" */
export function signedPct(percent: number): string {
  const text = percent.toFixed(1);
  if (Number(text) === 0) return '0.0%';
  return percent > 0 ? `+${text}%` : `${text}%`;
}

/** Chart data to four significant digits: finer differences cannot be seen, and files stay small. */
export function round(x: number): number {
  return Number(x.toPrecision(4));
}
