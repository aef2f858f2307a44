import { describe, expect, it } from 'vitest';
import { replayText } from '../../shared/engine/replay';
import { campaignLog } from './fixtures/campaignLog';

describe("the store tests' campaign log fixture", () => {
  it('replays and exercises refusals, orders, cases and the deadline sweep', () => {
    const out = replayText(campaignLog({ schools: 6, children: 400 }).join('\n'));
    const statuses = new Set(Object.values(out.applications).map((a) => a.status));
    for (const s of ['enrolled', 'refused', 'withdrawn', 'no_documents'])
      expect(statuses).toContain(s);
    const reasons = new Set(out.rejections.map((r) => r.reason));
    for (const r of [
      'school_not_found',
      'duplicate_id',
      'application_not_found',
      'case_closed',
      'nothing_to_enroll',
    ])
      expect(reasons).toContain(r);
    expect(Object.values(out.cases).map((c) => c.status)).toEqual(
      expect.arrayContaining(['placed', 'declined']),
    );
    expect(Object.values(out.applications).some((a) => a.basis === 'privilege')).toBe(true);
    expect(Object.values(out.applications).some((a) => a.reason === 'privilege_rejected')).toBe(
      true,
    );
  });
});
