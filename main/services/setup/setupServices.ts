// The first-start choice: open the demo, open the real district, or create it with
// its first officer. A real district store is a separate file from the demo, so the
// two never mix; creating one never overwrites an existing one.
import { rm } from 'node:fs/promises';
import type { Res } from '../../../shared/ipc/contract';
import { hashPassword } from '../../auth/password';
import { ServiceError } from '../errors';
import type { ServiceContext } from '../context';
import { SETTING } from '../settings';
import { storeInfo } from '../session/sessionServices';

export function getSetup(_: object, ctx: ServiceContext): Res<'setup.get'> {
  return { chosen: ctx.app.chosen, realExists: ctx.app.realExists() };
}

type Choose =
  | { mode: 'demo' }
  | { mode: 'real' }
  | {
      mode: 'create';
      districtName: string;
      officer: { username: string; displayName: string; password: string };
    };

export async function chooseSetup(req: Choose, ctx: ServiceContext): Promise<Res<'setup.choose'>> {
  // Before the first choice anyone at the machine may choose; after it, only an officer switches.
  if (ctx.app.chosen !== null && ctx.session.user?.role !== 'district') {
    throw new ServiceError('forbidden', 'only a district officer can switch the open district');
  }
  if (req.mode === 'demo') {
    return { store: (await storeInfo(await ctx.app.useStore('demo')))! };
  }
  if (req.mode === 'real') {
    if (!ctx.app.realExists())
      throw new ServiceError(
        'not_found',
        'mode: no real district has been created on this computer',
      );
    return { store: (await storeInfo(await ctx.app.useStore('real')))! };
  }
  // A real district is created only from the first-start choice, before any store is
  // open: never from a signed-in session, least of all the demo's, whose officer
  // password is public (issue 12, item 11). Whoever holds that screen sets the first
  // officer's password; afterwards only that officer's store decides.
  if (ctx.app.chosen !== null || ctx.store !== null) {
    throw new ServiceError(
      'forbidden',
      'mode: a real district is created only from the first-start choice, not from an open district',
    );
  }
  if (ctx.app.realExists()) {
    throw new ServiceError(
      'refused',
      'a real district already exists on this computer; open it instead',
      'store_exists',
    );
  }
  const passwordHash = await hashPassword(req.officer.password);
  const file = ctx.app.storePath('real');
  const store = await ctx.app
    .useStore('real', async (s) => {
      await s.setSetting(SETTING.kind, 'real');
      await s.setSetting(SETTING.districtName, req.districtName);
      await s.addUser({
        username: req.officer.username,
        displayName: req.officer.displayName,
        role: 'district',
        schoolId: null,
        passwordHash,
      });
    })
    .catch(async (e: unknown) => {
      // A store that failed to get its first officer is unusable: leave no half-made district.
      await Promise.all(['', '-wal', '-shm'].map((x) => rm(file + x, { force: true })));
      throw e;
    });
  return { store: (await storeInfo(store))! };
}
