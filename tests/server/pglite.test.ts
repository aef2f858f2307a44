// Smoke test of the embedded default: the same server on PGlite in a data
// folder (no PostgreSQL), and the log still there after a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { parseInstant } from '../../shared/log/instant';
import type { PullResponse } from '../../shared/sync/contract';
import { createEnrolmentCode } from '../../server/auth/devices';
import { createCampaign } from '../../server/admin/campaign';
import { startServer } from '../../server/server';
import { http, push } from './fixtures';

const dataDir = mkdtempSync(path.join(tmpdir(), 'kabyl-pglite-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('runs on PGlite: health, campaign, enrolment, push, pull, and a restart keeps the log', async () => {
  const database = { dataDir: path.join(dataDir, 'pglite') };
  const clock = () => parseInstant('2026-04-20T10:00:00+06:00');
  let server = await startServer({ database, clock });
  expect(server.db.kind).toBe('pglite');
  expect((await http<{ head: number }>(`${server.url}/v1/health`)).body.head).toBe(0);
  await server.close();

  // Admin commands hold the database while the server is stopped (PGlite is one process's).
  const { openDatabase } = await import('../../server/db/database');
  const admin = await openDatabase(database);
  await createCampaign(admin, {
    campaign: {
      year: 2026,
      stage1Start: '2026-04-11T09:00:00+06:00',
      stage2Start: '2026-06-27T09:00:00+06:00',
      stage2End: '2026-09-11T00:00:00+06:00',
      documentsStart: '2026-08-01T00:00:00+06:00',
      documentsEnd: '2026-09-15T00:00:00+06:00',
      birthDateFrom: '2019-09-01',
      birthDateTo: '2020-08-31',
    },
    at: '2026-03-01T10:00:00+06:00',
    districts: [{ id: 'D1', name: 'Октябрьский' }],
  });
  const code = await createEnrolmentCode(admin, 'D1', 'laptop');
  await admin.close();

  server = await startServer({ database, clock });
  const { token } = (await http<{ token: string }>(`${server.url}/v1/enrol`, { body: { code } }))
    .body;
  const r = await push(server.url, token, [
    {
      id: 'sch',
      type: 'school.registered',
      at: '2026-04-20T09:00:00+06:00',
      actor: { role: 'district', id: 'o' },
      data: { schoolId: 'S1', name: '№ 1', kind: 'state', districtId: 'D1' },
    },
  ]);
  expect(r.body.outcomes).toEqual([{ id: 'sch', status: 'accepted', seq: 2 }]);
  const pulled = await http<PullResponse>(`${server.url}/v1/pull`, { token });
  expect(pulled.body.events.map((e) => e.type)).toEqual(['campaign.opened', 'school.registered']);
  await server.close();

  server = await startServer({ database, clock });
  expect((await http<{ head: number }>(`${server.url}/v1/health`)).body.head).toBe(2);
  await server.close();
}, 180_000);
