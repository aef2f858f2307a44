// Issue 13, item 5: the registry read at 1366x768 (the config's viewport) in Russian and
// Kyrgyz. Status, school and basis are shown whole in the first rows (their columns fit
// the content), different schools never share one shown name (the short name: number
// and kind, carried by the registry rows), the full value is there on hover, and a
// column a person resized keeps its width when the screen is opened again.
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { chooseLanguage, signIn, type Lang } from './support/app';

const ROWS = 'tbody tr[data-application-id]';

async function openRegistry(page: Page): Promise<void> {
  await page.locator('nav [data-nav="applications"]').click();
  await expect(page.getByTestId('registry-table').locator(ROWS).first()).toBeVisible();
}

/** Cells of a column in the rows on screen whose text the ellipsis cuts. */
async function cutCells(page: Page, column: string): Promise<string[]> {
  return page
    .getByTestId('registry-table')
    .locator(`${ROWS} td[data-column="${column}"] .reg-cell`)
    .evaluateAll((cells) =>
      cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent ?? ''),
    );
}

for (const lang of ['ru', 'ky'] as Lang[]) {
  test(`registry in ${lang} at 1366x768: status, school and basis readable, schools told apart`, async ({
    page,
  }) => {
    await signIn(page, 'district');
    await chooseLanguage(page, lang);
    await openRegistry(page);
    // The header counts rows; a developer's query timing is not for the officer.
    await expect(page.getByTestId('registry-total')).not.toContainText(/\d\s*(ms|мс)\b/);
    for (const column of ['status', 'schoolId', 'basis', 'childName']) {
      expect(await cutCells(page, column), `${lang} ${column}`).toEqual([]);
    }
    // Every school cell: the full name on hover, one shown name per school.
    const schools = await page
      .getByTestId('registry-table')
      .locator(`${ROWS} td[data-column="schoolId"] .reg-cell`)
      .evaluateAll((cells) =>
        cells.map((c) => [c.getAttribute('title') ?? '', c.textContent ?? ''] as const),
      );
    expect(schools.length).toBeGreaterThan(5);
    const shownFor = new Map<string, string>();
    const fullFor = new Map<string, string>();
    for (const [full, shown] of schools) {
      expect(full, 'the full name is the tooltip').not.toBe('');
      expect(shownFor.get(full) ?? shown).toBe(shown);
      expect(fullFor.get(shown) ?? full, `"${shown}" stands for one school`).toBe(full);
      shownFor.set(full, shown);
      fullFor.set(shown, full);
    }
    // A numbered school shows its number.
    const numbered = schools.find(([full]) => /№\s*\d+/.test(full));
    if (numbered) expect(numbered[1]).toMatch(/№\u00a0\d+/);
  });
}

test('a resized registry column keeps its width', async ({ page }) => {
  await signIn(page, 'district');
  await chooseLanguage(page, 'ru');
  await openRegistry(page);
  const header = page.locator('th[data-column="childName"]');
  const before = (await header.boundingBox())!.width;
  const handle = (await page.getByTestId('resize-childName').boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2 + 80, handle.y + handle.height / 2, {
    steps: 5,
  });
  await page.mouse.up();
  const after = (await header.boundingBox())!.width;
  expect(after).toBeGreaterThan(before + 60);
  // Away and back: the screen is built again, the width is remembered.
  await page.locator('nav [data-nav="dashboard"]').click();
  await openRegistry(page);
  expect(Math.abs((await header.boundingBox())!.width - after)).toBeLessThan(2);
  // A double click on the handle gives the fitted width back.
  await page.getByTestId('resize-childName').dblclick();
  expect(Math.abs((await header.boundingBox())!.width - before)).toBeLessThan(2);
});
