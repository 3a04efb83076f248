// The --timezone value of discover and fidelity: the zone of a log's timestamps written without an
// offset, and the wall clock of those with one (timestamps.ts). An IANA name or UTC as typed; a
// fixed offset of whole hours (+01:00, -05) as its Etc zone (Etc/GMT-1 is UTC+01:00: the POSIX sign
// is reversed), which Intl takes where it refuses '+01:00'; otherwise why not, with the name likely
// meant among the runtime's zones (Intl.supportedValuesOf), as every other name typed gets.
import { didYouMean } from '../scenario/suggest.js';
import { knownZone } from './timestamps.js';

export function timeZoneOption(text: string): { zone: string } | { error: string } {
  if (knownZone(text)) return { zone: text };
  const offset = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text.trim());
  if (offset) {
    const hours = Number(offset[2]);
    const minutes = Number(offset[3] ?? '0');
    const east = offset[1] === '+';
    if (minutes === 0 && hours <= (east ? 14 : 12)) return { zone: hours === 0 ? 'UTC' : `Etc/GMT${east ? '-' : '+'}${hours}` };
    return {
      error: `takes a fixed offset in whole hours (+01:00, -05:00) or an IANA name (got '${text}'): for an offset with minutes, give the IANA zone that keeps it, e.g. Asia/Kolkata for +05:30`,
    };
  }
  const zones = [...Intl.supportedValuesOf('timeZone'), 'UTC'];
  return {
    error: `takes an IANA time zone such as Europe/Paris, UTC, or a fixed offset in whole hours such as +01:00 (got '${text}')${didYouMean(text, zones)}`,
  };
}
