// A real district for IPC, auth and harness tests: a temp data folder, a real SQLite
// store created through setup.choose, a small campaign imported through the import
// channels, and one user per role (the director of S1).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ApiError, Channel, Res, Result } from '../../shared/ipc/contract';
import { hashPassword } from '../../main/auth/password';
import type { Session } from '../../main/auth/session';
import { KabylApp, type AppOptions } from '../../main/app/kabylApp';
import { chainAnchorIn, createStoreFactory } from '../../main/app/storeAdapter';
import { importWorkerFile, workbookWorkerFile } from './importWorker';
import { useWorkbookWorker } from '../../main/excel/workbookJob';
import { LogBuilder, T } from '../support/logBuilder';

export const PASSWORDS = {
  officer: 'officer-pass',
  commission: 'commission-pass',
  director: 'director-pass',
} as const;

export interface DistrictFixture {
  app: KabylApp;
  dataDir: string;
  log: LogBuilder;
  /** a fresh anonymous caller */
  caller(): Session;
  /** a caller signed in as the given user */
  signedIn(username: keyof typeof PASSWORDS): Promise<Session>;
  /**
   * Dispatches as the app does; the value is the channel's response type (the
   * dispatcher checks every value against the contract's response schema). The
   * request stays `unknown`: tests send malformed ones on purpose.
   */
  call<C extends Channel>(channel: C, request: unknown, session: Session): Promise<Result<Res<C>>>;
  /** The value of a call that must succeed; otherwise throws naming the channel and the error. */
  must<C extends Channel>(channel: C, request: unknown, session: Session): Promise<Res<C>>;
  /** The error of a call that must fail; otherwise throws naming the channel. */
  fails(channel: Channel, request: unknown, session: Session): Promise<ApiError>;
  close(): Promise<void>;
}

/** Two schools, S1 (ky, ru) and S2 (ky); a handful of applications in stage 2. */
export function sampleLog(): LogBuilder {
  const log = new LogBuilder();
  log.school('S1', { catchment: ['BISH.OKT.ST01'], quotas: { ky: 5, ru: 3 } });
  log.school('S2', { catchment: ['BISH.OKT.ST02'], quotas: { ky: 4 } });
  log.at(T.stage1);
  log.submit('A1', { school: 'S1' });
  log.submit('A2', { school: 'S1', language: 'ru' });
  log.submit('A3', { school: 'S2', address: 'BISH.OKT.ST02.H7' });
  log.at(T.stage2);
  log.submit('A4', { school: 'S2', address: 'BISH.OKT.ST09.H1' });
  log.withdraw('A1');
  log.openCase('C1');
  return log;
}

let counter = 0;

/** `options`: what a test changes in the app (an injected clock, session policy...). */
export async function districtFixture(
  log = sampleLog(),
  options: Partial<AppOptions> = {},
): Promise<DistrictFixture> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kabyl-district-'));
  useWorkbookWorker(await workbookWorkerFile());
  const stores = createStoreFactory({
    importWorkerFile: await importWorkerFile(),
    anchor: chainAnchorIn(dataDir),
  });
  const app = await KabylApp.start(
    { dataDir, shell: 'harness', version: 'test', stores, ...options },
    'ask',
  );
  // Callers are the app's own sessions, as the shells make them: sign-out and expiry reach them.
  const caller = () => app.sessions.get(`test:${++counter}`);
  // The one cast: dispatch() answers Result<unknown> for any channel name; its response check makes it Res<C>.
  const call = <C extends Channel>(channel: C, request: unknown, session: Session) =>
    app.dispatch(channel, request, session) as Promise<Result<Res<C>>>;
  const must = async <C extends Channel>(
    channel: C,
    request: unknown,
    session: Session,
  ): Promise<Res<C>> => {
    const r = await call(channel, request, session);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const fails = async (channel: Channel, request: unknown, session: Session): Promise<ApiError> => {
    const r = await call(channel, request, session);
    if (r.ok) throw new Error(`${channel} succeeded but was expected to fail`);
    return r.error;
  };

  await must(
    'setup.choose',
    {
      mode: 'create',
      districtName: 'Октябрьский район',
      officer: {
        username: 'officer',
        displayName: 'District Officer',
        password: PASSWORDS.officer,
      },
    },
    caller(),
  );
  const store = app.store!;
  await store.addUser({
    username: 'commission',
    displayName: 'Commission Member',
    role: 'commission',
    schoolId: null,
    passwordHash: await hashPassword(PASSWORDS.commission),
  });
  await store.addUser({
    username: 'director',
    displayName: 'Director S1',
    role: 'director',
    schoolId: 'S1',
    passwordHash: await hashPassword(PASSWORDS.director),
  });

  const signedIn = async (username: keyof typeof PASSWORDS) => {
    const s = caller();
    await must('auth.signIn', { username, password: PASSWORDS[username] }, s);
    return s;
  };

  // The campaign goes in the way a user's file does: upload, start, poll.
  const officer = await signedIn('officer');
  const up = await must(
    'import.upload',
    { name: 'campaign.jsonl', chunk: log.text(), done: true },
    officer,
  );
  let job = await must('import.start', { fileId: up.file.fileId }, officer);
  while (job.state === 'running') {
    await new Promise((r) => setTimeout(r, 20));
    job = await must('import.progress', { jobId: job.jobId }, officer);
  }
  if (job.state !== 'done') throw new Error(`import failed: ${JSON.stringify(job.error)}`);

  return {
    app,
    dataDir,
    log,
    caller,
    signedIn,
    call,
    must,
    fails,
    async close() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
