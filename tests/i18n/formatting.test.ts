// Campaign instants read in Bishkek time, in the chosen language's words.
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber } from '../../renderer/src/i18n/formatting';

// 20:30 UTC on 26 June is 02:30 on 27 June in Bishkek (UTC+06:00).
const LATE_EVENING_UTC = '2026-06-26T20:30:00Z';

describe('formatting', () => {
  it('shows the Bishkek date, not the machine zone or UTC', () => {
    expect(formatDate(LATE_EVENING_UTC, 'en')).toBe('27 June 2026');
    expect(formatDate(LATE_EVENING_UTC, 'ru')).toMatch(/^27 июня 2026/);
    expect(formatDate(LATE_EVENING_UTC, 'ky')).toMatch(/2026.*27.*июн/);
  });

  it('writes the time on a 24-hour clock', () => {
    expect(formatDateTime(LATE_EVENING_UTC, 'en')).toContain('02:30');
    expect(formatDateTime(LATE_EVENING_UTC, 'ru')).toContain('02:30');
    expect(formatDateTime(LATE_EVENING_UTC, 'ky')).toContain('02:30');
  });

  it('groups thousands the language way', () => {
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatNumber(12345, 'ru')).toMatch(/^12\s345$/);
    expect(formatNumber(12345, 'ky')).toMatch(/^12\s345$/);
  });

  it('leaves a string that is no instant as it is', () => {
    expect(formatDate('not a date', 'ru')).toBe('not a date');
  });
});
