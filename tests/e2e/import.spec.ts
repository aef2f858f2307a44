// The district officer imports a .jsonl log from the UI: a malformed line is named
// in the user's language and nothing is stored; a good file goes in with counts;
// the same file again is skipped as already known. On a private demo: the spec
// writes events, and the shared demo is read-only (support/sharedDemo.ts).
import { test, expect } from './support/fixtures';
import { LOCALES, callApi, cardNumber, chooseLanguage, signIn } from './support/app';
import { startPrivateHarness, type PrivateHarness } from './support/privateHarness';

let harness: PrivateHarness;
test.beforeAll(async () => {
  test.setTimeout(240_000);
  harness = await startPrivateHarness();
});
test.afterAll(async () => {
  await harness?.close();
});

type Dashboard = { asOf: string; totals: { schools: number } };
type Schools = { schools: { districtId: string }[] };

async function logLines(page: import('@playwright/test').Page) {
  const dashboard = await callApi<Dashboard>(page, 'dashboard.get');
  const schools = await callApi<Schools>(page, 'schools.list');
  // At the store's own "now": an event may not be earlier than the last one, and a
  // later one would move the demo's clock for this spec's other tests.
  const at = dashboard.value!.asOf;
  const runId = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const school = {
    id: `e2e-import-${runId}`,
    type: 'school.registered',
    at,
    actor: { role: 'district', id: 'officer' },
    data: {
      schoolId: `E2E-${runId}`,
      name: 'E2E import school',
      kind: 'state',
      districtId: schools.value!.schools[0]!.districtId,
    },
  };
  return {
    good: `${JSON.stringify(school)}\n`,
    runId,
    at,
    schools: dashboard.value!.totals.schools,
  };
}

test('import: a malformed line is named, a good file goes in once', async ({ page }) => {
  await page.goto(harness.url);
  await signIn(page, 'district');
  const { good, runId, schools } = await logLines(page);
  await page.locator('nav [data-nav="import"]').click();
  await expect(page.getByTestId('import-page')).toBeVisible();
  await expect(page.getByTestId('import-start')).toBeDisabled();

  // Line 2 is not JSON: the whole file is refused, line 2 named, in Russian.
  await chooseLanguage(page, 'ru');
  const bad = good.replace('e2e-import-', 'e2e-bad-') + '{"id": "broken", "type":\n';
  await page.getByTestId('import-file').setInputFiles({
    name: `bad-${runId}.jsonl`,
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(bad),
  });
  await expect(page.getByTestId('import-file-name')).toContainText(`bad-${runId}.jsonl`);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-error-text')).toHaveText(
    LOCALES.ru.import.failedLine.replace('{{line}}', '2'),
  );

  // Nothing of it was stored.
  const afterBad = await callApi<Dashboard>(page, 'dashboard.get');
  expect(afterBad.value!.totals.schools).toBe(schools);

  // The good file: imported 1, skipped 0, the progress bar full; in English now.
  await chooseLanguage(page, 'en');
  await page.getByTestId('import-file').setInputFiles({
    name: `good-${runId}.jsonl`,
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(good),
  });
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-done')).toContainText(LOCALES.en.import.done);
  await expect(page.getByTestId('import-added')).toHaveText('1');
  await expect(page.getByTestId('import-skipped')).toHaveText('0');
  await expect(page.getByTestId('import-progress')).toHaveAttribute('aria-valuenow', '100');

  // Again: already known, skipped.
  await page.getByTestId('import-file').setInputFiles({
    name: `good-${runId}.jsonl`,
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(good),
  });
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-added')).toHaveText('0');
  await expect(page.getByTestId('import-skipped')).toHaveText('1');

  // The dashboard counts the new school.
  await page.locator('nav [data-nav="dashboard"]').click();
  await expect(page.getByTestId('dashboard')).toBeVisible();
  expect(await cardNumber(page, 'total-schools')).toBe(schools + 1);
});

