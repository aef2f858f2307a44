// The opening-day population shared by the load generator and the checks:
// hot schools of 100 seats, parents whose children, addresses and choices
// follow from their index alone, so the orchestrator can rebuild any of them.

export const SEATS = 100;
export const OVERSUBSCRIBED = 10;
export const DISTRICT = 'LOAD-D1';
export const STAGE2_START = '2026-06-27T09:00:00+06:00';

export const hotSchools = (parents) => Math.max(1, Math.round(parents / (SEATS * OVERSUBSCRIBED)));
export const schoolId = (h) => `HOT-${String(h).padStart(3, '0')}`;

/** The campaign, schools, catchments and quotas, as log lines (imported before the run). */
export function setupLog(parents) {
  const at = (t) => `2026-03-02T${t}+06:00`;
  const lines = [
    {
      id: 'load-campaign',
      type: 'campaign.opened',
      at: at('10:00:00'),
      actor: { role: 'system', id: 'load' },
      data: {
        year: 2026,
        stage1Start: '2026-04-11T09:00:00+06:00',
        stage2Start: STAGE2_START,
        stage2End: '2026-09-11T00:00:00+06:00',
        documentsStart: '2026-08-01T00:00:00+06:00',
        documentsEnd: '2026-09-15T00:00:00+06:00',
        birthDateFrom: '2019-09-01',
        birthDateTo: '2020-08-31',
        maxWithdrawals: 3,
      },
    },
  ];
  for (let h = 0; h < hotSchools(parents); h++) {
    const s = schoolId(h);
    lines.push(
      {
        id: `load-school-${h}`,
        type: 'school.registered',
        at: at('10:01:00'),
        actor: { role: 'district', id: 'load' },
        data: { schoolId: s, name: `Hot school ${h}`, kind: 'state', districtId: DISTRICT },
      },
      {
        id: `load-catchment-${h}`,
        type: 'catchment.set',
        at: at('10:01:00'),
        actor: { role: 'district', id: 'load' },
        data: { schoolId: s, addresses: [`BSK.H${h}`] },
      },
      {
        id: `load-quota-${h}`,
        type: 'quota.set',
        at: at('10:01:00'),
        actor: { role: 'district', id: 'load' },
        data: { schoolId: s, language: 'ky', seats: SEATS },
      },
    );
  }
  return lines.map((l) => JSON.stringify(l));
}

/** Birth dates spread over the eligible year; the serial keeps every PIN unique. */
function pinOf(i, sex = 2) {
  const day = new Date(Date.UTC(2019, 8, 1) + (i % 365) * 86_400_000);
  const dd = String(day.getUTCDate()).padStart(2, '0');
  const mm = String(day.getUTCMonth() + 1).padStart(2, '0');
  return `${sex}${dd}${mm}${day.getUTCFullYear()}${String(Math.floor(i / 365) % 100_000).padStart(5, '0')}`;
}

/**
 * Parent i's application. The first quarter of the crowd comes in stage 1
 * (catchment children, privilege claims, and outsiders whom R4 refuses); the
 * rest in stage 2, free seats only.
 */
export function applicationOf(i, parents) {
  const h = (i * 7919) % hotSchools(parents);
  const early = i < parents / 4;
  const kind = early
    ? ['catchment', 'catchment', 'privilege', 'outside', 'outside'][i % 5]
    : 'open';
  const inside = `BSK.H${h}.${(i % 40) + 1}.${(i % 97) + 1}`;
  const outside = `BSK.X${h}.${(i % 40) + 1}.${(i % 97) + 1}`;
  return {
    child: { pin: pinOf(i), lastName: 'Load', firstName: `Child${i}`, citizenship: 'KG' },
    guardian: {
      pin: pinOf(i, 1).replace(/^1(\d{4})2019/, '1$11990'),
      email: `p${i}@example.kg`,
      phone: '+996555000000',
    },
    schoolId: schoolId(h),
    language: 'ky',
    registeredAddress: kind === 'catchment' ? inside : outside,
    actualAddress: inside,
    ...(kind === 'privilege' ? { privilege: { category: 'teacher' } } : {}),
  };
}

export const parentIdOf = (i) => `parent-${i}`;
