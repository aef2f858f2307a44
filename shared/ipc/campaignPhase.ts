// Where a campaign stands at an instant, for the dashboard: pure, so the renderer
// and tests can use it and the answer never depends on the machine's time zone.
import { parseInstant } from '../log/instant';
import type { Boundary } from './contract';

export interface Calendar {
  stage1Start: string;
  stage2Start: string;
  stage2End: string;
  documentsStart: string;
  documentsEnd: string;
}

export type Phase = 'before' | 'stage1' | 'stage2' | 'between' | 'closed';

export interface PhaseInfo {
  phase: Phase;
  documentsOpen: boolean;
  next: { boundary: Boundary; at: string; days: number } | null;
  documentsDeadline: { at: string; days: number } | null;
}

const DAY = 86_400_000;
const ORDER: readonly Boundary[] = [
  'stage1Start',
  'stage2Start',
  'stage2End',
  'documentsStart',
  'documentsEnd',
];

/** Whole days until `to`, rounded up: "in 3 hours" is 1 day away, not 0. */
export function daysUntil(nowMs: number, toMs: number): number {
  return Math.ceil((toMs - nowMs) / DAY);
}

export function campaignPhase(calendar: Calendar, asOf: string): PhaseInfo {
  const now = parseInstant(asOf);
  const at = (b: Boundary) => parseInstant(calendar[b]);
  let phase: Phase;
  if (now < at('stage1Start')) phase = 'before';
  else if (now < at('stage2Start')) phase = 'stage1';
  else if (now < at('stage2End')) phase = 'stage2';
  else if (now < at('documentsEnd')) phase = 'between';
  else phase = 'closed';

  const upcoming = ORDER.filter((b) => at(b) > now).sort((a, b) => at(a) - at(b))[0];
  const deadline = at('documentsEnd');
  return {
    phase,
    documentsOpen: now >= at('documentsStart') && now < deadline,
    next: upcoming
      ? { boundary: upcoming, at: calendar[upcoming], days: daysUntil(now, at(upcoming)) }
      : null,
    documentsDeadline:
      now < deadline ? { at: calendar.documentsEnd, days: daysUntil(now, deadline) } : null,
  };
}

const BISHKEK_OFFSET_MS = 6 * 3_600_000;

/** An epoch instant written the way the log writes them: Asia/Bishkek, `+06:00`. */
export function formatBishkek(ms: number): string {
  const d = new Date(ms + BISHKEK_OFFSET_MS);
  return d.toISOString().replace(/\.\d{3}Z$/, '+06:00');
}
