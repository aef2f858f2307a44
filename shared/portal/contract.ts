// The parents' portal API (issue 10) as zod contracts: the server validates
// every request with them, the web app (portal/) can check every answer.
// docs/portal.md explains the journey; this file is its single definition.
//
// Conventions:
// - Every path is under PORTAL_API_PREFIX; bodies are JSON unless said.
// - The session is an HttpOnly cookie (SESSION_COOKIE). Every state-changing
//   request but register / sign-in / set-password / forgot-password carries the
//   session's CSRF token in the CSRF_HEADER header (the token comes with
//   GET /session and the sign-in answer).
// - Every error is PortalError: `error` is a stable code, `message` an English
//   sentence for logs, `fields` names each bad field (the web app translates
//   `fields[i].code`, never `message`).
import { z } from 'zod';

export const PORTAL_API_PREFIX = '/portal/api/v1';
/**
 * Pages of the web app that e-mailed links open, relative to the portal's
 * public URL (KABYL_PORTAL_PUBLIC_URL): the token travels in the query.
 */
export const PORTAL_LINK_PAGES = { setPassword: '/password', forgotPassword: '/forgot' } as const;
export const SESSION_COOKIE = 'kabyl_portal_session';
export const CSRF_HEADER = 'x-csrf-token';
/** Header of POST /applications: a client-made key, the same on every retry of one submission. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** A privilege document: PDF or JPEG, at most this many bytes (a phone photo fits). */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg'] as const;
export const MIN_PASSWORD_LENGTH = 10;

export const PORTAL_LANGUAGES = ['ky', 'ru', 'en'] as const;
export const PortalLanguage = z.enum(PORTAL_LANGUAGES);
export type PortalLanguage = z.infer<typeof PortalLanguage>;

// ---------------------------------------------------------------- errors

export const FIELD_CODES = [
  'required',
  'invalid_pin', // not 14 digits, wrong sex digit or no real birth date (R2)
  'invalid_email',
  'invalid_phone',
  'too_short',
  'too_long',
  'invalid_value',
  'file_too_large',
  'file_type', // magic bytes are neither PDF nor JPEG
] as const;
export const FieldCode = z.enum(FIELD_CODES);

export const FieldError = z.object({
  /** dotted path of the field in the request: `pin`, `privilege.documentId`, `file` */
  field: z.string(),
  code: FieldCode,
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

export const PORTAL_ERROR_CODES = [
  'invalid_request', // 400, `fields` names every bad field
  'unauthenticated', // 401: no session, or it expired
  'csrf', // 403: missing or wrong CSRF header
  'forbidden', // 403: not this parent's child / application
  'not_found', // 404
  'bad_credentials', // 401: sign-in failed (the same for an unknown e-mail and a wrong password)
  'link_invalid', // 400: a set-password link unknown, used or expired
  'idempotency_conflict', // 409: the same Idempotency-Key is being processed right now
  'idempotency_mismatch', // 422: the same Idempotency-Key was used with another payload
  'payload_too_large', // 413
  'unsupported_media_type', // 415: an upload that is neither PDF nor JPEG
  'rate_limited', // 429 with Retry-After
  'unavailable', // 503 with Retry-After (overload, the log could not be written)
  // The child and the rules: 422, each with a plain-words explanation in the web app.
  'age_out_of_range', // R2: birth date outside the campaign's range -> the district commission
  'not_guardian', // the registry does not list this adult as the child's parent or representative
  'child_not_found', // the registry has no such PIN
  'child_already_added', // to this account; another account's child gives not_guardian's answer
  'registry_unavailable', // the registry did not answer and the step cannot wait (add child)
  'outside_window', // no stage is open (R1); `opensAt` says when
  'rule_refused', // the engine refused (withdraw, transfer); `reason` is its FORMATS.md reason
  'internal',
] as const;
export const PortalErrorCode = z.enum(PORTAL_ERROR_CODES);
export type PortalErrorCode = z.infer<typeof PortalErrorCode>;

export const PortalError = z.object({
  error: PortalErrorCode,
  message: z.string(),
  fields: z.array(FieldError).optional(),
  /** for rule_refused: the engine's reason code (FORMATS.md), e.g. `no_free_seats` */
  reason: z.string().optional(),
  /** for outside_window: the instant the next stage opens, if any */
  opensAt: z.string().optional(),
});
export type PortalError = z.infer<typeof PortalError>;

// ---------------------------------------------------------------- field types

const PIN_RE = /^[12](0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{4}\d{5}$/;
/**
 * A PIN as R2 reads it. The server checks the calendar date too (31 February
 * is invalid) with shared/engine/pin.ts; this regex is the client's quick form.
 */
export const Pin = z
  .string()
  .trim()
  .regex(/^\d{14}$/, { message: 'a PIN is exactly 14 digits' })
  .regex(PIN_RE, { message: 'a PIN starts with 1 or 2 and then a birth date DDMMYYYY' });

export const Email = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'an e-mail address looks like name@example.kg' });

/** Kyrgyz numbers: +996 and 9 digits; spaces, dashes and brackets are allowed and dropped. */
export const Phone = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s\-()]/g, ''))
  .pipe(z.string().regex(/^\+?996\d{9}$|^0\d{9}$/, { message: 'a phone number: +996 and 9 digits' }));

