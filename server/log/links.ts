// What each district's replica receives from outside its own scope
// (docs/sync.md, "What a district holds"). A district D receives, besides its
// own events and campaign.opened, every event about an application *linked*
// to D, and the public set-up events of the outside schools such an
// application has been at.
//
// An application is linked to D when it is, or once was, at a D school
// (filed, transferred or placed there, or queued for one of its streams), or
// when it belongs to the same child (PIN) as an application linked to D. A
// linked application is a child who applied in D, so its events may reach D
// (minimised, see `minimiseLine`); a child who never applied in D never does.
//
// A link made after the application already had events (a transfer into D of
// a child filed elsewhere) makes those earlier events part of D's view,
// behind D's cursor: D's view version goes up, which invalidates D's cursors,
// so D's next pull restarts from the beginning (`reset`) and never misses
// them. The state is a pure function of the log, so a restart rebuilds it
// identically (replay or snapshot).
import type { Engine } from '../../shared/engine/engine';
import type { LogEvent } from '../../shared/log/events';
import { CAMPAIGN_SCOPE } from './scope';

/** Events of these types are about a school: its set-up and its admission orders. */
const SCHOOL_TYPES: ReadonlySet<string> = new Set([
  'school.registered',
  'catchment.set',
  'quota.set',
  'order.issued',
]);

/** The key of what an event is about: `a:` an application (or case), `s:` a school, null for the campaign. */
export function subjectOf(event: LogEvent): string | null {
  const d = event.data as Record<string, unknown>;
  if (SCHOOL_TYPES.has(event.type)) return `s:${d.schoolId as string}`;
  if (event.type === 'campaign.opened') return null;
  if (event.type.startsWith('commission.')) return `a:${d.caseId as string}`;
  return `a:${d.applicationId as string}`;
}

/** Plain data from which the links are restored (server snapshots). */
export interface LinksSnapshot {
  apps: [string, { d: string[]; s: string[]; pin: string | null; n: number }][];
  pins: [string, string[]][];
  schools: string[];
  byDistrict: [string, string[]][];
  versions: [string, number][];
}

interface AppLinks {
  /** districts whose replica holds this application */
  districts: Set<string>;
  /** schools it has been at, moved to or queued for */
  schools: Set<string>;
  pin: string | null;
  /** events about it so far */
  events: number;
}

export class DistrictLinks {
  private readonly apps = new Map<string, AppLinks>();
  private readonly pins = new Map<string, Set<string>>();
  /** schools that have had events (a link to them is retroactive) */
  private readonly schoolsSeen = new Set<string>();
  /** district -> subjects it receives although they are scoped elsewhere */
  private readonly byDistrict = new Map<string, Set<string>>();
  private readonly versions = new Map<string, number>();

  /** The view version of a district: part of its cursors; it changes when its view grows backwards. */
  version(district: string): number {
    return this.versions.get(district) ?? 0;
  }

  /** The outside subjects a district receives. */
  subjects(district: string): string[] {
    return [...(this.byDistrict.get(district) ?? [])];
  }

  /**
   * Takes note of an accepted event after the engine applied it. `scope` is
   * the district the event is filed under.
   */
  observe(event: LogEvent, engine: Engine, scope: string): void {
    const subject = subjectOf(event);
    if (subject === null) return;
    if (subject.startsWith('s:')) {
      this.schoolsSeen.add(subject.slice(2));
      return;
    }
    const id = subject.slice(2);
    let app = this.apps.get(id);
    if (!app) {
      app = { districts: new Set(), schools: new Set(), pin: null, events: 0 };
      this.apps.set(id, app);
    }
    for (const s of schoolsTouched(event, engine, id)) app.schools.add(s);
    const pin = pinOf(event);
    if (pin !== null && app.pin === null) {
      app.pin = pin;
      let same = this.pins.get(pin);
      if (!same) this.pins.set(pin, (same = new Set()));
      same.add(id);
    }
    // Every application of the child shares the districts any of them is linked to.
    const group = app.pin === null ? [id] : [...this.pins.get(app.pin)!];
    const districts = new Set<string>();
    if (scope !== CAMPAIGN_SCOPE) districts.add(scope);
    for (const g of group) {
      const a = this.apps.get(g)!;
      for (const d of a.districts) districts.add(d);
      for (const s of a.schools) {
        const d = engine.schools.get(s)?.districtId;
        if (d !== undefined) districts.add(d);
      }
    }
    app.events++;
    for (const g of group) this.join(g, districts, engine, g === id ? app.events - 1 : Infinity);
    // The event reaches every linked district but the one it is filed under.
    for (const d of app.districts) if (d !== scope) this.give(d, subject);
  }

