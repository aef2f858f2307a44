// Issue 4, commission: "place a child beyond the quota". On a private demo (the
// spec writes commission events): a commission member opens a case for a child
// without documents, chooses a full stream (no free seat), is told a justification
// is required, writes one and places the child; the case shows placed, the stream
// goes into overflow, and the printable decision sheet holds the child's name in
// Kyrgyz and in Russian. The member's navigation is Dashboard + Commission only.
import { test, expect } from './support/fixtures';
import { LOCALES, NAVIGATION, callApi, chooseLanguage, signIn } from './support/app';
import { startPrivateHarness, type PrivateHarness } from './support/privateHarness';

type Schools = {
  schools: {
    schoolId: string;
    name: string;
    streams: {
      language: string;
      quota: number;
      occupied: number;
      free: number;
      overflow: number;
    }[];
  }[];
};
const str = (lang: 'ky' | 'ru' | 'en', path: string) => {
  let node: unknown = LOCALES[lang];
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  return String(node);
};

let harness: PrivateHarness;
test.beforeAll(async () => {
  harness = await startPrivateHarness();
});
test.afterAll(async () => {
  await harness?.close();
});

test('commission: place a child beyond the quota', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(harness.url);
  await signIn(page, 'commission');
  await chooseLanguage(page, 'en');
  await expect(page.locator('nav a[data-nav]')).toHaveCount(NAVIGATION.commission.length);
  expect((await callApi(page, 'privileges.queue')).error?.code).toBe('forbidden');
  await page.locator('a[data-nav="commission"]').click();
  await expect(page.getByTestId('commission')).toBeVisible();

  const name = 'Temirov Aibek Nurlanovich';
  await page.getByTestId('case-new').click();
  await page.getByTestId('case-fullname').fill(name);
  await page.getByTestId('case-reason-kind').selectOption('no_documents');
  await page
    .getByTestId('case-reason-text')
    .fill('The family arrived from abroad without the birth certificate');
  await page.getByTestId('case-notes').fill('Mother will bring a consular letter');
  await page.getByTestId('case-open').click();
  const detail = page.getByTestId('case-detail');
  await expect(detail).toContainText(name);
  await expect(detail.getByTestId('case-detail-status')).toHaveText(str('en', 'caseStatus.open'));

  // A full stream: no free seat.
  const schools = (await callApi<Schools>(page, 'schools.list')).value!.schools;
  const full = schools
    .flatMap((s) => s.streams.map((st) => ({ ...st, schoolId: s.schoolId })))
    .find((s) => s.free === 0 && s.quota > 0);
  expect(full, 'a stream with no free seat in the demo').toBeTruthy();
  await detail.getByTestId('decide-stream').selectOption(`${full!.schoolId}/${full!.language}`);
  await expect(detail.getByTestId('beyond-quota-warning')).toHaveText(
    str('en', 'commission.fullWarning'),
  );
  await detail.getByTestId('decide-submit').click();
  await expect(detail.getByTestId('decide-error')).toHaveText(
    str('en', 'commission.justificationRequired'),
  );
  await detail
    .getByTestId('decide-justification')
    .fill('The only school the child can reach; the family has no transport');
  await page.screenshot({ path: 'test-results/commission/decide.png', fullPage: true });
  await detail.getByTestId('decide-submit').click();

  await expect(detail.getByTestId('case-detail-status')).toHaveText(str('en', 'caseStatus.placed'));
  await expect(detail.getByTestId('case-decision')).toContainText(
    str('en', 'commission.beyondQuota'),
  );
  const after = (await callApi<Schools>(page, 'schools.list'))
    .value!.schools.find((s) => s.schoolId === full!.schoolId)!
    .streams.find((s) => s.language === full!.language)!;
  expect(after.occupied).toBe(full!.occupied + 1);
  expect(after.overflow).toBe(full!.overflow + 1);
  expect(after.overflow).toBeGreaterThan(0);
  await page.getByTestId('case-filter-placed').click();
  await expect(
    page.locator('[data-testid="case-row"]', { hasText: name }).getByTestId('case-status'),
  ).toHaveText(str('en', 'caseStatus.placed'));
  await page.screenshot({ path: 'test-results/commission/placed.png', fullPage: true });

  // The decision sheet, in Kyrgyz then Russian.
  await detail.getByTestId('case-print').click();
  const sheet = page.getByTestId('print-sheet');
  await page.getByTestId('sheet-language').selectOption('ky');
  await expect(sheet.getByTestId('sheet-child')).toHaveText(name);
  await expect(sheet).toContainText(str('ky', 'commission.sheet.title'));
  await page.screenshot({ path: 'test-results/commission/sheet-ky.png', fullPage: true });
  await page.getByTestId('sheet-language').selectOption('ru');
  await expect(sheet).toContainText(str('ru', 'commission.sheet.title'));
  await expect(sheet.getByTestId('sheet-child')).toHaveText(name);
  await expect(sheet).toContainText('The only school the child can reach');
  await page.screenshot({ path: 'test-results/commission/sheet-ru.png', fullPage: true });
  await page.getByTestId('print-close').click();
  await expect(page.getByTestId('print-page')).toHaveCount(0);
});
