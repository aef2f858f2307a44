// The one contract between the renderer and main. Electron's preload, the HTTP
// bridge of the harness and main's dispatcher are all built from this table, so a
// channel added here exists everywhere and is validated everywhere the same way.
// Pure data + zod: no Node or DOM APIs (shared/ is imported by every process).
import { z } from 'zod';
import { quotaChannels } from './channels/quotas';
import { catchmentChannels } from './channels/catchments';
import { printChannels } from './channels/print';
import { schoolChannels } from './channels/school';
import { privilegeChannels } from './channels/privileges';
import { commissionChannels } from './channels/commission';
import { attachmentChannels } from './channels/attachments';
import { applicationChannels } from './channels/applications';
import { auditChannels } from './channels/audit';
import { reportChannels } from './channels/reports';
import { excelImportChannels } from './channels/excelImport';
import { syncChannels } from './channels/sync';
import { waitlistChannels } from './channels/waitlists';
import { type Result, type Role, ROLES, channel, empty, everyone, id, instant } from './channel';

export {
  type Access,
  type ApiError,
  type ErrorCode,
  type Result,
  type Role,
  ERROR_CODES,
  ROLES,
  channel,
} from './channel';

export const STATUSES = [
  'registered',
  'documents_received',
  'enrolled',
  'refused',
  'withdrawn',
  'no_documents',
  'waitlisted',
] as const;
export const STORE_KINDS = ['demo', 'real'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export const userSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  /** set for a director: the one school they see and act on */
  schoolId: z.string().nullable(),
  schoolName: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const storeInfoSchema = z.object({
  kind: z.enum(STORE_KINDS),
  districtName: z.string(),
});
export type StoreInfo = z.infer<typeof storeInfoSchema>;

/** Calendar boundaries, named so the UI can translate them. */
export const BOUNDARIES = [
  'stage1Start',
  'stage2Start',
  'stage2End',
  'documentsStart',
  'documentsEnd',
] as const;
export type Boundary = (typeof BOUNDARIES)[number];

/**
 * Where the campaign stands at `asOf`: 'not_opened' (no campaign.opened event yet),
 * 'before' stage 1, 'stage1', 'stage2', 'between' (stage 2 closed, documents
 * still running), 'closed' (documents deadline passed).
 */
export const PHASES = ['not_opened', 'before', 'stage1', 'stage2', 'between', 'closed'] as const;

const countsSchema = z.object(
  Object.fromEntries(STATUSES.map((s) => [s, z.number().int()])) as {
    [S in (typeof STATUSES)[number]]: z.ZodNumber;
  },
);

export const dashboardSchema = z.object({
  /** the instant the figures hold for: the demo's frozen clock, else now (never before the last event) */
  asOf: instant,
  campaignYear: z.number().int().nullable(),
  phase: z.enum(PHASES),
  documentsOpen: z.boolean(),
  next: z.object({ boundary: z.enum(BOUNDARIES), at: instant, days: z.number().int() }).nullable(),
  documentsDeadline: z.object({ at: instant, days: z.number().int() }).nullable(),
  counts: countsSchema,
  totals: z.object({
    applications: z.number().int(),
    schools: z.number().int(),
    streams: z.number().int(),
    seats: z.number().int(),
    occupied: z.number().int(),
    free: z.number().int(),
    overflow: z.number().int(),
    openCases: z.number().int(),
    events: z.number().int(),
    /** R16: entries in every queue (waiting children and standing transfers) */
    waitlistEntries: z.number().int(),
    /** R16: streams with a non-empty queue */
    waitlistStreams: z.number().int(),
  }),
  /** null: the whole district; set: the figures are one school's (always so for a director) */
  scope: z.object({ schoolId: z.string(), schoolName: z.string() }).nullable(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const schoolSummarySchema = z.object({
  schoolId: z.string(),
  name: z.string(),
  kind: z.string(),
  districtId: z.string(),
  /** state and municipal schools take part in the campaign; the others count in no campaign figure */
  inScope: z.boolean(),
  streams: z.array(
    z.object({
      language: z.string(),
      quota: z.number().int(),
      occupied: z.number().int(),
      free: z.number().int(),
      overflow: z.number().int(),
    }),
  ),
});

export const importJobSchema = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  fileName: z.string(),
  bytesRead: z.number(),
  totalBytes: z.number(),
  linesRead: z.number().int(),
  eventsAdded: z.number().int(),
  duplicates: z.number().int(),
  /** when failed: the first bad line; nothing of the file was stored */
  error: z.object({ line: z.number().int().nullable(), message: z.string() }).nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

/** A file main holds for an import: picked in a native dialog or uploaded in chunks. */
export const importFileSchema = z.object({
  fileId: z.string(),
  name: z.string(),
  size: z.number(),
});

export const clockSchema = z.object({
  now: instant,
  /** true in the demo: the clock stands still until an officer moves it */
  settable: z.boolean(),
});

// ---------- the channels ----------

/** The shell's own channels (issue 3); each district workflow adds its table from shared/ipc/channels/. */
const coreChannels = {
  'app.info': channel(
    'public',
    empty,
    z.object({
      name: z.string(),
      version: z.string(),
      /** which shell runs main: the Electron app, or the Node harness behind the HTTP bridge */
      shell: z.enum(['electron', 'harness']),
      electronVersion: z.string().nullable(),
      formatVersion: z.number().int(),
      /** Electron can print the current window to PDF; the harness leaves printing to the browser */
      canPrintToPdf: z.boolean(),
      /** import.choose opens a native dialog (Electron); otherwise upload with import.upload */
      canChooseFiles: z.boolean(),
    }),
  ),
  /** First start: has a store been chosen yet? Drives the welcome screen (docs/app-shell.md). */
  'setup.get': channel(
    'public',
    empty,
    z.object({
      chosen: z.enum(STORE_KINDS).nullable(),
      realExists: z.boolean(),
    }),
  ),
  /**
   * Open the demo; open the existing real district; or create the real district
   * store with its first officer account (refused if one exists: never overwritten).
   * Public only while nothing is chosen yet; afterwards a district officer may switch.
   */
  'setup.choose': channel(
    'public',
    z.discriminatedUnion('mode', [
      z.strictObject({ mode: z.literal('demo') }),
      z.strictObject({ mode: z.literal('real') }),
      z.strictObject({
        mode: z.literal('create'),
        districtName: z.string().trim().min(1).max(200),
        officer: z.strictObject({
          username: z.string().trim().min(1).max(64),
          displayName: z.string().trim().min(1).max(200),
          password: z.string().min(8).max(1024),
        }),
      }),
    ]),
    z.object({ store: storeInfoSchema }),
  ),
  'session.get': channel(
    'public',
    empty,
    z.object({ user: userSchema.nullable(), store: storeInfoSchema.nullable() }),
  ),
  'auth.signIn': channel(
    'public',
    z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) }),
    z.object({ user: userSchema }),
  ),
  'auth.signOut': channel('public', empty, z.object({ signedOut: z.literal(true) })),
  /** A director gets their own school whatever they ask; asking for another is forbidden. */
  'dashboard.get': channel(everyone, z.strictObject({ schoolId: id.optional() }), dashboardSchema),
  'schools.list': channel(everyone, empty, z.object({ schools: z.array(schoolSummarySchema) })),
  /** Electron: a native open dialog in main; the path stays in main. null: cancelled. */
  'import.choose': channel(['district'], empty, z.object({ file: importFileSchema.nullable() })),
  /**
   * Harness (and drag-and-drop): send the file's text in order, chunk by chunk
   * (<= 4 MiB each); the first call omits fileId; `done: true` on the last chunk.
   */
  'import.upload': channel(
    ['district'],
    z.strictObject({
      fileId: z.string().optional(),
      name: z.string().min(1).max(260),
      chunk: z.string().max(4 * 1024 * 1024),
      done: z.boolean(),
    }),
    z.object({ file: importFileSchema, received: z.number() }),
  ),
  'import.start': channel(['district'], z.strictObject({ fileId: id }), importJobSchema),
  'import.progress': channel(['district'], z.strictObject({ jobId: id }), importJobSchema),
  'store.verify': channel(
    ['district', 'commission'],
    empty,
    z.object({
      ok: z.boolean(),
      events: z.number().int(),
      /** the first differences found between the stored projections and a fresh replay */
      differences: z.array(z.string()),
    }),
  ),
  'store.rebuild': channel(
    ['district'],
    empty,
    z.object({ events: z.number().int(), ms: z.number() }),
  ),
  /** The campaign clock new events are stamped with: now (a real district) or the demo's own clock. */
  'clock.get': channel(everyone, empty, clockSchema),
  /** Demo only, district officer: move the demo's clock forward (to reach the documents window, the deadline...). */
  'clock.set': channel(['district'], z.strictObject({ at: instant }), clockSchema),
} as const;

export const contract = {
  ...coreChannels,
  ...privilegeChannels,
  ...commissionChannels,
  ...attachmentChannels,
  ...reportChannels,
  ...excelImportChannels,
  ...applicationChannels,
  ...auditChannels,
  ...printChannels,
  ...schoolChannels,
  ...quotaChannels,
  ...catchmentChannels,
  ...syncChannels,
  ...waitlistChannels,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

/** What the caller sends (before zod defaults/transforms). */
export type Req<C extends Channel> = z.input<Contract[C]['request']>;
/** What the caller receives. */
export type Res<C extends Channel> = z.output<Contract[C]['response']>;

export type DistrictApi = { [C in Channel]: (request: Req<C>) => Promise<Result<Res<C>>> };

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** The renderer builds its navigation from this, main enforces it: one source. */
export function canCall(role: Role | null, ch: Channel): boolean {
  const access = contract[ch].access;
  if (access === 'public') return true;
  return role !== null && access.includes(role);
}

/** Turn a zod failure into one message naming the field(s), for invalid_request. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'request'}: ${i.message}`)
    .join('; ');
}
