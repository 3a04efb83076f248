// The scenario's `currency`: an ISO 4217 code that labels every cost in the reports. Costs are
// whatever unit `cost_per_hour` was written in; the code only names it, so a report never
// shows "136,800" without saying of what. Codes come from the ICU data Node ships.
import { describeValue, given, type PlainMap } from './fields.js';
import type { Problems } from './problems.js';
import { didYouMean } from './suggest.js';

let codes: string[] | undefined;

/** The ISO 4217 codes this Node knows (about 160, from ICU). */
export function currencyCodes(): string[] {
  codes ??= Intl.supportedValuesOf('currency');
  return codes;
}

/** The code, upper case as written; null when the scenario names none. */
export function readCurrency(doc: PlainMap, problems: Problems): string | null {
  if (!given(doc, 'currency')) return null;
  const raw = doc.currency;
  if (typeof raw === 'string' && currencyCodes().includes(raw)) return raw;
  const upper = typeof raw === 'string' ? raw.toUpperCase() : '';
  const hint =
    upper !== raw && currencyCodes().includes(upper)
      ? `; did you mean '${upper}'?`
      : typeof raw === 'string'
        ? didYouMean(upper, currencyCodes())
        : '';
  problems.atValue(['currency'], `currency must be an ISO 4217 code in capitals, like EUR, GBP or USD; found ${describeValue(raw)}${hint}`);
  return null;
}
