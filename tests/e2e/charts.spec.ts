// Issue 5, charts: the charts section of the reports page in each of the three
// languages (every chart drawn as an svg, titles in that language), the two
// compact charts on the officer's dashboard, and a chart saved as a PNG.
import { readFile } from 'node:fs/promises';
import { test, expect } from './support/fixtures';
import { LOCALES, callApi, chooseLanguage, signIn, type Lang } from './support/app';

const CHARTS = ['per-day', 'fill', 'documents', 'privileges', 'overflow'] as const;

for (const lang of ['ky', 'ru', 'en'] as Lang[]) {
  test(`charts render in ${lang}`, async ({ page }) => {
    const c = LOCALES[lang].charts as Record<string, string>;
    await page.goto('./');
    await signIn(page, 'district');
    await chooseLanguage(page, lang);
    await expect(
      page.getByTestId('dashboard-charts').locator('svg.recharts-surface').first(),
    ).toBeVisible();
    await page.locator('a[href="#/reports"]').click();
    await page.getByTestId('reports-tab-charts').click();
    await expect(page.getByTestId('reports-tab-charts')).toHaveText(
      (LOCALES[lang].reports as Record<string, string>).tabCharts,
    );
    for (const id of CHARTS) {
      const card = page.getByTestId(`chart-${id}`);
      await expect(card.locator('svg.recharts-surface').first()).toBeVisible();
    }
    await expect(page.getByTestId('chart-per-day').locator('h2')).toHaveText(c.perDayTitle);
    await expect(page.getByTestId('chart-documents').locator('h2')).toHaveText(c.documentsTitle);
    await expect(page.getByTestId('chart-privileges').locator('h2')).toHaveText(c.privilegesTitle);
    await expect(page.getByTestId('chart-overflow').locator('h2')).toHaveText(c.overflowTitle);
    // the per-day chart draws bars, and its legend names the stages in this language
    await expect(
      page.getByTestId('chart-per-day').locator('.recharts-bar-rectangle').first(),
    ).toBeVisible();
    await expect(
      page.getByTestId('chart-per-day').locator('.recharts-legend-wrapper'),
    ).toContainText(c.stage1);
    await page.screenshot({ path: `test-results/charts-${lang}.png`, fullPage: true });
  });
}

test('a chart is saved as a PNG image', async ({ page }) => {
  await page.goto('./');
  await signIn(page, 'district');
  await page.locator('a[href="#/reports"]').click();
  await page.getByTestId('reports-tab-charts').click();
  await expect(
    page.getByTestId('chart-fill').locator('svg.recharts-surface').first(),
  ).toBeVisible();
  const downloadStarted = page.waitForEvent('download');
  await page.getByTestId('chart-fill-png').click();
  const download = await downloadStarted;
  expect(download.suggestedFilename()).toBe('kabyl-fill.png');
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(2000);
});

test("the dashboard charts are the district officer's only", async ({ page }) => {
  await page.goto('./');
  await signIn(page, 'director');
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await expect(page.getByTestId('dashboard-charts')).toHaveCount(0);
  const r = await callApi(page, 'reports.charts');
  expect(r.ok ? 'ok' : r.error!.code).toBe('forbidden');
});
