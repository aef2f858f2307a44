// One `test` for both ways the app runs. Default: the page is a fresh Chromium context
// on the harness URL (webServer in playwright.config.ts). With KABYL_E2E_ELECTRON=1:
// the page is the first window of the Electron app launched on its own data dir, and
// no browser is started at all (the override below never asks for the base page).
import {
  test as base,
  expect,
  _electron,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const UNDER_ELECTRON = process.env.KABYL_E2E_ELECTRON === '1';
const repoRoot = path.resolve(__dirname, '../../..');

async function launchElectron(dataDir: string): Promise<ElectronApplication> {
  return _electron.launch({
    args: [path.join(repoRoot, 'dist/main/electron.cjs')],
    cwd: repoRoot,
    env: { ...process.env, KABYL_DATA_DIR: dataDir } as Record<string, string>,
    timeout: 180_000,
  });
}

type WorkerFixtures = { electronDataDir: string | null };

/**
 * Every console error fails the test: a CSP violation (an inline script, a remote
 * font, eval), a 404 asset or an uncaught exception shows up there and nowhere else.
 */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

const browserTest = base.extend<{ page: Page }>({
  page: async ({ page }, use) => {
    const problems = watchConsole(page);
    page.context().on('page', (other) => {
      const more = watchConsole(other);
      other.on('close', () => problems.push(...more));
    });
    await page.goto('/');
    await use(page);
    expect(problems, 'console errors on the page').toEqual([]);
  },
});

const electronTest = base.extend<{ page: Page }, WorkerFixtures>({
  electronDataDir: [
    // Playwright reads a fixture's dependencies from its first parameter's pattern, so
    // a fixture that needs none must still destructure an empty object.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      // One data dir per worker: the demo is built on the first launch, reused after.
      const dir = mkdtempSync(path.join(os.tmpdir(), 'kabyl-e2e-electron-'));
      await use(dir);
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  page: async ({ electronDataDir }, use) => {
    const app = await launchElectron(electronDataDir!);
    const window = await app.firstWindow();
    // Each test starts as a first-time user would: no remembered language, signed out.
    await window.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await window.reload();
    const problems = watchConsole(window);
    await use(window);
    await app.close();
    expect(problems, 'console errors in the window').toEqual([]);
  },
});

export const test = UNDER_ELECTRON ? electronTest : browserTest;
export { expect } from '@playwright/test';
