// R16 in the applications registry, through the real dispatcher on a real
// SQLite district: `waitlisted` rows with their place, a standing transfer's
// place on a registered row, the filter by status and by place, the sort by place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../main/auth/session';
import { SETTING } from '../../main/services/settings';
import type { RegistryRow } from '../../shared/ipc/channels/applications';
import { districtFixture, type DistrictFixture } from '../ipc/districtFixture';
import { LogBuilder, T, pin } from '../support/logBuilder';

/** S1/ky and S2/ky, one seat each: X holds S1, Y holds S2, W1 and W2 wait for S1, X stands for S2. */
function queueLog(): LogBuilder {
  const log = new LogBuilder({ waitlist: true });
  log.school('S1', { catchment: ['BISH.OKT.ST01'], quotas: { ky: 1 } });
  log.school('S2', { catchment: ['BISH.OKT.ST02'], quotas: { ky: 1 } });
  log.at(T.stage2);
  log.submit('X', { pin: pin(1) });
  log.submit('Y', { pin: pin(2), school: 'S2', address: 'BISH.OKT.ST02.H1' });
  log.submit('W1', { pin: pin(3) });
  log.submit('W2', { pin: pin(4) });
  log.transfer('X', 'S2');
  return log;
}

describe('the registry with waitlists', () => {
  let f: DistrictFixture;
  let officer: Session;

  beforeAll(async () => {
    f = await districtFixture(queueLog());
    await f.app.store!.setSetting(SETTING.frozenAt, '2026-07-05T10:00:00+06:00');
    officer = await f.signedIn('officer');
  });
  afterAll(() => f?.close());

  async function list(request: object): Promise<RegistryRow[]> {
    const r = await f.call('applications.list', request, officer);
    if (!r.ok) throw new Error(`applications.list: ${r.error.code} ${r.error.message}`);
    return (r.value as { rows: RegistryRow[] }).rows;
  }

  it('shows waiting children with their place, and a standing request on a registered child', async () => {
    const rows = await list({ sort: 'id' });
    const by = new Map(rows.map((r) => [r.id, r]));
    expect(by.get('W1')).toMatchObject({
      status: 'waitlisted',
      waitlist: { stream: 'S1/ky', position: 1 },
    });
    expect(by.get('W2')).toMatchObject({
      status: 'waitlisted',
      waitlist: { stream: 'S1/ky', position: 2 },
    });
    expect(by.get('X')).toMatchObject({
      status: 'registered',
      schoolId: 'S1',
      waitlist: { stream: 'S2/ky', position: 1 },
    });
    expect(by.get('Y')!.waitlist).toBeNull();
    expect(by.get('W1')!.waitlist!.since).toMatch(/^2026-06-27T09:00:02/);
  });

  it('filters by status waitlisted and by place in line, and sorts by place', async () => {
    expect((await list({ status: ['waitlisted'], sort: 'id' })).map((r) => r.id)).toEqual([
      'W1',
      'W2',
    ]);
    expect((await list({ waitlistPosition: 1, sort: 'id' })).map((r) => r.id)).toEqual(['W1', 'X']);
    const sorted = await list({ waitlistPosition: 5, sort: 'waitlistPosition', direction: 'desc' });
    expect(sorted.map((r) => r.waitlist!.position)).toEqual([2, 1, 1]);
  });

  it('a withdrawal moves the line: the place shown follows at once', async () => {
    const r = await f.call(
      'applications.withdraw',
      { applicationId: 'Y', reference: 'No. 7, 5 July' },
      officer,
    );
    expect(r.ok).toBe(true);
    const by = new Map((await list({ sort: 'id' })).map((x) => [x.id, x]));
    expect(by.get('X')).toMatchObject({ status: 'registered', schoolId: 'S2', waitlist: null });
    expect(by.get('W1')).toMatchObject({ status: 'registered', schoolId: 'S1', waitlist: null });
    expect(by.get('W2')).toMatchObject({ status: 'waitlisted', waitlist: { position: 1 } });
  });

  it('refuses a place that is not a positive integer', async () => {
    const r = await f.call('applications.list', { waitlistPosition: 0 }, officer);
    expect(r.ok).toBe(false);
  });
});
