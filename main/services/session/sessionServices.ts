// session.get, auth.signIn, auth.signOut, app.info: what the shell asks before anything else.
import { FORMAT_VERSION } from '../../../shared/log/events';
import type { Res, StoreInfo } from '../../../shared/ipc/contract';
import { publicUser, signIn } from './signIn';
import { requireStore, type ServiceContext } from '../context';
import { SETTING } from '../settings';
import type { StorePort } from '../storePort';

export async function storeInfo(store: StorePort | null): Promise<StoreInfo | null> {
  if (!store) return null;
  const name = await store.getSetting(SETTING.districtName);
  return { kind: store.kind, districtName: name ?? '' };
}

export async function getSession(_: object, ctx: ServiceContext): Promise<Res<'session.get'>> {
  const user = ctx.session.user;
  return { user: user ? publicUser(user) : null, store: await storeInfo(ctx.store) };
}

export async function authSignIn(
  req: { username: string; password: string },
  ctx: ServiceContext,
): Promise<Res<'auth.signIn'>> {
  const deps = { store: requireStore(ctx), sessions: ctx.app.sessions, throttle: ctx.app.throttle };
  return { user: await signIn(deps, ctx.session, req.username, req.password) };
}

/** Ends the user's every session: other windows and bridge clients are signed out too. */
export function authSignOut(_: object, ctx: ServiceContext): Res<'auth.signOut'> {
  ctx.app.sessions.signOut(ctx.session);
  return { signedOut: true };
}

export function appInfo(_: object, ctx: ServiceContext): Res<'app.info'> {
  const o = ctx.app.options;
  return {
    name: 'Kabyl',
    version: o.version,
    shell: o.shell,
    electronVersion: o.electronVersion ?? null,
    formatVersion: FORMAT_VERSION,
    canPrintToPdf: o.canPrintToPdf ?? false,
    canChooseFiles: o.chooseFile !== undefined,
  };
}
