// R16 waitlists: one test per check, reason and edge the rule names.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../shared/engine/engine';
import { replayJson, replayOutput } from '../../shared/engine/replay';
import type { LogEvent } from '../../shared/log/events';
import { LogBuilder, T, pin } from '../support/logBuilder';

const ST02 = 'BISH.OKT.ST02.H1';

/** S1/ky and S2/ky with one seat each, S1/ru with one; waitlists on unless told otherwise. */
function campaign(calendar: Record<string, unknown> = {}) {
  return new LogBuilder({ waitlist: true, ...calendar })
    .school('S1', { catchment: ['BISH.OKT.ST01'], quotas: { ky: 1, ru: 1 } })
    .school('S2', { kind: 'municipal', catchment: ['BISH.OKT.ST02'], quotas: { ky: 1 } });
}

const place = (school: string, language: string, position: number) => ({
  schoolId: school,
  language,
  position,
});

describe('R16 a stage-2 submission to a full stream', () => {
  it('waits in the queue in join order, holding no seat', () => {
    const log = campaign();
    log.at(T.stage2).submit('A', { pin: pin(1) });
    log.submit('B', { pin: pin(2) });
    log.submit('C', { pin: pin(3) });
    const out = log.replay();
    expect(out.applications.A).toMatchObject({
      status: 'registered',
      basis: 'open',
      waitlist: null,
    });
    expect(out.applications.B).toEqual({
      status: 'waitlisted',
      reason: null,
      schoolId: 'S1',
      language: 'ky',
      stage: 2,
      basis: null,
      privilege: 'none',
      orderNumber: null,
      waitlist: place('S1', 'ky', 1),
    });
    expect(out.applications.C.waitlist).toEqual(place('S1', 'ky', 2));
    expect(out.streams['S1/ky']).toEqual({
      quota: 1,
      occupied: 1,
      free: 0,
      overflow: 0,
      waitlist: 2,
    });
    expect(out.rejections).toEqual([]);
  });

  it('is refused no_free_seats as before when the option is off', () => {
    const log = campaign({ waitlist: false });
    log.at(T.stage2).submit('A', { pin: pin(1) });
    log.submit('B', { pin: pin(2) });
    const out = log.replay();
    expect(out.applications.B).toMatchObject({
      status: 'refused',
      reason: 'no_free_seats',
      waitlist: null,
    });
    expect(out.streams['S1/ky'].waitlist).toBe(0);
  });

  it('is the child’s one active application: a second one is duplicate_application', () => {
    const log = campaign();
    log.at(T.stage2).submit('A', { pin: pin(1) });
    log.submit('B', { pin: pin(2) });
    log.submit('B2', { pin: pin(2), school: 'S1', language: 'ru' });
    const out = log.replay();
    expect(out.applications.B2).toMatchObject({
      status: 'refused',
      reason: 'duplicate_application',
    });
    expect(out.streams['S1/ru'].occupied).toBe(0);
  });

  it('stage 1 never queues: a claim into a full stream is refused, a catchment child placed beyond the quota', () => {
    const log = campaign();
    log.at(T.stage1).submit('C1', { pin: pin(1) });
    log.submit('C2', { pin: pin(2) });
    log.submit('P', {
      pin: pin(3),
      school: 'S2',
      address: 'BISH.OKT.ST09.H1',
      privilege: 'military',
    });
    log.submit('P2', {
      pin: pin(4),
      school: 'S2',
      address: 'BISH.OKT.ST09.H1',
      privilege: 'military',
    });
    const out = log.replay();
    expect(out.applications.C2).toMatchObject({
      status: 'registered',
      basis: 'catchment',
      waitlist: null,
    });
    expect(out.applications.P2).toMatchObject({
      status: 'refused',
      reason: 'no_free_seats',
      waitlist: null,
    });
    expect(out.streams['S1/ky']).toMatchObject({ occupied: 2, overflow: 1, waitlist: 0 });
  });

  it('a waitlisted application can only be withdrawn: transfer and documents are not_active', () => {
    const log = campaign();
    log.at(T.stage2).submit('A', { pin: pin(1) });
    log.submit('B', { pin: pin(2) });
    const transfer = log.transfer('B', 'S2');
    log.at(T.documents);
    const docs = log.documents('B');
    const out = log.replay();
    expect(out.rejections).toEqual([
      { eventId: transfer, type: 'application.transfer_requested', reason: 'not_active' },
      { eventId: docs, type: 'documents.received', reason: 'not_active' },
    ]);
    expect(out.applications.B.waitlist).toEqual(place('S1', 'ky', 1));
  });
});

