// Instants and calendar dates of the campaign log (FORMATS.md "Envelope").
// Parsed by hand: Date.parse accepts forms the format forbids (no offset, a
// space for the T, years beyond 9999), and the log must be read the same way
// everywhere the engine runs.

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= (m === 2 && isLeapYear(y) ? 29 : DAYS[m - 1]);
}

/** Epoch milliseconds of an ISO-8601 instant with an offset or Z, or NaN if it is not one. */
export function parseInstant(text: string): number {
  const m = INSTANT.exec(text);
  if (m === null) return NaN;
  const y = +m[1], mo = +m[2], d = +m[3], h = +m[4], mi = +m[5];
  const s = m[6] === undefined ? 0 : +m[6];
  const ms = m[7] === undefined ? 0 : Math.floor(+(m[7] + '00').slice(0, 3));
  if (!isValidDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return NaN;
  let offset = 0;
  if (m[8] === undefined) {
    const oh = +m[10], om = +m[11];
    if (oh > 23 || om > 59) return NaN;
    offset = (oh * 60 + om) * 60_000 * (m[9] === '-' ? -1 : 1);
  }
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset;
}

/** A `YYYY-MM-DD` calendar date as the sortable number YYYYMMDD, or NaN. */
export function parseDateKey(text: string): number {
  const m = DATE.exec(text);
  if (m === null) return NaN;
  const y = +m[1], mo = +m[2], d = +m[3];
  return isValidDate(y, mo, d) ? y * 10_000 + mo * 100 + d : NaN;
}
