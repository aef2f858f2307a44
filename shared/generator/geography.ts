// The republic a campaign runs in: districts, their schools, and the
// micro-districts (catchments) as hierarchical address codes
// region.district.settlement.street(.house). Built to carry the faults the
// real registry had: a few houses that no school's catchment lists (new
// buildings, new settlements) and a few streets that two schools both claim.
import type { SchoolKind } from '../log/events';
import { type DistrictInfo, NAMESAKES, PRIVATE_BRANDS, VILLAGES } from './districts';
import { Random, WeightedTable } from './random';

export type Locality = 'urban' | 'rural';

/** A street (or a whole new settlement's street) where children live. */
export interface Unit {
  /** address code of the street, e.g. BISH.OKT.S012.ST07 */
  street: string;
  houses: number;
  /** houses 1..coveredUpTo are in some catchment; beyond are the gaps */
  coveredUpTo: number;
  /** the school the family turns to first: its catchment school, or the nearest one */
  home: SchoolPlan;
  /** a second school whose catchment also lists this street */
  alsoCoveredBy: SchoolPlan | null;
  weight: number;
}

export interface SchoolPlan {
  index: number;
  id: string;
  name: string;
  kind: SchoolKind;
  inScope: boolean;
  district: DistrictPlan;
  locality: Locality;
  /** streams, in the order their quotas are set */
  languages: string[];
  catchment: string[];
  classSizeNorm: number | null;
  units: Unit[];
  /** how many families live near it, relative to its district's other schools */
  size: number;
}

