// The harness transport: POST /ipc/<channel> on the origin that served the page,
// carrying the per-launch secret the harness wrote into index.html.
import {
  CHANNELS,
  type Channel,
  type DistrictApi,
  type Result,
} from '../../../shared/ipc/contract';
import { clientId } from './clientId';

function bridgeSecret(): string | null {
  return document.querySelector<HTMLMetaElement>('meta[name="kabyl-bridge"]')?.content || null;
}

function unavailable(message: string): Result<never> {
  return { ok: false, error: { code: 'unavailable', message } };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: { code?: unknown } };
  return v.ok === true || (v.ok === false && typeof v.error?.code === 'string');
}

async function call(channel: Channel, request: unknown): Promise<Result<unknown>> {
  const secret = bridgeSecret();
  if (!secret) return unavailable('this page was not served by the Kabyl harness');
  let response: Response;
  try {
    response = await fetch(`./ipc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Kabyl-Secret': secret,
        'X-Kabyl-Client': clientId(),
      },
      body: JSON.stringify(request ?? {}),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    return unavailable(`the harness did not answer: ${e instanceof Error ? e.message : String(e)}`);
  }
  // The harness answers a Result whatever the HTTP status; anything else means the
  // bridge itself refused the call (wrong secret, harness gone) or a proxy answered.
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return unavailable(`the harness answered HTTP ${response.status} without a result`);
  }
  return isResult(body)
    ? body
    : unavailable(`the harness answered HTTP ${response.status} without a result`);
}

export function createHttpApi(): DistrictApi {
  const api = {} as Record<Channel, (request: unknown) => Promise<Result<unknown>>>;
  for (const channel of CHANNELS) api[channel] = (request) => call(channel, request);
  return api as unknown as DistrictApi;
}
