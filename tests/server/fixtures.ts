// A small generated campaign (two Bishkek districts) for the server tests, and
// helpers that talk to a running server over real HTTP.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { PushResponse } from '../../shared/sync/contract';

const BIN = path.resolve(__dirname, '../../bin/kabyl.cjs');

/** The generator's log up to `until` (stage 2 by default), as lines. */
export function generatedLog(
  options: { until?: string; children?: number; seed?: number; waitlist?: boolean } = {},
): string[] {
  const out = execFileSync(
    process.execPath,
    [
      BIN,
      'generate',
      '--districts',
      '2',
      '--schools',
      '4',
      '--children',
      String(options.children ?? 300),
      '--seed',
      String(options.seed ?? 7),
      '--until',
      options.until ?? '2026-07-10T00:00:00+06:00',
      ...(options.waitlist ? ['--waitlist'] : []),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  return out.split('\n').filter((l) => l !== '');
}

export interface HttpAnswer<T = unknown> {
  status: number;
  body: T;
}

export async function http<T = unknown>(
  url: string,
  init: { method?: string; token?: string; body?: unknown; raw?: string } = {},
): Promise<HttpAnswer<T>> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined || init.raw !== undefined)
    headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers,
    body: init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export function push(
  base: string,
  token: string,
  events: unknown[],
): Promise<HttpAnswer<PushResponse>> {
  return http<PushResponse>(`${base}/v1/push`, { token, body: { events } });
}

/** A valid child PIN (FORMATS.md, RULES.md): sex digit, birth date DDMMYYYY, five digits. */
export function pin(serial: number, birth = '15032020'): string {
  return `2${birth}${String(serial).padStart(5, '0')}`;
}
