// Issue 4, officer: the applications registry. On a private demo (the spec
// records a withdrawal): filter by status and sort by name, save that filter,
// apply and delete it, search a child by PIN, open it and read its history;
// then record a withdrawal on the parent's written request and see the status
// change in the pane and the table; a second withdrawal is refused.
import { test, expect } from './support/fixtures';
import { LOCALES, callApi, chooseLanguage, signIn } from './support/app';
import { startPrivateHarness, type PrivateHarness } from './support/privateHarness';

type Row = {
  id: string;
  childName: string;
  pin: string | null;
  status: string;
  stage: number | null;
};

// The tests share this private demo and see what the earlier ones wrote: they run
// in order, and a failure skips the rest rather than leave them on a half-changed demo.
test.describe.configure({ mode: 'serial' });

let harness: PrivateHarness;
test.beforeAll(async () => {
  harness = await startPrivateHarness();
});
test.afterAll(async () => {
  await harness?.close();
});

test('officer: filters and sorts the registry, opens a child, records a withdrawal', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto(harness.url);
  await signIn(page, 'district');
  await chooseLanguage(page, 'en');
  const en = LOCALES.en as unknown as Record<string, Record<string, unknown>>;
  const ap = en.applications as Record<string, Record<string, string> & string>;
  const statusText = en.status as Record<string, string>;

  await page.locator('a[data-nav="applications"]').click();
  const table = page.getByTestId('registry-table');
  await expect(table.locator('tbody tr[data-application-id]').first()).toBeVisible();
  const all = await callApi<{ total: number }>(page, 'applications.list', { limit: 1 });
  await expect(page.getByTestId('registry-total')).toHaveAttribute(
    'data-total',
    String(all.value!.total),
  );

  // Filter: refused only. Every row on screen says so, and the total is main's count.
  await page.getByTestId('filter-status').selectOption('refused');
  const refused = await callApi<{ total: number }>(page, 'applications.list', {
    status: ['refused'],
    limit: 1,
  });
  await expect(page.getByTestId('registry-total')).toHaveAttribute(
    'data-total',
    String(refused.value!.total),
  );
  const statuses = await table.locator('tbody tr[data-application-id] .reg-status').allInnerTexts();
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set([statusText.refused]));

  // Sort by name: the first rows are main's first rows in that order.
  await page.locator('button[data-sort="childName"]').click();
  await expect(
    page.locator('th[aria-sort="ascending"] button[data-sort="childName"]'),
  ).toBeVisible();
  const byName = await callApi<{ rows: Row[] }>(page, 'applications.list', {
    status: ['refused'],
    sort: 'childName',
    limit: 5,
  });
  await expect(table.locator('tbody tr[data-application-id]').first()).toHaveAttribute(
    'data-application-id',
    byName.value!.rows[0]!.id,
  );
  await page.locator('button[data-sort="childName"]').click();
  const byNameDesc = await callApi<{ rows: Row[] }>(page, 'applications.list', {
    status: ['refused'],
    sort: 'childName',
    direction: 'desc',
    limit: 5,
  });
  await expect(table.locator('tbody tr[data-application-id]').first()).toHaveAttribute(
    'data-application-id',
    byNameDesc.value!.rows[0]!.id,
  );

  // Save this view, clear it, apply it again from the list, then delete it.
  await page.getByTestId('saved-name').fill('Refused, Z to A');
  await page.getByTestId('saved-save').click();
  await expect(page.getByTestId('saved-filters')).toHaveValue('Refused, Z to A');
  await page.getByTestId('filter-clear').click();
  await expect(page.getByTestId('registry-total')).toHaveAttribute(
    'data-total',
    String(all.value!.total),
  );
  await page.getByTestId('saved-filters').selectOption('');
  await page.getByTestId('saved-filters').selectOption('Refused, Z to A');
  await expect(page.getByTestId('registry-total')).toHaveAttribute(
    'data-total',
    String(refused.value!.total),
  );
  await expect(page.getByTestId('filter-status')).toHaveValue('refused');
  await page.getByTestId('saved-delete').click();
  await expect(page.getByTestId('saved-filters').locator('option')).toHaveCount(1);

  // Scrolling far down fetches that window from main: the rows there are real rows.
  await page.getByTestId('filter-clear').click();
  await expect(page.getByTestId('registry-total')).toHaveAttribute(
    'data-total',
    String(all.value!.total),
  );
  await page
    .getByTestId('registry-scroll')
    .evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
  await expect(table.locator('tbody tr[data-application-id]').first()).not.toHaveAttribute(
    'data-application-id',
    byName.value!.rows[0]!.id,
  );
  await expect(table.locator('tbody tr[data-application-id]')).not.toHaveCount(0);

  // A registered stage-2 child, found by its PIN.
  const registered = await callApi<{ rows: Row[] }>(page, 'applications.list', {
    status: ['registered'],
    stage: 2,
    limit: 1,
  });
  const child = registered.value!.rows[0]!;
  await page.getByTestId('registry-search').fill(child.pin!);
  await expect(table.locator('tbody tr[data-application-id]')).toHaveCount(
    (await callApi<{ total: number }>(page, 'applications.list', { search: child.pin!, limit: 1 }))
      .value!.total,
  );
  await table.locator(`tr[data-application-id="${child.id}"]`).click();

  const pane = page.getByTestId('application-detail');
  await expect(pane.getByTestId('detail-status')).toHaveText(statusText.registered);
  const history = pane.getByTestId('history');
  await expect(history.locator('li[data-type="application.submitted"]').last()).toContainText(
    LOCALES.en.eventType.application!.submitted!,
  );
  await page.screenshot({ path: '/tmp/kabyl-registry-detail.png' });

  // The parent's written request: a withdrawal, with its reference.
  await pane.getByTestId('request-withdraw').click();
  await pane.getByTestId('request-reference').fill('No. 17 of 10.07.2026');
  await pane.getByTestId('request-note').fill('Family moves to Osh');
  await pane.getByTestId('request-submit').click();
  await expect(pane.getByTestId('request-recorded')).toHaveText(ap.request.withdrawn);
  await expect(pane.getByTestId('detail-status')).toHaveText(statusText.withdrawn);
  const last = history.locator('li').last();
  await expect(last).toHaveAttribute('data-type', 'application.withdrawn');
  await expect(last).toContainText('No. 17 of 10.07.2026');
  await expect(last).toContainText('officer');
  await expect(table.locator(`tr[data-application-id="${child.id}"] .reg-status`)).toHaveText(
    statusText.withdrawn,
  );
  await page.screenshot({ path: '/tmp/kabyl-registry-withdrawn.png' });

  // No form for a withdrawn child; main refuses a second withdrawal with the engine's reason.
  await expect(pane.getByTestId('request-withdraw')).toHaveCount(0);
  const again = await callApi(page, 'applications.withdraw', {
    applicationId: child.id,
    reference: 'again',
  });
  expect(again.error?.code).toBe('refused');
});

