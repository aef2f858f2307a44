// The children of a campaign and their families: where they live, which
// language they will study in, their PINs, and what each family is going to
// do (the scenario). Identities (names, guardians' contacts) are derived on
// demand from the seed and the child's index, so 200,000 children cost a
// few small fields each, not their whole paperwork.
import type { Unit, DistrictPlan, SchoolPlan } from './geography';
import { type Ethnicity, type Family, type PersonName, type Sex, family, latin } from './names';
import { Random, WeightedTable } from './random';

/** What a family does in the campaign, besides applying to its catchment school. */
export type Scenario =
  | 'catchment'
  | 'privilege_other'
  | 'privilege_home'
  | 'late'
  | 'out_of_age'
  | 'no_pin'
  | 'typo'
  | 'wrong_school'
  | 'wrong_language'
  | 'early'
  | 'unrecognized_privilege'
  | 'duplicate';

/** How the paper documents arrive: all five, one missing then all, one missing for good, never. */
export type DocsHabit = 'complete' | 'late_complete' | 'incomplete' | 'never';

const SCENARIOS: readonly (readonly [Scenario, number])[] = [
  ['catchment', 86.75],
  ['privilege_other', 3],
  ['privilege_home', 1.2],
  ['late', 5],
  ['out_of_age', 0.6],
  ['no_pin', 0.1],
  ['typo', 0.4],
  ['wrong_school', 0.3],
  ['wrong_language', 0.2],
  ['early', 0.1],
  ['unrecognized_privilege', 0.05],
  ['duplicate', 0.3],
];

// "Seats were held by children whose documents never came": about one family in nine.
const DOCS: readonly (readonly [DocsHabit, number])[] = [
  ['complete', 84],
  ['late_complete', 2.5],
  ['incomplete', 1.5],
  ['never', 12],
];

export const PRIVILEGES: readonly (readonly [string, number])[] = [
  ['military', 30],
  ['kairylman', 20],
  ['teacher', 50],
];

export interface ChildPlan {
  index: number;
  district: DistrictPlan;
  unit: Unit;
  /** the school the family applies to first */
  home: SchoolPlan;
  /** registered address (propiska) */
  address: string;
  /** whether some catchment lists the registered address */
  covered: boolean;
  /** where the family actually lives, when that differs */
  actualAddress: string | null;
  language: string;
  ethnicity: Ethnicity;
  sex: Sex;
  pin: string;
  birthDate: string;
  scenario: Scenario;
  withdraws: boolean;
  transfers: boolean;
  docs: DocsHabit;
  /** after losing the place for missing documents, the family goes to the commission */
  commissionIfNoDocs: boolean;

  // What has happened so far (mutable while the campaign runs).
  appId: string | null;
  docsPending: boolean;
  stage2Planned: boolean;
  /** stage-2 applications tried so far */
  attempts: number;
  /** one-time steps already taken (bits of the generator's own choosing) */
  flags: number;
}

/** A household's identity, derived from the seed and the child's index. */
export interface Household {
  family: Family;
  citizenship: string;
  motherFirst: boolean;
}

export interface Guardian {
  pin: string;
  email: string;
  phone: string;
  telegram?: string;
  email2?: string;
}

const ZEROS = '000000000000';
function pad(n: number, w: number): string {
  const s = '' + n;
  return s.length >= w ? s : ZEROS.slice(0, w - s.length) + s;
}

