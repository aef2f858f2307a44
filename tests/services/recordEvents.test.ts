// The write path every district workflow uses, on a real SQLite district and the
// demo: events carry the signed-in actor and the store's clock, a refusal is
// reported in the engine's words and writes nothing, and only the demo's clock moves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent } from '../../main/services/events/recordEvents';
import type { ServiceContext } from '../../main/services/context';
import { actorOf } from '../../main/auth/session';
import { districtFixture, type DistrictFixture } from '../ipc/districtFixture';

describe('recording an action as an event', () => {
  let f: DistrictFixture;
  beforeAll(async () => {
    f = await districtFixture();
  });
  afterAll(() => f?.close());

  async function contextOf(username: 'officer' | 'director'): Promise<ServiceContext> {
    const session = await f.signedIn(username);
    return { app: f.app, store: f.app.store, session, actor: actorOf(session.user) };
  }

  it('writes the event with the actor and a clock never before the last event', async () => {
    const ctx = await contextOf('officer');
    const before = await f.app.store!.eventCount();
    const lastAt = await f.app.store!.lastEventAt();
    const r = await recordEvent(ctx, 'quota.set', { schoolId: 'S2', language: 'ky', seats: 9 });
    expect(await f.app.store!.eventCount()).toBe(before + 1);
    const [stored] = await f.app.store!.reads.events({ afterSeq: before, limit: 1 });
    const body = JSON.parse(stored.body);
    expect(body).toMatchObject({
      id: r.eventId,
      type: 'quota.set',
      actor: { role: 'district', id: 'officer' },
    });
    expect(Date.parse(body.at)).toBeGreaterThanOrEqual(Date.parse(lastAt!));
    expect((await f.app.store!.streams('S2'))[0].quota).toBe(9);
  });

  it('a refused action throws the engine reason and writes nothing', async () => {
    const ctx = await contextOf('officer');
    const before = await f.app.store!.eventCount();
    await expect(
      recordEvent(ctx, 'quota.set', { schoolId: 'NOPE', language: 'ky', seats: 1 }),
    ).rejects.toMatchObject({ code: 'refused', reason: 'school_not_found' });
    await expect(
      recordEvent(ctx, 'application.withdrawn', { applicationId: 'A1' }),
    ).rejects.toMatchObject({ code: 'refused', reason: 'not_active' });
    expect(await f.app.store!.eventCount()).toBe(before);
  });

  it("a real district's clock cannot be moved", async () => {
    const officer = await f.signedIn('officer');
    const r = await f.call('clock.set', { at: '2026-08-02T10:00:00+06:00' }, officer);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('unavailable');
    const director = await f.signedIn('director');
    const d = await f.call('clock.set', { at: '2026-08-02T10:00:00+06:00' }, director);
    expect(!d.ok && d.error.code).toBe('forbidden');
  });
});
