// A realistic first-grade admission campaign as a log of format v1, in time
// order. The generator keeps a timeline of what each family, director,
// district officer and commission intends to do next; when an intention comes
// due it asks the real Engine what the log has made of the campaign so far
// (does the child still hold a place? is there a free seat? is anything
// waiting for an order?) and writes the event that person would write. So the
// follow-ups are plausible by construction and the rules are never restated
// here: the engine decides every outcome, the generator only reacts to it.
import { Engine } from '../engine/engine';
import { type Application, type Stream, streamKey } from '../engine/model';
import type { Reason } from '../engine/reasons';
import {
  type Actor,
  DEFAULT_PRIVILEGE_CATEGORIES,
  type EventType,
  type LogEvent,
  type Payload,
  REQUIRED_DOCUMENTS,
} from '../log/events';
import { parseInstant } from '../log/instant';
import {
  type Calendar,
  DAY,
  HOUR,
  MINUTE,
  dayStart,
  defaultCalendar,
  formatInstant,
  officeTime,
  parentTimeOfDay,
} from './calendar';
import { DISTRICTS, type DistrictInfo, findDistrict } from './districts';
import { type DistrictPlan, type SchoolPlan, buildGeography } from './geography';
import { fullName } from './names';
import {
  type ChildPlan,
  PRIVILEGES,
  guardianOf,
  household,
  mistypedPin,
  planChildren,
} from './people';
import { Random } from './random';
import { Timeline } from './timeline';

export interface GenerateOptions {
  /** the same seed gives the same log, byte for byte (default 1) */
  seed?: number;
  /**
   * How many districts, taken in the order of DISTRICTS: Bishkek's four first
   * (default 1); or the districts themselves, as `districtNames` takes them.
   */
  districts?: number | readonly string[];
  /** schools in each district, a few of them gymnasiums, private or special (default 25) */
  schoolsPerDistrict?: number;
  /** children of admission age and a few outside it (default 6000) */
  children?: number;
  /** campaign year, with RULES.md's default calendar (default 2026) */
  year?: number;
  /** ISO instant with an offset: no event after it (a campaign caught partway) */
  until?: string;
  /** districts by code, short code, slug or name ("BISH.OKT", "OKT", "bishkek-oktyabrsky"); overrides `districts` */
  districtNames?: readonly string[];
  /**
   * Open the campaign with R16 waitlists on: families queue for full streams,
   * leave the queue, ask for full favourites as standing transfers (default false;
   * off, the log is exactly what it was before the option existed).
   */
  waitlist?: boolean;
}

export interface ResolvedOptions {
  seed: number;
  districts: readonly DistrictInfo[];
  schoolsPerDistrict: number;
  children: number;
  calendar: Calendar;
  until: number;
  waitlist: boolean;
}

export const GENERATOR_LIMITS = {
  schoolsPerDistrict: 500,
  children: 5_000_000,
  yearFrom: 2000,
  yearTo: 2100,
} as const;

