// The /v1 sync protocol between a district desktop and the central server,
// as zod contracts: the server validates every request with them and the
// desktop's sync client (main/sync) can check every answer. docs/sync.md
// explains the protocol; this file is its single definition.
import { z } from 'zod';

export const PROTOCOL_VERSION = 1;

/** FORMATS.md: a log line is at most 1 MiB of UTF-8; an event pushed must fit in one. */
export const MAX_LINE_BYTES = 1_048_576;
/** Events in one push: a desktop's queue is sent in pages of this many. */
export const MAX_PUSH_EVENTS = 1000;
/** Events in one pull page. */
export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 1000;
/** The longest a pull may wait for new events (long-poll), in seconds. */
export const MAX_PULL_WAIT_SECONDS = 30;

/** Roles a district device may act as; `parent` and `system` come only from the centre. */
export const DEVICE_ROLES = ['district', 'director', 'commission'] as const;

/**
 * One pending event as the desktop recorded it: the log envelope of FORMATS.md
 * with the desktop's own id and time. The payload (`data`) is checked by the
 * log's own validator (shared/log/events.ts), which names the field at fault.
 */
export const PushedEvent = z.looseObject({
  id: z.string().min(1).max(200),
  type: z.string().min(1),
  at: z.string().min(1),
  actor: z.looseObject({ role: z.enum(DEVICE_ROLES), id: z.string().min(1).max(200) }),
  data: z.record(z.string(), z.unknown()),
});
export type PushedEvent = z.infer<typeof PushedEvent>;

export const PushRequest = z.strictObject({
  events: z.array(PushedEvent).min(1).max(MAX_PUSH_EVENTS),
});
export type PushRequest = z.infer<typeof PushRequest>;

/** What became of one pushed event: a place in the log, or the engine's refusal. */
export const EventOutcome = z.discriminatedUnion('status', [
  z.object({ id: z.string(), status: z.literal('accepted'), seq: z.number().int().positive() }),
  z.object({ id: z.string(), status: z.literal('refused'), reason: z.string() }),
]);
export type EventOutcome = z.infer<typeof EventOutcome>;

export const PushResponse = z.object({
  outcomes: z.array(EventOutcome),
  /** the server's head seq after this push was committed */
  head: z.number().int().nonnegative(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const PullQuery = z.strictObject({
  /** opaque, from the previous pull; absent on a first pull */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
  /** seconds to wait when there is nothing new (long-poll); 0 answers at once */
  wait: z.coerce.number().int().min(0).max(MAX_PULL_WAIT_SECONDS).default(0),
});
export type PullQuery = z.infer<typeof PullQuery>;

/** A log event as the server stored it: FORMATS.md's envelope plus `seq`, `clientAt`, `actor.device`. */
export const PulledEvent = z.looseObject({
  seq: z.number().int().positive(),
  id: z.string(),
  type: z.string(),
  at: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type PulledEvent = z.infer<typeof PulledEvent>;

/**
 * The live pull (`GET /v1/pull/stream`, Server-Sent Events): the same cursor
 * and limit; each `page` message's data is a PullResponse and its `id` the
 * page's cursor, so an EventSource that reconnects resumes from it
 * (Last-Event-ID).
 */
export const PullStreamQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});
export type PullStreamQuery = z.infer<typeof PullStreamQuery>;

/** Seconds between SSE keep-alive comments (and token re-checks) on an idle stream. */
export const STREAM_KEEPALIVE_SECONDS = 15;

export const PullResponse = z.object({
  /**
   * true when the cursor sent was not one this log can continue from (malformed,
   * from another server's log, or ahead of its head): the page starts at the
   * beginning of the log and the desktop must rebuild its server prefix.
   */
  reset: z.boolean(),
  events: z.array(PulledEvent),
  cursor: z.string(),
  head: z.number().int().nonnegative(),
  /** true when more events follow this page at once */
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const EnrolRequest = z.strictObject({
  code: z.string().min(4).max(64),
  deviceName: z.string().min(1).max(120).optional(),
});
export type EnrolRequest = z.infer<typeof EnrolRequest>;

export const EnrolResponse = z.object({
  deviceId: z.string(),
  districtId: z.string(),
  /** the bearer token for every later request; shown once, stored only hashed */
  token: z.string(),
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

export const HealthResponse = z.object({
  status: z.literal('ok'),
  protocol: z.literal(PROTOCOL_VERSION),
  logId: z.string(),
  head: z.number().int().nonnegative(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const ERROR_CODES = [
  'invalid_request',
  'malformed_event',
  'unauthenticated',
  'forbidden_district',
  'forbidden_event',
  'not_found',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every error answer: a code a program can act on and a sentence a person can. */
export const ErrorResponse = z.object({
  error: z.enum(ERROR_CODES),
  message: z.string(),
  /** for a push: the index of the event at fault in `events` */
  index: z.number().int().nonnegative().optional(),
  eventId: z.string().optional(),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
