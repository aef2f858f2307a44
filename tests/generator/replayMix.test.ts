// Replaying a generated log through the engine gives the mix a district
// officer would recognise, and nothing implausible: follow-up events only for
// children who can have them (the generator asks the engine before writing).
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReplayOutput } from '../../shared/engine/replay';
import { MIXED, type Generated, countBy, generate, ofType, replayLines } from './generated';

const UNTIL = '2026-07-15T18:00:00+06:00';

let full: Generated;
let out: ReplayOutput;
beforeAll(() => {
  full = generate(MIXED);
  out = replayLines(full.lines);
});

describe('a whole generated campaign, replayed', () => {
  it('applies every event once', () => {
    expect(out.stats).toEqual({ events: full.lines.length, duplicates: 0 });
  });

  it('ends with children enrolled, refused, withdrawn and without documents', () => {
    const apps = Object.values(out.applications);
    const status = countBy(apps, (a) => a.status);
    expect(status.enrolled / apps.length).toBeGreaterThan(0.7);
    expect(status.refused).toBeGreaterThan(0);
    expect(status.withdrawn).toBeGreaterThan(0);
    // "Seats were held by children whose documents never came": a real share, not most.
    expect(status.no_documents / apps.length).toBeGreaterThan(0.05);
    expect(status.no_documents / apps.length).toBeLessThan(0.25);
    // The last admission orders come after the commission's last placements.
    expect(status.documents_received ?? 0).toBe(0);
    expect(status.registered ?? 0).toBe(0);
  });

  it('refuses submissions for the reasons real campaigns see', () => {
    const reasons = countBy(
      Object.values(out.applications).filter((a) => a.status === 'refused'),
      (a) => a.reason ?? 'none',
    );
    for (const r of [
      'not_in_catchment',
      'no_free_seats',
      'invalid_pin',
      'age_out_of_range',
      'outside_window',
      'privilege_rejected',
      'duplicate_application',
      'school_not_in_scope',
      'language_not_offered',
    ]) {
      expect(reasons[r] ?? 0, r).toBeGreaterThan(0);
    }
  });

  it('places most children by catchment, and others by privilege, in stage 2 and by the commission', () => {
    const placed = Object.values(out.applications).filter((a) => a.status === 'enrolled');
    const basis = countBy(placed, (a) => a.basis ?? 'none');
    expect(basis.catchment / placed.length).toBeGreaterThan(0.75);
    expect(basis.privilege).toBeGreaterThan(0);
    expect(basis.open).toBeGreaterThan(0);
    expect(basis.commission).toBeGreaterThan(0);
    const stages = countBy(placed, (a) => String(a.stage));
    expect(stages['1']).toBeGreaterThan(stages['2']);
    expect(stages['2']).toBeGreaterThan(0);
  });

  it('reviews privilege claims, approving most', () => {
    const privilege = countBy(Object.values(out.applications), (a) => a.privilege);
    expect(privilege.approved).toBeGreaterThan(privilege.rejected);
    expect(privilege.rejected).toBeGreaterThan(0);
  });

  it('overflows some streams, as catchment placements beyond the quota do', () => {
    const overflowing = Object.values(out.streams).filter((s) => s.overflow > 0);
    expect(overflowing.length).toBeGreaterThan(0);
    // Stage 2 and privilege placements only take free seats, so villages keep some.
    expect(Object.values(out.streams).some((s) => s.free > 0)).toBe(true);
  });

  it('opens commission cases and decides every one, placing most', () => {
    const cases = countBy(Object.values(out.cases), (c) => c.status);
    expect(cases.placed).toBeGreaterThan(cases.declined);
    expect(cases.declined).toBeGreaterThan(0);
    expect(cases.open ?? 0).toBe(0);
  });

  it('enrols by numbered orders, several per school, every enrolled child by one', () => {
    const orders = ofType(full.events, 'order.issued');
    const bySchool = countBy(orders, (o) => o.data.schoolId);
    const counts = Object.values(bySchool);
    expect(counts.filter((n) => n >= 3).length).toBeGreaterThan(counts.length / 2);
    for (const o of orders) expect(o.data.orderNumber).toMatch(/^\d+$/);
    // Numbers grow within a school's register.
    const last = new Map<string, number>();
    for (const o of orders) {
      const n = Number(o.data.orderNumber);
      expect(n).toBeGreaterThan(last.get(o.data.schoolId) ?? 0);
      last.set(o.data.schoolId, n);
    }
    for (const a of Object.values(out.applications))
      if (a.status === 'enrolled') expect(a.orderNumber).not.toBeNull();
  });

  it('writes follow-ups only where the engine allows them, apart from the refusals people really run into', () => {
    const rejections = countBy(out.rejections, (r) => `${r.type}:${r.reason}`);
    // Realistic refusals: incomplete papers, full schools, locked lists.
    expect(rejections['documents.received:documents_incomplete']).toBeGreaterThan(0);
    expect(rejections['application.transfer_requested:no_free_seats']).toBeGreaterThan(0);
    const allowed = new Set([
      'documents.received:documents_incomplete',
      'application.transfer_requested:no_free_seats',
      'application.transfer_requested:list_locked',
      'application.withdrawn:list_locked',
    ]);
    for (const key of Object.keys(rejections)) expect(allowed, key).toContain(key);
    // Transfers mostly succeed.
    const transfers = ofType(full.events, 'application.transfer_requested').length;
    const refusedTransfers = out.rejections.filter(
      (r) => r.type === 'application.transfer_requested',
    ).length;
    expect(refusedTransfers / transfers).toBeLessThan(0.4);
  });

  it('has the opening-day rush of stage 1 and a smaller one when stage 2 opens', () => {
    const submissions = ofType(full.events, 'application.submitted');
    const firstHours = submissions.filter(
      (e) => e.at >= '2026-04-11T09' && e.at < '2026-04-11T12',
    ).length;
    const aLaterDay = submissions.filter((e) => e.at.startsWith('2026-05-20')).length;
    expect(firstHours / submissions.length).toBeGreaterThan(0.05);
    expect(firstHours).toBeGreaterThan(aLaterDay * 10);
    const stage2Opening = submissions.filter(
      (e) => e.at >= '2026-06-27T09' && e.at < '2026-06-27T12',
    ).length;
    expect(stage2Opening).toBeGreaterThan(aLaterDay);
  });
});

describe('a generated campaign caught in stage 2', () => {
  let cut: Generated;
  let partial: ReplayOutput;
  beforeAll(() => {
    cut = generate({ ...MIXED, until: UNTIL });
    partial = replayLines(cut.lines);
  });

  it('stops at `until` and shows children still registered, none enrolled yet', () => {
    expect(cut.events[cut.events.length - 1].at <= '2026-07-15T18:00:00.000+06:00').toBe(true);
    const status = countBy(Object.values(partial.applications), (a) => a.status);
    expect(status.registered).toBeGreaterThan(Object.keys(partial.applications).length * 0.7);
    expect(status.enrolled ?? 0).toBe(0);
    expect(status.no_documents ?? 0).toBe(0);
    expect(ofType(cut.events, 'documents.received')).toHaveLength(0);
  });

  it('already has stage-2 placements, pending claims and open commission cases', () => {
    const apps = Object.values(partial.applications);
    expect(apps.some((a) => a.stage === 2 && a.status === 'registered')).toBe(true);
    expect(apps.some((a) => a.privilege === 'pending')).toBe(true);
    expect(Object.values(partial.cases).length).toBeGreaterThan(0);
  });
});
