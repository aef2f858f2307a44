// Issue 13, items 3 and 4, on the shared demo (nothing here writes): every printout made
// from the demo carries DEMO, on screen and in the print layout; the report's preview and
// its print take the export's "as of" and agree on the rows; an "as of" before the
// campaign opened is said so, instead of silently giving no rows. And the README's demo
// director is at the school the app shows them at.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { LOCALES, chooseLanguage, signIn } from './support/app';

const en = LOCALES.en as unknown as { reports: { asOfWarning: Record<string, string> } };

/** The row total a text like "First 25 of 5 975 rows" / "All rows: 5 975" names last. */
const totalIn = (text: string) =>
  Number((text.match(/(\d[\d\s\u00a0\u202f,]*)\D*$/)?.[1] ?? '').replace(/\D/g, ''));

async function openReports(page: Page): Promise<void> {
  await page.locator('nav [data-nav="reports"]').click();
  await expect(page.getByTestId('reports-page')).toBeVisible();
}

async function expectDemoSheet(page: Page): Promise<void> {
  const sheet = page.getByTestId('print-sheet').first();
  // up to 2,000 rows laid out as A4 pages: slow on a loaded machine
  await expect(sheet).toBeVisible({ timeout: 60_000 });
  await expect(sheet.getByTestId('print-demo')).toBeVisible();
  await expect(sheet.getByTestId('print-demo')).toContainText('DEMO');
  // the print layout keeps it (the stamp is no screen-only decoration)
  await page.emulateMedia({ media: 'print' });
  try {
    await expect(sheet.getByTestId('print-demo')).toBeVisible();
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
}

test('demo printouts carry DEMO: a report and a chart', async ({ page }) => {
  await signIn(page, 'district');
  await chooseLanguage(page, 'en');
  await openReports(page);
  await page.getByTestId('report-name').selectOption('daily');
  await page.getByTestId('report-print').click();
  await expectDemoSheet(page);
  await page.getByTestId('print-close').click();
  await page.getByTestId('reports-tab-charts').click();
  await page.getByTestId('chart-privileges-print').click();
  await expectDemoSheet(page);
  await page.getByTestId('print-close').click();
});

test('the preview and the print take the "as of"; one before the campaign is warned about', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, 'district');
  await chooseLanguage(page, 'en');
  await openReports(page);
  await page.getByTestId('report-name').selectOption('applications');
  const sampleTitle = page.locator('.reports-sample-title');
  await expect(sampleTitle).toBeVisible();
  const nowTotal = totalIn(await sampleTitle.innerText());
  expect(nowTotal).toBeGreaterThan(0);
  await expect(page.getByTestId('report-as-of-warning')).toHaveCount(0);

  // Before the campaign opened: a warning, and no rows in the preview or the print.
  await page.getByTestId('report-as-of').fill('2025-01-01T09:00');
  await expect(page.getByTestId('report-as-of-warning')).toHaveText(
    en.reports.asOfWarning.before_campaign!,
  );
  await expect.poll(async () => totalIn(await sampleTitle.innerText())).toBe(0);
  await page.getByTestId('report-print').click();
  await expect(page.getByTestId('print-sheet').first()).toBeVisible();
  await expect(page.getByTestId('report-print-table').locator('tbody tr')).toHaveCount(0);
  await page.getByTestId('print-close').click();

  // Partway through stage 1: fewer rows than now, the same number in the preview and the print.
  await page.getByTestId('report-as-of').fill('2026-05-01T12:00');
  await expect(page.getByTestId('report-as-of-warning')).toHaveCount(0);
  await expect.poll(async () => totalIn(await sampleTitle.innerText())).not.toBe(nowTotal);
  const earlier = totalIn(await sampleTitle.innerText());
  expect(earlier).toBeLessThan(nowTotal);
  await page.getByTestId('report-print').click();
  const subtitle = page.getByTestId('print-sheet').first().locator('.print-subtitle');
  await expect(subtitle).toBeVisible({ timeout: 60_000 });
  expect(totalIn(await subtitle.innerText())).toBe(earlier);
  await page.getByTestId('print-close').click();
});

test("the README names the demo director's school as the app shows it", async ({ page }) => {
  const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const school = readme.match(/^\| director \(school [^"]*"([^"]+)"\) \|/m)?.[1];
  expect(school, "the README names the director's school").toBeDefined();
  await signIn(page, 'director');
  await expect(page.locator('body')).toContainText(school!);
});

test('chart notes write dates as the UI language does, never as ISO', async ({ page }) => {
  await signIn(page, 'district');
  for (const lang of ['ky', 'ru'] as const) {
    await chooseLanguage(page, lang);
    await openReports(page);
    await page.getByTestId('reports-tab-charts').click();
    const notes = page.getByTestId('charts').locator('.chart-note');
    await expect(notes.first()).toBeVisible({ timeout: 30_000 });
    for (const note of await notes.allInnerTexts())
      expect(note, lang).not.toMatch(/\d{4}-\d\d-\d\d/);
  }
});
