// Issue 4, officer: "raise a quota, then a stage-2 application that was refused fits".
// On a private demo (the spec writes quota.set events): find a full stream and a
// stage-2 application refused no_free_seats whose child could apply again; the
// refused list says no_free_seats; in what-if the raised quota lists that child as
// newly placed and writes nothing; then the quota is raised for real from the
// keyboard (Ctrl+S), the stream's free seats go up, and the same dry run says
// "would fit now".
import { test, expect } from './support/fixtures';
import { LOCALES, callApi, chooseLanguage, signIn } from './support/app';
import { startPrivateHarness, type PrivateHarness } from './support/privateHarness';

type Stream = { schoolId: string; language: string; quota: number; occupied: number; free: number };
type Refused = { applicationId: string; childName: string; stage: number | null };

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

test('officer: raise a quota, then a stage-2 application that was refused fits', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto(harness.url);
  await signIn(page, 'district');
  await chooseLanguage(page, 'en');
  const en = LOCALES.en.quotas as Record<string, string>;

  // A full stream with a stage-2 refusal for want of a seat, whose child holds no other place.
  const list = await callApi<{ streams: Stream[] }>(page, 'quotas.list');
  expect(list.ok).toBe(true);
  let target: { stream: Stream; refused: Refused[]; app: Refused } | null = null;
  for (const stream of list.value!.streams.filter((s) => s.free === 0)) {
    const r = await callApi<{ applications: Refused[] }>(page, 'quotas.refused', {
      schoolId: stream.schoolId,
      language: stream.language,
    });
    for (const app of r.value!.applications.filter((a) => a.stage === 2)) {
      const fit = await callApi<{ fits: boolean; reason: string | null }>(page, 'quotas.checkFit', {
        applicationId: app.applicationId,
      });
      if (fit.value?.reason === 'no_free_seats') {
        target = { stream, refused: r.value!.applications, app };
        break;
      }
    }
    if (target) break;
  }
  expect(target, 'the demo has a full stream with a refused stage-2 application').not.toBeNull();
  const { stream, refused, app } = target!;
  const key = `${stream.schoolId}/${stream.language}`;
  // Above the children it already holds (a stream can be in overflow), with room for
  // every child it refused for want of a seat and a margin for refused transfers.
  const raised = Math.max(stream.quota, stream.occupied) + refused.length + 10;

  await page.locator('a[data-nav="quotas"]').click();
  const table = page.getByTestId('quotas-table');
  await expect(table).toBeVisible();
  await expect(page.getByTestId(`free-${key}`)).toHaveText('0');

  // Before: the refused list shows the engine's reason for this child.
  await page.getByTestId(`refused-${key}`).click();
  const fitCell = page.getByTestId(`fit-${app.applicationId}`);
  await expect(fitCell.locator('[data-fits="no"]')).toHaveAttribute('data-reason', 'no_free_seats');
  await expect(fitCell).toHaveText(LOCALES.en.reason.no_free_seats);
  await page.getByTestId(`refused-${key}`).click();

  // What-if: edit from the keyboard, replay, see the child newly placed; nothing written.
  const eventsBefore = (await callApi<{ totals: { events: number } }>(page, 'dashboard.get')).value!
    .totals.events;
  await page.getByTestId('what-if-toggle').check();
  const seats = page.getByTestId(`seats-${key}`);
  await seats.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(String(raised));
  await page.keyboard.press('Enter');
  await expect(seats.locator('xpath=..')).toHaveClass(/edited/);
  // Ctrl+S in the sandbox writes nothing.
  await page.keyboard.press('Control+s');
  await page.getByTestId('what-if-replay').click();
  const result = page.getByTestId('what-if-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  const row = result.locator(`tr[data-application="${app.applicationId}"]`);
  await expect(row).toBeVisible();
  await expect(row).toHaveClass(/gained/);
  await expect(row).toContainText(app.childName);
  await expect(row).toContainText(LOCALES.en.status.registered);
  expect(
    (await callApi<{ totals: { events: number } }>(page, 'dashboard.get')).value!.totals.events,
  ).toBe(eventsBefore);
  await expect(page.getByTestId(`free-${key}`)).toHaveText('0');

  // For real: leave the sandbox (the edit stays), save with Ctrl+S.
  await page.getByTestId('what-if-toggle').uncheck();
  await expect(page.getByTestId('quotas-save')).toBeEnabled();
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('quotas-notice')).toHaveText(
    en.saved_one.replace('{{count}}', '1'),
  );
  await expect(page.getByTestId(`free-${key}`)).toHaveText(String(raised - stream.occupied));
  expect(
    (await callApi<{ totals: { events: number } }>(page, 'dashboard.get')).value!.totals.events,
  ).toBe(eventsBefore + 1);

  // After: the same child's application to this stream would fit now.
  await page.getByTestId(`refused-${key}`).click();
  await expect(fitCell.locator('[data-fits="yes"]')).toHaveText(en.wouldFit);
  await page.screenshot({ path: '/tmp/kabyl-quotas-after.png', fullPage: false });
});

