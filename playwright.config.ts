// End-to-end tests: Debian's Chromium against the Node harness (main's services behind
// the localhost HTTP bridge, serving dist/renderer), or, with KABYL_E2E_ELECTRON=1 on a
// machine where Electron's binary exists, the same specs against the Electron app.
// Run `npm run build` first: the harness and the renderer are served from dist/.
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const port = Number(process.env.KABYL_E2E_PORT ?? 4317);
const electron = process.env.KABYL_E2E_ELECTRON === '1';

// The config is loaded again in every worker; the env var makes them share the one
// fresh data dir the runner created, so the demo store is built once per run. Specs
// only read that demo (support/sharedDemo.ts checks it); a spec that writes starts a
// harness of its own (support/privateHarness.ts), and tests that share one private
// harness and build on each other say so with serial mode.
process.env.KABYL_E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'kabyl-e2e-'));
const dataDir = process.env.KABYL_E2E_DATA_DIR;
// A second harness starts with no store at all, as a real district's first start does
// (tests/e2e/realDistrict.spec.ts); its URL reaches the specs through the env.
const realPort = port + 1;
process.env.KABYL_E2E_REAL_URL = `http://127.0.0.1:${realPort}/`;
const realDataDir = path.join(dataDir, 'real');

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  // The shared demo is read-only for the specs: the teardown fails the run if one wrote to it.
  globalSetup: './tests/e2e/support/globalSetup.ts',
  globalTeardown: './tests/e2e/support/globalTeardown.ts',
  // Per port: Playwright empties its output dir when a run starts, and runs on other
  // ports (other checkouts on the same machine) must not delete this run's traces.
  outputDir: path.join(os.tmpdir(), `kabyl-e2e-results-${port}`),
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    headless: true,
    // The smallest screen the department PCs have (Windows laptops, 1366x768).
    viewport: { width: 1366, height: 768 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.KABYL_E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
  webServer: electron
    ? undefined
    : [
        {
          command: `node dist/harness.cjs --port ${port} --data-dir "${path.join(dataDir, 'demo')}"`,
          url: `http://127.0.0.1:${port}/health`,
          reuseExistingServer: false,
          // The first start of a fresh data dir builds the demo district.
          timeout: 180_000,
          stdout: 'pipe',
          stderr: 'pipe',
        },
        {
          command: `node dist/harness.cjs --port ${realPort} --data-dir "${realDataDir}" --store real`,
          url: `http://127.0.0.1:${realPort}/health`,
          reuseExistingServer: false,
          timeout: 60_000,
          stdout: 'ignore',
          stderr: 'pipe',
        },
      ],
});
