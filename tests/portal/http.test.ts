// The portal's HTTP client against a real local server: a 429/503 with Retry-After is
// waited out (the waiting page's state is published meanwhile) and the same request is
// sent again with the same Idempotency-Key; errors keep the field they name.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyNow } from '../../portal/src/api/busy';
import { ApiError, OfflineError, request } from '../../portal/src/api/http';

let server: http.Server;
let base: string;
const seen: { url: string; key: string | undefined; body: string }[] = [];
let busyAnswers = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ url: req.url!, key: req.headers['idempotency-key'] as string | undefined, body });
      if (req.url === '/busy' && busyAnswers > 0) {
        busyAnswers -= 1;
        res.writeHead(503, { 'retry-after': '1', 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: 'unavailable', message: 'busy' }));
      }
      if (req.url === '/busy') {
        res.writeHead(202, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ applicationId: 'A1', position: 7 }));
      }
      if (req.url === '/fields') {
        res.writeHead(400, { 'content-type': 'application/json' });
        return res.end(
          JSON.stringify({
            error: 'invalid_request',
            message: 'pin: a PIN is exactly 14 digits',
            fields: [{ field: 'pin', code: 'invalid_pin', message: 'a PIN is exactly 14 digits' }],
          }),
        );
      }
      if (req.url === '/refused') {
        res.writeHead(422, { 'content-type': 'application/json' });
        return res.end(
          JSON.stringify({ error: 'rule_refused', message: 'no', reason: 'no_free_seats' }),
        );
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('portal http client', () => {
  it('waits out 503 + Retry-After twice and resends the same request with the same key', async () => {
    busyAnswers = 2;
    seen.length = 0;
    const started = Date.now();
    const states: number[] = [];
    const watch = setInterval(() => {
      const b = busyNow();
      if (b && !states.includes(b.attempt)) states.push(b.attempt);
    }, 20);
    const receipt = await request<{ position: number }>('POST', `${base}/busy`, {
      body: { childPin: '21503202000001' },
      headers: { 'idempotency-key': 'k-123' },
    });
    clearInterval(watch);
    expect(receipt.position).toBe(7);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000); // two waits of at least 1 s
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((s) => s.key))).toEqual(new Set(['k-123']));
    expect(new Set(seen.map((s) => s.body)).size).toBe(1);
    expect(states).toEqual([1, 2]); // the waiting page saw both waits
    expect(busyNow()).toBeNull(); // and is gone once answered
  });

  it('"try now" ends the wait at once', async () => {
    busyAnswers = 1;
    const started = Date.now();
    const pending = request('POST', `${base}/busy`, { body: {} });
    while (!busyNow()) await new Promise((r) => setTimeout(r, 5));
    busyNow()!.tryNow();
    await pending;
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('keeps the fields and the reason an error names', async () => {
    const fail = (p: string) =>
      request('POST', `${base}${p}`, { body: {} }).then(
        () => null,
        (e: unknown) => e as ApiError,
      );
    const fields = (await fail('/fields'))!;
    expect(fields).toBeInstanceOf(ApiError);
    expect(fields.code).toBe('invalid_request');
    expect(fields.fields).toEqual([
      { field: 'pin', code: 'invalid_pin', message: 'a PIN is exactly 14 digits' },
    ]);
    const refused = (await fail('/refused'))!;
    expect(refused.code).toBe('rule_refused');
    expect(refused.reason).toBe('no_free_seats');
  });

  it('says "offline" when no server answers', async () => {
    const e = await request('GET', 'http://127.0.0.1:1/').catch((x) => x);
    expect(e).toBeInstanceOf(OfflineError);
  });
});
