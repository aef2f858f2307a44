// Random small campaigns for the engine's property tests (fast-check):
// a fixed set-up, then actions at random non-decreasing times.
import fc from 'fast-check';
import type { LogEvent } from '../../shared/log/events';
import { ALL_DOCUMENTS, CALENDAR, T, pin } from '../support/logBuilder';

const SCHOOLS = [
  { id: 'S1', kind: 'state', catchment: ['R.D.A'] },
  { id: 'S2', kind: 'municipal', catchment: ['R.D.B', 'R.D.A.7'] },
  { id: 'S3', kind: 'private', catchment: ['R.D.C'] },
];
const LANGS = ['ky', 'ru'];
const ADDRESSES = ['R.D.A.1', 'R.D.A.7.2', 'R.D.B.3', 'R.D.C.1', 'R.D.Z.9'];
const PRIVILEGES = [undefined, undefined, 'military', 'teacher', 'kairylman', 'veteran'];
export const start = Date.parse(T.before);
export const end = Date.parse(T.deadline) + 86_400_000;

/**
 * One random action. `apps` and `children` bound the ids used (collisions are
 * wanted: duplicates, second applications); `churn` weighs withdrawals,
 * transfers and quota changes up, which is what moves queues (R16).
 */
function actionOf(apps = 11, children = 7, churn = 1) {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('submit' as const),
        app: fc.nat(apps),
        child: fc.nat(children),
        school: fc.nat(2),
        lang: fc.nat(1),
        address: fc.nat(4),
        privilege: fc.nat(5),
        badPin: fc.nat(15),
      }),
    },
    {
      weight: 2 * churn,
      arbitrary: fc.record({ kind: fc.constant('withdraw' as const), app: fc.nat(apps) }),
    },
    {
      weight: 2 * churn,
      arbitrary: fc.record({
        kind: fc.constant('transfer' as const),
        app: fc.nat(apps),
        school: fc.nat(3),
        lang: fc.nat(2),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('review' as const),
        app: fc.nat(apps),
        approve: fc.boolean(),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('documents' as const),
        app: fc.nat(apps),
        complete: fc.nat(4),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('order' as const),
        school: fc.nat(2),
        n: fc.nat(99),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('case' as const), c: fc.nat(3), child: fc.nat(9) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('decide' as const),
        c: fc.nat(4),
        place: fc.boolean(),
        school: fc.nat(2),
        lang: fc.nat(1),
      }),
    },
    {
      weight: churn,
      arbitrary: fc.record({
        kind: fc.constant('quota' as const),
        school: fc.nat(2),
        lang: fc.nat(1),
        seats: fc.nat(3),
      }),
    },
  );
}
const action = actionOf();

/**
 * A random campaign: fixed set-up, then actions at random non-decreasing times
 * between `from` and `to` (by default across the whole calendar). `waitlist`
 * fixes the R16 option, or leaves it to chance (absent, false or true).
 */
export function campaignLogOf(
  opts: {
    from?: number;
    to?: number;
    waitlist?: boolean;
    minSteps?: number;
    maxSteps?: number;
    apps?: number;
    children?: number;
    churn?: number;
  } = {},
) {
  const step =
    opts.apps || opts.children || opts.churn
      ? actionOf(opts.apps, opts.children, opts.churn)
      : action;
  const waitlist =
    opts.waitlist === undefined
      ? fc.constantFrom(undefined, false, true)
      : fc.constant(opts.waitlist);
  return fc
    .record({
      quotas: fc.array(fc.nat(3), { minLength: 6, maxLength: 6 }),
      steps: fc.array(
        fc.tuple(step, fc.integer({ min: opts.from ?? start, max: opts.to ?? end })),
        { minLength: opts.minSteps ?? 0, maxLength: opts.maxSteps ?? 60 },
      ),
      maxWithdrawals: fc.option(fc.nat(2), { nil: undefined }),
      waitlist,
    })
    .map(({ quotas, steps, maxWithdrawals, waitlist }) =>
      buildLog(quotas, steps, maxWithdrawals, waitlist),
    );
}