export const Password = z.string().min(MIN_PASSWORD_LENGTH).max(200);

/** A Telegram contact: a phone number or an @username. */
export const Telegram = z
  .string()
  .trim()
  .regex(/^(@[A-Za-z0-9_]{5,32}|\+?\d{9,15})$/, { message: 'a Telegram @username or phone number' });

// ---------------------------------------------------------------- accounts

/** POST /register -> 202 RegisterResponse (the same answer whether the e-mail or PIN is known) */
export const RegisterRequest = z.strictObject({
  pin: Pin,
  email: Email,
  phone: Phone,
  telegram: Telegram.optional(),
  email2: Email.optional(),
  /** the language of the account's e-mails; the web app sends the one in use */
  language: PortalLanguage,
});
export type RegisterRequest = z.input<typeof RegisterRequest>;

export const AcceptedResponse = z.object({ status: z.literal('sent') });
export type AcceptedResponse = z.infer<typeof AcceptedResponse>;

/** GET /password/link?token=... -> 200 LinkInfo, or 400 link_invalid */
export const LinkQuery = z.strictObject({ token: z.string().min(20).max(200) });
export const LinkInfo = z.object({
  purpose: z.enum(['register', 'reset']),
  /** the e-mail the link was sent to, partly masked: `a***@mail.kg` */
  email: z.string(),
  expiresAt: z.string(),
});
export type LinkInfo = z.infer<typeof LinkInfo>;

/** POST /password/set -> 200 SessionInfo (signs in) or 400 link_invalid / invalid_request */
export const SetPasswordRequest = z.strictObject({
  token: z.string().min(20).max(200),
  password: Password,
});
export type SetPasswordRequest = z.infer<typeof SetPasswordRequest>;

