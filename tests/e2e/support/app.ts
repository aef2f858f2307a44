// What the specs do again and again: reach the sign-in page, sign in as a demo user,
// read the translations the UI must show. Expected texts come from the locale files,
// so a spec checks that the right sentence is on screen in the right language.
import { expect, type Page } from '@playwright/test';
import { catalog } from '../../../renderer/src/i18n/catalog';

export const LOCALES = catalog;
export type Lang = keyof typeof LOCALES;
export const ENDONYM: Record<Lang, string> = { ky: 'Кыргызча', ru: 'Русский', en: 'English' };

/** The demo users (README), one per role. */
export const DEMO_USERS = {
  district: { username: 'officer', password: 'kabyl-officer' },
  commission: { username: 'commission', password: 'kabyl-commission' },
  director: { username: 'director', password: 'kabyl-director' },
} as const;
export type DemoRole = keyof typeof DEMO_USERS;

/** The navigation each role must get (issue 3), in screen order. */
export const NAVIGATION: Record<DemoRole, string[]> = {
  district: [
    'dashboard',
    'applications',
    'waitlists',
    'quotas',
    'catchments',
    'privileges',
    'commission',
    'orders',
    'reports',
    'audit',
    'import',
  ],
  commission: ['dashboard', 'commission'],
  director: ['dashboard', 'mySchool', 'waitlists', 'privileges', 'documents'],
};

/** The sign-in form, after the first-start choice if the store asks for one (fresh Electron data dir). */
export async function reachSignIn(page: Page): Promise<void> {
  const signIn = page.locator('form.signin-card');
  const setup = page.getByTestId('setup-page');
  await expect(signIn.or(setup)).toBeVisible({ timeout: 120_000 });
  if (await setup.isVisible()) {
    await setup.locator('button.btn-primary').click();
    await expect(signIn).toBeVisible();
  }
}

export async function signIn(page: Page, role: DemoRole): Promise<void> {
  await reachSignIn(page);
  await page.locator('#username').fill(DEMO_USERS[role].username);
  await page.locator('#password').fill(DEMO_USERS[role].password);
  await page.locator('form.signin-card button[type=submit]').click();
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 30_000 });
}

export async function chooseLanguage(page: Page, language: Lang): Promise<void> {
  await page
    .getByTestId('language-switcher')
    .locator(`button[data-language="${language}"]`)
    .click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

export async function expectDemoMarked(page: Page): Promise<void> {
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await expect(page.getByTestId('demo-banner')).toBeVisible();
}

/** A card's number, read as the UI shows it (grouping spaces and separators dropped). */
export async function cardNumber(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).locator('.card-value').innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

/**
 * Calls main through the same door the renderer uses (window.api under Electron,
 * the bridge with this page's secret and client id otherwise): for reading what a
 * spec needs to set up, never to do what the spec is checking.
 */
export async function callApi<T>(
  page: Page,
  channel: string,
  request: object = {},
): Promise<{ ok: boolean; value?: T; error?: { code: string } }> {
  return page.evaluate(
    async ([ch, req]) => {
      const w = window as unknown as { api?: Record<string, (r: unknown) => Promise<unknown>> };
      if (w.api) return w.api[ch as string]!(req) as Promise<never>;
      const secret = document.querySelector<HTMLMetaElement>('meta[name="kabyl-bridge"]')!.content;
      const response = await fetch(`./ipc/${ch}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Kabyl-Secret': secret,
          'X-Kabyl-Client': sessionStorage.getItem('kabyl.clientId') ?? '',
        },
        body: JSON.stringify(req),
      });
      return response.json();
    },
    [channel, request] as const,
  );
}
