// The real server binary (dist/server.cjs) as a child process, for tests that kill it.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const SERVER = path.resolve(__dirname, '../../dist/server.cjs');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stderr: () => string;
  /** resolves with the first stderr line matching `re` */
  waitForStderr(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '',
    err = '';
  const watchers: { re: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err += d;
    for (const w of [...watchers]) {
      const m = err.match(w.re);
      if (m) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    void exited.then((code) =>
      reject(new Error(`the server exited (${code}) before listening:\n${err}`)),
    );
  });
  return {
    url,
    child,
    stderr: () => err,
    exited,
    waitForStderr(re, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${re} on stderr in ${timeoutMs} ms:\n${err}`)),
          timeoutMs,
        );
        watchers.push({
          re,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
  };
}
