// Every generated event is a well-formed event of format v1, read back the
// way `kabyl replay` reads it; time never goes backwards; ids never repeat;
// every event names who did it; people's data looks like the real thing.
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePin } from '../../shared/engine/pin';
import { parseEventLine } from '../../shared/log/parseLine';
import { parseInstant } from '../../shared/log/instant';
import type { ActorRole, EventType, LogEvent } from '../../shared/log/events';
import { MIXED, type Generated, countBy, generate, ofType } from './generated';

let g: Generated;
beforeAll(() => {
  g = generate(MIXED);
});

/** Who may write each type of event. */
const ROLES: Record<EventType, ActorRole[]> = {
  'campaign.opened': ['system'],
  'school.registered': ['district'],
  'catchment.set': ['district'],
  'quota.set': ['district'],
  'application.submitted': ['parent'],
  'application.withdrawn': ['parent'],
  'application.transfer_requested': ['parent'],
  'privilege.reviewed': ['director', 'district'],
  'documents.received': ['director'],
  'order.issued': ['director'],
  'commission.case_opened': ['commission'],
  'commission.decided': ['commission'],
};

describe('generated events', () => {
  it('all validate under format v1 when read back from their JSON lines', () => {
    for (let i = 0; i < g.lines.length; i++) {
      const parsed = parseEventLine(g.lines[i], i + 1);
      expect(parsed.id).toBe(g.events[i].id);
    }
  });

  it('open with the one campaign.opened, carrying the default calendar of RULES.md', () => {
    expect(g.events[0].type).toBe('campaign.opened');
    expect(ofType(g.events, 'campaign.opened')).toHaveLength(1);
    expect(g.events[0].data).toMatchObject({
      year: 2026,
      stage1Start: '2026-04-11T09:00:00.000+06:00',
      stage2Start: '2026-06-27T09:00:00.000+06:00',
      stage2End: '2026-09-11T00:00:00.000+06:00',
      documentsStart: '2026-08-01T00:00:00.000+06:00',
      documentsEnd: '2026-09-15T00:00:00.000+06:00',
      birthDateFrom: '2019-09-01',
      birthDateTo: '2020-08-31',
    });
  });

  it('have unique ids and never go back in time, all in +06:00', () => {
    const ids = new Set(g.events.map((e) => e.id));
    expect(ids.size).toBe(g.events.length);
    let last = -Infinity;
    for (const e of g.events) {
      expect(e.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+06:00$/);
      const t = parseInstant(e.at);
      expect(t).toBeGreaterThanOrEqual(last);
      last = t;
    }
  });

  it('name an actor of the right role on every event', () => {
    for (const e of g.events) {
      expect(e.actor, e.id).toBeDefined();
      expect(ROLES[e.type], `${e.id} ${e.type} by ${e.actor!.role}`).toContain(e.actor!.role);
    }
    // A parent acts under their own PIN, the guardian's on the application.
    for (const e of ofType(g.events, 'application.submitted'))
      expect(e.actor!.id).toBe(e.data.guardian.pin);
  });

  it('use every event type', () => {
    const types = countBy(g.events, (e) => e.type);
    for (const type of Object.keys(ROLES)) expect(types[type] ?? 0, type).toBeGreaterThan(0);
  });
});

describe('generated people', () => {
  it("give children valid PINs, apart from a few parents' typos", () => {
    const submissions = ofType(g.events, 'application.submitted');
    const invalid = submissions.filter((e) => parsePin(e.data.child.pin) === null);
    expect(invalid.length).toBeGreaterThan(0);
    expect(invalid.length / submissions.length).toBeLessThan(0.01);
    // Each typo is followed by the same child's application with the correct PIN.
    for (const bad of invalid) {
      const retry = submissions.find(
        (e) =>
          e.data.child.lastName === bad.data.child.lastName &&
          e.data.child.firstName === bad.data.child.firstName &&
          e.data.guardian.pin === bad.data.guardian.pin &&
          parsePin(e.data.child.pin) !== null,
      );
      expect(retry, `no retry after ${bad.id}`).toBeDefined();
    }
  });

  it('never give two children the same PIN', () => {
    // A child's PIN belongs to one family: one registered address and one guardian pair.
    const owner = new Map<string, string>();
    for (const e of ofType(g.events, 'application.submitted')) {
      if (parsePin(e.data.child.pin) === null) continue;
      const who = `${e.data.child.lastName} ${e.data.child.firstName} ${e.data.registeredAddress}`;
      const seen = owner.get(e.data.child.pin);
      if (seen === undefined) owner.set(e.data.child.pin, who);
      else expect(who).toBe(seen);
    }
    expect(owner.size).toBeGreaterThan(MIXED.children! * 0.95);
  });

  it('write Cyrillic names, Kyrgyz "уулу/кызы" surnames, patronymics, and contacts that look real', () => {
    const submissions = ofType(g.events, 'application.submitted');
    const cyrillic = /^[А-ЯЁӨҮҢ][а-яёөүң-]+( (уулу|кызы))?$/;
    for (const e of submissions) {
      const c = e.data.child;
      expect(c.lastName).toMatch(cyrillic);
      expect(c.firstName).toMatch(/^[А-ЯЁӨҮҢ][а-яёөүң]+$/);
      if (c.patronymic !== undefined) expect(c.patronymic).toMatch(/(вич|вна|ична)$/);
      expect(e.data.guardian.phone).toMatch(/^\+996\d{9}$/);
      expect(e.data.guardian.email).toMatch(/^[a-z0-9._]+@[a-z]+\.(com|ru)$/);
      const guardian = parsePin(e.data.guardian.pin);
      expect(guardian, e.data.guardian.pin).not.toBeNull();
      expect(Number(guardian!.birthDate.slice(0, 4))).toBeLessThan(2005);
    }
    expect(submissions.some((e) => e.data.child.lastName.endsWith(' уулу'))).toBe(true);
    expect(submissions.some((e) => e.data.child.lastName.endsWith(' кызы'))).toBe(true);
    expect(submissions.some((e) => e.data.child.patronymic === undefined)).toBe(true);
    expect(submissions.some((e) => e.data.guardian.telegram !== undefined)).toBe(true);
    const citizenship = countBy(submissions, (e) => e.data.child.citizenship);
    expect(citizenship.KG / submissions.length).toBeGreaterThan(0.97);
  });
});

