// A real district's first start: no demo anywhere. The officer creates the district
// and their account, signs in to an empty store (no DEMO marker), and imports the
// district's log; the dashboard then shows its campaign.
import { test, expect, UNDER_ELECTRON } from './support/fixtures';
import { LOCALES, NAVIGATION, chooseLanguage } from './support/app';

const ky = LOCALES.ky;
const officer = { username: 'chief', displayName: 'Бактыгүл Асанова', password: 'real-district-1' };

/** A campaign that opens next year, so the phase is "before stage 1" whatever today is. */
function campaignLog(): string {
  const y = new Date().getFullYear() + 1;
  const events = [
    {
      id: 'real-campaign',
      type: 'campaign.opened',
      at: `${y - 1}-12-01T09:00:00+06:00`,
      actor: { role: 'district', id: officer.username },
      data: {
        year: y,
        stage1Start: `${y}-04-11T09:00:00+06:00`,
        stage2Start: `${y}-06-27T09:00:00+06:00`,
        stage2End: `${y}-09-11T00:00:00+06:00`,
        documentsStart: `${y}-08-01T00:00:00+06:00`,
        documentsEnd: `${y}-09-15T00:00:00+06:00`,
        birthDateFrom: `${y - 7}-09-01`,
        birthDateTo: `${y - 6}-08-31`,
      },
    },
    {
      id: 'real-school-1',
      type: 'school.registered',
      at: `${y - 1}-12-01T09:05:00+06:00`,
      actor: { role: 'district', id: officer.username },
      data: { schoolId: 'S-1', name: '№ 1 орто мектеби', kind: 'state', districtId: 'real' },
    },
    {
      id: 'real-quota-1',
      type: 'quota.set',
      at: `${y - 1}-12-01T09:06:00+06:00`,
      actor: { role: 'district', id: officer.username },
      data: { schoolId: 'S-1', language: 'ky', seats: 50 },
    },
  ];
  return events.map((e) => JSON.stringify(e)).join('\n') + '\n';
}

test.use({ baseURL: process.env.KABYL_E2E_REAL_URL });

test('a real district: created on first start, never marked DEMO, fed by its log', async ({
  page,
}) => {
  test.skip(
    UNDER_ELECTRON,
    'needs a store-less first start, which the harness gives with --store real',
  );
  const setup = page.getByTestId('setup-page');
  await expect(setup).toBeVisible();
  await expect(setup.locator('h1')).toHaveText(ky.setup.title);
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);

  await chooseLanguage(page, 'ru');
  await page.locator('#setup-district').fill('Тестовый район');
  await page.locator('#setup-name').fill(officer.displayName);
  await page.locator('#setup-username').fill(officer.username);
  await page.locator('#setup-password').fill('short');
  await page.getByRole('button', { name: LOCALES.ru.setup.startReal }).click();
  await expect(page.getByText(LOCALES.ru.setup.passwordTooShort)).toBeVisible();

  await page.locator('#setup-password').fill(officer.password);
  await page.getByRole('button', { name: LOCALES.ru.setup.startReal }).click();

  await expect(page.locator('form.signin-card')).toBeVisible();
  await expect(page.locator('.signin-district')).toHaveText('Тестовый район');
  await page.locator('#username').fill(officer.username);
  await page.locator('#password').fill(officer.password);
  await page.locator('form.signin-card button[type=submit]').click();

  await expect(page.getByTestId('dashboard')).toBeVisible();
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);
  await expect(page.getByTestId('district-name')).toHaveText('Тестовый район');
  await expect(page.getByTestId('campaign-phase')).toHaveAttribute('data-phase', 'not_opened');
  await expect(page.getByText(LOCALES.ru.dashboard.noCampaign)).toBeVisible();
  const navIds = await page
    .locator('nav [data-nav]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('data-nav')));
  // A real district also has the Sync screen (the demo has no server to sync with).
  expect(navIds).toEqual([...NAVIGATION.district, 'sync']);

  await page.locator('nav [data-nav="import"]').click();
  await page.getByTestId('import-file').setInputFiles({
    name: 'district.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(campaignLog()),
  });
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-added')).toHaveText('3');

  await page.locator('nav [data-nav="dashboard"]').click();
  await expect(page.getByTestId('campaign-phase')).toHaveAttribute('data-phase', 'before');
  await expect(page.getByTestId('phase-name')).toHaveText(LOCALES.ru.phase.before);
  await expect(page.getByTestId('next-boundary')).toContainText(LOCALES.ru.boundary.stage1Start);
  await expect(page.getByTestId('schools-table')).toContainText('№ 1 орто мектеби');
  await expect(page.getByTestId('total-seats')).toContainText('50');
});
