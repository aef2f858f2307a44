// The parents' portal in Chromium: the journeys of issue 10 at a phone's 360x740 and a
// laptop's 1366x768, in ky, ru and en, with axe on every page. Two servers of the run's
// own (tests/portal-e2e/support/globalSetup.ts): one in stage 1, one in stage 2.
// Run `npm run build` first (dist/server.cjs, dist/portal, dist/cli.cjs).
import { defineConfig, devices } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';

// Ports 5641 (stage 1) and 5642 (stage 2) unless KABYL_PORTAL_E2E_PORT moves both.
const port = Number(process.env.KABYL_PORTAL_E2E_PORT ?? 5641);
process.env.KABYL_PORTAL_E2E_PORT = String(port);

const chromium = {
  headless: true,
  launchOptions: {
    executablePath: process.env.KABYL_E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  },
};

export default defineConfig({
  testDir: 'tests/portal-e2e',
  testMatch: '**/*.spec.ts',
  // The journeys share two servers and each registers its own family: one worker keeps
  // the 2-core machine calm and the servers' logs in one order.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // A journey is a dozen pages, each checked by axe, on a machine other runs share.
  timeout: 300_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  globalSetup: './tests/portal-e2e/support/globalSetup.ts',
  outputDir: path.join(os.tmpdir(), `kabyl-portal-e2e-results-${port}`),
  use: { ...chromium, trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'phone',
      use: {
        ...devices['Pixel 5'],
        ...chromium,
        viewport: { width: 360, height: 740 },
        isMobile: true,
        hasTouch: true,
        defaultBrowserType: 'chromium',
      },
    },
    { name: 'laptop', use: { ...chromium, viewport: { width: 1366, height: 768 } } },
  ],
});
