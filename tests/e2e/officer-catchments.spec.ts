// Catchments and the gap finder (issue 4), on a private demo (the spec writes a
// catchment.set): an invalid code is named in the user's language and cannot be
// saved; one click adds an uncovered address to the school being edited; saving
// shrinks the gap list by that address.
import { test, expect } from './support/fixtures';
import { LOCALES, callApi, chooseLanguage, signIn } from './support/app';
import { startPrivateHarness, type PrivateHarness } from './support/privateHarness';

let harness: PrivateHarness;
test.beforeAll(async () => {
  harness = await startPrivateHarness();
});
test.afterAll(async () => {
  await harness?.close();
});

test('officer: add an uncovered address to a catchment, save, the gap list shrinks', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(harness.url);
  await signIn(page, 'district');
  await chooseLanguage(page, 'ru');
  const ru = LOCALES.ru.catchments as Record<string, string>;
  await page.locator('a[data-nav="catchments"]').click();
  await expect(page.getByTestId('catchments-page')).toBeVisible();

  const gaps = await callApi<{ uncovered: { address: string }[]; uncoveredTotal: number }>(
    page,
    'catchments.gaps',
  );
  expect(gaps.value!.uncoveredTotal, 'the demo has addresses no school covers').toBeGreaterThan(0);
  const address = gaps.value!.uncovered[0]!.address;
  const count = page.getByTestId('uncovered-count');
  await expect(count).toHaveAttribute('data-count', String(gaps.value!.uncoveredTotal));

  // A bad code is named with its row, and the save stays off.
  const list = page.getByTestId('catchment-list');
  const before = await list.locator('li').count();
  await page.getByTestId('catchment-add').click();
  await page.getByTestId(`catchment-entry-${before}`).fill('BISH..OKT');
  await expect(page.getByTestId(`catchment-error-${before}`)).toHaveText(
    ru.rowError.replace('{{row}}', String(before + 1)).replace('{{problem}}', ru.errSegment),
  );
  await expect(page.getByTestId('catchment-save')).toBeDisabled();
  await page.getByTestId(`catchment-remove-${before}`).click();

  // One click from the gap list into the school's micro-district, then save.
  await page.getByTestId(`add-uncovered-${address}`).click();
  await expect(page.getByTestId(`catchment-entry-${before}`)).toHaveValue(address);
  await page.getByTestId('catchment-save').click();
  await expect(page.getByTestId('catchments-notice')).toBeVisible();
  await expect(count).toHaveAttribute('data-count', String(gaps.value!.uncoveredTotal - 1));
  await expect(page.locator(`tr[data-address="${address}"]`)).toHaveCount(0);
  const after = await callApi<{ uncovered: { address: string }[] }>(page, 'catchments.gaps');
  expect(after.value!.uncovered.map((u) => u.address)).not.toContain(address);
  await page.screenshot({ path: '/tmp/kabyl-catchments-ru.png' });
});
