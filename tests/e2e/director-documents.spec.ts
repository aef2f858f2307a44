// Issue 4, director: receive documents, issue the order, and the print page holds
// the child's name. On a private demo (the spec moves the demo's clock and writes
// events): the officer moves the demo clock into the documents window with the
// header control; the director receives a child's documents with the five-item
// checklist, issues the suggested order number, opens the order's print page and
// finds the child's name on the A4 sheet in Kyrgyz and in Russian. A pending claim
// is refused in the user's language with a link to the privilege queue, and the
// director cannot reach another school's data through the bridge.
import { test, expect } from './support/fixtures';
import { LOCALES, callApi, chooseLanguage, signIn } from './support/app';
import { startPrivateHarness, type PrivateHarness } from './support/privateHarness';

type Child = {
  applicationId: string;
  childName: string;
  status: string;
  privilege: string;
  daysLeft: number | null;
};
type Strings = Record<string, Record<string, unknown>>;
const str = (
  lang: 'ky' | 'ru' | 'en',
  path: string,
  vars: Record<string, string | number> = {},
) => {
  let node: unknown = LOCALES[lang] as unknown as Strings;
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  return String(node).replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k]));
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

test("director: receive documents, issue the order, and the print page holds the child's name", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto(harness.url);

  // The officer moves the demo clock to the opening of the documents window.
  await signIn(page, 'district');
  await chooseLanguage(page, 'en');
  const before = await callApi<{ now: string }>(page, 'clock.get');
  await page.getByTestId('demo-clock-toggle').click();
  await page.getByTestId('demo-clock-documents').click();
  await expect
    .poll(async () => (await callApi<{ now: string }>(page, 'clock.get')).value!.now)
    .not.toBe(before.value!.now);
  const moved = (await callApi<{ now: string }>(page, 'clock.get')).value!.now;
  expect(moved.startsWith('2026-08-01')).toBe(true);
  // The dashboard behind it follows the clock at once.
  await expect(page.getByTestId('as-of')).toContainText('1 August 2026');
  await expect(page.getByTestId('demo-clock-now')).toContainText('1 August 2026');
  await page.screenshot({ path: 'test-results/director-documents/democlock.png' });
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();

  // The director: the school's list shows days left and no "window closed" notice.
  await signIn(page, 'director');
  await page.locator('a[data-nav="mySchool"]').click();
  await expect(page.getByTestId('school-table')).toBeVisible();
  const list = await callApi<{ children: Child[] }>(page, 'school.children');
  const rows = list.value!.children;
  expect(rows.length).toBeGreaterThan(0);
  await expect(page.locator('[data-testid="school-table"] tbody tr')).toHaveCount(rows.length);
  await page.screenshot({ path: 'test-results/director-documents/my-school.png', fullPage: true });

  const child = rows.find((c) => c.status === 'registered' && c.privilege !== 'pending');
  expect(child, "a registered child without a pending claim at the director's school").toBeTruthy();
  await page.locator('a[data-nav="documents"]').click();
  await expect(page.getByTestId('documents-page')).toBeVisible();
  await expect(page.getByTestId('documents-closed')).toHaveCount(0);

  // A pending claim is refused, translated, with the way to the privilege queue.
  const pending = rows.find((c) => c.status === 'registered' && c.privilege === 'pending');
  expect(pending, "a pending claim at the director's school").toBeTruthy();
  if (pending) {
    const prow = page.locator(
      `[data-testid="owing-table"] tr[data-application-id="${pending.applicationId}"]`,
    );
    await prow.getByTestId('receive-open').click();
    for (const box of await prow.locator('input[data-item]').all()) await box.check();
    await prow.getByTestId('receive-submit').click();
    await expect(prow.getByTestId('receive-error')).toContainText(
      str('en', 'reason.privilege_pending'),
    );
    await expect(prow.getByTestId('to-privileges')).toHaveAttribute('href', '#/privileges');
    await prow.getByRole('button', { name: str('en', 'documents.cancel') }).click();
  }

  // The checklist: the button waits for all five documents.
  await page.getByTestId('owing-search').fill(child!.applicationId);
  await expect(page.locator('[data-testid="owing-table"] tbody tr')).toHaveCount(1);
  const row = page.locator(
    `[data-testid="owing-table"] tr[data-application-id="${child!.applicationId}"]`,
  );
  await row.getByTestId('receive-open').click();
  const boxes = row.locator('input[data-item]');
  await expect(boxes).toHaveCount(5);
  for (let i = 0; i < 4; i++) await boxes.nth(i).check();
  await expect(row.getByTestId('receive-submit')).toBeDisabled();
  await boxes.nth(4).check();
  await page.screenshot({ path: 'test-results/director-documents/checklist.png', fullPage: true });
  await row.getByTestId('receive-submit').click();
  await expect(page.getByTestId('documents-done')).toContainText(child!.childName);
  await expect(
    page.locator(`[data-testid="owing-table"] tr[data-application-id="${child!.applicationId}"]`),
  ).toHaveCount(0);

  // The order: the suggested number, issued, the child enrolled.
  const orders = await callApi<{ nextNumber: string; orders: unknown[] }>(page, 'school.orders');
  await expect(page.getByTestId('order-number')).toHaveValue(orders.value!.nextNumber);
  await expect(page.getByTestId('order-waiting')).toContainText(child!.childName);
  await page.getByTestId('order-issue').click();
  await expect(page.getByTestId('order-issued')).toBeVisible();
  const after = await callApi<{ children: Child[] }>(page, 'school.children');
  expect(after.value!.children.find((c) => c.applicationId === child!.applicationId)!.status).toBe(
    'enrolled',
  );
  const order = page.locator(
    `[data-testid="order-list"] [data-order="${orders.value!.nextNumber}"]`,
  );
  await expect(order).toContainText(child!.childName);

  // The print page, in Kyrgyz and in Russian: the A4 sheet names the child.
  await page.getByTestId('order-issued-print').click();
  const sheet = page.getByTestId('print-sheet');
  await page.getByTestId('order-print-language').selectOption('ky');
  await expect(sheet).toHaveAttribute('lang', 'ky');
  await expect(sheet.locator('.print-title')).toHaveText(
    str('ky', 'documents.print.title', { number: orders.value!.nextNumber }),
  );
  await expect(sheet.getByTestId('order-children')).toContainText(child!.childName);
  await page.screenshot({ path: 'test-results/director-documents/order-ky.png', fullPage: true });
  await page.getByTestId('order-print-language').selectOption('ru');
  await expect(sheet).toHaveAttribute('lang', 'ru');
  await expect(sheet.locator('.print-title')).toHaveText(
    str('ru', 'documents.print.title', { number: orders.value!.nextNumber }),
  );
  await expect(sheet.getByTestId('order-children')).toContainText(child!.childName);
  // In print media only the sheet is there: the app behind it is hidden.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#root')).toBeHidden();
  await expect(sheet).toBeVisible();
  await expect(page.getByTestId('print-button')).toBeHidden();
  await page.screenshot({
    path: 'test-results/director-documents/order-ru-print.png',
    fullPage: true,
  });
  const pdf = await page.pdf({
    format: 'A4',
    preferCSSPageSize: true,
    path: 'test-results/director-documents/order-ru.pdf',
  });
  expect(pdf.length).toBeGreaterThan(1000);
  await page.emulateMedia({ media: 'screen' });
  // The harness has no print-to-PDF: the button prints the page (window.print()).
  await expect(page.getByTestId('print-button')).toHaveText(str('en', 'print.print'));
  await page.getByTestId('print-close').click();
  await expect(page.getByTestId('print-page')).toHaveCount(0);

  // The officer reads the order on the district-wide orders screen.
  const schoolId = (await callApi<{ user: { schoolId: string } }>(page, 'session.get')).value!.user
    .schoolId;
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await signIn(page, 'district');
  await page.locator('a[data-nav="orders"]').click();
  const section = page.locator(`[data-testid="orders-page"] section[data-school-id="${schoolId}"]`);
  await expect(section.locator(`[data-order="${orders.value!.nextNumber}"]`)).toContainText(
    child!.childName,
  );
  await page.screenshot({
    path: 'test-results/director-documents/officer-orders.png',
    fullPage: true,
  });
});