describe('generated schools and catchments', () => {
  it('registers the requested schools, in and out of scope, urban and rural', () => {
    const schools = ofType(g.events, 'school.registered');
    expect(schools).toHaveLength(MIXED.districtNames!.length * MIXED.schoolsPerDistrict!);
    const kinds = countBy(schools, (e) => e.data.kind);
    expect((kinds.state ?? 0) + (kinds.municipal ?? 0)).toBeGreaterThan(schools.length * 0.85);
    expect((kinds.gymnasium ?? 0) + (kinds.private ?? 0) + (kinds.special ?? 0)).toBeGreaterThan(0);
    const locality = countBy(schools, (e) => e.data.locality ?? 'none');
    expect(locality.urban).toBeGreaterThan(0);
    expect(locality.rural).toBeGreaterThan(0);
    expect(locality.none).toBeUndefined();
    expect(new Set(schools.map((e) => e.data.districtId))).toEqual(
      new Set(['BISH.OKT', 'BISH.LEN', 'OSHC.OSH', 'OSH.KSU', 'NRN.NAR']),
    );
  });

  it('gives every in-scope school ky and ru streams with seats and planned classes, and some southern schools uz', () => {
    const quotas = ofType(g.events, 'quota.set');
    const streams = new Map<string, Set<string>>();
    for (const q of quotas) {
      expect(q.data.classes, q.id).toBeGreaterThanOrEqual(1);
      if (!streams.has(q.data.schoolId)) streams.set(q.data.schoolId, new Set());
      streams.get(q.data.schoolId)!.add(q.data.language);
    }
    const inScope = ofType(g.events, 'school.registered').filter(
      (e) => e.data.kind === 'state' || e.data.kind === 'municipal',
    );
    for (const s of inScope)
      expect(streams.get(s.data.schoolId)?.has('ky'), s.data.schoolId).toBe(true);
    const urban = inScope.filter((s) => s.data.locality === 'urban');
    for (const s of urban)
      expect(streams.get(s.data.schoolId)?.has('ru'), s.data.schoolId).toBe(true);
    const uz = [...streams].filter(([, langs]) => langs.has('uz')).map(([id]) => id);
    expect(uz.length).toBeGreaterThan(0);
    for (const id of uz) expect(id.startsWith('OSH-') || id.startsWith('KSU-'), id).toBe(true);
  });

  it("writes catchments as address codes of the school's district, with a few streets claimed by two schools", () => {
    const schools = new Map(
      ofType(g.events, 'school.registered').map((e) => [e.data.schoolId, e.data.districtId]),
    );
    const claims = new Map<string, number>();
    for (const c of ofType(g.events, 'catchment.set')) {
      for (const a of c.data.addresses) {
        expect(a.startsWith(schools.get(c.data.schoolId)! + '.'), a).toBe(true);
        expect(a).toMatch(/^[A-Z]+\.[A-Z]+\.S\d{3}(\.ST\d{2}(\.H\d+)?)?$/);
        claims.set(a, (claims.get(a) ?? 0) + 1);
      }
    }
    expect([...claims.values()].some((n) => n === 2)).toBe(true);
  });

  it('gives children registered addresses down to the building, a few of them on no catchment', () => {
    const entries = ofType(g.events, 'catchment.set').flatMap((c) => c.data.addresses);
    const set = new Set(entries);
    const covered = (address: string): boolean => {
      for (let i = address.length; i > 0; i = address.lastIndexOf('.', i - 1))
        if (set.has(address.slice(0, i))) return true;
      return false;
    };
    const submissions = ofType(g.events, 'application.submitted');
    for (const e of submissions)
      expect(e.data.registeredAddress).toMatch(/^[A-Z]+\.[A-Z]+\.S\d{3}\.ST\d{2}\.H\d+$/);
    const uncovered = submissions.filter((e) => !covered(e.data.registeredAddress));
    expect(uncovered.length).toBeGreaterThan(0);
    expect(uncovered.length / submissions.length).toBeLessThan(0.1);
    // Some of them live in a listed street's newer houses, beyond the last listed number.
    expect(uncovered.some((e) => set.has(e.data.registeredAddress.replace(/\.H\d+$/, '.H1')))).toBe(
      true,
    );
  });
});

export type { LogEvent };
