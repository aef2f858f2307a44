// R16 in the registry: on a demo district with waitlists (a private harness),
// the officer filters to children waiting in line and sees each one's place,
// in Kyrgyz, Russian and English; then narrows to the first in every line.
import { test, expect } from './support/fixtures';
import { LOCALES, type Lang, callApi, chooseLanguage, signIn } from './support/app';
import { startPrivateHarness, type PrivateHarness } from './support/privateHarness';

type Row = { id: string; status: string; waitlist: { stream: string; position: number } | null };

let harness: PrivateHarness;
test.beforeAll(async () => {
  harness = await startPrivateHarness({ KABYL_DEMO_WAITLIST: '1' });
});
test.afterAll(async () => {
  await harness?.close();
});

const place = (lang: Lang, position: number) =>
  (
    LOCALES[lang] as unknown as { applications: { queuePlace: string } }
  ).applications.queuePlace.replace('{{position}}', String(position));

test('officer: waiting children show their place in line; the registry filters by status and by place', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto(harness.url);
  await signIn(page, 'district');
  await page.locator('a[data-nav="applications"]').click();
  const table = page.getByTestId('registry-table');
  await expect(table.locator('tbody tr[data-application-id]').first()).toBeVisible();

  const waiting = await callApi<{ total: number }>(page, 'applications.list', {
    status: ['waitlisted'],
    limit: 1,
  });
  expect(waiting.value!.total).toBeGreaterThan(0);
  await page.getByTestId('filter-status').selectOption('waitlisted');
  await expect(page.getByTestId('registry-total')).toHaveAttribute(
    'data-total',
    String(waiting.value!.total),
  );

  for (const lang of ['ky', 'ru', 'en'] as const) {
    await chooseLanguage(page, lang);
    const statusText = (LOCALES[lang] as unknown as { status: Record<string, string> }).status
      .waitlisted;
    const visible = table.locator('tbody tr[data-application-id]').first();
    const id = await visible.getAttribute('data-application-id');
    const expected = (
      await callApi<{ application: Row }>(page, 'applications.get', { applicationId: id })
    ).value!.application;
    await expect(visible.locator('.reg-status')).toHaveText(statusText);
    await expect(visible.getByTestId('queue-place')).toHaveText(
      place(lang, expected.waitlist!.position),
    );
  }

  // The first in every line: waiting children and standing transfers at place 1.
  await page.getByTestId('filter-status').selectOption('');
  await page.getByTestId('filter-queue').fill('1');
  const firsts = await callApi<{ total: number; rows: Row[] }>(page, 'applications.list', {
    waitlistPosition: 1,
    limit: 500,
  });
  expect(firsts.value!.total).toBeGreaterThan(0);
  for (const r of firsts.value!.rows) expect(r.waitlist!.position).toBe(1);
  await expect(page.getByTestId('registry-total')).toHaveAttribute(
    'data-total',
    String(firsts.value!.total),
  );
  const places = await table
    .locator('tbody tr[data-application-id] [data-testid="queue-place"]')
    .allInnerTexts();
  expect(places.length).toBeGreaterThan(0);
  for (const text of places) expect(text).toContain(place('en', 1));
});