describe('R16 a freed seat goes to whoever joined earliest', () => {
  it('a withdrawal places the head; the rest move up', () => {
    const log = campaign();
    log.at(T.stage2).submit('A', { pin: pin(1) });
    log.submit('B', { pin: pin(2) });
    log.submit('C', { pin: pin(3) });
    log.withdraw('A');
    const out = log.replay();
    expect(out.applications.B).toMatchObject({
      status: 'registered',
      basis: 'open',
      reason: null,
      waitlist: null,
    });
    expect(out.applications.C.waitlist).toEqual(place('S1', 'ky', 1));
    expect(out.streams['S1/ky']).toMatchObject({ occupied: 1, free: 0, waitlist: 1 });
  });

  it('a newcomer never jumps the queue: a seat freed while others wait is theirs', () => {
    const log = campaign();
    log.at(T.stage2).submit('A', { pin: pin(1) });
    log.submit('B', { pin: pin(2) });
    log.withdraw('A');
    log.submit('D', { pin: pin(4) });
    const out = log.replay();
    expect(out.applications.B.status).toBe('registered');
    expect(out.applications.D).toMatchObject({
      status: 'waitlisted',
      waitlist: place('S1', 'ky', 1),
    });
  });

  it('a lowered quota evicts nobody and places nobody; a raised one fills from the queue in order', () => {
    const log = campaign();
    log.at(T.stage2).submit('A', { pin: pin(1) });
    ['B', 'C', 'D'].forEach((id, i) => log.submit(id, { pin: pin(2 + i) }));
    log.quota('S1', 'ky', 0);
    const lowered = log.replay();
    expect(lowered.applications.A.status).toBe('registered');
    expect(lowered.streams['S1/ky']).toMatchObject({ occupied: 1, overflow: 1, waitlist: 3 });
    log.quota('S1', 'ky', 1);
    expect(log.replay().streams['S1/ky']).toMatchObject({ occupied: 1, waitlist: 3 });
    log.quota('S1', 'ky', 3);
    const out = log.replay();
    expect(out.applications.B.status).toBe('registered');
    expect(out.applications.C.status).toBe('registered');
    expect(out.applications.D).toMatchObject({
      status: 'waitlisted',
      waitlist: place('S1', 'ky', 1),
    });
    expect(out.streams['S1/ky']).toMatchObject({ occupied: 3, free: 0, waitlist: 1 });
  });

  it('a rejected privilege that cancels a placement frees the seat for the queue', () => {
    const log = campaign();
    log.at(T.stage1).submit('P', {
      pin: pin(1),
      school: 'S2',
      address: 'BISH.OKT.ST09.H1',
      privilege: 'teacher',
    });
    log.at(T.stage2).submit('W', { pin: pin(2), school: 'S2', address: ST02 });
    expect(log.replay().applications.W.status).toBe('waitlisted');
    log.review('P', 'rejected');
    const out = log.replay();
    expect(out.applications.P).toMatchObject({ status: 'refused', reason: 'privilege_rejected' });
    expect(out.applications.W).toMatchObject({
      status: 'registered',
      basis: 'open',
      waitlist: null,
    });
  });
});