test("a director cannot reach another school's data through the bridge", async ({ page }) => {
  await page.goto(harness.url);
  // The demo's other schools, as the officer sees them.
  await signIn(page, 'district');
  const district = await callApi<{ schools: { schoolId: string }[] }>(page, 'schools.list');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();

  await signIn(page, 'director');
  const session = await callApi<{ user: { schoolId: string } }>(page, 'session.get');
  const own = session.value!.user.schoolId;
  const schools = await callApi<{ schools: { schoolId: string }[] }>(page, 'schools.list');
  expect(schools.value!.schools.map((s) => s.schoolId)).toEqual([own]);
  const others = district.value!.schools.map((s) => s.schoolId).filter((id) => id !== own);
  expect(others.length).toBeGreaterThan(0);
  // Real schools of the demo, and one that does not exist: main refuses before looking.
  for (const other of [...others.slice(0, 3), 'S-OTHER']) {
    for (const channel of ['school.children', 'school.orders']) {
      const r = await callApi(page, channel, { schoolId: other });
      expect(r.ok, `${channel} ${other}`).toBe(false);
      expect(r.error!.code).toBe('forbidden');
    }
  }
  const own1 = await callApi<{ school: { schoolId: string } }>(page, 'school.children', {
    schoolId: own,
  });
  expect(own1.value!.school.schoolId).toBe(own);
  // Issuing an order names no school at all: it is always the director's own.
  const issue = await callApi(page, 'school.issueOrder', { orderNumber: '1', schoolId: 'S-OTHER' });
  expect(issue.error!.code).toBe('invalid_request');
});

