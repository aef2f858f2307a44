// The dashboard's seat figures. Only state and municipal schools take part in
// the campaign (RULES.md); a private or special school's streams would make the
// free seats disagree with what a transfer can reach, so they count nowhere.
import { IN_SCOPE_KINDS } from '../log/events';

export interface StreamFigures {
  schoolKind: string;
  quota: number;
  occupied: number;
  /** R16: entries in the stream's queue */
  waitlist: number;
}

export interface CampaignSeatTotals {
  /** in-campaign streams */
  streams: number;
  seats: number;
  occupied: number;
  free: number;
  overflow: number;
  /** R16: entries in every queue (a waiting child or a standing transfer) */
  waitlistEntries: number;
  /** R16: streams with a non-empty queue */
  waitlistStreams: number;
}

export function inCampaign(schoolKind: string): boolean {
  return IN_SCOPE_KINDS.has(schoolKind);
}

export function campaignSeatTotals(streams: Iterable<StreamFigures>): CampaignSeatTotals {
  const t: CampaignSeatTotals = {
    streams: 0,
    seats: 0,
    occupied: 0,
    free: 0,
    overflow: 0,
    waitlistEntries: 0,
    waitlistStreams: 0,
  };
  for (const s of streams) {
    if (!inCampaign(s.schoolKind)) continue;
    t.streams++;
    t.seats += s.quota;
    t.occupied += s.occupied;
    t.free += Math.max(0, s.quota - s.occupied);
    t.overflow += Math.max(0, s.occupied - s.quota);
    t.waitlistEntries += s.waitlist;
    if (s.waitlist > 0) t.waitlistStreams++;
  }
  return t;
}