/** POST /sign-in -> 200 SessionInfo, or 401 bad_credentials. `login`: the e-mail or own PIN. */
export const SignInRequest = z.strictObject({
  login: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

/** POST /forgot-password -> 202 AcceptedResponse, whatever the PIN and e-mail (no enumeration). */
export const ForgotPasswordRequest = z.strictObject({
  pin: Pin,
  email: Email,
});
export type ForgotPasswordRequest = z.infer<typeof ForgotPasswordRequest>;

export const Account = z.object({
  accountId: z.string(),
  email: z.string(),
  email2: z.string().nullable(),
  phone: z.string(),
  telegram: z.string().nullable(),
  language: PortalLanguage,
});
export type Account = z.infer<typeof Account>;

/** GET /session -> 200 SessionInfo or 401; POST /sign-out -> 204 */
export const SessionInfo = z.object({
  account: Account,
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** PATCH /account -> 200 Account (only the language for now) */
export const UpdateAccountRequest = z.strictObject({ language: PortalLanguage });

// ---------------------------------------------------------------- campaign

export const Phase = z.enum([
  'before', // before stage 1
  'stage1',
  'stage2',
  'closed', // after stage 2
]);
export type Phase = z.infer<typeof Phase>;

/** GET /campaign (no session needed) -> 200 CampaignInfo */
export const CampaignInfo = z.object({
  year: z.number().int(),
  now: z.string(),
  phase: Phase,
  stage1Start: z.string(),
  stage2Start: z.string(),
  stage2End: z.string(),
  documentsStart: z.string(),
  documentsEnd: z.string(),
  birthDateFrom: z.string(),
  birthDateTo: z.string(),
  maxWithdrawals: z.number().int().nullable(),
  privilegeCategories: z.array(z.string()),
  /** the next window's opening instant when none is open, else null */
  opensAt: z.string().nullable(),
});
export type CampaignInfo = z.infer<typeof CampaignInfo>;

// ---------------------------------------------------------------- children and applications

export const APPLICATION_STATUSES = [
  /** accepted by the portal, waiting for the registry's address; decided in arrival order */
  'address_pending',
  'registered',
  'documents_received',
  'enrolled',
  'refused',
  'withdrawn',
  'no_documents',
  'waitlisted',
] as const;
export const ApplicationStatus = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

/** The five paper documents of R9, in the order the status page lists them. */
export const REQUIRED_DOCUMENTS = [
  'passport',
  'birth_certificate',
  'medical_f26',
  'medical_f63',
  'photos',
] as const;

export const ApplicationView = z.object({
  applicationId: z.string(),
  childPin: z.string(),
  campaignYear: z.number().int(),
  status: ApplicationStatus,
  /** FORMATS.md reason code of a refusal, `privilege_rejected`, `no_documents`, ...; else null */
  reason: z.string().nullable(),
  schoolId: z.string(),
  schoolName: z.string(),
  language: z.string(),
  stage: z.union([z.literal(1), z.literal(2)]).nullable(),
  basis: z.enum(['catchment', 'privilege', 'open', 'commission']).nullable(),
  privilege: z.enum(['none', 'pending', 'approved', 'rejected']),
  privilegeCategory: z.string().nullable(),
  orderNumber: z.string().nullable(),
  /** server acceptance time and 1-based position of the submission (the receipt) */
  receivedAt: z.string(),
  position: z.number().int().positive(),
  /** the log seq once decided; null while address_pending */
  seq: z.number().int().positive().nullable(),
  /** paper documents: from when and until when the school takes them (R9, R11) */
  documentsStart: z.string(),
  documentsEnd: z.string(),
  withdrawalsLeft: z.number().int().nullable(),
  canWithdraw: z.boolean(),
  canTransfer: z.boolean(),
});
export type ApplicationView = z.infer<typeof ApplicationView>;

export const ChildView = z.object({
  pin: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  patronymic: z.string().nullable(),
  birthDate: z.string(),
  /** the registry's registered address, readable; the code stays on the server */
  address: z.string().nullable(),
  /** `pending`: the registry was down when the child was added; confirmed later */
  registry: z.enum(['confirmed', 'pending']),
  /** the child's age fits the open campaign's range (R2) */
  eligible: z.boolean(),
  draft: z.lazy(() => Draft).nullable(),
  /** newest first, across campaigns */
  applications: z.array(ApplicationView),
});
export type ChildView = z.infer<typeof ChildView>;

/** GET /cabinet -> 200 Cabinet */
export const Cabinet = z.object({
  account: Account,
  children: z.array(ChildView),
});
export type Cabinet = z.infer<typeof Cabinet>;

/**
 * POST /children -> 201 ChildView. The registry supplies names, birth date and
 * address; the parent types only the PIN. Errors: invalid_request (fields.pin),
 * child_not_found, not_guardian, age_out_of_range (nothing is written; the web
 * app points to the district commission), child_already_added,
 * registry_unavailable (the registry is down: try again later).
 */
export const AddChildRequest = z.strictObject({ pin: Pin });
export type AddChildRequest = z.infer<typeof AddChildRequest>;

// ---------------------------------------------------------------- schools

export const StreamView = z.object({
  language: z.string(),
  quota: z.number().int(),
  free: z.number().int(),
});
export const SchoolView = z.object({
  schoolId: z.string(),
  name: z.string(),
  districtId: z.string(),
  districtName: z.string(),
  /** stage 1: true when its catchment covers the child's registered address */
  catchment: z.boolean(),
  streams: z.array(StreamView),
});
export type SchoolView = z.infer<typeof SchoolView>;

/**
 * GET /schools?childPin=...&q=&districtId=&offset=&limit= -> 200 SchoolsPage.
 * Stage 1: the schools whose catchment covers the child's address (q ignored).
 * Stage 2: every in-scope school with a free seat, filtered by q (name, any
 * case) and districtId. Outside both windows: 422 outside_window with opensAt.
 */
export const SchoolsQuery = z.strictObject({
  childPin: Pin,
  q: z.string().trim().max(100).optional(),
  districtId: z.string().max(50).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type SchoolsQuery = z.input<typeof SchoolsQuery>;
export const SchoolsPage = z.object({
  stage: z.union([z.literal(1), z.literal(2)]),
  total: z.number().int(),
  schools: z.array(SchoolView),
  districts: z.array(z.object({ districtId: z.string(), name: z.string() })),
});
export type SchoolsPage = z.infer<typeof SchoolsPage>;

// ---------------------------------------------------------------- documents

/**
 * POST /documents, the raw file as the body (Content-Type application/pdf,
 * image/jpeg or application/octet-stream; the server sniffs the magic bytes
 * and ignores the declared type) -> 201 DocumentInfo.
 * 413 payload_too_large (fields: file, file_too_large), 415
 * unsupported_media_type (fields: file, file_type). Stored outside the web root.
 */
export const DocumentInfo = z.object({
  documentId: z.string(),
  type: z.enum(DOCUMENT_TYPES),
  size: z.number().int(),
  sha256: z.string(),
});
export type DocumentInfo = z.infer<typeof DocumentInfo>;

// ---------------------------------------------------------------- draft and apply

export const PrivilegeClaim = z.strictObject({
  category: z.string().min(1).max(40),
  /** from POST /documents; required for a claim */
  documentId: z.string().min(1).max(100),
});
export type PrivilegeClaim = z.infer<typeof PrivilegeClaim>;

export const Choice = z.strictObject({
  schoolId: z.string().min(1).max(100),
  language: z.string().min(1).max(10),
  privilege: PrivilegeClaim.optional(),
  /** stage 2 only: the actual address in words (optional; the registry's address is used otherwise) */
  actualAddress: z.string().trim().max(300).optional(),
});
export type Choice = z.infer<typeof Choice>;

/** PUT /children/:pin/draft (Choice) -> 200 Draft; DELETE -> 204. Prepared before opening day. */
export const Draft = z.object({
  childPin: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  language: z.string(),
  privilege: PrivilegeClaim.nullable(),
  actualAddress: z.string().nullable(),
  updatedAt: z.string(),
});
export type Draft = z.infer<typeof Draft>;

/**
 * POST /applications with the Idempotency-Key header -> 202 Receipt.
 * The body names the child; the choice is the body's or, without one, the
 * child's draft (the small opening-moment request, issue 11).
 * A retry with the same key returns the same receipt; the same key while the
 * first is still in flight 409; with another body 422. When the registry is
 * down the receipt's status is `address_pending`.
 */
export const ApplyRequest = z.strictObject({
  childPin: Pin,
  choice: Choice.optional(),
});
export type ApplyRequest = z.infer<typeof ApplyRequest>;

export const Receipt = z.object({
  applicationId: z.string(),
  receivedAt: z.string(),
  position: z.number().int().positive(),
  status: ApplicationStatus,
  reason: z.string().nullable(),
});
export type Receipt = z.infer<typeof Receipt>;

/**
 * GET /applications/:id -> 200 ApplicationView (only the parent's own).
 * GET /applications/:id/events -> text/event-stream: an `application` event
 * with an ApplicationView at once and after every change; a comment line every
 * 25 s keeps proxies open. Clients without SSE poll GET /applications/:id.
 */
export const SSE_EVENT = 'application';

/** POST /applications/:id/withdraw -> 200 ApplicationView, or 422 rule_refused (reason) */
export const WithdrawRequest = z.strictObject({});

/** POST /applications/:id/transfer -> 200 ApplicationView, or 422 rule_refused (reason) */
export const TransferRequest = z.strictObject({
  schoolId: z.string().min(1).max(100),
  language: z.string().min(1).max(10).optional(),
});
export type TransferRequest = z.infer<typeof TransferRequest>;

/** Every endpoint, for the web app's client and the server's routes. */
export const PORTAL_ROUTES = {
  register: { method: 'POST', path: '/register' },
  linkInfo: { method: 'GET', path: '/password/link' },
  setPassword: { method: 'POST', path: '/password/set' },
  signIn: { method: 'POST', path: '/sign-in' },
  signOut: { method: 'POST', path: '/sign-out' },
  session: { method: 'GET', path: '/session' },
  account: { method: 'PATCH', path: '/account' },
  forgotPassword: { method: 'POST', path: '/forgot-password' },
  campaign: { method: 'GET', path: '/campaign' },
  cabinet: { method: 'GET', path: '/cabinet' },
  addChild: { method: 'POST', path: '/children' },
  putDraft: { method: 'PUT', path: '/children/:pin/draft' },
  deleteDraft: { method: 'DELETE', path: '/children/:pin/draft' },
  schools: { method: 'GET', path: '/schools' },
  uploadDocument: { method: 'POST', path: '/documents' },
  apply: { method: 'POST', path: '/applications' },
  application: { method: 'GET', path: '/applications/:id' },
  applicationEvents: { method: 'GET', path: '/applications/:id/events' },
  withdraw: { method: 'POST', path: '/applications/:id/withdraw' },
  transfer: { method: 'POST', path: '/applications/:id/transfer' },
} as const;