test('quotas: Escape reverts a cell, warnings filter, a school norm raises a warning', async ({
  page,
}) => {
  await page.goto(harness.url);
  await signIn(page, 'district');
  await chooseLanguage(page, 'en');
  await page.locator('a[data-nav="quotas"]').click();
  const list = (
    await callApi<{ streams: (Stream & { classes: number | null; warnings: string[] })[] }>(
      page,
      'quotas.list',
    )
  ).value!;
  const s = list.streams.find((x) => x.classes !== null && x.classes > 0)!;
  const key = `${s.schoolId}/${s.language}`;
  const seats = page.getByTestId(`seats-${key}`);
  await seats.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('999');
  await expect(seats.locator('xpath=..')).toHaveClass(/edited/);
  // The warnings follow what is typed: 999 seats in a handful of classes is a sanitary breach.
  await expect(page.locator(`tr[data-stream="${key}"] .warn-far_above`)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(seats).toHaveValue(String(s.quota));
  await expect(seats.locator('xpath=..')).not.toHaveClass(/edited/);
  if (!s.warnings.includes('far_above'))
    await expect(page.locator(`tr[data-stream="${key}"] .warn-far_above`)).toHaveCount(0);
  // An emptied cell can be typed into afresh; text that is no number blocks the save until fixed.
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await expect(seats).toHaveValue('');
  await page.keyboard.type('12');
  await expect(seats).toHaveValue('12');
  await page.keyboard.type('x');
  await expect(seats).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('quotas-invalid')).toBeVisible();
  await expect(page.getByTestId('quotas-save')).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(seats).toHaveValue(String(s.quota));
  await expect(page.getByTestId('quotas-invalid')).toHaveCount(0);
  // Arrow down moves to the next row's seats cell.
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('input[data-row][data-col="0"]:focus')).toHaveCount(1);

  // A school's own norm of 1 puts every one of its planned streams above the norm.
  await page.getByTestId(`norm-${s.schoolId}`).click();
  const editor = page.getByTestId('norm-editor');
  await editor.locator('input').fill('1');
  await editor.locator('button[type=submit]').click();
  await expect(page.getByTestId(`norm-${s.schoolId}`)).toHaveText(
    (LOCALES.en.quotas as Record<string, string>).normShort.replace('{{norm}}', '1'),
  );
  await page.getByTestId('only-warnings').check();
  await expect(page.locator(`tr[data-stream="${key}"] .warn-above_norm`)).toBeVisible();
  const rows = page.locator('tr[data-stream]');
  expect(await rows.count()).toBeGreaterThan(0);
  for (const stream of await rows.all())
    await expect(stream.locator('.warn').first()).toBeVisible();
});