test('a long order prints on several A4 pages', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(harness.url);
  await signIn(page, 'director');
  // The first test moved the clock into the documents window on this private harness.
  const started = Date.now();
  const list = await callApi<{ children: Child[] }>(page, 'school.children');
  const listMs = Date.now() - started;
  const ready = list
    .value!.children.filter((c) => c.status === 'registered' && c.privilege !== 'pending')
    .slice(0, 70);
  expect(ready.length).toBeGreaterThan(40);
  // Setup through the bridge: the checklist itself is the first test's subject.
  const items = ['passport', 'birth_certificate', 'medical_f26', 'medical_f63', 'photos'];
  for (const c of ready) {
    const r = await callApi(page, 'school.receiveDocuments', {
      applicationId: c.applicationId,
      items,
    });
    expect(r.ok, c.applicationId).toBe(true);
  }
  await page.locator('a[data-nav="documents"]').click();
  await expect(page.getByTestId('order-waiting')).toContainText(ready[0]!.childName);
  await page.getByTestId('order-issue').click();
  await page.getByTestId('order-issued-print').click();
  await expect(page.locator('[data-testid="order-children"] tbody tr')).toHaveCount(ready.length);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({
    format: 'A4',
    preferCSSPageSize: true,
    path: 'test-results/director-documents/long-order.pdf',
  });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(2);
  console.log(
    `school.children: ${list.value!.children.length} children in ${listMs} ms (bridge round trip); order of ${ready.length} children: ${pages} A4 pages`,
  );
});

test('on the last day every child still owing documents is at risk, and the list sorts', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto(harness.url);
  await signIn(page, 'district');
  await page.getByTestId('demo-clock-toggle').click();
  await page.getByTestId('demo-clock-last-day').click();
  await expect(page.getByTestId('demo-clock-now')).toContainText('2026');
  await expect
    .poll(async () => (await callApi<{ now: string }>(page, 'clock.get')).value!.now.slice(0, 10))
    .toBe('2026-09-14');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();

  await signIn(page, 'director');
  await chooseLanguage(page, 'ru');
  await page.locator('a[data-nav="mySchool"]').click();
  const list = (await callApi<{ children: Child[] }>(page, 'school.children')).value!.children;
  const owing = list.filter((c) => c.status === 'registered');
  expect(owing.length).toBeGreaterThan(0);
  expect(owing.every((c) => c.daysLeft === 1)).toBe(true);
  await expect(page.getByTestId('school-at-risk').locator('.card-value')).toHaveText(
    String(owing.length),
  );
  await page.getByTestId('school-risk-only').check();
  await expect(page.locator('[data-testid="school-table"] tbody tr')).toHaveCount(owing.length);
  await expect(page.locator('[data-testid="school-table"] .risk-badge').first()).toHaveText(
    str('ru', 'school.atRisk'),
  );
  await page.getByTestId('school-risk-only').uncheck();
  // Sort by name, then the other way round.
  const names = list.map((c) => c.childName).sort((a, b) => a.localeCompare(b, 'ru'));
  await page.locator('button[data-sort="childName"]').click();
  await expect(
    page.locator('th[aria-sort="ascending"] button[data-sort="childName"]'),
  ).toBeVisible();
  await expect(
    page.locator('[data-testid="school-table"] tbody tr').first().locator('td').first(),
  ).toContainText(names[0]!);
  await page.locator('button[data-sort="childName"]').click();
  await expect(
    page.locator('[data-testid="school-table"] tbody tr').first().locator('td').first(),
  ).toContainText(names[names.length - 1]!);
  await page.screenshot({ path: 'test-results/director-documents/my-school-last-day-ru.png' });
});
