// The parent's journey of issue 10, in ky, ru and en, at a phone's and a laptop's size:
// register -> the mailed link -> set the password -> add a child (the registry simulator)
// -> apply in stage 1 with a privilege claim -> "registered"; in stage 2 the last seat of
// a stream goes to another family first -> the refusal in words; recover the password by
// PIN. axe checks every page on the way, the waiting page included.
import { expect, type Page, test } from '@playwright/test';
import { ApiParent } from './support/api';
import { expectAccessible } from './support/a11y';
import { type Family, STAGE1_CUT, STAGE2_CUT, familiesFreeAt } from './support/campaign';
import { PASSWORD_LINK, waitForMail } from './support/mail';
import { ENDONYM, LANGS, type Lang, refusalWords, statusWord, tr } from './support/words';

const STAGE1 = () => process.env.KABYL_PORTAL_E2E_STAGE1!;
const STAGE2 = () => process.env.KABYL_PORTAL_E2E_STAGE2!;
const STAGE1_MAIL = () => process.env.KABYL_PORTAL_E2E_STAGE1_MAIL!;
const STAGE2_MAIL = () => process.env.KABYL_PORTAL_E2E_STAGE2_MAIL!;

/** What a district officer's desktop sends when the quota of a stream changes. */
async function setQuota(
  base: string,
  schoolId: string,
  language: string,
  seats: number,
): Promise<void> {
  const campaign = (await (await fetch(`${base}/portal/api/v1/campaign`)).json()) as {
    now: string;
  };
  const res = await fetch(`${base}/v1/push`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${process.env.KABYL_PORTAL_E2E_STAGE2_DISTRICT_TOKEN}`,
    },
    body: JSON.stringify({
      events: [
        {
          id: `quota-${schoolId}-${language}-${seats}-${Date.now()}`,
          type: 'quota.set',
          at: campaign.now,
          actor: { role: 'district', id: 'officer' },
          data: { schoolId, language, seats },
        },
      ],
    }),
  });
  const body = (await res.json()) as { outcomes: { status: string }[] };
  expect(body.outcomes[0].status, JSON.stringify(body)).toBe('accepted');
}

let stage1Families: Family[] = [];
let stage2Families: Family[] = [];
test.beforeAll(() => {
  stage1Families = familiesFreeAt(STAGE1_CUT);
  stage2Families = familiesFreeAt(STAGE2_CUT);
});

/** A family of its own for each project and language: no journey meets another's account. */
function slot(projectName: string, lang: Lang): number {
  return (projectName === 'phone' ? 0 : 3) + LANGS.indexOf(lang);
}

async function chooseLanguage(page: Page, lang: Lang): Promise<void> {
  await page.getByRole('button', { name: ENDONYM[lang], exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/** Registers in the UI, follows the mailed link and sets the password: ends in the cabinet. */
async function registerAndSetPassword(
  page: Page,
  o: {
    base: string;
    mailDir: string;
    lang: Lang;
    family: Family;
    email: string;
    password: string;
    /** the mails already read: a later link is looked for among the new ones */
    seen: Set<string>;
  },
): Promise<void> {
  const { lang } = o;
  await page.goto(`${o.base}/register`);
  await chooseLanguage(page, lang);
  await expect(
    page.getByRole('heading', { level: 1, name: tr(lang, 'register.title') }),
  ).toBeVisible();
  await expectAccessible(page, 'register');

  // Bad input is named field by field before anything is sent.
  await page.getByLabel(tr(lang, 'field.ownPin'), { exact: true }).fill('1234567890123');
  await page.getByLabel(tr(lang, 'field.email'), { exact: true }).fill('parent.example.kg');
  await page
    .getByLabel(tr(lang, 'field.phone'), { exact: true })
    .fill(`+996 700 ${o.family.parentPin.slice(-6)}`);
  await page.getByRole('button', { name: tr(lang, 'register.submit') }).click();
  await expect(page.getByText(tr(lang, 'fieldError.invalid_pin'))).toBeVisible();
  await expect(page.getByText(tr(lang, 'fieldError.invalid_email'))).toBeVisible();
  await expect(page.getByLabel(tr(lang, 'field.ownPin'), { exact: true })).toBeFocused();
  await expectAccessible(page, 'register with errors');

  await page.getByLabel(tr(lang, 'field.ownPin'), { exact: true }).fill(o.family.parentPin);
  await page.getByLabel(tr(lang, 'field.email'), { exact: true }).fill(o.email);
  await page.getByRole('button', { name: tr(lang, 'register.submit') }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: tr(lang, 'register.sentTitle') }),
  ).toBeVisible();
  await expectAccessible(page, 'register: mail sent');

  const [link] = await waitForMail(o.mailDir, o.email, PASSWORD_LINK, o.seen);
  await page.goto(link);
  await expect(
    page.getByRole('heading', { level: 1, name: tr(lang, 'setPassword.title') }),
  ).toBeVisible();
  await expectAccessible(page, 'set password');
  await page.getByLabel(tr(lang, 'field.newPassword'), { exact: true }).fill(o.password);
  await page.getByLabel(tr(lang, 'field.confirmPassword'), { exact: true }).fill(o.password);
  await page.getByRole('button', { name: tr(lang, 'setPassword.submit') }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: tr(lang, 'cabinet.title') }),
  ).toBeVisible();
  await expectAccessible(page, 'cabinet, empty');
}

async function addChild(page: Page, lang: Lang, family: Family, o: { busyOnce?: boolean } = {}) {
  await page.getByRole('link', { name: tr(lang, 'cabinet.addChild') }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: tr(lang, 'addChild.title') }),
  ).toBeVisible();
  await expectAccessible(page, 'add child');
  if (o.busyOnce) {
    // Opening-day pressure (issue 11): the server says 503 with Retry-After once; the
    // phone shows the waiting page and sends the same request again by itself.
    let refused = false;
    await page.route('**/portal/api/v1/children', async (route) => {
      if (!refused && route.request().method() === 'POST') {
        refused = true;
        await route.fulfill({
          status: 503,
          headers: { 'retry-after': '2', 'content-type': 'application/json' },
          body: JSON.stringify({ error: 'unavailable', message: 'busy' }),
        });
      } else await route.continue();
    });
  }
  await page.getByLabel(tr(lang, 'field.childPin'), { exact: true }).fill(family.childPin);
  await page.getByRole('button', { name: tr(lang, 'addChild.submit') }).click();
  if (o.busyOnce) {
    await expect(
      page.getByRole('heading', { level: 1, name: tr(lang, 'waiting.title') }),
    ).toBeVisible();
    await expectAccessible(page, 'waiting page');
  }
  await expect(
    page.getByRole('heading', { level: 1, name: tr(lang, 'addChild.addedTitle') }),
  ).toBeVisible();
  // The registry's data, shown back: the parent typed only the PIN.
  await expect(page.getByText(family.childName.split(' ')[0]).first()).toBeVisible();
  await expectAccessible(page, 'child added');
  if (o.busyOnce) await page.unroute('**/portal/api/v1/children');
}

for (const lang of LANGS) {
  test(`stage 1 with a privilege claim, then a recovered password (${lang})`, async ({
    page,
  }, info) => {
    const family = stage1Families[slot(info.project.name, lang)];
    const email = `s1-${info.project.name}-${lang}@example.kg`;
    const base = STAGE1();
    const seen = new Set<string>();
    await registerAndSetPassword(page, {
      base,
      mailDir: STAGE1_MAIL(),
      lang,
      family,
      email,
      password: 'first-password-1',
      seen,
    });
    await addChild(page, lang, family, { busyOnce: true });

    // A PIN outside the age range: a sentence and the pointer to the district commission.
    await page.goto(`${base}/children/add`);
    await page.getByLabel(tr(lang, 'field.childPin'), { exact: true }).fill('21503201500001');
    await page.getByRole('button', { name: tr(lang, 'addChild.submit') }).click();
    await expect(page.getByText(tr(lang, 'addChild.commission'))).toBeVisible();
    await expectAccessible(page, 'add child refused');

    await page.goto(`${base}/cabinet`);
    await page.getByRole('link', { name: tr(lang, 'cabinet.apply') }).click();
    await expect(page.getByText(tr(lang, 'apply.stage1Intro'))).toBeVisible();
    const stream = page.locator('.streams input[type=radio]').first();
    await expect(stream).toBeVisible();
    await expectAccessible(page, 'apply, stage 1');
    await stream.check();
    await page.getByLabel(tr(lang, 'apply.claim')).check();
    await page.getByLabel(tr(lang, 'apply.category')).selectOption('military');
    const documentInput = page.getByLabel(tr(lang, 'apply.document'));
    // A program renamed .pdf is named as such, before any byte is uploaded.
    await documentInput.setInputFiles({
      name: 'order.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('MZ\x90\x00 not a pdf'),
    });
    await page.getByRole('button', { name: tr(lang, 'apply.submit') }).click();
    await expect(page.getByText(tr(lang, 'fieldError.file_type'))).toBeVisible();
    await expectAccessible(page, 'apply with a bad document');
    const pdf = '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
    await documentInput.setInputFiles({
      name: 'order.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(pdf),
    });
    await page.getByRole('button', { name: tr(lang, 'apply.submit') }).click();

    await expect(
      page.getByRole('heading', { level: 1, name: tr(lang, 'statusPage.title') }),
    ).toBeVisible();
    const status = page.getByTestId('status');
    await expect(status.locator('[data-status]')).toHaveText(statusWord(lang, 'registered'));
    await expect(page.getByTestId('privilege')).toHaveAttribute('data-privilege', 'pending');
    await expect(
      page.getByRole('heading', { name: tr(lang, 'statusPage.bringTitle') }),
    ).toBeVisible();
    await expect(page.getByTestId('countdown')).toBeVisible();
    await expect(page.locator('.documents li')).toHaveCount(5);
    await expectAccessible(page, 'status: registered');

    // Withdraw asks first; cancelling keeps everything.
    await page.getByRole('button', { name: tr(lang, 'statusPage.withdraw') }).click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await expectAccessible(page, 'withdraw confirmation');
    await page.getByRole('button', { name: tr(lang, 'common.cancel') }).click();
    await expect(status.locator('[data-status]')).toHaveText(statusWord(lang, 'registered'));

    // The cabinet lists the application.
    await page.getByRole('link', { name: tr(lang, 'common.toCabinet') }).click();
    await expect(page.locator('.applications')).toContainText(statusWord(lang, 'registered'));

    // Forgotten password: own PIN and e-mail, a link, a new password, sign in with it.
    await page.getByRole('button', { name: tr(lang, 'nav.signOut') }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: tr(lang, 'signIn.title') }),
    ).toBeVisible();
    await expectAccessible(page, 'sign in');
    await page.getByRole('link', { name: tr(lang, 'signIn.toForgot') }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: tr(lang, 'forgot.title') }),
    ).toBeVisible();
    await expectAccessible(page, 'forgotten password');
    await page.getByLabel(tr(lang, 'field.ownPin'), { exact: true }).fill(family.parentPin);
    await page.getByLabel(tr(lang, 'field.email'), { exact: true }).fill(email);
    await page.getByRole('button', { name: tr(lang, 'forgot.submit') }).click();
    await expect(page.getByText(tr(lang, 'forgot.sent'))).toBeVisible();
    const [resetLink] = await waitForMail(STAGE1_MAIL(), email, PASSWORD_LINK, seen);
    await page.goto(resetLink);
    await expect(
      page.getByRole('heading', { level: 1, name: tr(lang, 'setPassword.resetTitle') }),
    ).toBeVisible();
    await page.getByLabel(tr(lang, 'field.newPassword'), { exact: true }).fill('second-password-2');
    await page
      .getByLabel(tr(lang, 'field.confirmPassword'), { exact: true })
      .fill('second-password-2');
    await page.getByRole('button', { name: tr(lang, 'setPassword.submit') }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: tr(lang, 'cabinet.title') }),
    ).toBeVisible();
    await page.getByRole('button', { name: tr(lang, 'nav.signOut') }).click();

    await page.getByLabel(tr(lang, 'field.login'), { exact: true }).fill(email);
    await page.getByLabel(tr(lang, 'field.password'), { exact: true }).fill('first-password-1');
    await page.getByRole('button', { name: tr(lang, 'signIn.submit') }).click();
    await expect(page.getByText(tr(lang, 'error.bad_credentials'))).toBeVisible();
    await page.getByLabel(tr(lang, 'field.password'), { exact: true }).fill('second-password-2');
    await page.getByRole('button', { name: tr(lang, 'signIn.submit') }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: tr(lang, 'cabinet.title') }),
    ).toBeVisible();
    await expect(page.locator('.applications')).toContainText(statusWord(lang, 'registered'));
  });

  test(`stage 2: the last seat goes first to another family -> refused in words (${lang})`, async ({
    page,
  }, info) => {
    const i = slot(info.project.name, lang);
    const family = stage2Families[i];
    const email = `s2-${info.project.name}-${lang}@example.kg`;
    const base = STAGE2();
    await registerAndSetPassword(page, {
      base,
      mailDir: STAGE2_MAIL(),
      lang,
      family,
      email,
      password: 'stage-two-password',
      seen: new Set(),
    });
    await addChild(page, lang, family);
    await page.getByRole('link', { name: tr(lang, 'cabinet.apply') }).click();
    await expect(page.getByText(tr(lang, 'apply.stage2Intro'))).toBeVisible();
    await expect(page.getByRole('search')).toBeVisible();
    await expectAccessible(page, 'apply, stage 2');

    // Another family, through the API, finds a stream with free seats; the district's
    // officer (a desktop, over the sync protocol) sets its quota so one seat is left.
    const other = await new ApiParent(
      base,
      STAGE2_MAIL(),
      stage2Families[6 + i],
      `other-${i}@example.kg`,
    ).signUp();
    const { schools } = await other.schools();
    const target = schools
      .flatMap((school) => school.streams.filter((st) => st.free > 0).map((st) => ({ school, st })))
      .at(0);
    expect(target, 'a stream with a free seat').toBeDefined();
    const { school, st } = target!;
    await setQuota(base, school.schoolId, st.language, st.quota - st.free + 1);
    try {
      await lastSeatGoesToTheOther(page, lang, other, school, st);
    } finally {
      // The runs share one campaign: give the stream its seats back, one more than it had,
      // so the next run (another language or size) still finds a stream with a free seat.
      await setQuota(base, school.schoolId, st.language, st.quota + 1);
    }
  });
}

async function lastSeatGoesToTheOther(
  page: Page,
  lang: Lang,
  other: ApiParent,
  school: { schoolId: string; name: string },
  st: { language: string },
): Promise<void> {
  // The parent finds the school by name and chooses the stream while it has its last seat ...
  await page.getByLabel(tr(lang, 'apply.search')).fill(school.name);
  const radio = page.locator(`input[type=radio][id="${school.schoolId}-${st.language}"]`);
  await expect(radio).toBeVisible();
  await radio.check();
  // ... and meanwhile the other family takes it.
  expect((await other.apply(school.schoolId, st.language)).status).toBe('registered');
  await page.getByRole('button', { name: tr(lang, 'apply.submit') }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: tr(lang, 'statusPage.title') }),
  ).toBeVisible();
  await expect(page.getByTestId('status').locator('[data-status]')).toHaveText(
    statusWord(lang, 'refused'),
  );
  const text = page.getByTestId('status-text');
  await expect(text).toContainText(refusalWords(lang, 'no_free_seats'));
  await expect(text).toContainText(tr(lang, 'reasonNext.no_free_seats'));
  await expectAccessible(page, 'status: refused');
}

test('pages a visitor can reach are accessible: sign in, an unknown page, a used link', async ({
  page,
}) => {
  await page.goto(`${STAGE1()}/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible(page, 'start page');
  await page.goto(`${STAGE1()}/no-such-page`);
  await expect(
    page.getByRole('heading', { level: 1, name: tr('ky', 'notFound.title') }),
  ).toBeVisible();
  await expectAccessible(page, 'not found');
  await page.goto(`${STAGE1()}/password?token=${'x'.repeat(43)}`);
  await expect(
    page.getByRole('heading', { level: 1, name: tr('ky', 'setPassword.invalidTitle') }),
  ).toBeVisible();
  await expectAccessible(page, 'invalid link');
});
