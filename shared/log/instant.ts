// Instants and calendar dates of the campaign log (FORMATS.md "Envelope").
// Parsed by hand: Date.parse accepts forms the format forbids (no offset, a
// space for the T, years beyond 9999), and the log must be read the same way
// everywhere the engine runs.

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;
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
  // Every event is parsed twice (validated, then applied) and a republic's log
  // has 400k of them: remember the last answer, and read the common form
  // `YYYY-MM-DDTHH:MM:SS(.mmm)+HH:MM` by hand before falling back to the regex.
  if (text === lastText) return lastValue;
  const value = parseFast(text) ?? parseSlow(text);
  lastText = text;
  lastValue = value;
  return value;
}

let lastText = '';
let lastValue = NaN;

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function parseFast(s: string): number | undefined {
  const len = s.length;
  if (
    (len !== 25 && len !== 29) ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84
  )
    return undefined;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  let ms = 0;
  let o = 19;
  if (len === 29) {
    if (s.charCodeAt(19) !== 46) return undefined;
    ms = digits(s, 20, 3);
    o = 23;
  }
  const sign = s.charCodeAt(o);
  if ((sign !== 43 && sign !== 45) || s.charCodeAt(o + 3) !== 58) return undefined;
  const y = digits(s, 0, 4),
    mo = digits(s, 5, 2),
    d = digits(s, 8, 2),
    h = digits(s, 11, 2),
    mi = digits(s, 14, 2),
    sec = digits(s, 17, 2);
  const oh = digits(s, o + 1, 2),
    om = digits(s, o + 4, 2);
  if ((y | mo | d | h | mi | sec | ms | oh | om) < 0) return undefined;
  if (!isValidDate(y, mo, d) || h > 23 || mi > 59 || sec > 59 || oh > 23 || om > 59) return NaN;
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms) - (oh * 60 + om) * 60_000 * (sign === 45 ? -1 : 1);
}

function parseSlow(text: string): number {
  const m = INSTANT.exec(text);
  if (m === null) return NaN;
  const y = +m[1],
    mo = +m[2],
    d = +m[3],
    h = +m[4],
    mi = +m[5];
  const s = m[6] === undefined ? 0 : +m[6];
  const ms = m[7] === undefined ? 0 : Math.floor(+(m[7] + '00').slice(0, 3));
  if (!isValidDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return NaN;
  let offset = 0;
  if (m[8] === undefined) {
    const oh = +m[10],
      om = +m[11];
    if (oh > 23 || om > 59) return NaN;
    offset = (oh * 60 + om) * 60_000 * (m[9] === '-' ? -1 : 1);
  }
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset;
}

/** A `YYYY-MM-DD` calendar date as the sortable number YYYYMMDD, or NaN. */
export function parseDateKey(text: string): number {
  const m = DATE.exec(text);
  if (m === null) return NaN;
  const y = +m[1],
    mo = +m[2],
    d = +m[3];
  return isValidDate(y, mo, d) ? y * 10_000 + mo * 100 + d : NaN;
}