test('a file that is not .jsonl is refused before upload', async ({ page }) => {
  await page.goto(harness.url);
  await signIn(page, 'district');
  await page.locator('nav [data-nav="import"]').click();
  await page.getByTestId('import-file').setInputFiles({
    name: 'schools.xlsx',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('PK'),
  });
  await expect(page.getByText(LOCALES.ky.import.wrongType)).toBeVisible();
  await expect(page.getByTestId('import-start')).toBeDisabled();
});

test('an empty .jsonl is said to hold nothing, not shown as a success', async ({ page }) => {
  await page.goto(harness.url);
  await signIn(page, 'district');
  await chooseLanguage(page, 'en');
  await page.locator('nav [data-nav="import"]').click();
  await page.getByTestId('import-file').setInputFiles({
    name: 'empty.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(''),
  });
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-empty')).toContainText(LOCALES.en.import.empty);
  await expect(page.getByTestId('import-done')).toHaveCount(0);
});

test('choosing another Excel file clears what was said about the last one', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(harness.url);
  await signIn(page, 'district');
  await chooseLanguage(page, 'en');
  await page.locator('nav [data-nav="reports"]').click();
  await page.getByTestId('reports-tab-excel').click();
  // Not a workbook at all: an error about this file.
  await page.getByTestId('excel-file').setInputFiles({
    name: 'broken.xlsx',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('not a zip'),
  });
  await expect(page.getByTestId('excel-errors')).toContainText('broken.xlsx', { timeout: 30_000 });
  // Another file (of the wrong type): the earlier errors go, only this file's word stays.
  await page
    .getByTestId('excel-file')
    .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
  await expect(page.getByTestId('excel-errors')).toHaveCount(0);
  await expect(page.getByTestId('excel-error')).toHaveCount(0);
});

test('a large file shows its progress while it is sent and imported', async ({ page }) => {
  await page.goto(harness.url);
  await signIn(page, 'district');
  const dashboard = await callApi<Dashboard>(page, 'dashboard.get');
  const schools = await callApi<{
    schools: { schoolId: string; streams: { language: string; quota: number }[] }[];
  }>(page, 'schools.list');
  const school = schools.value!.schools.find((s) => s.streams.length > 0)!;
  const stream = school.streams[0]!;
  // Many events that change nothing: the stream's quota set again to what it is.
  const runId = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const line = (i: number) =>
    JSON.stringify({
      id: `e2e-progress-${runId}-${i}`,
      type: 'quota.set',
      at: dashboard.value!.asOf,
      actor: { role: 'district', id: 'officer' },
      data: {
        schoolId: school.schoolId,
        language: stream.language,
        seats: stream.quota,
        note: 'x'.repeat(200),
      },
    });
  const count = 20_000;
  const text = Array.from({ length: count }, (_, i) => line(i)).join('\n') + '\n';
  expect(text.length).toBeGreaterThan(4 * 1024 * 1024);

  await page.locator('nav [data-nav="import"]').click();
  await page.getByTestId('import-file').setInputFiles({
    name: `large-${runId}.jsonl`,
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(text),
  });
  // Record every value the bar takes, as the user would have seen it.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="import-progress"]');
      const label =
        document.querySelector('[data-testid="import-progress-text"]')?.textContent ?? '';
      if (bar) seen.push(`${bar.getAttribute('aria-valuenow')}|${label}`);
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-added')).toHaveText(
    new Intl.NumberFormat('ru-RU').format(count).replace(/\s/g, '\u00a0'),
    { timeout: 120_000 },
  );

  const seen = await page.evaluate(
    () => (window as unknown as { progressSeen: string[] }).progressSeen,
  );
  const values = seen.map((s) => Number(s.split('|')[0]));
  expect(
    values.some((v) => v > 0 && v < 100),
    `intermediate values: ${[...new Set(values)].join(', ')}`,
  ).toBe(true);
  const uploading = LOCALES.ky.import.uploading.split('{{')[0]!;
  expect(seen.some((s) => s.includes(uploading))).toBe(true);
});
