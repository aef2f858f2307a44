// The dashboard's campaign phase: which stage is open, the next boundary and the
// whole days to it and to the documents deadline, at instants around each boundary.
import { describe, expect, it } from 'vitest';
import { campaignPhase, formatBishkek } from '../../shared/ipc/campaignPhase';
import { CALENDAR } from '../support/logBuilder';

describe('campaignPhase', () => {
  it('is "before" until stage 1 opens, counting days up to it', () => {
    const p = campaignPhase(CALENDAR, '2026-04-10T09:00:00+06:00');
    expect(p.phase).toBe('before');
    expect(p.next).toEqual({ boundary: 'stage1Start', at: CALENDAR.stage1Start, days: 1 });
    expect(p.documentsOpen).toBe(false);
    expect(p.documentsDeadline?.at).toBe(CALENDAR.documentsEnd);
  });

  it('opens stage 1 at its first instant, and rounds part of a day up', () => {
    expect(campaignPhase(CALENDAR, CALENDAR.stage1Start).phase).toBe('stage1');
    const p = campaignPhase(CALENDAR, '2026-06-27T06:00:00+06:00');
    expect(p.next).toEqual({ boundary: 'stage2Start', at: CALENDAR.stage2Start, days: 1 });
  });

  it('in July stage 2 is open and documents have not started', () => {
    const p = campaignPhase(CALENDAR, '2026-07-15T12:00:00+06:00');
    expect(p.phase).toBe('stage2');
    expect(p.documentsOpen).toBe(false);
    expect(p.next?.boundary).toBe('documentsStart');
    expect(p.next?.days).toBe(17);
    expect(p.documentsDeadline?.days).toBe(62);
  });

  it('keeps documents open between stage 2 end and the deadline, then closes', () => {
    const between = campaignPhase(CALENDAR, '2026-09-12T10:00:00+06:00');
    expect(between.phase).toBe('between');
    expect(between.documentsOpen).toBe(true);
    expect(between.next?.boundary).toBe('documentsEnd');
    const closed = campaignPhase(CALENDAR, CALENDAR.documentsEnd);
    expect(closed.phase).toBe('closed');
    expect(closed.next).toBeNull();
    expect(closed.documentsDeadline).toBeNull();
  });

  it('does not depend on the offset an instant is written with', () => {
    const a = campaignPhase(CALENDAR, '2026-06-27T03:00:00Z');
    const b = campaignPhase(CALENDAR, '2026-06-27T09:00:00+06:00');
    expect(a).toEqual(b);
    expect(a.phase).toBe('stage2');
  });

  it('writes instants in Bishkek time', () => {
    expect(formatBishkek(Date.parse('2026-07-01T00:00:00Z'))).toBe('2026-07-01T06:00:00+06:00');
  });
});
