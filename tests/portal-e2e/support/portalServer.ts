// A central server of the journeys' own: a fresh PGlite data folder holding the generated
// campaign up to `until`, the server clock started at `clock`, the registry simulator
// seeded from the same generator, and mail written as .eml files into its mail folder.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DISTRICT, REGISTRY_ENV, REPO, writeLog } from './campaign';

export interface PortalServer {
  url: string;
  mailDir: string;
  /** a device token of the district's desktop (the sync protocol), to push what an officer does */
  districtToken: string;
  close(): Promise<void>;
}

export async function startPortalServer(o: {
  port: number;
  until: string;
  clock: string;
}): Promise<PortalServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kabyl-portal-e2e-'));
  const log = path.join(dir, 'campaign.jsonl');
  writeLog(log, o.until);
  const dataDir = path.join(dir, 'server');
  execFileSync(process.execPath, [path.join(REPO, 'bin/kabyl.cjs'), 'server', 'import', log], {
    env: { ...process.env, KABYL_SERVER_DATA_DIR: dataDir },
    stdio: 'pipe',
  });
  // A one-time code for the district's desktop, made before the server holds the data folder.
  const code = execFileSync(
    process.execPath,
    [
      path.join(REPO, 'bin/kabyl.cjs'),
      'server',
      'enrol',
      '--district',
      DISTRICT,
      '--name',
      'officer desktop',
    ],
    { env: { ...process.env, KABYL_SERVER_DATA_DIR: dataDir }, encoding: 'utf8', stdio: 'pipe' },
  ).trim();
  const mailDir = path.join(dir, 'mail');
  const url = `http://127.0.0.1:${o.port}`;
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO, 'dist/server.cjs')], {
    cwd: REPO,
    env: {
      ...process.env,
      ...REGISTRY_ENV,
      PORT: String(o.port),
      LOG_LEVEL: 'warn',
      KABYL_SERVER_DATA_DIR: dataDir,
      KABYL_SERVER_CLOCK_START: o.clock,
      KABYL_PORTAL_PUBLIC_URL: url,
      KABYL_PORTAL_MAIL_DIR: mailDir,
      // Every journey signs in from 127.0.0.1; the limit itself has the server's own tests.
      KABYL_PORTAL_RATE_LIMIT: '10000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start:\n${output}`)),
      300_000,
    );
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  });

  const enrolled = await fetch(`${url}/v1/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName: 'officer desktop' }),
  });
  if (!enrolled.ok)
    throw new Error(`enrolment failed: ${enrolled.status} ${await enrolled.text()}`);
  const { token: districtToken } = (await enrolled.json()) as { token: string };
  return {
    url,
    mailDir,
    districtToken,
    async close() {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