/** Checks the options and fills in defaults; throws a RangeError naming the option. */
export function resolveOptions(o: GenerateOptions = {}): ResolvedOptions {
  const int = (
    name: string,
    v: number | undefined,
    def: number,
    min: number,
    max: number,
  ): number => {
    if (v === undefined) return def;
    if (!Number.isInteger(v) || v < min || v > max)
      throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${v}`);
    return v;
  };
  let districts: DistrictInfo[];
  const names = o.districtNames ?? (typeof o.districts === 'object' ? o.districts : undefined);
  if (names !== undefined) {
    if (names.length === 0) throw new RangeError('districtNames must name at least one district');
    districts = names.map((name) => {
      const found = findDistrict(name);
      if (!found)
        throw new RangeError(
          `unknown district "${name}"; known: ${DISTRICTS.map((x) => x.slug).join(', ')}`,
        );
      return found;
    });
    if (new Set(districts).size !== districts.length)
      throw new RangeError('districtNames names a district twice');
  } else {
    districts = DISTRICTS.slice(
      0,
      int('districts', o.districts as number | undefined, 1, 1, DISTRICTS.length),
    );
  }
  const year = int('year', o.year, 2026, GENERATOR_LIMITS.yearFrom, GENERATOR_LIMITS.yearTo);
  let until = Infinity;
  if (o.until !== undefined) {
    until = parseInstant(o.until);
    if (Number.isNaN(until))
      throw new RangeError(
        `until must be an ISO-8601 instant with an offset (e.g. ${year}-07-15T18:00:00+06:00), got "${o.until}"`,
      );
  }
  return {
    seed: int('seed', o.seed, 1, 0, 0xffffffff),
    districts,
    schoolsPerDistrict: int(
      'schoolsPerDistrict',
      o.schoolsPerDistrict,
      25,
      1,
      GENERATOR_LIMITS.schoolsPerDistrict,
    ),
    children: int('children', o.children, 6000, 0, GENERATOR_LIMITS.children),
    calendar: defaultCalendar(year),
    until,
    waitlist: o.waitlist ?? false,
  };
}

/**
 * Yields a whole campaign's log, event by event, in time order: every event
 * valid under format v1, ids unique, every instant in +06:00. Deterministic by
 * seed; with `until` it is exactly the prefix of the full log up to that instant.
 */
export function generateLog(options: GenerateOptions = {}): Generator<LogEvent> {
  // Bad options throw here, at the call, not at the first event.
  const resolved = resolveOptions(options);
  return (function* () {
    yield* new CampaignRun(resolved).run();
  })();
}

// One-time steps of a family (ChildPlan.flags).
const WITHDRAW_PLANNED = 1;
const TRANSFER_PLANNED = 2;
const DUPLICATE_PLANNED = 4;
const TRIED_ANOTHER = 8;
const CASE_OPENED = 16;
const FELL_BACK = 32;
const DOCS_TRIED = 64;

type CaseReason = 'age_out_of_range' | 'no_pin' | 'no_free_seats' | 'no_documents';

interface Request {
  school: SchoolPlan;
  language: string;
  privilege?: string;
  /** a mistyped PIN instead of the child's own */
  pin?: string;
  /** 0: the parent who usually deals with the school; 1: the other one */
  guardian?: 0 | 1;
}

interface QuotaPlan {
  seats: number;
  classes: number;
  /** seats per class the district plans with, for later changes */
  perClass: number;
}

const FULL_DOCUMENTS: readonly string[] = REQUIRED_DOCUMENTS;
const ZEROS = '0000000000';
function pad(n: number, w: number): string {
  const s = '' + n;
  return s.length >= w ? s : ZEROS.slice(0, w - s.length) + s;
}

class CampaignRun {
  private readonly rng: Random;
  private readonly engine: Engine;
  /** R16: children waiting in a queue, by application id; the engine places them, the generator reacts */
  private readonly waiting = new Map<string, ChildPlan>();
  private readonly timeline = new Timeline();
  private readonly out: LogEvent[] = [];
  private readonly cal: Calendar;
  private readonly districts: DistrictPlan[];
  private readonly children: ChildPlan[];
  private readonly schoolsById = new Map<string, SchoolPlan>();
  private readonly quotas = new Map<string, QuotaPlan>();
  /** streams whose quota the district sets only after stage 1 has opened */
  private readonly lateQuota = new Map<string, number>();
  private readonly nextOrderNumber: Int32Array;
  private now = -Infinity;
  private nowText = '';
  private eventSeq = 0;
  private appSeq = 0;
  private caseSeq = 0;

  constructor(private readonly o: ResolvedOptions) {
    this.rng = new Random(o.seed);
    // With waitlists the engine places children between the generator's own events; change sets say whom.
    this.engine = new Engine({ trackChanges: o.waitlist });
    this.cal = o.calendar;
    this.districts = buildGeography(this.rng, o.districts, o.schoolsPerDistrict);
    for (const d of this.districts) for (const s of d.schools) this.schoolsById.set(s.id, s);
    this.children = planChildren(this.rng, this.districts, o.children, this.cal);
    this.nextOrderNumber = new Int32Array(this.schoolsById.size);
    for (let i = 0; i < this.nextOrderNumber.length; i++)
      this.nextOrderNumber[i] = this.rng.range(12, 90);
    this.planQuotas();
    this.scheduleSetup();
    for (const child of this.children) this.scheduleChild(child);
    this.scheduleDistrictWork();
  }

  *run(): Generator<LogEvent> {
    for (;;) {
      const entry = this.timeline.pop();
      if (entry === undefined || entry.t > this.o.until) return;
      if (entry.t !== this.now) {
        this.now = entry.t;
        this.nowText = formatInstant(entry.t);
      }
      entry.run();
      if (this.out.length > 0) {
        for (const e of this.out) yield e;
        this.out.length = 0;
      }
    }
  }

  // ------------------------------------------------------------ plumbing

  private schedule(t: number, run: () => void): void {
    this.timeline.schedule(Math.max(t, this.now), run);
  }

  /** Writes one event at the current instant, lets the engine apply it, and returns its refusal. */
  private emit<T extends EventType>(type: T, actor: Actor, data: Payload<T>): Reason | null {
    const event = {
      id: `e${pad(++this.eventSeq, 7)}`,
      type,
      at: this.nowText,
      actor,
      data,
    } as LogEvent;
    const outcome = this.engine.ingest(event);
    this.out.push(event);
    if (this.o.waitlist) this.queuesMoved();
    return outcome.kind === 'applied' ? outcome.refused : null;
  }

  private wouldRefuse<T extends EventType>(type: T, data: Payload<T>): Reason | null {
    return this.engine.evaluate({ id: '', type, at: this.nowText, data } as LogEvent);
  }

  private current(child: ChildPlan): Application | undefined {
    return child.appId === null ? undefined : this.engine.applications.get(child.appId);
  }

  private parent(child: ChildPlan, which: 0 | 1 = 0): Actor {
    return {
      role: 'parent',
      id: guardianOf(this.o.seed, child, household(this.o.seed, child), which).pin,
    };
  }

  private director(school: SchoolPlan): Actor {
    return { role: 'director', id: `${school.id}-director` };
  }

  private officer(district: DistrictPlan): Actor {
    return { role: 'district', id: this.rng.pick(district.officers) };
  }

  private commission(district: DistrictPlan): Actor {
    return { role: 'commission', id: `${district.info.short}-commission` };
  }

  // ------------------------------------------------------------ set-up

  /**
   * Seats follow the children living in each micro-district, as the district
   * plans them: generous in villages, short in the cities (Bishkek builds for
   * fewer children than it has), with now and then a class far over the norm.
   */
  private planQuotas(): void {
    const demand = new Map<string, number>();
    for (const c of this.children) {
      if (c.scenario === 'late' || c.scenario === 'no_pin' || c.scenario === 'out_of_age') continue;
      const key = streamKey(c.home.id, c.language);
      demand.set(key, (demand.get(key) ?? 0) + 1);
    }
    const rng = this.rng;
    for (const district of this.districts) {
      for (const school of district.schools) {
        for (const language of school.languages) {
          const key = streamKey(school.id, language);
          if (!school.inScope) {
            const classes = rng.range(1, 3);
            this.quotas.set(key, { seats: classes * 25, classes, perClass: 25 });
            continue;
          }
          let perClass = school.classSizeNorm ?? (school.locality === 'urban' ? 30 : 25);
          let factor: number;
          if (district.info.city) {
            perClass = rng.weighted([
              [30, 3],
              [32, 2],
              [34, 2],
              [36, 2],
              [50, 0.3],
            ]);
            factor = rng.real(0.72, 1.08);
          } else if (school.locality === 'urban') {
            factor = rng.real(0.85, 1.2);
          } else {
            factor = rng.real(1.0, 1.4);
          }
          const target = (demand.get(key) ?? 0) * factor;
          let seats: number, classes: number;
          if (target < perClass * 0.75) {
            classes = 1;
            seats = Math.max(rng.range(5, 10), Math.ceil(target) + rng.range(0, 4));
          } else {
            classes = Math.max(1, Math.round(target / perClass));
            seats = classes * perClass;
          }
          this.quotas.set(key, { seats, classes, perClass });
        }
      }
    }
  }

  private scheduleSetup(): void {
    const c = this.cal;
    const rng = this.rng;
    this.schedule(c.opened, () =>
      this.emit(
        'campaign.opened',
        { role: 'system', id: 'kabyl-central' },
        {
          year: c.year,
          stage1Start: formatInstant(c.stage1Start),
          stage2Start: formatInstant(c.stage2Start),
          stage2End: formatInstant(c.stage2End),
          documentsStart: formatInstant(c.documentsStart),
          documentsEnd: formatInstant(c.documentsEnd),
          birthDateFrom: c.birthDateFrom,
          birthDateTo: c.birthDateTo,
          maxWithdrawals: c.maxWithdrawals,
          privilegeCategories: [...DEFAULT_PRIVILEGE_CATEGORIES],
          ...(this.o.waitlist ? { waitlist: true } : {}),
        },
      ),
    );
    for (const district of this.districts) {
      const registrationDay = dayStart(c.opened) + (1 + (district.index % 6)) * DAY;
      for (const school of district.schools) {
        const officer = this.officer(district);
        this.schedule(officeTime(rng, registrationDay), () => {
          const data: Payload<'school.registered'> = {
            schoolId: school.id,
            name: school.name,
            kind: school.kind,
            districtId: district.info.code,
            locality: school.locality,
          };
          if (school.classSizeNorm !== null) data.classSizeNorm = school.classSizeNorm;
          this.emit('school.registered', officer, data);
        });
        if (school.catchment.length > 0) {
          this.schedule(officeTime(rng, registrationDay + rng.range(2, 10) * DAY), () =>
            this.emit('catchment.set', officer, {
              schoolId: school.id,
              addresses: school.catchment,
            }),
          );
        }
        const onTime: string[] = [];
        for (const language of school.languages) {
          if (school.inScope && rng.chance(0.015)) {
            // "Quotas were not set in time": this stream opens hours after stage 1 did.
            const t = c.stage1Start + rng.range(1, 30) * HOUR + rng.int(HOUR);
            this.lateQuota.set(streamKey(school.id, language), t);
            this.schedule(t, () => this.setQuota(school, language, officer));
          } else {
            onTime.push(language);
          }
        }
        this.schedule(officeTime(rng, dayStart(c.stage1Start) - rng.range(3, 19) * DAY), () => {
          for (const language of onTime) this.setQuota(school, language, officer);
        });
      }
    }
  }

  private setQuota(school: SchoolPlan, language: string, officer: Actor): void {
    const q = this.quotas.get(streamKey(school.id, language))!;
    this.emit('quota.set', officer, {
      schoolId: school.id,
      language,
      seats: q.seats,
      classes: q.classes,
    });
  }

  /** District routines: quota reviews in stage 1 and 2, the schools' admission orders. */
  private scheduleDistrictWork(): void {
    const c = this.cal;
    const rng = this.rng;
    for (const district of this.districts) {
      this.schedule(officeTime(rng, dayStart(c.stage1Start) + rng.range(35, 45) * DAY), () =>
        this.reviewQuotas(district, 1),
      );
      this.schedule(officeTime(rng, dayStart(c.stage2Start) + rng.range(8, 14) * DAY), () =>
        this.reviewQuotas(district, 2),
      );
      for (const school of district.inScope) {
        this.schedule(officeTime(rng, dayStart(c.documentsStart) + rng.range(2, 12) * DAY), () =>
          this.orderRound(school, 0),
        );
      }
    }
  }

  /**
   * The district resolves about half of its overflow by raising quotas to
   * the seats taken; in stage 1 it also cuts a rare stream (a classroom lost to
   * repairs), which evicts nobody and shows as overflow.
   */
  private reviewQuotas(district: DistrictPlan, stage: 1 | 2): void {
    const officer = this.officer(district);
    for (const school of district.inScope) {
      for (const language of school.languages) {
        const key = streamKey(school.id, language);
        const stream = this.engine.streams.get(key);
        const plan = this.quotas.get(key)!;
        if (!stream) continue;
        let seats: number;
        if (stream.occupied > stream.quota && this.rng.chance(0.5))
          seats = stream.occupied + this.rng.range(0, 3);
        else if (stage === 1 && stream.quota > plan.perClass && this.rng.chance(0.01))
          seats = stream.quota - plan.perClass;
        else continue;
        const classes = Math.max(1, Math.ceil(seats / plan.perClass));
        this.emit('quota.set', officer, { schoolId: school.id, language, seats, classes });
      }
    }
  }

  // ------------------------------------------------------------ families

  private scheduleChild(child: ChildPlan): void {
    const c = this.cal;
    const rng = this.rng;
    switch (child.scenario) {
      case 'no_pin':
        this.schedule(officeTime(rng, dayStart(c.stage1Start) + rng.range(20, 140) * DAY), () =>
          this.openCase(child, 'no_pin'),
        );
        return;
      case 'late':
        this.planStage2(child, c.stage2Start);
        return;
      case 'early':
        this.schedule(c.stage1Start - rng.range(1, 40) * HOUR - rng.int(HOUR), () =>
          this.submit(child, this.firstRequest(child)),
        );
        break;
      default:
        this.schedule(this.stage1Time(), () => this.submit(child, this.firstRequest(child)));
    }
    if (child.commissionIfNoDocs && (child.docs === 'never' || child.docs === 'incomplete')) {
      this.schedule(officeTime(rng, c.documentsEnd + rng.range(0, 5) * DAY), () =>
        this.openCase(child, 'no_documents'),
      );
    }
  }

  /** Stage 1: a burst in the first hours, a busy second day, then a long tail. */
  private stage1Time(): number {
    const c = this.cal;
    const rng = this.rng;
    const first = dayStart(c.stage1Start);
    const days = Math.floor((c.stage2Start - first) / DAY);
    const r = rng.next();
    let t: number;
    // Kyrgyzstan, 2026: 28,908 applications in the first two days, of about 150,000.
    if (r < 0.11) {
      t = c.stage1Start + rng.expo(80 * MINUTE);
      if (t > c.stage1Start + 14 * HOUR) t = c.stage1Start + rng.int(14 * HOUR);
    } else if (r < 0.18) {
      t = parentTimeOfDay(rng, first + DAY);
    } else {
      let d = 2 + Math.floor(rng.expo(14));
      if (d >= days) d = rng.range(2, days - 1);
      t = parentTimeOfDay(rng, first + d * DAY);
    }
    if (t < c.stage1Start) t = c.stage1Start + rng.int(10 * HOUR);
    if (t >= c.stage2Start) t = c.stage2Start - HOUR - rng.int(DAY);
    return t;
  }

  /** Stage 2: first come, first served, so the families still without a place rush the opening. */
  private stage2Time(): number {
    const c = this.cal;
    const rng = this.rng;
    const first = dayStart(c.stage2Start);
    const days = Math.floor((c.stage2End - first) / DAY);
    const r = rng.next();
    let t: number;
    if (r < 0.3) {
      t = c.stage2Start + rng.expo(50 * MINUTE);
      if (t > c.stage2Start + 12 * HOUR) t = c.stage2Start + rng.int(12 * HOUR);
    } else if (r < 0.45) {
      t = parentTimeOfDay(rng, first + DAY);
    } else {
      let d = 2 + Math.floor(rng.expo(10));
      if (d >= days) d = rng.range(2, days - 1);
      t = parentTimeOfDay(rng, first + d * DAY);
    }
    if (t < c.stage2Start) t = c.stage2Start + rng.int(12 * HOUR);
    if (t >= c.stage2End) t = c.stage2End - HOUR - rng.int(DAY);
    return t;
  }

  private firstRequest(child: ChildPlan): Request {
    const rng = this.rng;
    const home: Request = { school: child.home, language: child.language };
    switch (child.scenario) {
      case 'privilege_other': {
        const other = this.otherSchool(child, child.home);
        return {
          ...(other ? { school: other, language: child.language } : home),
          privilege: rng.weighted(PRIVILEGES),
        };
      }
      case 'privilege_home':
        return { ...home, privilege: rng.weighted(PRIVILEGES) };
      case 'typo':
        return { ...home, pin: mistypedPin(rng, child.pin) };
      case 'wrong_school': {
        const elite = child.district.schools.filter(
          (s) => !s.inScope && s.languages.includes(child.language),
        );
        return elite.length > 0 ? { school: rng.pick(elite), language: child.language } : home;
      }
      case 'wrong_language': {
        const language = ['ru', 'uz', 'en'].find((l) => !child.home.languages.includes(l)) ?? 'en';
        return { school: child.home, language };
      }
      case 'unrecognized_privilege':
        return { ...home, privilege: rng.pick(['large_family', 'disability', 'orphan']) };
      default:
        return home;
    }
  }

  /** Another in-scope school of the district that teaches in the child's language. */
  private otherSchool(child: ChildPlan, except: SchoolPlan | string): SchoolPlan | null {
    const exceptId = typeof except === 'string' ? except : except.id;
    const schools = child.district.inScope;
    for (let i = 0; i < 12; i++) {
      const s = schools[this.rng.int(schools.length)];
      if (s.id !== exceptId && s.languages.includes(child.language)) return s;
    }
    return null;
  }

  /** What a parent sees on the portal in stage 2: schools of the district with a free seat. */
  private schoolWithFreeSeat(
    district: DistrictPlan,
    language: string,
    exceptId: string | null,
  ): SchoolPlan | null {
    const open: SchoolPlan[] = [];
    for (const s of district.inScope) {
      if (s.id === exceptId) continue;
      const stream: Stream | undefined = this.engine.streams.get(streamKey(s.id, language));
      if (stream && stream.quota > stream.occupied) open.push(s);
    }
    return open.length === 0 ? null : open[this.rng.int(open.length)];
  }

  private submit(child: ChildPlan, req: Request): void {
    const applicationId = `A${pad(++this.appSeq, 7)}`;
    const h = household(this.o.seed, child);
    const g = guardianOf(this.o.seed, child, h, req.guardian ?? 0);
    const name = h.family.child;
    const who: Payload<'application.submitted'>['child'] = name.patronymic
      ? {
          pin: req.pin ?? child.pin,
          lastName: name.lastName,
          firstName: name.firstName,
          patronymic: name.patronymic,
          citizenship: h.citizenship,
        }
      : {
          pin: req.pin ?? child.pin,
          lastName: name.lastName,
          firstName: name.firstName,
          citizenship: h.citizenship,
        };
    const data: Payload<'application.submitted'> = {
      applicationId,
      child: who,
      guardian: g,
      schoolId: req.school.id,
      language: req.language,
      registeredAddress: child.address,
    };
    if (child.actualAddress) data.actualAddress = child.actualAddress;
    if (req.privilege) data.privilege = { category: req.privilege };
    const refused = this.emit('application.submitted', { role: 'parent', id: g.pin }, data);
    if (refused !== null) this.refused(child, req, refused);
    else if (this.engine.applications.get(applicationId)!.status === 'waitlisted')
      this.inLine(child, applicationId);
    else this.placed(child, applicationId);
  }

  private placed(child: ChildPlan, applicationId: string): void {
    const c = this.cal;
    const rng = this.rng;
    child.appId = applicationId;
    const app = this.engine.applications.get(applicationId)!;
    // Most directors check a claim within days; the rest leave it until the family brings the papers.
    if (app.privilege === 'pending' && rng.chance(0.75)) {
      this.schedule(officeTime(rng, this.now + rng.range(1, 20) * DAY), () =>
        this.review(child, applicationId),
      );
    }
    if (child.withdraws && !(child.flags & WITHDRAW_PLANNED)) {
      child.flags |= WITHDRAW_PLANNED;
      this.schedule(this.withdrawalTime(), () => this.withdraw(child));
    } else if (child.transfers && !(child.flags & TRANSFER_PLANNED)) {
      child.flags |= TRANSFER_PLANNED;
      this.schedule(this.transferTime(), () => this.transfer(child, false));
    }
    if (child.scenario === 'duplicate' && !(child.flags & DUPLICATE_PLANNED)) {
      child.flags |= DUPLICATE_PLANNED;
      const t = this.parentDay(this.now + rng.range(1, 10) * DAY);
      const stage = this.engine.stageAt(this.now);
      if (stage !== null && this.engine.stageAt(t) === stage)
        this.schedule(t, () => this.duplicate(child));
    }
    if (this.now < c.documentsEnd) this.expectDocuments(child);
  }

  private refused(child: ChildPlan, req: Request, reason: Reason): void {
    const c = this.cal;
    const rng = this.rng;
    const stage = this.engine.stageAt(this.now);
    const home: Request = { school: child.home, language: child.language };
    const inStage1 = (t: number): boolean => t < c.stage2Start - HOUR;
    switch (reason) {
      case 'outside_window':
        if (this.now < c.stage1Start)
          this.schedule(c.stage1Start + rng.expo(40 * MINUTE), () => this.submit(child, req));
        return;
      case 'invalid_pin':
        this.schedule(this.now + rng.range(3, 90) * MINUTE, () =>
          this.submit(child, { ...req, pin: undefined }),
        );
        return;
      case 'school_not_in_scope':
      case 'language_not_offered':
      case 'privilege_not_recognized': {
        const opens = this.lateQuota.get(streamKey(child.home.id, child.language)) ?? 0;
        const t = Math.max(
          this.now + rng.range(10, 600) * MINUTE,
          opens + rng.range(5, 900) * MINUTE,
        );
        if (stage === 1 && inStage1(t)) this.schedule(t, () => this.submit(child, home));
        else this.planStage2(child, this.now);
        return;
      }
      case 'age_out_of_range':
        if (rng.chance(0.7)) this.caseLater(child, 'age_out_of_range');
        return;
      case 'not_in_catchment': {
        // Some parents try the next school before believing the house is on no list.
        const t = this.now + rng.range(1, 4) * DAY;
        const other = this.otherSchool(child, req.school);
        if (!(child.flags & TRIED_ANOTHER) && other && rng.chance(0.4) && inStage1(t)) {
          child.flags |= TRIED_ANOTHER;
          this.schedule(parentTimeOfDay(rng, dayStart(t)), () =>
            this.submit(child, { school: other, language: child.language }),
          );
        } else {
          this.planStage2(child, this.now);
        }
        return;
      }
      case 'no_free_seats':
        if (stage === 2) {
          this.nextStage2Attempt(child);
        } else if (child.covered && !(child.flags & FELL_BACK) && inStage1(this.now + DAY)) {
          // The claim found no free seat: back to the catchment school, where there is always room.
          child.flags |= FELL_BACK;
          this.schedule(this.now + rng.range(10, 48 * 60) * MINUTE, () => this.submit(child, home));
        } else {
          this.planStage2(child, this.now);
        }
        return;
      default:
        // duplicate_application: the child already holds a place; nothing more to do.
        return;
    }
  }

  private planStage2(child: ChildPlan, from: number): void {
    const c = this.cal;
    const rng = this.rng;
    if (child.stage2Planned) return;
    child.stage2Planned = true;
    // Some families stop here: a private school, another year, another town.
    if (rng.chance(0.1)) return;
    const t =
      from <= c.stage2Start
        ? this.stage2Time()
        : parentTimeOfDay(rng, dayStart(from + rng.expo(2 * DAY)));
    if (t >= c.stage2End) return;
    this.schedule(t, () => this.stage2Attempt(child));
  }

  private nextStage2Attempt(child: ChildPlan): void {
    const rng = this.rng;
    // Right away at the next school on the list, or another day.
    const t = rng.chance(0.6)
      ? this.now + rng.range(2, 40) * MINUTE
      : this.parentDay(this.now + rng.range(1, 4) * DAY);
    if (child.attempts < 4 && t < this.cal.stage2End) {
      this.schedule(t, () => this.stage2Attempt(child));
    } else if (rng.chance(0.55)) {
      this.caseLater(child, 'no_free_seats');
    }
  }

  /** Stage 2 by actual address: first the nearest school, then the ones the portal shows with free seats. */
  private stage2Attempt(child: ChildPlan): void {
    const rng = this.rng;
    if (this.now >= this.cal.stage2End || this.engine.activeApplicationOf(child.pin)) return;
    child.attempts++;
    let school: SchoolPlan | null;
    let language = child.language;
    if (child.attempts === 1) {
      school = rng.chance(0.7) ? child.home : (this.otherSchool(child, child.home) ?? child.home);
    } else if (rng.chance(0.8)) {
      school = this.schoolWithFreeSeat(child.district, language, null);
      if (!school && rng.chance(0.3)) {
        language = language === 'ru' ? 'ky' : 'ru';
        school = this.schoolWithFreeSeat(child.district, language, null);
      }
      if (!school) {
        if (rng.chance(0.55)) this.caseLater(child, 'no_free_seats');
        return;
      }
    } else {
      school = this.otherSchool(child, child.home) ?? child.home;
    }
    this.submit(child, { school, language });
  }

  private withdrawalTime(): number {
    const c = this.cal;
    const rng = this.rng;
    if (rng.chance(0.06))
      return officeTime(rng, dayStart(c.documentsStart) + rng.range(5, 40) * DAY);
    if (this.now < c.stage2Start)
      return this.parentDay(rng.real(this.now + 2 * DAY, c.stage2Start + 20 * DAY));
    return this.parentDay(this.now + rng.range(1, 20) * DAY);
  }

  /** A moment on that day when parents use the portal (never earlier than now). */
  private parentDay(t: number): number {
    return Math.max(this.now, parentTimeOfDay(this.rng, dayStart(t)));
  }

  private transferTime(): number {
    const c = this.cal;
    const rng = this.rng;
    const from = Math.max(this.now, c.stage2Start) + rng.int(6 * HOUR);
    if (rng.chance(0.12))
      return Math.max(from, officeTime(rng, dayStart(c.documentsStart) + rng.range(2, 30) * DAY));
    let t = this.parentDay(from + rng.expo(8 * DAY));
    if (t >= c.documentsStart)
      t = this.parentDay(rng.real(from, Math.max(from, c.documentsStart - DAY)));
    return Math.max(t, from);
  }

  private withdraw(child: ChildPlan): void {
    const app = this.current(child);
    // A family that has handed in its papers may still ask (and be refused: the list is locked).
    if (
      !app ||
      !(
        app.status === 'registered' ||
        app.status === 'documents_received' ||
        app.status === 'enrolled'
      )
    )
      return;
    const refused = this.emit('application.withdrawn', this.parent(child), {
      applicationId: app.id,
    });
    if (refused === null && this.rng.chance(0.55))
      this.planStage2(child, this.parentDay(this.now + this.rng.range(1, 10) * DAY));
  }

  private transfer(child: ChildPlan, retry: boolean): void {
    const rng = this.rng;
    const app = this.current(child);
    if (!app || this.engine.stageAt(this.now) !== 2) return;
    if (!(
      app.status === 'registered' ||
      app.status === 'documents_received' ||
      app.status === 'enrolled'
    ))
      return;
    let language = app.language;
    if (rng.chance(0.1)) language = language === 'ru' ? 'ky' : 'ru';
    // Most families ask for a school the portal shows with free seats; some ask for a full favourite anyway,
    // more of them when a full school means a place in line (R16) rather than a refusal.
    const target = rng.chance(this.o.waitlist ? 0.45 : 0.75)
      ? this.schoolWithFreeSeat(child.district, language, app.schoolId)
      : this.otherSchool(child, app.schoolId);
    if (!target || !target.languages.includes(language)) return;
    const data: Payload<'application.transfer_requested'> = {
      applicationId: app.id,
      toSchoolId: target.id,
    };
    if (language !== app.language) data.toLanguage = language;
    const refused = this.emit('application.transfer_requested', this.parent(child), data);
    if (refused === 'no_free_seats' && !retry && rng.chance(0.4)) {
      this.schedule(this.parentDay(this.now + rng.range(1, 5) * DAY), () =>
        this.transfer(child, true),
      );
    }
  }

  // ------------------------------------------------------------ waitlists (R16)

  /** The child waits in line. Most families wait; some give up after a while and try elsewhere. */
  private inLine(child: ChildPlan, applicationId: string): void {
    const rng = this.rng;
    child.appId = applicationId;
    this.waiting.set(applicationId, child);
    if (rng.chance(0.3)) {
      const t = this.parentDay(this.now + rng.range(1, 25) * DAY);
      if (t < this.cal.stage2End) this.schedule(t, () => this.leaveLine(child, applicationId));
    }
  }

  private leaveLine(child: ChildPlan, applicationId: string): void {
    const rng = this.rng;
    const app = this.engine.applications.get(applicationId);
    if (!app || app.status !== 'waitlisted') return;
    const refused = this.emit('application.withdrawn', this.parent(child), { applicationId });
    // Out of the queue: the portal's schools with a free seat, now or in a day or two.
    if (refused === null && child.attempts < 4) {
      const t = rng.chance(0.5)
        ? this.now + rng.range(2, 30) * MINUTE
        : this.parentDay(this.now + rng.range(1, 3) * DAY);
      if (t < this.cal.stage2End) this.schedule(t, () => this.stage2Attempt(child));
    }
  }

  /** After each event: who the queues placed (the family now brings papers), who they left out at closing. */
  private queuesMoved(): void {
    for (const id of this.engine.takeChanges().applications) {
      const child = this.waiting.get(id);
      if (!child) continue;
      const app = this.engine.applications.get(id)!;
      if (app.status === 'waitlisted') continue;
      this.waiting.delete(id);
      if (app.status === 'registered') this.placed(child, id);
      else if (app.reason === 'waitlist_closed' && this.rng.chance(0.5))
        this.caseLater(child, 'no_free_seats');
    }
  }

  /** The other parent applies as well, to another school: refused, the child already has a place. */
  private duplicate(child: ChildPlan): void {
    if (!this.engine.activeApplicationOf(child.pin)) return;
    const school = this.otherSchool(child, child.home) ?? child.home;
    this.submit(child, { school, language: child.language, guardian: 1 });
  }

  // ------------------------------------------------------------ directors

  private review(child: ChildPlan, applicationId: string): void {
    const app = this.engine.applications.get(applicationId);
    if (!app || app.privilege !== 'pending' || app.status !== 'registered') return;
    this.decideClaim(child, app);
  }

  /** The school's director (or the district) checks the claim's supporting document. */
  private decideClaim(child: ChildPlan, app: Application): void {
    const rng = this.rng;
    const c = this.cal;
    const school = this.schoolsById.get(app.schoolId)!;
    const actor = rng.chance(0.8) ? this.director(school) : this.officer(child.district);
    const approved = rng.chance(0.85);
    const data: Payload<'privilege.reviewed'> = {
      applicationId: app.id,
      decision: approved ? 'approved' : 'rejected',
    };
    if (!approved)
      data.note = rng.pick(
        REJECTION_NOTES[app.privilegeCategory ?? 'teacher'] ?? REJECTION_NOTES.teacher,
      );
    else if (rng.chance(0.3)) data.note = rng.pick(APPROVAL_NOTES);
    this.emit('privilege.reviewed', actor, data);
    if (app.status === 'refused') {
      // The place rested on the claim and is gone: back to the catchment school if stage 1 still runs.
      if (child.covered && this.now < c.stage2Start - DAY) {
        this.schedule(Math.min(this.now + rng.range(2, 72) * HOUR, c.stage2Start - 2 * HOUR), () =>
          this.submit(child, { school: child.home, language: child.language }),
        );
      } else {
        this.planStage2(child, this.now);
      }
    }
  }

  private expectDocuments(child: ChildPlan): void {
    if (child.docsPending) return;
    const t = this.documentsTime(this.now);
    if (t === null) return;
    child.docsPending = true;
    this.schedule(t, () => this.receiveDocuments(child));
  }

  /** Most families bring the papers in the first weeks of August; some rush before the deadline. */
  private documentsTime(after: number): number | null {
    const c = this.cal;
    const rng = this.rng;
    const start = Math.max(c.documentsStart, after + HOUR);
    const lastDay = dayStart(c.documentsEnd - 1);
    if (start >= lastDay + 17 * HOUR) return null;
    const r = rng.next();
    let day =
      r < 0.72
        ? start + rng.expo(11 * DAY)
        : r < 0.9
          ? rng.real(start, lastDay + DAY)
          : lastDay - rng.expo(3 * DAY);
    day = Math.min(Math.max(day, start), lastDay + 17 * HOUR);
    const t = officeTime(rng, day);
    return t < c.documentsEnd ? t : null;
  }

  private receiveDocuments(child: ChildPlan): void {
    const rng = this.rng;
    child.docsPending = false;
    const app = this.current(child);
    if (!app || app.status !== 'registered' || child.docs === 'never') return;
    if (app.privilege === 'pending') {
      this.decideClaim(child, app);
      if (app.status !== 'registered') return;
    }
    const school = this.schoolsById.get(app.schoolId)!;
    const complete =
      child.docs === 'complete' ||
      (child.docs === 'late_complete' && (child.flags & DOCS_TRIED) !== 0);
    let items = [...FULL_DOCUMENTS];
    if (!complete) items.splice(rng.range(2, 4), 1);
    else if (rng.chance(0.05))
      items = [...items, rng.pick(['vaccination_card', 'address_certificate'])];
    this.emit('documents.received', this.director(school), { applicationId: app.id, items });
    if (!complete) {
      child.flags |= DOCS_TRIED;
      if (child.docs === 'late_complete') {
        const t = officeTime(rng, this.now + rng.range(2, 14) * DAY);
        if (t < this.cal.documentsEnd) {
          child.docsPending = true;
          this.schedule(t, () => this.receiveDocuments(child));
        }
      }
    }
  }

  /**
   * A director issues admission orders every week or so through the
   * documents window, one on its last day, and two after the deadline for
   * the commission's placements. An order is written only when someone is
   * waiting for one.
   */
  private orderRound(school: SchoolPlan, round: 0 | 1 | 2 | 3): void {
    const c = this.cal;
    const rng = this.rng;
    const data = { schoolId: school.id, orderNumber: String(this.nextOrderNumber[school.index]) };
    if (this.wouldRefuse('order.issued', data) === null) {
      this.emit('order.issued', this.director(school), data);
      // The school's order register also holds staff and other orders in between.
      this.nextOrderNumber[school.index] += 1 + rng.int(6);
    }
    const lastDay = dayStart(c.documentsEnd - 1);
    if (round === 0) {
      const next = dayStart(this.now) + rng.range(6, 12) * DAY;
      if (next < lastDay) this.schedule(officeTime(rng, next), () => this.orderRound(school, 0));
      else this.schedule(officeTime(rng, lastDay + 12 * HOUR), () => this.orderRound(school, 1));
    } else if (round === 1) {
      this.schedule(officeTime(rng, dayStart(c.documentsEnd) + rng.range(3, 7) * DAY), () =>
        this.orderRound(school, 2),
      );
    } else if (round === 2) {
      this.schedule(officeTime(rng, dayStart(c.documentsEnd) + rng.range(21, 23) * DAY), () =>
        this.orderRound(school, 3),
      );
    }
  }

  // ------------------------------------------------------------ commission

  /** The family turns to the commission within days; the commission sits until shortly after the deadline. */
  private caseLater(child: ChildPlan, reason: CaseReason): void {
    const last = this.cal.documentsEnd + 5 * DAY;
    const t = officeTime(this.rng, Math.min(this.now + this.rng.range(2, 15) * DAY, last));
    if (t < last + 3 * DAY) this.schedule(t, () => this.openCase(child, reason));
  }

  private openCase(child: ChildPlan, reason: CaseReason): void {
    if (child.flags & CASE_OPENED) return;
    if (reason === 'no_documents') {
      if (this.current(child)?.status !== 'no_documents') return;
    } else if (this.engine.activeApplicationOf(child.pin)) {
      return;
    }
    child.flags |= CASE_OPENED;
    const caseId = `C${pad(++this.caseSeq, 6)}`;
    const name = fullName(household(this.o.seed, child).family.child);
    const who: Payload<'commission.case_opened'>['child'] =
      reason === 'no_pin'
        ? { fullName: name, birthDate: child.birthDate }
        : { fullName: name, pin: child.pin, birthDate: child.birthDate };
    this.emit('commission.case_opened', this.commission(child.district), {
      caseId,
      child: who,
      reason,
    });
    this.schedule(officeTime(this.rng, this.now + this.rng.range(2, 10) * DAY), () =>
      this.decideCase(child, caseId, reason),
    );
  }

  /** The commission places the child (beyond the quota if need be) or declines, and says why. */
  private decideCase(child: ChildPlan, caseId: string, reason: CaseReason): void {
    const rng = this.rng;
    const actor = this.commission(child.district);
    const previous = reason === 'no_documents' ? this.current(child) : undefined;
    const school = previous ? this.schoolsById.get(previous.schoolId)! : child.home;
    const language = previous ? previous.language : child.language;
    if (rng.chance(PLACE_SHARE[reason])) {
      const data: Payload<'commission.decided'> = {
        caseId,
        decision: 'place',
        schoolId: school.id,
        language,
        note: rng.pick(PLACE_NOTES[reason]),
      };
      if (this.wouldRefuse('commission.decided', data) === null) {
        this.emit('commission.decided', actor, data);
        child.appId = caseId;
        return;
      }
      this.emit('commission.decided', actor, {
        caseId,
        decision: 'decline',
        note: 'Ребёнок уже зачислен в школу; повторное рассмотрение не требуется',
      });
      return;
    }
    this.emit('commission.decided', actor, {
      caseId,
      decision: 'decline',
      note: rng.pick(DECLINE_NOTES[reason]),
    });
  }
}

const PLACE_SHARE: Record<CaseReason, number> = {
  age_out_of_range: 0.6,
  no_pin: 0.9,
  no_free_seats: 0.85,
  no_documents: 0.8,
};

const PLACE_NOTES: Record<CaseReason, readonly string[]> = {
  age_out_of_range: [
    'Заключение ПМПК: ребёнок готов к обучению в школе',
    'Ребёнку исполняется 6 лет в сентябре; принят по решению комиссии',
    'Баланын мектепке даярдыгы ПМПКнын корутундусу менен тастыкталды',
  ],
  no_pin: [
    'Свидетельство о рождении выдано за рубежом; ПИН оформляется, принят',
    'Документы проверены комиссией, ПИН будет присвоен',
  ],
  no_free_seats: [
    'Свободных мест в районе нет; зачислен сверх квоты по месту проживания',
    'Микрорайондо орун жок; квотадан тышкары кабыл алынды',
    'Семья многодетная, старшие дети обучаются в этой школе',
  ],
  no_documents: [
    'Документы представлены комиссии после срока и проверены',
    'Медицинская справка получена с опозданием по уважительной причине',
    'Документтер комиссияга тапшырылды жана текшерилди',
  ],
};

const DECLINE_NOTES: Record<CaseReason, readonly string[]> = {
  age_out_of_range: [
    'Ребёнок не достиг школьного возраста; рекомендовано подать заявление в следующем году',
    'Бала мектеп жашына жете элек; кийинки жылы кайрылуу сунушталды',
  ],
  no_pin: ['Семья не явилась на заседание комиссии'],
  no_free_seats: [
    'Семья выбрала частную школу',
    'Семья не явилась на заседание комиссии',
    'Семья переехала в другой район',
  ],
  no_documents: ['Документы так и не представлены', 'Семья не явилась на заседание комиссии'],
};

const REJECTION_NOTES: Record<string, readonly string[]> = {
  military: ['Справка с места службы не представлена', 'Справка воинской части просрочена'],
  kairylman: ['Удостоверение кайрылмана не подтверждено', 'Кайрылман статусу тастыкталган жок'],
  teacher: [
    'Стаж работы в школе меньше одного года',
    'Справка с места работы не подтверждает работу в этой школе',
    'Мугалимдин иш стажы бир жылдан аз',
  ],
};

const APPROVAL_NOTES = ['Документ проверен', 'Справка представлена', 'Документ текшерилди'];