test('officer: a refused transfer shows the reason in Russian and writes nothing', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(harness.url);
  await signIn(page, 'district');
  await chooseLanguage(page, 'ru');
  const ru = LOCALES.ru as unknown as Record<string, Record<string, string>>;

  const streams = await callApi<{
    streams: { schoolId: string; language: string; free: number }[];
  }>(page, 'applications.streams');
  const full = streams.value!.streams.find((s) => s.free === 0);
  expect(full, 'the demo has a full stream').toBeTruthy();
  const registered = await callApi<{ rows: Row[] & { schoolId: string }[] }>(
    page,
    'applications.list',
    { status: ['registered'], stage: 2, limit: 50 },
  );
  const child = (
    registered.value!.rows as unknown as {
      id: string;
      pin: string;
      schoolId: string;
      language: string;
    }[]
  ).find((r) => r.schoolId !== full!.schoolId)!;
  const before = await callApi<{ total: number }>(page, 'audit.events', { limit: 1 });

  await page.locator('a[data-nav="applications"]').click();
  await page.getByTestId('registry-search').fill(child.pin);
  // A PIN can have more than one application (an earlier refused one, say).
  await page.locator(`tr[data-application-id="${child.id}"]`).click();
  const pane = page.getByTestId('application-detail');
  await pane.getByTestId('request-transfer').click();
  await pane.getByTestId('request-target').selectOption(`${full!.schoolId}/${full!.language}`);
  await pane.getByTestId('request-reference').fill('№ 5');
  await pane.getByTestId('request-submit').click();
  await expect(pane.getByTestId('request-error')).toHaveText(ru.reason.no_free_seats);
  const after = await callApi<{ total: number }>(page, 'audit.events', { limit: 1 });
  expect(after.value!.total).toBe(before.value!.total);
});
