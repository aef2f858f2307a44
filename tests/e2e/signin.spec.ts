// Sign-in failures read as sentences in the chosen language, never as codes.
import { test, expect } from './support/fixtures';
import { LOCALES, chooseLanguage, reachSignIn } from './support/app';

test('a wrong password shows a translated error, in each language', async ({ page }) => {
  await reachSignIn(page);
  await page.locator('#username').fill('officer');
  await page.locator('#password').fill('not-the-password');
  await page.locator('form.signin-card button[type=submit]').click();

  const error = page.getByTestId('signin-error');
  await expect(error).toHaveText(LOCALES.ky.auth.invalidCredentials);
  await expect(page.locator('#password')).toHaveValue('');
  await expect(page.getByTestId('dashboard')).toHaveCount(0);

  // The shown error follows a language switch.
  await chooseLanguage(page, 'ru');
  await expect(error).toHaveText(LOCALES.ru.auth.invalidCredentials);
  await chooseLanguage(page, 'en');
  await expect(error).toHaveText(LOCALES.en.auth.invalidCredentials);
});

test('an unknown user gets the same answer as a wrong password', async ({ page }) => {
  await reachSignIn(page);
  await chooseLanguage(page, 'ru');
  await page.locator('#username').fill('nobody-here');
  await page.locator('#password').fill('whatever-1');
  await page.locator('form.signin-card button[type=submit]').click();
  await expect(page.getByTestId('signin-error')).toHaveText(LOCALES.ru.auth.invalidCredentials);
});

test('empty fields are named before anything is sent', async ({ page }) => {
  await reachSignIn(page);
  await page.locator('form.signin-card button[type=submit]').click();
  await expect(page.getByTestId('signin-error')).toHaveText(LOCALES.ky.auth.required);
});

test('repeated failures are held back with a translated "try again in N s"', async ({ page }) => {
  await reachSignIn(page);
  // A made-up account: the demo users must stay free for the other specs.
  const username = `probe-${Date.now().toString(36)}`;
  const error = page.getByTestId('signin-error');
  // One try, answered: the page clears the password field when the answer arrives.
  const attempt = async (password: string) => {
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(password);
    await page.locator('form.signin-card button[type=submit]').click();
    await expect(page.locator('#password')).toHaveValue('');
  };
  // Three free failures, and the fourth is checked too; it starts the wait.
  for (let i = 0; i < 4; i++) {
    await attempt(`guess-${i}`);
    await expect(error).toHaveText(LOCALES.ky.auth.invalidCredentials);
  }
  // The waits double (1 s, 2 s, 4 s...): on a slow machine a try may land after a
  // short wait is over, so keep trying until one lands inside a wait.
  const template = LOCALES.ky.auth.tooManyAttempts;
  const [before, after] = template.split('{{seconds}}');
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const refusal = new RegExp(`^${escape(before)}(\\d+)${escape(after)}$`);
  let shown = '';
  for (let i = 4; i < 12 && !refusal.test(shown); i++) {
    await attempt(`guess-${i}`);
    shown = (await error.textContent()) ?? '';
  }
  expect(shown).toMatch(refusal);
  expect(Number(refusal.exec(shown)![1])).toBeGreaterThanOrEqual(1);
});