describe('R16 standing transfer requests', () => {
  it('the child keeps its seat; when the target frees, it moves and its old seat goes on down the line', () => {
    const log = campaign();
    log.at(T.stage2).submit('X', { pin: pin(1) });
    log.submit('Y', { pin: pin(2), school: 'S2', address: ST02 });
    log.submit('W', { pin: pin(3) });
    const standing = log.transfer('X', 'S2');
    const before = log.replay();
    expect(before.applications.X).toMatchObject({
      status: 'registered',
      schoolId: 'S1',
      waitlist: place('S2', 'ky', 1),
    });
    expect(before.rejections).toEqual([]);
    expect(before.streams['S2/ky'].waitlist).toBe(1);
    log.withdraw('Y');
    const out = log.replay();
    expect(out.applications.X).toMatchObject({
      status: 'registered',
      schoolId: 'S2',
      basis: 'open',
      waitlist: null,
    });
    expect(out.applications.W).toMatchObject({
      status: 'registered',
      schoolId: 'S1',
      waitlist: null,
    });
    expect(out.streams['S1/ky']).toMatchObject({ occupied: 1, waitlist: 0 });
    expect(out.streams['S2/ky']).toMatchObject({ occupied: 1, waitlist: 0 });
    expect(standing).toBeDefined();
  });

  it('a move drops a claim still pending, as an immediate transfer does', () => {
    const log = campaign();
    log.at(T.stage1).submit('P', {
      pin: pin(1),
      school: 'S1',
      language: 'ru',
      address: ST02,
      privilege: 'military',
    });
    log.submit('Y', { pin: pin(2), school: 'S2', address: ST02 });
    log.at(T.stage2).transfer('P', 'S2', 'ky');
    expect(log.replay().applications.P).toMatchObject({ privilege: 'pending', basis: 'privilege' });
    log.withdraw('Y');
    expect(log.replay().applications.P).toMatchObject({
      schoolId: 'S2',
      basis: 'open',
      privilege: 'none',
    });
  });

  it('a later request replaces it: a new standing request joins the end of the new queue', () => {
    const log = campaign();
    log.at(T.stage2).submit('X', { pin: pin(1) });
    log.submit('Y', { pin: pin(2), school: 'S2', address: ST02 });
    log.submit('Z', { pin: pin(3), school: 'S1', language: 'ru' });
    log.submit('Q', { pin: pin(4), school: 'S1', language: 'ru' });
    log.transfer('X', 'S2');
    log.transfer('X', 'S1', 'ru');
    const out = log.replay();
    expect(out.applications.X.waitlist).toEqual(place('S1', 'ru', 2));
    expect(out.streams['S2/ky'].waitlist).toBe(0);
    log.withdraw('Y');
    expect(log.replay().applications.X).toMatchObject({ schoolId: 'S1', language: 'ky' });
  });

  it('a later request accepted at once replaces it', () => {
    const log = campaign();
    log.at(T.stage2).submit('X', { pin: pin(1) });
    log.submit('Y', { pin: pin(2), school: 'S2', address: ST02 });
    log.transfer('X', 'S2');
    log.transfer('X', 'S1', 'ru');
    log.withdraw('Y');
    const out = log.replay();
    expect(out.applications.X).toMatchObject({ schoolId: 'S1', language: 'ru', waitlist: null });
    expect(out.streams['S2/ky']).toMatchObject({ occupied: 0, free: 1, waitlist: 0 });
  });

  it('a request to the child’s own stream while standing is same_school and leaves the standing request', () => {
    const log = campaign();
    log.at(T.stage2).submit('X', { pin: pin(1) });
    log.submit('Y', { pin: pin(2), school: 'S2', address: ST02 });
    log.transfer('X', 'S2');
    const same = log.transfer('X', 'S1');
    const out = log.replay();
    expect(out.rejections).toEqual([
      { eventId: same, type: 'application.transfer_requested', reason: 'same_school' },
    ]);
    expect(out.applications.X.waitlist).toEqual(place('S2', 'ky', 1));
  });

  it('a refused request for another reason also leaves it standing', () => {
    const log = campaign();
    log.at(T.stage2).submit('X', { pin: pin(1) });
    log.submit('Y', { pin: pin(2), school: 'S2', address: ST02 });
    log.transfer('X', 'S2');
    log.transfer('X', 'S9');
    expect(log.replay().applications.X.waitlist).toEqual(place('S2', 'ky', 1));
  });

  it('a withdrawal while standing frees the seat and ends the request', () => {
    const log = campaign();
    log.at(T.stage2).submit('X', { pin: pin(1) });
    log.submit('Y', { pin: pin(2), school: 'S2', address: ST02 });
    log.submit('W', { pin: pin(3) });
    log.transfer('X', 'S2');
    log.withdraw('X');
    const out = log.replay();
    expect(out.applications.X).toMatchObject({
      status: 'withdrawn',
      schoolId: 'S1',
      waitlist: null,
    });
    expect(out.applications.W.status).toBe('registered');
    expect(out.streams['S2/ky'].waitlist).toBe(0);
  });

  it('documents received while standing end the request: a later free seat moves nobody', () => {
    const log = campaign();
    log.at(T.stage2).submit('X', { pin: pin(1) });
    log.submit('Y', { pin: pin(2), school: 'S2', address: ST02 });
    log.transfer('X', 'S2');
    log.at(T.documents).documents('X');
    log.withdraw('Y');
    const out = log.replay();
    expect(out.applications.X).toMatchObject({
      status: 'documents_received',
      schoolId: 'S1',
      waitlist: null,
    });
    expect(out.streams['S2/ky']).toMatchObject({ occupied: 0, free: 1, waitlist: 0 });
  });

  it('a rejected claim that cancels the placement ends the request', () => {
    const log = campaign();
    log.at(T.stage1).submit('P', {
      pin: pin(1),
      school: 'S1',
      language: 'ru',
      address: ST02,
      privilege: 'military',
    });
    log.submit('Y', { pin: pin(2), school: 'S2', address: ST02 });
    log.at(T.stage2).transfer('P', 'S2', 'ky');
    log.review('P', 'rejected');
    log.withdraw('Y');
    const out = log.replay();
    expect(out.applications.P).toMatchObject({
      status: 'refused',
      reason: 'privilege_rejected',
      waitlist: null,
    });
    expect(out.streams['S2/ky']).toMatchObject({ occupied: 0, waitlist: 0 });
  });

  it('a ring of standing requests cascades once round and ends', () => {
    const log = new LogBuilder({ waitlist: true });
    const n = 6;
    for (let i = 0; i < n; i++) log.school(`R${i}`, { quotas: { ky: 1 } });
    log.at(T.stage2);
    for (let i = 0; i < n; i++) log.submit(`K${i}`, { pin: pin(i + 1), school: `R${i}` });
    for (let i = 0; i < n; i++) log.transfer(`K${i}`, `R${(i + 1) % n}`);
    log.quota('R0', 'ky', 2);
    const out = log.replay();
    // K5 moves into R0's new seat, K4 into R5's freed one, ... K0 into R1, leaving R0's old seat free.
    for (let i = 0; i < n; i++)
      expect(out.applications[`K${i}`]).toMatchObject({
        schoolId: `R${(i + 1) % n}`,
        waitlist: null,
      });
    expect(out.streams['R0/ky']).toMatchObject({ occupied: 1, free: 1, waitlist: 0 });
    for (let i = 1; i < n; i++)
      expect(out.streams[`R${i}/ky`]).toMatchObject({ occupied: 1, waitlist: 0 });
  });
});

