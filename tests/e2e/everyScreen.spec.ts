// Every screen of every role, in every language: no raw translation key on screen
// (i18next shows the key itself when a string is missing), the DEMO marker present,
// and the language's own words in the navigation.
import { test, expect } from './support/fixtures';
import {
  LOCALES,
  NAVIGATION,
  chooseLanguage,
  signIn,
  type DemoRole,
  type Lang,
} from './support/app';

// A missing string shows as its key, "section.name": any such pattern over the
// locale's sections is a raw key, whether or not the key exists anywhere.
const RAW_KEY = new RegExp(`\\b(?:${Object.keys(LOCALES.en).join('|')})\\.[A-Za-z_]+`, 'g');

for (const role of ['district', 'commission', 'director'] as DemoRole[]) {
  test(`${role}: every screen in ky, ru and en shows no raw key`, async ({ page }) => {
    // Eleven screens in three languages: more than the default minute on a loaded machine.
    test.setTimeout(180_000);
    await signIn(page, role);
    for (const lang of ['ky', 'ru', 'en'] as Lang[]) {
      await chooseLanguage(page, lang);
      for (const id of NAVIGATION[role]) {
        await page.locator(`nav [data-nav="${id}"]`).click();
        await expect(page.getByTestId(`screen-${id}`)).toBeVisible();
        await expect(page.locator(`nav [data-nav="${id}"]`)).toHaveText(
          LOCALES[lang].nav[id as keyof typeof LOCALES.en.nav],
        );
        if (id === 'dashboard') await expect(page.getByTestId('dashboard')).toBeVisible();
        const text = await page.locator('body').innerText();
        const raw = text.match(RAW_KEY) ?? [];
        expect(raw, `${lang} ${id}`).toEqual([]);
        await expect(page.getByTestId('demo-badge')).toHaveText(LOCALES[lang].demo.badge);
      }
    }
  });
}
