// A parent's submission as it arrives (the body of POST /v1/intake/applications)
// and the log event it becomes. The body is the application's data as FORMATS.md
// names it, minus `applicationId`, which the server derives from the parent and
// the Idempotency-Key, so a retry can never make a second application.
import { createHash } from 'node:crypto';
import { parsePin } from '../../shared/engine/pin';
import { SchemaError } from '../../shared/log/check';
import { type LogEvent, validateEvent } from '../../shared/log/events';

/** Printable, 8 to 128 characters: a UUID or any random token a browser makes. */
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

export class SubmissionError extends Error {
  constructor(
    readonly status: 400 | 403,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function checkKey(key: string | undefined): string {
  if (key === undefined || key === '') {
    throw new SubmissionError(400, 'invalid_request', 'the Idempotency-Key header is required');
  }
  if (!KEY_PATTERN.test(key)) {
    throw new SubmissionError(
      400,
      'invalid_request',
      'Idempotency-Key: 8 to 128 characters of letters, digits, "_", ".", ":" or "-"',
    );
  }
  return key;
}

/** JSON with object keys sorted, so the same payload always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The event id and application id of a parent's key: the same key, the same ids. */
export function idsOf(parentId: string, key: string): { eventId: string; applicationId: string } {
  const h = sha256(`${parentId}\u0000${key}`);
  return { eventId: `intake-${h.slice(0, 32)}`, applicationId: `W${h.slice(0, 20).toUpperCase()}` };
}

export interface Submission {
  event: LogEvent;
  digest: string;
  childPin: string;
  /** the child's choice (PIN, school, language): what ten devices of one family repeat */
  choice: string;
}

/**
 * Checks the body with the log's own validator, which names the field at
 * fault (`data.child.pin: ...`), and builds the event the sequencer stamps.
 */
export function toSubmission(parentId: string, key: string, body: unknown): Submission {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new SubmissionError(400, 'invalid_request', 'the body must be a JSON object');
  }
  if ('applicationId' in body) {
    throw new SubmissionError(
      400,
      'invalid_request',
      'applicationId: the server gives it (from the Idempotency-Key); do not send one',
    );
  }
  const digest = sha256(canonicalJson(body));
  const { eventId, applicationId } = idsOf(parentId, key);
  let event: LogEvent;
  try {
    event = validateEvent({
      id: eventId,
      type: 'application.submitted',
      // Replaced by the sequencer's own clock at acceptance.
      at: '2000-01-01T00:00:00+06:00',
      actor: { role: 'parent', id: parentId },
      intake: { key, digest },
      data: { ...body, applicationId },
    });
  } catch (e) {
    if (e instanceof SchemaError) throw new SubmissionError(400, 'invalid_request', e.describe());
    throw e;
  }
  if (event.type !== 'application.submitted') throw new Error('unreachable');
  const d = event.data;
  // A typo in the PIN is the form's to catch, not a decision to record in the log.
  if (parsePin(d.child.pin) === null) {
    throw new SubmissionError(
      400,
      'invalid_request',
      `child.pin: ${d.child.pin} is not a valid PIN`,
    );
  }
  return {
    event,
    digest,
    childPin: d.child.pin,
    choice: `${d.child.pin}|${d.schoolId}|${d.language}`,
  };
}