describe('R16 withdrawal limit', () => {
  it('leaving the queue counts towards the limit', () => {
    const log = campaign({ maxWithdrawals: 1 });
    log.at(T.stage2).submit('A', { pin: pin(1) });
    log.submit('B', { pin: pin(2) });
    log.withdraw('B');
    log.submit('B2', { pin: pin(2) });
    const second = log.withdraw('B2');
    const out = log.replay();
    expect(out.applications.B).toMatchObject({ status: 'withdrawn', waitlist: null });
    expect(out.applications.B2).toMatchObject({
      status: 'waitlisted',
      waitlist: place('S1', 'ky', 1),
    });
    expect(out.rejections).toEqual([
      { eventId: second, type: 'application.withdrawn', reason: 'withdrawal_limit' },
    ]);
  });
});

describe('R16 closing', () => {
  it('at stage2End every waiting child is refused waitlist_closed and every standing request lapses', () => {
    const log = campaign();
    log.at(T.stage2).submit('X', { pin: pin(1) });
    log.submit('Y', { pin: pin(2), school: 'S2', address: ST02 });
    log.submit('W', { pin: pin(3) });
    log.transfer('X', 'S2');
    // An event at exactly the closing instant already finds the queues closed.
    log.at(T.stage2End).withdraw('Y');
    const out = log.replay();
    expect(out.applications.W).toMatchObject({
      status: 'refused',
      reason: 'waitlist_closed',
      stage: 2,
      basis: null,
      waitlist: null,
    });
    expect(out.applications.X).toMatchObject({
      status: 'registered',
      schoolId: 'S1',
      waitlist: null,
    });
    expect(out.streams['S2/ky']).toMatchObject({ occupied: 0, free: 1, waitlist: 0 });
    expect(out.streams['S1/ky'].waitlist).toBe(0);
  });

  it('one instant before closing the queue still fills', () => {
    const log = campaign();
    log.at(T.stage2).submit('A', { pin: pin(1) });
    log.submit('W', { pin: pin(3) });
    log.at('2026-09-10T23:59:59+06:00').withdraw('A');
    expect(log.replay().applications.W.status).toBe('registered');
  });

  it('replaying as of the closing instant closes them too', () => {
    const log = campaign();
    log.at(T.stage2).submit('A', { pin: pin(1) });
    log.submit('W', { pin: pin(3) });
    expect(log.replay(T.stage2End).applications.W).toMatchObject({
      status: 'refused',
      reason: 'waitlist_closed',
    });
    expect(log.replay('2026-09-10T23:59:59+06:00').applications.W.status).toBe('waitlisted');
  });

  it('when stage 2 ends at the documents deadline, the queues close first, then R11 sweeps', () => {
    const log = campaign({ stage2End: T.deadline });
    log.at(T.stage2).submit('A', { pin: pin(1) });
    log.submit('W', { pin: pin(3) });
    const out = log.replay(T.deadline);
    expect(out.applications.W).toMatchObject({ status: 'refused', reason: 'waitlist_closed' });
    expect(out.applications.A).toMatchObject({ status: 'no_documents' });
    expect(out.streams['S1/ky']).toMatchObject({ occupied: 0, free: 1, waitlist: 0 });
  });

  it('a refused child can apply again (outside the window it is outside_window)', () => {
    const log = campaign();
    log.at(T.stage2).submit('A', { pin: pin(1) });
    log.submit('W', { pin: pin(3) });
    log.at(T.stage2End).submit('W2', { pin: pin(3) });
    expect(log.replay().applications.W2).toMatchObject({
      status: 'refused',
      reason: 'outside_window',
    });
  });
});

