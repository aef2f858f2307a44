// Campaign log format v1 (FORMATS.md): the envelope and every event type's payload.
import {
  type Check,
  type Infer,
  SchemaError,
  arrayOf,
  boolean,
  fail,
  integer,
  nonEmpty,
  object,
  oneOf,
  optional,
  parsed,
  string,
} from './check';
import { parseDateKey, parseInstant } from './instant';

export const FORMAT_VERSION = 1;

export const SCHOOL_KINDS = ['state', 'municipal', 'private', 'special', 'gymnasium'] as const;
export const IN_SCOPE_KINDS: ReadonlySet<string> = new Set(['state', 'municipal']);
export const ACTOR_ROLES = ['parent', 'district', 'director', 'commission', 'system'] as const;
export const DEFAULT_PRIVILEGE_CATEGORIES = ['military', 'kairylman', 'teacher'] as const;
export const REQUIRED_DOCUMENTS = [
  'passport',
  'birth_certificate',
  'medical_f26',
  'medical_f63',
  'photos',
] as const;

export type SchoolKind = (typeof SCHOOL_KINDS)[number];
export type ActorRole = (typeof ACTOR_ROLES)[number];
export type RequiredDocument = (typeof REQUIRED_DOCUMENTS)[number];

const instant = parsed(
  'an ISO-8601 instant with an offset (YYYY-MM-DDTHH:MM[:SS[.mmm]]+06:00 or Z)',
  parseInstant,
);
const date = parsed('a date YYYY-MM-DD', parseDateKey);

const campaignOpened = object({
  year: integer(),
  stage1Start: instant,
  stage2Start: instant,
  stage2End: instant,
  documentsStart: instant,
  documentsEnd: instant,
  birthDateFrom: date,
  birthDateTo: date,
  maxWithdrawals: optional(integer(0)),
  privilegeCategories: optional(arrayOf(nonEmpty)),
  waitlist: optional(boolean),
});

/** The calendar must run forwards; a campaign that does not is malformed, not refused. */
function checkCalendar(c: Infer<typeof campaignOpened>): void {
  const order: [keyof typeof c, keyof typeof c, boolean][] = [
    ['stage1Start', 'stage2Start', true],
    ['stage2Start', 'stage2End', true],
    ['documentsStart', 'documentsEnd', true],
    ['stage2End', 'documentsEnd', false],
  ];
  for (const [a, b, strict] of order) {
    const x = parseInstant(c[a] as string),
      y = parseInstant(c[b] as string);
    if (strict ? !(x < y) : !(x <= y))
      fail(`calendar out of order: ${a} must be ${strict ? 'before' : 'no later than'} ${b}`);
  }
  if (parseDateKey(c.birthDateFrom) > parseDateKey(c.birthDateTo)) {
    fail('calendar out of order: birthDateFrom must be no later than birthDateTo');
  }
}

const payloads = {
  'campaign.opened': (v: unknown) => {
    const c = campaignOpened(v);
    checkCalendar(c);
    return c;
  },
  'school.registered': object({
    schoolId: nonEmpty,
    name: string,
    kind: oneOf(SCHOOL_KINDS),
    districtId: nonEmpty,
    // Kabyl's extension fields (optional, ignored by the rules): see docs/log-format.md.
    locality: optional(oneOf(['urban', 'rural'] as const)),
    classSizeNorm: optional(integer(1)),
  }),
  'catchment.set': object({ schoolId: nonEmpty, addresses: arrayOf(nonEmpty) }),
  'quota.set': object({
    schoolId: nonEmpty,
    language: nonEmpty,
    seats: integer(0),
    classes: optional(integer(0)),
  }),
  'application.submitted': object({
    applicationId: nonEmpty,
    child: object({
      pin: string,
      lastName: string,
      firstName: string,
      patronymic: optional(string),
      citizenship: string,
    }),
    guardian: object({
      pin: string,
      email: string,
      phone: string,
      telegram: optional(string),
      email2: optional(string),
    }),
    schoolId: nonEmpty,
    language: nonEmpty,
    registeredAddress: string,
    actualAddress: optional(string),
    privilege: optional(object({ category: nonEmpty })),
  }),
  'application.withdrawn': object({ applicationId: nonEmpty }),
  'application.transfer_requested': object({
    applicationId: nonEmpty,
    toSchoolId: nonEmpty,
    toLanguage: optional(nonEmpty),
  }),
  'privilege.reviewed': object({
    applicationId: nonEmpty,
    decision: oneOf(['approved', 'rejected'] as const),
    note: optional(string),
  }),
  'documents.received': object({ applicationId: nonEmpty, items: arrayOf(nonEmpty) }),
  'order.issued': object({ schoolId: nonEmpty, orderNumber: nonEmpty }),
  'commission.case_opened': object({
    caseId: nonEmpty,
    child: object({ fullName: nonEmpty, pin: optional(string), birthDate: optional(date) }),
    reason: string,
  }),
  'commission.decided': (v: unknown) => {
    const d = commissionDecided(v);
    if (d.decision === 'place') placement(v);
    return d as CommissionDecided;
  },
} satisfies Record<string, Check<unknown>>;

const commissionDecided = object({
  caseId: nonEmpty,
  decision: oneOf(['place', 'decline'] as const),
  note: optional(string),
});
const placement = object({ schoolId: nonEmpty, language: nonEmpty });
type CommissionDecided = Infer<typeof commissionDecided> & { schoolId?: string; language?: string };

export type EventType = keyof typeof payloads;
export const EVENT_TYPES = Object.keys(payloads) as EventType[];
export type Payload<T extends EventType> = ReturnType<(typeof payloads)[T]>;

const actor = object({ role: oneOf(ACTOR_ROLES), id: nonEmpty });
export type Actor = Infer<typeof actor>;

/** One event of the log, discriminated by `type`. Unlisted fields are kept as they came. */
export type LogEvent = {
  [T in EventType]: {
    id: string;
    type: T;
    at: string;
    actor?: Actor;
    data: Payload<T>;
    [extra: string]: unknown;
  };
}[EventType];
export type EventOf<T extends EventType> = Extract<LogEvent, { type: T }>;

const envelope = object({
  id: nonEmpty,
  type: oneOf(EVENT_TYPES),
  at: instant,
  actor: optional(actor),
});

/**
 * Checks that a parsed JSON value is a well-formed event of format v1 and
 * returns it typed; throws a SchemaError naming the field otherwise.
 */
export function validateEvent(value: unknown): LogEvent {
  const e = envelope(value) as { type: EventType; data?: unknown };
  const data = (e as { data: unknown }).data;
  try {
    payloads[e.type](data);
  } catch (err) {
    if (err instanceof SchemaError) err.path.unshift('data');
    throw err;
  }
  return value as LogEvent;
}
