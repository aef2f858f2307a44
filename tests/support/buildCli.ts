// Vitest global set-up: tests that run the real `kabyl` binary need dist/cli.cjs,
// and the server's tests dist/server.cjs.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, [path.resolve(__dirname, '../../scripts/build.mjs'), '--server'], {
    stdio: 'inherit',
  });
}