export const campaignLog = campaignLogOf();

type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

export function buildLog(
  quotas: number[],
  steps: [Action, number][],
  maxWithdrawals?: number,
  waitlist?: boolean,
): LogEvent[] {
  const events: LogEvent[] = [];
  let n = 0;
  const push = (type: string, at: number, data: Record<string, unknown>) =>
    events.push({ id: `e${++n}`, type, at: new Date(at).toISOString(), data } as LogEvent);
  push('campaign.opened', start, {
    ...CALENDAR,
    ...(maxWithdrawals === undefined ? {} : { maxWithdrawals }),
    ...(waitlist === undefined ? {} : { waitlist }),
  });
  SCHOOLS.forEach((s, i) => {
    push('school.registered', start, { schoolId: s.id, name: s.id, kind: s.kind, districtId: 'D' });
    push('catchment.set', start, { schoolId: s.id, addresses: s.catchment });
    push('quota.set', start, { schoolId: s.id, language: 'ky', seats: quotas[i * 2] });
    if (i !== 1)
      push('quota.set', start, { schoolId: s.id, language: 'ru', seats: quotas[i * 2 + 1] });
  });
  const sorted = [...steps].sort((a, b) => a[1] - b[1]);
  for (const [a, at] of sorted) {
    switch (a.kind) {
      case 'submit':
        push('application.submitted', at, {
          applicationId: `A${a.app}`,
          child: {
            pin: a.badPin === 0 ? '123' : a.badPin === 1 ? pin(a.child, '01012015') : pin(a.child),
            lastName: 'L',
            firstName: 'F',
            citizenship: 'KG',
          },
          guardian: { pin: '11203198500021', email: 'g@example.kg', phone: '+996700000001' },
          schoolId: SCHOOLS[a.school].id,
          language: LANGS[a.lang],
          registeredAddress: ADDRESSES[a.address],
          ...(PRIVILEGES[a.privilege] ? { privilege: { category: PRIVILEGES[a.privilege] } } : {}),
        });
        break;
      case 'withdraw':
        push('application.withdrawn', at, { applicationId: `A${a.app}` });
        break;
      case 'transfer':
        push('application.transfer_requested', at, {
          applicationId: `A${a.app}`,
          toSchoolId: ['S1', 'S2', 'S3', 'S9'][a.school],
          ...(a.lang < 2 ? { toLanguage: LANGS[a.lang] } : {}),
        });
        break;
      case 'review':
        push('privilege.reviewed', at, {
          applicationId: `A${a.app}`,
          decision: a.approve ? 'approved' : 'rejected',
        });
        break;
      case 'documents':
        push('documents.received', at, {
          applicationId: `A${a.app}`,
          items: a.complete === 0 ? ALL_DOCUMENTS.slice(1) : ALL_DOCUMENTS,
        });
        break;
      case 'order':
        push('order.issued', at, { schoolId: SCHOOLS[a.school].id, orderNumber: String(a.n) });
        break;
      case 'case':
        push('commission.case_opened', at, {
          caseId: `C${a.c}`,
          child: { fullName: 'X', ...(a.child < 8 ? { pin: pin(a.child) } : {}) },
          reason: 'r',
        });
        break;
      case 'decide':
        push(
          'commission.decided',
          at,
          a.place
            ? {
                caseId: `C${a.c}`,
                decision: 'place',
                schoolId: SCHOOLS[a.school].id,
                language: LANGS[a.lang],
              }
            : { caseId: `C${a.c}`, decision: 'decline' },
        );
        break;
      case 'quota':
        push('quota.set', at, {
          schoolId: SCHOOLS[a.school].id,
          language: LANGS[a.lang],
          seats: a.seats,
        });
        break;
    }
  }
  return events;
}
