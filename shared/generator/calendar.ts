// Campaign time: the calendar of RULES.md for a year, instants in Bishkek
// time (UTC+06:00, no daylight saving), and the rhythms people keep: parents
// apply from early morning to late night, directors work office hours on
// weekdays and Saturday mornings.
import { type Random, WeightedTable } from './random';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const DAY = 24 * HOUR;
const OFFSET = 6 * HOUR;

/** Epoch ms of a Bishkek wall-clock time. */
export function bishkek(y: number, month: number, day: number, h = 0, m = 0): number {
  return Date.UTC(y, month - 1, day, h, m) - OFFSET;
}

/** `2026-04-11T09:00:03.120+06:00`: the one instant format the generator writes. */
export function formatInstant(ms: number): string {
  return new Date(ms + OFFSET).toISOString().slice(0, 23) + '+06:00';
}

/** Bishkek midnight of the day holding `ms`. */
export function dayStart(ms: number): number {
  return Math.floor((ms + OFFSET) / DAY) * DAY - OFFSET;
}

/** 0 Sunday .. 6 Saturday, in Bishkek. */
export function weekday(ms: number): number {
  return new Date(ms + OFFSET).getUTCDay();
}

export interface Calendar {
  year: number;
  opened: number;
  stage1Start: number;
  stage2Start: number;
  stage2End: number;
  documentsStart: number;
  documentsEnd: number;
  /** YYYY-MM-DD, inclusive */
  birthDateFrom: string;
  birthDateTo: string;
  maxWithdrawals: number;
}

/** RULES.md's default calendar for year Y; children born from Y-7-09-01 to Y-6-08-31. */
export function defaultCalendar(year: number): Calendar {
  return {
    year,
    opened: bishkek(year, 3, 2, 10, 0),
    stage1Start: bishkek(year, 4, 11, 9, 0),
    stage2Start: bishkek(year, 6, 27, 9, 0),
    stage2End: bishkek(year, 9, 11),
    documentsStart: bishkek(year, 8, 1),
    documentsEnd: bishkek(year, 9, 15),
    birthDateFrom: `${year - 7}-09-01`,
    birthDateTo: `${year - 6}-08-31`,
    maxWithdrawals: 3,
  };
}

/**
 * When a parent sits down at the portal on a given day: rarely at night,
 * most in the morning and after work.
 */
export function parentTimeOfDay(rng: Random, day: number): number {
  return day + PARENT_HOURS.draw(rng) * HOUR + rng.int(HOUR);
}
// Relative use of the portal by hour of day.
const PARENT_HOURS = new WeightedTable(
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23],
  (h) => [1, 0.4, 0.2, 0.1, 0.1, 0.3, 1, 3, 5, 8, 9, 8, 6, 6, 6, 6, 6, 6, 7, 8, 9, 8, 5, 2][h],
);

/** The first office moment at or after `ms`: 08:30-17:30 Monday to Friday, 09:00-13:00 Saturday. */
export function officeTime(rng: Random, ms: number): number {
  let day = dayStart(ms);
  for (let i = 0; i < 14; i++, day += DAY) {
    const wd = weekday(day);
    if (wd === 0) continue;
    const open = day + (wd === 6 ? 9 * HOUR : 8.5 * HOUR);
    const close = day + (wd === 6 ? 13 * HOUR : 17.5 * HOUR);
    if (ms >= close) continue;
    const from = Math.max(open, ms);
    // Within the day, spread the work rather than stacking it at opening time.
    return from + rng.int(Math.max(1, close - from));
  }
  return ms;
}
