// Each demo role signs in and gets the demo dashboard, marked DEMO on every screen,
// with the navigation its role allows and nothing more.
import { test, expect } from './support/fixtures';
import {
  LOCALES,
  NAVIGATION,
  callApi,
  cardNumber,
  expectDemoMarked,
  reachSignIn,
  signIn,
  type DemoRole,
} from './support/app';

const ky = LOCALES.ky;
const ROLES: DemoRole[] = ['district', 'commission', 'director'];

for (const role of ROLES) {
  test(`${role}: signs in to the demo dashboard with the role's navigation`, async ({ page }) => {
    // The officer's eleven screens, each opened once: more than a minute on a loaded machine.
    test.setTimeout(180_000);
    await reachSignIn(page);
    // Even before sign-in a demo store says so.
    await expectDemoMarked(page);
    await signIn(page, role);
    await expectDemoMarked(page);

    await expect(page.getByTestId('user-role')).toHaveText(ky.role[role]);
    const navIds = await page
      .locator('nav [data-nav]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('data-nav')));
    expect(navIds).toEqual(NAVIGATION[role]);
    for (const id of NAVIGATION[role]) {
      await expect(page.locator(`nav [data-nav="${id}"]`)).toHaveText(
        ky.nav[id as keyof typeof ky.nav],
      );
    }

    // The dashboard: a live campaign phase in words, a card per status, totals.
    const phase = page.getByTestId('campaign-phase');
    await expect(phase).toBeVisible();
    const phaseId = (await phase.getAttribute('data-phase')) as keyof typeof ky.phase;
    expect(phaseId).not.toBe('not_opened');
    await expect(page.getByTestId('phase-name')).toHaveText(ky.phase[phaseId]);
    for (const status of Object.keys(ky.status)) {
      await expect(page.getByTestId(`count-${status}`)).toContainText(
        ky.status[status as keyof typeof ky.status],
      );
    }
    expect(await cardNumber(page, 'total-applications')).toBeGreaterThan(0);
    await expect(page.getByTestId('schools-table')).toBeVisible();

    // Every screen of the role opens, and every one is marked DEMO.
    for (const id of NAVIGATION[role]) {
      await page.locator(`nav [data-nav="${id}"]`).click();
      await expect(page.getByTestId(`screen-${id}`)).toBeVisible();
      await expect(page.locator(`nav [data-nav="${id}"]`)).toHaveAttribute('aria-current', 'page');
      await expectDemoMarked(page);
    }

    // A screen of another role cannot be reached by typing its address.
    const foreign = ['import', 'commission', 'documents'].find(
      (id) => !NAVIGATION[role].includes(id),
    )!;
    await page.evaluate((id) => (window.location.hash = `/${id}`), foreign);
    await expect(page.getByTestId('screen-dashboard')).toBeVisible();

    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await expect(page.locator('form.signin-card')).toBeVisible();
    await expectDemoMarked(page);
  });
}

test("a director's dashboard holds only their own school", async ({ page }) => {
  await signIn(page, 'district');
  const districtApplications = await cardNumber(page, 'total-applications');
  const districtSchools = await page
    .locator('[data-testid="schools-table"] tbody tr')
    .evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-school-id')))]);
  expect(districtSchools.length).toBeGreaterThan(1);
  await expect(page.getByTestId('dashboard-scope')).toHaveText(ky.dashboard.wholeDistrict);
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();

  await signIn(page, 'director');
  const session = await callApi<{ user: { schoolId: string; schoolName: string } }>(
    page,
    'session.get',
  );
  const own = session.value!.user;
  await expect(page.getByTestId('dashboard-scope')).toHaveText(own.schoolName);
  const shownSchools = await page
    .locator('[data-testid="schools-table"] tbody tr')
    .evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-school-id')))]);
  expect(shownSchools).toEqual([own.schoolId]);
  await expect(page.getByTestId('total-schools')).toHaveCount(0);
  expect(await cardNumber(page, 'total-applications')).toBeLessThan(districtApplications);

  // Not only hidden: main refuses another school's figures to a director.
  const other = districtSchools.find((id) => id !== own.schoolId)!;
  const foreign = await callApi(page, 'dashboard.get', { schoolId: other });
  expect(foreign.ok).toBe(false);
  expect(foreign.error?.code).toBe('forbidden');
});
