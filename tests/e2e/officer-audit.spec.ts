// Issue 4, officer: the audit. The log is listed with its total and filtered by
// type; "Verify" replays the whole demo log and reports that every stored table
// matches and the hash chain is intact (read-only: the shared demo is enough).
import { test, expect } from './support/fixtures';
import { LOCALES, callApi, chooseLanguage, signIn } from './support/app';

test('officer: the audit lists and filters the log, and verify says all match with an intact chain', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await signIn(page, 'district');
  await chooseLanguage(page, 'en');
  const au = (
    LOCALES.en as unknown as Record<string, Record<string, Record<string, string> & string>>
  ).audit;

  await page.locator('a[data-nav="audit"]').click();
  const table = page.getByTestId('audit-table');
  await expect(table.locator('tbody tr[data-seq]').first()).toHaveAttribute('data-seq', '1');
  const all = await callApi<{ total: number }>(page, 'audit.events', { limit: 1 });
  await expect(page.getByTestId('audit-total')).toContainText(
    new Intl.NumberFormat('en').format(all.value!.total),
  );

  await page.getByTestId('audit-type').selectOption('application.withdrawn');
  const withdrawn = await callApi<{ total: number }>(page, 'audit.events', {
    type: 'application.withdrawn',
    limit: 1,
  });
  await expect(page.getByTestId('audit-total')).toContainText(
    new Intl.NumberFormat('en').format(withdrawn.value!.total),
  );
  const types = await table
    .locator('tbody tr[data-seq]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')));
  expect(types.length).toBeGreaterThan(0);
  expect(new Set(types)).toEqual(new Set(['application.withdrawn']));
  await expect(table.locator('tbody tr[data-seq]').first()).toContainText(
    LOCALES.en.eventType.application!.withdrawn!,
  );

  await page.getByTestId('verify-button').click();
  const projections = page.getByTestId('verify-projections');
  await expect(projections).toBeVisible({ timeout: 120_000 });
  const events = all.value!.total;
  await expect(projections).toHaveText(
    au.projectionsMatch.replace('{{n}}', new Intl.NumberFormat('en').format(events)),
  );
  await expect(page.getByTestId('verify-chain')).toHaveText(
    au.chainIntact.replace('{{n}}', new Intl.NumberFormat('en').format(events)),
  );
  await page.screenshot({ path: '/tmp/kabyl-audit.png' });
});