function dateKeyOf(y: number, m: number, d: number): string {
  return `${y}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Calendar days from `from` to `to` inclusive, as [y, m, d] (UTC arithmetic on dates only). */
function days(from: string, to: string): [number, number, number][] {
  const out: [number, number, number][] = [];
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  for (
    let t = Date.UTC(fy, fm - 1, fd), end = Date.UTC(ty, tm - 1, td);
    t <= end;
    t += 86_400_000
  ) {
    const d = new Date(t);
    out.push([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
  }
  return out;
}

/**
 * Issues PINs that never repeat: per sex and birth date, serials climb in
 * irregular steps, so they look assigned over time rather than counted.
 */
class PinIssuer {
  private readonly next = new Map<string, number>();
  constructor(private readonly step: number) {}
  issue(rng: Random, sex: Sex, y: number, m: number, d: number): string {
    const ddmmyyyy = `${pad(d, 2)}${pad(m, 2)}${y}`;
    const key = (sex === 'female' ? '1' : '2') + ddmmyyyy;
    const k = this.next.get(key) ?? 0;
    this.next.set(key, k + 1);
    const serial = k * this.step + rng.int(this.step);
    if (serial > 99_999)
      throw new RangeError('too many children born on one day for 5-digit PIN serials');
    return key + pad(serial, 5);
  }
}

export interface CampaignYears {
  birthDateFrom: string;
  birthDateTo: string;
  year: number;
}

export function planChildren(
  rng: Random,
  districts: readonly DistrictPlan[],
  count: number,
  years: CampaignYears,
): ChildPlan[] {
  const districtTable = new WeightedTable(
    districts.filter((d) => d.units.length > 0),
    (d) => d.info.weight,
  );
  const eligible = days(years.birthDateFrom, years.birthDateTo);
  const younger = days(`${years.year - 6}-09-01`, `${years.year - 6}-12-31`);
  const older = days(`${years.year - 8}-09-01`, `${years.year - 7}-08-31`);
  // Headroom of three times the mean per sex and day keeps serials under 100,000.
  const perKey = Math.max(16, Math.ceil((count / (2 * eligible.length)) * 3));
  const pins = new PinIssuer(Math.max(1, Math.floor(99_999 / perKey)));
  const children: ChildPlan[] = [];
  for (let index = 0; index < count; index++) {
    const district = districtTable.draw(rng);
    const unit = district.unitTable.draw(rng);
    const home = unit.alsoCoveredBy && rng.chance(0.5) ? unit.alsoCoveredBy : unit.home;
    const house = rng.range(1, unit.houses);
    const address = `${unit.street}.H${house}`;
    const ethnicity = ethnicityOf(rng, district, home);
    const scenario = rng.weighted(SCENARIOS);
    const sex: Sex = rng.chance(0.49) ? 'female' : 'male';
    const [y, m, d] =
      scenario === 'out_of_age' ? rng.pick(rng.chance(0.65) ? younger : older) : rng.pick(eligible);
    let registered = address;
    let actual: string | null = null;
    if (scenario === 'late' && rng.chance(0.6)) {
      // Moved here from elsewhere: the propiska stays behind, so only stage 2 (by actual address) is open to them.
      const from = districts[rng.int(districts.length)];
      const u = from.units.length > 0 ? from.unitTable.draw(rng) : unit;
      registered = `${u.street}.H${rng.range(1, u.houses)}`;
      actual = address;
    } else if (rng.chance(0.08)) {
      const other = district.unitTable.draw(rng);
      actual = `${other.street}.H${rng.range(1, other.houses)}`;
    }
    children.push({
      index,
      district,
      unit,
      home,
      address: registered,
      covered: registered === address && house <= unit.coveredUpTo,
      actualAddress: actual,
      language: languageOf(rng, ethnicity, home, district),
      ethnicity,
      sex,
      pin: pins.issue(rng, sex, y, m, d),
      birthDate: dateKeyOf(y, m, d),
      scenario,
      withdraws: rng.chance(0.015),
      transfers: rng.chance(0.025),
      docs: rng.weighted(DOCS),
      commissionIfNoDocs: rng.chance(0.1),
      appId: null,
      docsPending: false,
      stage2Planned: false,
      attempts: 0,
      flags: 0,
    });
  }
  return children;
}

function ethnicityOf(rng: Random, district: DistrictPlan, home: SchoolPlan): Ethnicity {
  const uz = home.languages.includes('uz') ? 0.6 : district.info.uzbek * 0.5;
  const r = rng.next();
  if (r < uz) return 'uz';
  if (r < uz + district.info.russian) return 'ru';
  return 'ky';
}

function languageOf(
  rng: Random,
  ethnicity: Ethnicity,
  home: SchoolPlan,
  district: DistrictPlan,
): string {
  const offers = (l: string): boolean => home.languages.includes(l);
  if (ethnicity === 'uz' && offers('uz') && rng.chance(0.8)) return 'uz';
  if (ethnicity === 'ru' && offers('ru')) return 'ru';
  // Many Kyrgyz families in the cities choose Russian-language classes.
  const russianClasses = district.info.city ? 0.42 : home.locality === 'urban' ? 0.25 : 0.05;
  if (ethnicity !== 'ru' && offers('ru') && rng.chance(ethnicity === 'uz' ? 0.5 : russianClasses))
    return 'ru';
  return 'ky';
}

const PHONE_PREFIXES = [
  '700',
  '701',
  '702',
  '703',
  '705',
  '707',
  '708',
  '709',
  '550',
  '551',
  '552',
  '553',
  '554',
  '555',
  '556',
  '557',
  '558',
  '559',
  '770',
  '771',
  '772',
  '773',
  '774',
  '775',
  '776',
  '777',
  '778',
  '779',
  '220',
  '221',
  '222',
  '500',
  '501',
  '502',
  '503',
  '504',
  '505',
  '507',
  '508',
  '509',
  '990',
  '995',
  '997',
  '998',
  '999',
];
const MAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ['gmail.com', 55],
  ['mail.ru', 30],
  ['inbox.ru', 4],
  ['yandex.ru', 5],
  ['list.ru', 3],
  ['bk.ru', 3],
];

function phone(rng: Random): string {
  return `+996${rng.pick(PHONE_PREFIXES)}${pad(rng.int(1_000_000), 6)}`;
}

function email(rng: Random, who: PersonName, birthYear: number): string {
  const first = latin(who.firstName);
  const last = latin(who.lastName.split(' ')[0]);
  const r = rng.int(9);
  const local =
    r < 3
      ? `${first}.${last}`
      : r < 6
        ? `${first}${last}${birthYear % 100}`
        : r < 8
          ? `${first}_${pad(rng.int(1000), 3)}`
          : `${last}.${first[0]}${birthYear}`;
  return `${local}@${rng.weighted(MAIL_DOMAINS)}`;
}

function guardian(rng: Random, who: PersonName, sex: Sex): Guardian {
  const y = rng.range(1978, 2001),
    m = rng.range(1, 12),
    d = rng.range(1, 28);
  const g: Guardian = {
    pin: `${sex === 'female' ? '1' : '2'}${pad(d, 2)}${pad(m, 2)}${y}${pad(rng.int(100_000), 5)}`,
    email: email(rng, who, y),
    phone: phone(rng),
  };
  if (rng.chance(0.35)) g.telegram = rng.chance(0.7) ? g.phone : phone(rng);
  if (rng.chance(0.1)) g.email2 = email(rng, who, y);
  return g;
}

const FOREIGN: readonly (readonly [string, number])[] = [
  ['KZ', 3],
  ['RU', 4],
  ['UZ', 2],
  ['TJ', 1],
];

// Streams of their own per child, so the same child gets the same family
// whenever asked, and asking for one guardian costs nothing for the other.
const FAMILY_STREAM = 0x40000000;
const GUARDIAN_STREAM = 0x60000000;

export function household(seed: number, child: ChildPlan): Household {
  const rng = new Random(seed, FAMILY_STREAM + child.index);
  const fam = family(rng, child.ethnicity, child.sex);
  return {
    family: fam,
    citizenship: rng.chance(0.99) ? 'KG' : rng.weighted(FOREIGN),
    // 0 is the parent who usually deals with the school: the mother in most families.
    motherFirst: rng.chance(0.7),
  };
}

/** A guardian's PIN and contacts; `which` 0 is the parent who usually deals with the school. */
export function guardianOf(seed: number, child: ChildPlan, h: Household, which: 0 | 1): Guardian {
  const mother = h.motherFirst === (which === 0);
  const rng = new Random(seed, GUARDIAN_STREAM + child.index * 2 + (mother ? 0 : 1));
  return guardian(rng, mother ? h.family.mother : h.family.father, mother ? 'female' : 'male');
}

/** A PIN as a tired parent types it: a digit dropped, a month that does not exist, a wrong first digit. */
export function mistypedPin(rng: Random, pin: string): string {
  switch (rng.int(3)) {
    case 0: {
      const at = rng.int(14);
      return pin.slice(0, at) + pin.slice(at + 1);
    }
    case 1:
      return pin.slice(0, 3) + '13' + pin.slice(5);
    default:
      return rng.pick(['3', '4', '0']) + pin.slice(1);
  }
}