describe('R16 dry runs, snapshots and change sets', () => {
  const submission = (id: string, n: number, at: string): LogEvent =>
    ({
      id: `probe-${id}`,
      type: 'application.submitted',
      at,
      data: {
        applicationId: id,
        child: { pin: pin(n), lastName: 'L', firstName: 'F', citizenship: 'KG' },
        guardian: { pin: '11203198500021', email: 'g@example.kg', phone: '+996700000001' },
        schoolId: 'S1',
        language: 'ky',
        registeredAddress: 'BISH.OKT.ST01.H1',
      },
    }) as LogEvent;

  function engineOf(log: LogBuilder, options = {}): Engine {
    const engine = new Engine(options);
    for (const e of log.events) engine.ingest(e);
    return engine;
  }

  it('evaluate() accepts what would queue, refuses it with the option off, and changes nothing', () => {
    for (const waitlist of [true, false]) {
      const log = campaign({ waitlist });
      log.at(T.stage2).submit('A', { pin: pin(1) });
      log.submit('Y', { pin: pin(2), school: 'S2', address: ST02 });
      const engine = engineOf(log);
      const before = replayJson(engine);
      const at = '2026-07-01T10:00:00+06:00';
      const transfer = {
        id: 'probe-t',
        type: 'application.transfer_requested',
        at,
        data: { applicationId: 'A', toSchoolId: 'S2' },
      } as LogEvent;
      expect(engine.evaluate(submission('N', 9, at))).toBe(waitlist ? null : 'no_free_seats');
      expect(engine.evaluate(transfer)).toBe(waitlist ? null : 'no_free_seats');
      expect(engine.evaluate(submission('N', 9, T.stage2End))).toBe('outside_window');
      expect(replayJson(engine)).toBe(before);
    }
  });

  it('a snapshot taken mid-queue restores the queues, their order and the closing state', () => {
    const log = campaign();
    log.at(T.stage2).submit('X', { pin: pin(1) });
    log.submit('Y', { pin: pin(2), school: 'S2', address: ST02 });
    log.submit('W1', { pin: pin(3) });
    log.transfer('X', 'S2');
    log.submit('W2', { pin: pin(4) });
    const cut = log.events.length;
    log.withdraw('Y');
    log.withdraw('W1');
    log.at(T.stage2End).withdraw('X');
    const first = new Engine();
    for (const e of log.events.slice(0, cut)) first.ingest(e);
    const resumed = Engine.restore(JSON.parse(JSON.stringify(first.snapshot())));
    expect(resumed.waitlist('S1/ky').map((e) => e.applicationId)).toEqual(['W1', 'W2']);
    for (const e of log.events.slice(cut)) resumed.ingest(e);
    expect(replayOutput(resumed)).toEqual(log.replay());
  });

  it('change sets name every application that moved in the queue and the streams whose order changed', () => {
    const log = campaign();
    log.at(T.stage2).submit('A', { pin: pin(1) });
    log.submit('B', { pin: pin(2) });
    log.submit('C', { pin: pin(3) });
    const engine = engineOf(log, { trackChanges: true });
    engine.takeChanges();
    engine.ingest({
      id: 'w',
      type: 'application.withdrawn',
      at: '2026-07-01T10:00:00+06:00',
      data: { applicationId: 'A' },
    } as LogEvent);
    const changes = engine.takeChanges();
    expect([...changes.applications].sort()).toEqual(['A', 'B']);
    expect([...changes.waitlists]).toEqual(['S1/ky']);
    expect(engine.waitlist('S1/ky').map((e) => [e.applicationId, e.kind])).toEqual([['C', 'wait']]);
    expect(engine.waitlistPosition('C')).toBe(1);
    expect(engine.waitlistEntry('C')!.since).toBe(log.events.at(-1)!.at);
  });
});
