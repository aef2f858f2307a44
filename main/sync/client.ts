// The desktop's HTTP client of the /v1 protocol (docs/sync.md). Every answer is
// checked against shared/sync/contract.ts: a server that answers something
// else is an error, never data. A network failure (no route, refused, cut,
// timed out) is `offline`; a server that answered with an error is `http`.
import { z } from 'zod';
import {
  EnrolResponse,
  ErrorResponse,
  HealthResponse,
  type PulledEvent,
  PullResponse,
  type PushedEvent,
  PushResponse,
} from '../../shared/sync/contract';

export class SyncError extends Error {
  constructor(
    message: string,
    /** offline: the server could not be reached; http: it answered with an error; protocol: with nonsense */
    readonly kind: 'offline' | 'http' | 'protocol',
    readonly status: number | null = null,
    /** the server's error body, when it sent one */
    readonly detail: ErrorResponse | null = null,
  ) {
    super(message);
  }
}

export interface ClientOptions {
  /** per request, beyond a pull's own wait (ms); default 15 s */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface PullPage {
  reset: boolean;
  cursor: string;
  head: number;
  more: boolean;
  /** each event as the exact JSON line the store keeps */
  lines: string[];
  events: PulledEvent[];
}

/** The server's base URL, checked: http(s) only, no credentials, no query. */
export function normaliseServerUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new SyncError(`"${text}" is not a URL (for example https://kabyl.edu.kg)`, 'protocol');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SyncError(
      `the server URL must start with http:// or https://, not ${url.protocol}`,
      'protocol',
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new SyncError('the server URL must not carry a user, a query or a fragment', 'protocol');
  }
  return url.toString().replace(/\/+$/, '');
}

export class SyncClient {
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;

  constructor(
    readonly baseUrl: string,
    private readonly token: string | null,
    options: ClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.fetchFn = options.fetch ?? fetch;
  }

  health(signal?: AbortSignal): Promise<HealthResponse> {
    return this.request('GET', '/v1/health', HealthResponse, { signal });
  }

  enrol(code: string, deviceName: string, signal?: AbortSignal): Promise<EnrolResponse> {
    return this.request('POST', '/v1/enrol', EnrolResponse, { body: { code, deviceName }, signal });
  }

  push(events: PushedEvent[], signal?: AbortSignal): Promise<PushResponse> {
    return this.request('POST', '/v1/push', PushResponse, { body: { events }, signal });
  }

  async pull(
    cursor: string | null,
    waitSeconds: number,
    signal?: AbortSignal,
    limit = 1000,
  ): Promise<PullPage> {
    const q = new URLSearchParams({ limit: String(limit), wait: String(waitSeconds) });
    if (cursor !== null) q.set('cursor', cursor);
    const page = await this.request('GET', `/v1/pull?${q}`, PullResponse, {
      signal,
      extraMs: waitSeconds * 1000,
    });
    return { ...page, lines: page.events.map((e) => JSON.stringify(e)) };
  }

  private async request<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    o: { body?: unknown; signal?: AbortSignal; extraMs?: number },
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token !== null) headers.authorization = `Bearer ${this.token}`;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const timeout = AbortSignal.timeout(this.timeoutMs + (o.extraMs ?? 0));
    const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
    let res: Response;
    let text: string;
    try {
      res = await this.fetchFn(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
        signal,
      });
      text = await res.text();
    } catch (e) {
      if (o.signal?.aborted) throw o.signal.reason ?? e;
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
      throw new SyncError(`${method} ${path}: the server cannot be reached (${cause})`, 'offline');
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new SyncError(
        `${method} ${path}: HTTP ${res.status}, and the answer is not JSON`,
        res.ok ? 'protocol' : 'http',
        res.status,
      );
    }
    if (!res.ok) {
      const err = ErrorResponse.safeParse(json);
      const detail = err.success ? err.data : null;
      // A proxy or a restarting server answering 502-504 is as good as no server.
      const kind = res.status >= 502 && res.status <= 504 && !detail ? 'offline' : 'http';
      throw new SyncError(
        `${method} ${path}: HTTP ${res.status}${detail ? `: ${detail.message}` : ''}`,
        kind,
        res.status,
        detail,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SyncError(
        `${method} ${path}: the answer is not the protocol's (${issue.path.join('.')}: ${issue.message})`,
        'protocol',
        res.status,
      );
    }
    return parsed.data;
  }
}
