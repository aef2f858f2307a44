// What `npm start` runs after the build: the Electron app where its binary can be
// had, else the same main-process services under Node behind the localhost bridge
// (the harness), on the demo district. Electron >= 42 fetches its binary on first
// launch; offline that fails, so the attempt runs in a child with a short timeout.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);

function electronBinary() {
  if (process.env.KABYL_NO_ELECTRON) return { why: 'KABYL_NO_ELECTRON is set' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { why: 'no display (DISPLAY/WAYLAND_DISPLAY unset)' };
  }
  let pkgDir;
  try {
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { why: 'the electron package is not installed' };
  }
  // Requiring 'electron' returns the binary's path and downloads it if missing.
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const binary = probe.stdout?.trim();
  if (probe.status === 0 && binary && existsSync(binary)) return { binary };
  const detail =
    probe.error?.code === 'ETIMEDOUT' ? 'timed out' : (probe.stderr || '').trim().split('\n').pop();
  return {
    why: `its binary is not in ${path.join(pkgDir, 'dist')} and could not be downloaded (${detail || 'no details'})`,
  };
}

const found = electronBinary();
if (found.binary) {
  const child = spawn(found.binary, [path.join(root, 'dist/main/electron.cjs'), ...passThrough], {
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  console.log(
    `Electron skipped: ${found.why}. Starting the harness instead; open the URL below in a browser.`,
  );
  const child = spawn(
    process.execPath,
    [path.join(root, 'dist/harness.cjs'), '--store', 'demo', ...passThrough],
    {
      stdio: 'inherit',
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
