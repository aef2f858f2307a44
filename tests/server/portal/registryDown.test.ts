// When the state registry is down, applications are not lost: they are
// accepted as "address pending" and decided, once it answers, in their
// original arrival order. Three parents compete for the last seat of a
// stream while the registry is down; the first to arrive gets it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView, Receipt } from '../../../shared/portal/contract';
import { RegistryUnavailable } from '../../../server/portal/registry/adapter';
import { ResilientRegistry } from '../../../server/portal/registry/resilient';
import { SimulatedRegistry } from '../../../server/portal/registry/simulator';
import {
  type Client,
  type Harness,
  districtToken,
  freshChildren,
  pushAsDistrict,
  registeredParent,
  startHarness,
  until,
} from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ until: '2026-07-01T00:00:00+06:00', now: '2026-07-01T10:00:00+06:00' });
}, 90_000);
afterAll(async () => h?.close());

describe('registry down: address pending, decided in arrival order', () => {
  it('accepts three submissions while down and decides them in arrival order once it is back', async () => {
    const kids = freshChildren(h, 3);
    const parents: Client[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await registeredParent(h, { pin: kids[i].guardianPin, email: `p${i}@example.kg` });
      expect((await p.call('POST', '/children', { pin: kids[i].pin })).status).toBe(201);
      parents.push(p);
    }
    // One free seat left in a stream.
    const engine = h.server.sequencer.state;
    const stream = [...engine.streams.values()].find((s) =>
      ['state', 'municipal'].includes(engine.schools.get(s.schoolId)!.kind),
    )!;
    const token = await districtToken(h, engine.schools.get(stream.schoolId)!.districtId);
    const q = await pushAsDistrict(h, token, [
      {
        id: 'quota-one-left',
        type: 'quota.set',
        at: '2026-07-01T10:00:00+06:00',
        actor: { role: 'district', id: 'officer-1' },
        data: { schoolId: stream.schoolId, language: stream.language, seats: stream.occupied + 1 },
      },
    ]);
    expect(q.outcomes[0].status).toBe('accepted');

    h.registry.down = true;
    const choice = { schoolId: stream.schoolId, language: stream.language };
    const receipts: Receipt[] = [];
    // Arrival order 2, 0, 1: the order of the requests, not of the parents' numbers.
    for (const i of [2, 0, 1]) {
      const r = await parents[i].call<Receipt>('POST', '/applications', { childPin: kids[i].pin, choice }, {
        headers: { 'idempotency-key': `parent-${i}-key-0001` },
      });
      expect(r.status).toBe(202);
      expect(r.body.status).toBe('address_pending');
      receipts.push(r.body);
    }
    expect(receipts.map((r) => r.position)).toEqual([1, 2, 3]);
    expect(await h.server.db.query("SELECT 1 FROM events WHERE event_id LIKE 'portal-%'")).toEqual([]);
    await h.mail.waitFor('p2@example.kg', /Application received/);

    h.registry.down = false;
    const views = await until('all three decided', async () => {
      const vs: ApplicationView[] = [];
      for (const [k, i] of [2, 0, 1].entries()) {
        vs.push((await parents[i].call<ApplicationView>('GET', `/applications/${receipts[k].applicationId}`)).body);
      }
      return vs.every((v) => v.status !== 'address_pending') ? vs : null;
    });
    expect(views.map((v) => [v.status, v.reason])).toEqual([
      ['registered', null],
      ['refused', 'no_free_seats'],
      ['refused', 'no_free_seats'],
    ]);
    // The one that entered the log did so with the registry's address, in arrival order.
    const [row] = await h.server.db.query<{ line: string }>('SELECT line FROM events WHERE event_id = $1', [
      `portal-${receipts[0].applicationId}`,
    ]);
    const ev = JSON.parse(row.line);
    expect(ev.data.registeredAddress).toBe(kids[2].address);
    expect(ev.data.portal.position).toBe(1);
    const refused = await h.server.db.query<{ event_id: string }>(
      "SELECT event_id FROM refusals WHERE event_id LIKE 'portal-%' ORDER BY judged_at, event_id",
    );
    expect(refused.map((r) => r.event_id).sort()).toEqual(
      [`portal-${receipts[1].applicationId}`, `portal-${receipts[2].applicationId}`].sort(),
    );

    // Stage 2 transfer (R7): to a stream with a free seat it moves; to a full one the child keeps its place.
    const placed = parents[2];
    const id = receipts[0].applicationId;
    const e = h.server.sequencer.state;
    const target = [...e.streams.values()].find(
      (s) => s.schoolId !== stream.schoolId && s.quota > s.occupied &&
        ['state', 'municipal'].includes(e.schools.get(s.schoolId)!.kind),
    )!;
    const full = await placed.call('POST', `/applications/${id}/transfer`, { schoolId: stream.schoolId === target.schoolId ? 'x' : stream.schoolId, language: stream.language });
    expect(full.status).toBe(422);
    expect(full.body.error).toBe('rule_refused');
    const moved = await placed.call<ApplicationView>('POST', `/applications/${id}/transfer`, {
      schoolId: target.schoolId,
      language: target.language,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'registered', schoolId: target.schoolId, basis: 'open' });
    const [t] = await h.server.db.query<{ line: string }>(
      "SELECT line FROM events WHERE type = 'application.transfer_requested' ORDER BY seq DESC LIMIT 1",
    );
    expect(JSON.parse(t.line).actor.role).toBe('parent');
  }, 60_000);
});

describe('the resilient registry', () => {
  it('times out, retries, opens the circuit, and closes it after a successful trial', async () => {
    const sim = SimulatedRegistry.fromGenerator({ seed: 7, districts: 1, schoolsPerDistrict: 2, children: 20 });
    const pin = sim.all()[0].pin;
    let t = 0;
    const r = new ResilientRegistry(sim, {
      timeoutMs: 50,
      retries: 2,
      retryDelayMs: 1,
      failureThreshold: 3,
      openMs: 1000,
      now: () => t,
    });
    sim.latencyMs = 200; // slower than the timeout
    sim.calls = 0;
    await expect(r.lookupChild(pin)).rejects.toBeInstanceOf(RegistryUnavailable);
    expect(sim.calls).toBe(3); // one call and two retries
    expect(r.circuit).toBe('open');
    sim.latencyMs = 0;
    await expect(r.lookupChild(pin)).rejects.toThrow(/circuit open/);
    expect(sim.calls).toBe(3); // an open circuit does not call
    t = 1000;
    expect(r.circuit).toBe('half_open');
    expect((await r.lookupChild(pin))?.pin).toBe(pin);
    expect(r.circuit).toBe('closed');
    expect(await r.isGuardian(sim.all()[0].guardianPins[0], pin)).toBe(true);
    expect(await r.lookupChild('21501201500011')).toBeNull();
  });
});
