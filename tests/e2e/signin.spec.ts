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