  /** Links application `id` to `districts`; `earlier` counts its events before this one. */
  private join(id: string, districts: Set<string>, engine: Engine, earlier: number): void {
    const app = this.apps.get(id)!;
    for (const d of districts) {
      if (app.districts.has(d)) continue;
      app.districts.add(d);
      // Its earlier events were filed elsewhere: D's view grows behind its cursor.
      if (earlier > 0) {
        this.give(d, `a:${id}`);
        this.bump(d);
      }
    }
    for (const d of app.districts) {
      for (const s of app.schools) {
        if (engine.schools.get(s)?.districtId === d) continue;
        const added = this.give(d, `s:${s}`);
        if (added && this.schoolsSeen.has(s)) this.bump(d);
      }
    }
  }

  private give(district: string, subject: string): boolean {
    let set = this.byDistrict.get(district);
    if (!set) this.byDistrict.set(district, (set = new Set()));
    if (set.has(subject)) return false;
    set.add(subject);
    return true;
  }

  private bump(district: string): void {
    this.versions.set(district, this.version(district) + 1);
  }

  snapshot(): LinksSnapshot {
    return {
      apps: [...this.apps].map(([id, a]) => [id, { d: [...a.districts], s: [...a.schools], pin: a.pin, n: a.events }]),
      pins: [...this.pins].map(([p, ids]) => [p, [...ids]]),
      schools: [...this.schoolsSeen],
      byDistrict: [...this.byDistrict].map(([d, s]) => [d, [...s]]),
      versions: [...this.versions],
    };
  }

  static restore(s: LinksSnapshot): DistrictLinks {
    const links = new DistrictLinks();
    for (const [id, a] of s.apps) {
      links.apps.set(id, { districts: new Set(a.d), schools: new Set(a.s), pin: a.pin, events: a.n });
    }
    for (const [p, ids] of s.pins) links.pins.set(p, new Set(ids));
    for (const id of s.schools) links.schoolsSeen.add(id);
    for (const [d, subjects] of s.byDistrict) links.byDistrict.set(d, new Set(subjects));
    for (const [d, v] of s.versions) links.versions.set(d, v);
    return links;
  }
}

function pinOf(event: LogEvent): string | null {
  if (event.type === 'application.submitted') return event.data.child.pin;
  if (event.type === 'commission.case_opened') return event.data.child.pin ?? null;
  return null;
}

/** The schools an application event puts it at, moves it to or queues it for. */
function schoolsTouched(event: LogEvent, engine: Engine, id: string): string[] {
  const out: string[] = [];
  const app = engine.applications.get(id);
  if (app) out.push(app.schoolId);
  const queued = engine.waitlistEntry(id);
  if (queued) {
    const stream = engine.streams.get(queued.streamKey);
    if (stream) out.push(stream.schoolId);
  }
  if (event.type === 'application.submitted') out.push(event.data.schoolId);
  if (event.type === 'application.transfer_requested') out.push(event.data.toSchoolId);
  if (event.type === 'commission.decided' && event.data.decision === 'place' && event.data.schoolId) {
    out.push(event.data.schoolId);
  }
  return out;
}

/**
 * An event as a district that holds it only through a link receives it: what
 * the engine needs to judge it, and no more. The child's PIN, names and
 * registered address stay (the child applied in this district, and the PIN
 * and address decide duplicates, age and catchment); the guardian's contacts
 * and the actual address, which nothing in the rules reads, are removed.
 */
export function minimiseLine(line: string): string {
  const event = JSON.parse(line) as { type: string; data: Record<string, unknown> };
  if (event.type !== 'application.submitted') return line;
  const { actualAddress: _actual, guardian: _guardian, ...data } = event.data;
  return JSON.stringify({ ...event, data: { ...data, guardian: { pin: '', email: '', phone: '' } } });
}
