// fetch for the portal API: same-origin cookies, the CSRF header, JSON both ways, errors
// as ApiError with the field they name, and 429/503 waited out and retried by itself.
import type { FieldError, PortalError } from '../../../shared/portal/contract';
import { setBusy } from './busy';

export type FieldProblem = Pick<FieldError, 'field' | 'code' | 'message'>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly FieldProblem[] = [],
    /** rule_refused: the engine's reason code */
    readonly reason: string | null = null,
    /** outside_window: when the next stage opens */
    readonly opensAt: string | null = null,
  ) {
    super(message);
  }
}

/** A phone that lost its connection: not the server's answer, so it gets its own words. */
export class OfflineError extends Error {}

/**
 * The server names the wait; a phone never waits longer than this between tries, and
 * never less than a second. Jitter spreads the retries of thousands of phones that were
 * all told the same number at the same moment (opening day, issue 11).
 */
const MAX_WAIT_MS = 60_000;

function retryAfterMs(res: Response): number {
  const header = res.headers.get('retry-after');
  let seconds = header === null ? NaN : Number(header);
  if (Number.isNaN(seconds) && header) seconds = (Date.parse(header) - Date.now()) / 1000;
  const base = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 5_000;
  return Math.min(MAX_WAIT_MS, Math.max(1_000, base)) * (1 + Math.random() * 0.2);
}

function waitFor(id: number, ms: number, attempt: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, ms);
    setBusy(id, { retryAt: Date.now() + ms, attempt, tryNow: done });
  });
}

let csrfToken: string | null = null;
let lastRequestId = 0;

/** The token the server hands out with the session; sent back on every unsafe request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export interface RequestOptions {
  body?: unknown;
  /** a body sent as it is (a privilege document's bytes); `body` goes as JSON */
  raw?: Blob;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | undefined;
  if (o.raw) body = o.raw;
  else if (o.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(o.body);
  }
  const id = ++lastRequestId;
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(path, {
        method,
        headers,
        body,
        credentials: 'same-origin',
        signal: o.signal,
      });
    } catch (e) {
      setBusy(id, null);
      if ((e as Error).name === 'AbortError') throw e;
      throw new OfflineError((e as Error).message);
    }
    if ((res.status === 429 || res.status === 503) && res.headers.has('retry-after')) {
      await waitFor(id, retryAfterMs(res), attempt);
      continue;
    }
    setBusy(id, null);
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (res.ok) return json as T;
    throw toApiError(res.status, json);
  }
}

function toApiError(status: number, json: unknown): ApiError {
  const o = (json ?? {}) as Partial<PortalError>;
  const code = typeof o.error === 'string' ? o.error : status >= 500 ? 'internal' : 'http';
  const message = typeof o.message === 'string' ? o.message : `HTTP ${status}`;
  const fields = Array.isArray(o.fields) ? o.fields : [];
  return new ApiError(status, code, message, fields, o.reason ?? null, o.opensAt ?? null);
}
