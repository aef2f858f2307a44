// Issue 12, item 11: the demo's officer (a public password) must not create the real
// district. A real district is created only from the first-start choice.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KabylApp } from '../../main/app/kabylApp';
import { createStoreFactory } from '../../main/app/storeAdapter';
import { districtFixture } from '../ipc/districtFixture';
import { importWorkerFile } from '../ipc/importWorker';

const CREATE = {
  mode: 'create',
  districtName: 'Захваченный район',
  officer: { username: 'intruder', displayName: 'Intruder', password: 'intruder-pass' },
} as const;

describe('creating the real district', () => {
  let dataDir: string;
  let app: KabylApp;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'kabyl-setup-'));
    app = await KabylApp.start(
      {
        dataDir,
        shell: 'harness',
        version: 'test',
        stores: createStoreFactory({ importWorkerFile: await importWorkerFile() }),
      },
      'demo',
    );
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("is refused to the demo's officer, and nothing is created", async () => {
    const s = app.sessions.get('demo-officer');
    expect(
      (await app.dispatch('auth.signIn', { username: 'officer', password: 'kabyl-officer' }, s)).ok,
    ).toBe(true);
    const r = await app.dispatch('setup.choose', CREATE, s);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(!r.ok && r.error.message).toMatch(/first-start choice/);
    expect(existsSync(path.join(dataDir, 'district.sqlite'))).toBe(false);
    expect(app.store?.kind).toBe('demo');
    // the demo officer is still signed in to the demo: the refusal changed nothing
    expect((await app.dispatch('dashboard.get', {}, s)).ok).toBe(true);
  });

  it('is refused to anyone else at an open demo too', async () => {
    const r = await app.dispatch('setup.choose', CREATE, app.sessions.get('anonymous'));
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(existsSync(path.join(dataDir, 'district.sqlite'))).toBe(false);
  });

  it("is refused to a real district's own officer (a second district is never made over it)", async () => {
    const f = await districtFixture();
    try {
      const officer = await f.signedIn('officer');
      expect(await f.call('setup.choose', CREATE, officer)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(await f.app.store!.findUser('intruder')).toBeNull();
    } finally {
      await f.close();
    }
  });

  it('works from the first-start choice, before any district is open', async () => {
    const fresh = await mkdtemp(path.join(tmpdir(), 'kabyl-setup-fresh-'));
    const first = await KabylApp.start(
      {
        dataDir: fresh,
        shell: 'harness',
        version: 'test',
        stores: createStoreFactory({ importWorkerFile: await importWorkerFile() }),
      },
      'ask',
    );
    try {
      expect(first.chosen).toBeNull();
      const r = await first.dispatch(
        'setup.choose',
        { ...CREATE, districtName: 'Октябрьский район' },
        first.sessions.get('first'),
      );
      expect(r).toMatchObject({
        ok: true,
        value: { store: { kind: 'real', districtName: 'Октябрьский район' } },
      });
    } finally {
      await first.close();
      await rm(fresh, { recursive: true, force: true });
    }
  });
});
