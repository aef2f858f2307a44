// Issue 4, reviewer: "reject a claim, and the placement goes". On a private demo
// (the spec writes a privilege.reviewed event): the officer opens the privilege
// queue, picks a claim whose seat rests on the privilege, attaches a scan and views
// it inline, is told before confirming that rejecting removes the placement,
// rejects with a note, and sees the child refused (privilege_rejected) and the
// stream's occupied count drop by one. A director's queue holds only their school.
import { test, expect } from './support/fixtures';
import { LOCALES, callApi, chooseLanguage, signIn } from './support/app';
import { startPrivateHarness, type PrivateHarness } from './support/privateHarness';

type Claim = {
  applicationId: string;
  childName: string;
  schoolId: string;
  language: string;
  basis: string | null;
};
type Schools = {
  schools: { schoolId: string; streams: { language: string; occupied: number }[] }[];
};
const str = (path: string, vars: Record<string, string | number> = {}) => {
  let node: unknown = LOCALES.en;
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  return String(node).replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k]));
};
// A 1x1 PNG: a real image the app must show inline.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let harness: PrivateHarness;
test.beforeAll(async () => {
  harness = await startPrivateHarness();
});
test.afterAll(async () => {
  await harness?.close();
});

const occupied = async (page: Parameters<typeof callApi>[0], c: Claim) => {
  const r = await callApi<Schools>(page, 'schools.list');
  return r
    .value!.schools.find((s) => s.schoolId === c.schoolId)!
    .streams.find((s) => s.language === c.language)!.occupied;
};

test('reviewer: reject a claim, and the placement goes', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(harness.url);
  await signIn(page, 'district');
  await chooseLanguage(page, 'en');
  await page.locator('a[data-nav="privileges"]').click();
  await expect(page.getByTestId('privileges')).toBeVisible();

  const queue = await callApi<{ claims: Claim[] }>(page, 'privileges.queue');
  const claim = queue.value!.claims.find((c) => c.basis === 'privilege');
  expect(claim, 'a pending claim whose placement rests on the privilege').toBeTruthy();
  const before = await occupied(page, claim!);
  await expect(page.getByTestId('claim-row')).toHaveCount(queue.value!.claims.length);

  await page
    .locator(`[data-testid="claim-row"][data-application="${claim!.applicationId}"]`)
    .click();
  const detail = page.getByTestId('claim-detail');
  await expect(detail).toContainText(claim!.childName);

  // A scan: stored, listed, shown inline from a blob URL.
  await detail
    .getByTestId('attachment-input')
    .setInputFiles({ name: 'certificate.png', mimeType: 'image/png', buffer: PNG });
  await expect(detail.getByTestId('attachment-open')).toHaveText('certificate.png');
  await detail.getByTestId('attachment-open').click();
  await expect(detail.locator('[data-testid="attachment-view"] img')).toHaveAttribute(
    'src',
    /^blob:/,
  );

  // Rejecting without a note is stopped; the consequence is spelled out before confirming.
  await detail.getByTestId('reject').click();
  await expect(detail.getByTestId('reject-consequence')).toHaveText(
    str('privileges.rejectRemoves', {
      name: claim!.childName,
      school: (await detail.locator('dd').nth(1).innerText()).split(' · ')[0],
    }),
  );
  await detail.getByTestId('reject-confirm-button').click();
  await expect(detail.getByRole('alert')).toHaveText(str('privileges.noteRequired'));
  await detail.getByTestId('review-note').fill('The certificate is from another school');
  await page.screenshot({ path: 'test-results/reviewer-privileges/confirm.png', fullPage: true });
  await detail.getByTestId('reject-confirm-button').click();

  const outcome = page.getByTestId('review-outcome');
  await expect(outcome.getByTestId('outcome-status')).toHaveText(str('status.refused'));
  await expect(outcome.getByTestId('outcome-reason')).toHaveText(str('reason.privilege_rejected'));
  await expect(outcome.getByTestId('outcome-stream')).toBeVisible();
  await page.screenshot({ path: 'test-results/reviewer-privileges/rejected.png', fullPage: true });
  expect(await occupied(page, claim!)).toBe(before - 1);
  await expect(
    page.locator(`[data-testid="claim-row"][data-application="${claim!.applicationId}"]`),
  ).toHaveCount(0);

  // The director sees only their own school's claims.
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await page.goto(harness.url); // back to the dashboard route: sign-in lands there
  await signIn(page, 'director');
  const mine = await callApi<{ claims: Claim[] }>(page, 'privileges.queue');
  const me = await callApi<{ user: { schoolId: string } }>(page, 'session.get');
  expect(mine.value!.claims.every((c) => c.schoolId === me.value!.user.schoolId)).toBe(true);
  const other = queue.value!.claims.find(
    (c) => c.schoolId !== me.value!.user.schoolId && c.applicationId !== claim!.applicationId,
  );
  if (other)
    expect(
      (
        await callApi(page, 'privileges.review', {
          applicationId: other.applicationId,
          decision: 'approved',
        })
      ).error?.code,
    ).toBe('forbidden');
});