export interface DistrictPlan {
  index: number;
  info: DistrictInfo;
  schools: SchoolPlan[];
  inScope: SchoolPlan[];
  units: Unit[];
  /** where children live, weighted: draw a unit, then a house */
  unitTable: WeightedTable<Unit>;
  officers: string[];
  /** the town part of an oblast district has urban schools; a city is urban throughout */
  urbanShare: number;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** How many schools of a district are out of scope (gymnasiums, private, special). */
function outOfScopeCount(schools: number, city: boolean): number {
  if (schools < 6) return 0;
  return Math.max(1, Math.round(schools * (city ? 0.08 : 0.04)));
}

export function buildGeography(
  rng: Random,
  infos: readonly DistrictInfo[],
  schoolsPerDistrict: number,
): DistrictPlan[] {
  let schoolIndex = 0;
  const cityNumbers = new Map<string, number>();
  return infos.map((info, index) => {
    const district: DistrictPlan = {
      index,
      info,
      schools: [],
      inScope: [],
      units: [],
      unitTable: new WeightedTable<Unit>([], () => 0),
      officers: [1, 2, 3].slice(0, info.city ? 3 : 2).map((n) => `${info.short}-officer-${n}`),
      urbanShare: info.city ? 1 : 0.15,
    };
    const outOfScope = outOfScopeCount(schoolsPerDistrict, info.city);
    const region = info.code.split('.')[0];
    for (let k = 0; k < schoolsPerDistrict; k++) {
      const inScope = k < schoolsPerDistrict - outOfScope;
      const urban =
        info.city || k < Math.max(1, Math.round(schoolsPerDistrict * district.urbanShare));
      const locality: Locality = urban ? 'urban' : 'rural';
      const kind: SchoolKind = inScope
        ? rng.chance(info.city ? 0.3 : 0.2)
          ? 'state'
          : 'municipal'
        : rng.weighted(OUT_OF_SCOPE_KINDS);
      let number = 0;
      if (urban) {
        number = (cityNumbers.get(region) ?? 0) + 1 + (rng.chance(0.25) ? 1 : 0);
        cityNumbers.set(region, number);
      }
      const school: SchoolPlan = {
        index: schoolIndex++,
        id: `${info.short}-${pad(k + 1, 3)}`,
        name: schoolName(rng, kind, urban, number, info.city),
        kind,
        inScope,
        district,
        locality,
        languages: languagesOf(rng, info, urban, kind),
        catchment: [],
        classSizeNorm: inScope && !urban && rng.chance(0.03) ? rng.pick([12, 15, 20]) : null,
        units: [],
        // Log-normal: a few big schools, many ordinary ones.
        size: Math.exp(0.45 * rng.normal()) * (urban ? 1.6 : 1),
      };
      district.schools.push(school);
      if (inScope) district.inScope.push(school);
    }
    layOutCatchments(rng, district);
    district.unitTable = new WeightedTable(district.units, (u) => u.weight);
    return district;
  });
}

const OUT_OF_SCOPE_KINDS: readonly (readonly [SchoolKind, number])[] = [
  ['gymnasium', 5],
  ['private', 3.5],
  ['special', 1.5],
];

function schoolName(
  rng: Random,
  kind: SchoolKind,
  urban: boolean,
  number: number,
  city: boolean,
): string {
  switch (kind) {
    case 'gymnasium':
      return urban
        ? `№ ${number} гимназия-мектеби`
        : `${rng.pick(NAMESAKES)} атындагы гимназия-мектеби`;
    case 'private':
      return `«${rng.pick(PRIVATE_BRANDS)}» жеке мектеби`;
    case 'special':
      return urban
        ? `№ ${number} атайын мектеп-интернаты`
        : `${rng.pick(VILLAGES)} атайын мектеп-интернаты`;
    default:
      if (urban)
        return city && rng.chance(0.35)
          ? `Средняя общеобразовательная школа № ${number}`
          : `№ ${number} орто мектеби`;
      return rng.chance(0.3)
        ? `${rng.pick(NAMESAKES)} атындагы орто мектеби`
        : `${rng.pick(VILLAGES)} орто мектеби`;
  }
}

/** Kyrgyz and Russian everywhere a school teaches in them; Uzbek in part of the south. */
function languagesOf(rng: Random, info: DistrictInfo, urban: boolean, kind: SchoolKind): string[] {
  if (kind === 'special') return ['ky', 'ru'];
  const langs = ['ky'];
  if (urban || rng.chance(0.5 + info.russian)) langs.push('ru');
  if (info.uzbek > 0 && rng.chance(info.uzbek)) langs.push('uz');
  return langs;
}

/**
 * Urban schools share micro-districts (settlements) and serve lists of whole
 * streets; a rural school serves its whole village, or half of it when the
 * village has two schools. Out-of-scope schools admit by their own rules and
 * get no catchment.
 */
function layOutCatchments(rng: Random, district: DistrictPlan): void {
  const code = district.info.code;
  let settlement = 0;
  const urban = district.inScope.filter((s) => s.locality === 'urban');
  const rural = district.inScope.filter((s) => s.locality === 'rural');

  const addUnit = (school: SchoolPlan, street: string, houses: number): Unit => {
    const unit: Unit = {
      street,
      houses,
      coveredUpTo: houses,
      home: school,
      alsoCoveredBy: null,
      weight: school.size,
    };
    school.units.push(unit);
    district.units.push(unit);
    return unit;
  };

  // Urban: two or three schools per micro-district, each with its own streets.
  for (let i = 0; i < urban.length;) {
    const group = urban.slice(i, i + rng.range(2, 3));
    i += group.length;
    const s = `${code}.S${pad(++settlement, 3)}`;
    let street = 0;
    for (const school of group) {
      const n = rng.range(4, 9);
      for (let j = 0; j < n; j++) {
        const unit = addUnit(school, `${s}.ST${pad(++street, 2)}`, rng.range(8, 60));
        school.catchment.push(unit.street);
      }
    }
  }

  // Rural: a village per school; now and then a village big enough for two.
  for (let i = 0; i < rural.length;) {
    const two = i + 1 < rural.length && rng.chance(0.15);
    const group = rural.slice(i, i + (two ? 2 : 1));
    i += group.length;
    const s = `${code}.S${pad(++settlement, 3)}`;
    const streets = rng.range(5, 24);
    if (group.length === 1) {
      group[0].catchment.push(s);
      for (let j = 1; j <= streets; j++)
        addUnit(group[0], `${s}.ST${pad(j, 2)}`, rng.range(10, 80));
    } else {
      const half = Math.ceil(streets / 2);
      for (let j = 1; j <= streets; j++) {
        const school = group[j <= half ? 0 : 1];
        const unit = addUnit(school, `${s}.ST${pad(j, 2)}`, rng.range(10, 80));
        school.catchment.push(unit.street);
      }
    }
  }

  if (district.inScope.length === 0) return;
  // A school draws families in proportion to its size, spread over its streets by their houses.
  for (const school of district.inScope) {
    const houses = school.units.reduce((sum, u) => sum + u.houses, 0);
    for (const unit of school.units) unit.weight = (school.size * unit.houses) / houses;
  }
  const totalWeight = district.units.reduce((sum, u) => sum + u.weight, 0);

  // Gap 1: a street listed house by house, with the newest buildings left out.
  const listed = district.units.filter(
    (u) => u.home.catchment.includes(u.street) && u.houses >= 12,
  );
  for (let g = 0; g < Math.min(listed.length, district.info.city ? 2 : 1); g++) {
    const unit = listed[rng.int(listed.length)];
    if (unit.coveredUpTo < unit.houses) continue;
    const school = unit.home;
    unit.coveredUpTo = unit.houses - rng.range(2, 4);
    const at = school.catchment.indexOf(unit.street);
    const houses: string[] = [];
    for (let h = 1; h <= unit.coveredUpTo; h++) houses.push(`${unit.street}.H${h}`);
    school.catchment.splice(at, 1, ...houses);
  }

  // Gap 2: a new settlement on the edge of the district that no catchment lists yet.
  const newSettlements = district.info.city ? 2 : 1;
  for (let g = 0; g < newSettlements; g++) {
    const s = `${code}.S${pad(900 + g + 1, 3)}`;
    const nearest = district.inScope[rng.int(district.inScope.length)];
    const streets = rng.range(2, 5);
    const share = (district.info.city ? 0.015 : 0.01) / newSettlements;
    for (let j = 1; j <= streets; j++) {
      const unit: Unit = {
        street: `${s}.ST${pad(j, 2)}`,
        houses: rng.range(5, 30),
        coveredUpTo: 0,
        home: nearest,
        alsoCoveredBy: null,
        weight: (totalWeight * share) / streets,
      };
      district.units.push(unit);
    }
  }

  // Overlap: a street on the border of two micro-districts that both schools list.
  for (let g = 0; g < (district.info.city ? 2 : 1); g++) {
    const candidates = district.units.filter(
      (u) =>
        u.coveredUpTo === u.houses &&
        u.alsoCoveredBy === null &&
        u.home.catchment.includes(u.street),
    );
    if (candidates.length === 0 || district.inScope.length < 2) break;
    const unit = candidates[rng.int(candidates.length)];
    const neighbour =
      district.inScope[(district.inScope.indexOf(unit.home) + 1) % district.inScope.length];
    if (neighbour === unit.home || neighbour.catchment.includes(unit.street)) continue;
    unit.alsoCoveredBy = neighbour;
    neighbour.catchment.push(unit.street);
  }
}
