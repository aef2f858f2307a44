// The end-to-end tests drive Debian's Chromium (Playwright cannot download a
// browser here). Make `npm test` work on a fresh Debian machine: install it
// when we are root and it is missing; otherwise say exactly what to run.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.KABYL_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log(
      'Installing Debian Chromium for the end-to-end tests (apt-get install chromium) ...',
    );
    execSync(
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core',
      { stdio: 'inherit' },
    );
  } else {
    console.error(
      `The end-to-end tests need Chromium at ${CHROMIUM}. On Debian/Ubuntu: sudo apt-get install -y chromium (or set KABYL_CHROMIUM).`,
    );
    process.exit(1);
  }
}
