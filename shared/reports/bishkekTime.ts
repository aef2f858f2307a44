// Times in reports are Asia/Bishkek wall time (UTC+06:00, no daylight saving
// since 2005). Excel cells carry no time zone: a cell shows the UTC fields of
// the Date it was given, so a Bishkek wall-clock cell is the instant moved
// forward by six hours.
import { parseDateKey, parseInstant } from '../log/instant';

export const BISHKEK_OFFSET_MS = 6 * 3_600_000;

/** The Date whose UTC fields are the Bishkek wall time of `instant`; null if it is not an instant. */
export function bishkekWallClock(instant: string): Date | null {
  const ms = parseInstant(instant);
  return Number.isNaN(ms) ? null : new Date(ms + BISHKEK_OFFSET_MS);
}

/** The Bishkek calendar day (`YYYY-MM-DD`) of an instant. */
export function bishkekDay(instant: string): string {
  const ms = parseInstant(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${instant}`);
  return new Date(ms + BISHKEK_OFFSET_MS).toISOString().slice(0, 10);
}

/** A `YYYY-MM-DD` date as a midnight-UTC Date (a plain date cell); null if malformed. */
export function calendarDate(date: string): Date | null {
  if (Number.isNaN(parseDateKey(date))) return null;
  return new Date(`${date}T00:00:00Z`);
}

/** An epoch-ms instant written as Bishkek wall time with its offset, e.g. for "generated at". */
export function formatBishkekInstant(ms: number): string {
  return new Date(ms + BISHKEK_OFFSET_MS).toISOString().slice(0, 19) + '+06:00';
}
