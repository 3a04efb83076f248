// Vega-Lite specs are unions too deep to walk in a test with their own types: tests read them
// as plain JSON, which is also what gets written to charts/*.vl.json.
import type { Chart } from '../../reports/chart.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export function specJson(chart: Chart | null): Json {
  if (chart === null) throw new Error('expected a chart, got none');
  return JSON.parse(JSON.stringify(chart.spec));
}
