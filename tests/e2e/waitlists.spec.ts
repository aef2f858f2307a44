// R16 queues on the desktop: on a demo district with waitlists (a private
// harness), the officer reads each stream's queue in order with standing
// transfers marked, in Kyrgyz, Russian and English, and asks who a quota raise
// would place; the director sees their own school's queues only, and main
// refuses them another school's through the same door the renderer uses.
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { LOCALES, type Lang, callApi, cardNumber, chooseLanguage, signIn } from './support/app';
import { startPrivateHarness, type PrivateHarness } from './support/privateHarness';

type Entry = {
  position: number;
  applicationId: string;
  childName: string;
  kind: 'wait' | 'transfer';
};
type Stream = { language: string; quota: number; occupied: number; free: number; entries: Entry[] };
type List = {
  enabled: boolean;
  open: boolean;
  schools: {
    schoolId: string;
    name: string;
    streams: { language: string; quota: number; occupied: number; waitlist: number }[];
  }[];
  school: { schoolId: string; name: string; streams: Stream[] } | null;
};
type WhatIf = {
  placed: { applicationId: string; childName: string; kind: string }[];
  queuesOpen: boolean;
  quotaAfter: number;
};
type Strings = {
  waitlists: { title: string; whatIf: { summary: string } };
  queueEntryKind: Record<string, string>;
  totals: Record<string, string>;
};

const LANGS: Lang[] = ['ky', 'ru', 'en'];
const words = (lang: Lang) => LOCALES[lang] as unknown as Strings;

let harness: PrivateHarness;
/** every school of the campaign, as the officer's list gave them */
let districtSchools: string[] = [];
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(240_000);
  harness = await startPrivateHarness({ KABYL_DEMO_WAITLIST: '1' });
});
test.afterAll(async () => {
  await harness?.close();
});

async function openQueues(page: Page, role: 'district' | 'director'): Promise<void> {
  await page.goto(harness.url);
  await signIn(page, role);
  await page.locator('a[data-nav="waitlists"]').click();
  await expect(page.getByTestId('waitlists-page')).toBeVisible();
}

async function list(page: Page, request: object = {}): Promise<List> {
  const r = await callApi<List>(page, 'waitlists.list', request);
  expect(r.ok, JSON.stringify(r.error)).toBe(true);
  return r.value!;
}

/** The table of one stream on screen, checked row by row against main's answer. */
async function expectQueueShown(
  page: Page,
  schoolId: string,
  stream: Stream,
  lang: Lang,
): Promise<void> {
  const section = page.locator(
    `[data-testid="queue-stream"][data-stream="${schoolId}/${stream.language}"]`,
  );
  const rows = section.locator('tbody tr[data-application-id]');
  await expect(rows).toHaveCount(stream.entries.length);
  const ids = await rows.evaluateAll((trs) =>
    trs.map((tr) => tr.getAttribute('data-application-id')),
  );
  expect(ids).toEqual(stream.entries.map((e) => e.applicationId));
  for (const [i, e] of stream.entries.slice(0, 5).entries()) {
    const row = rows.nth(i);
    await expect(row.locator('td').nth(1)).toHaveText(e.childName);
    await expect(row.locator('td').nth(2)).toHaveText(words(lang).queueEntryKind[e.kind]!);
  }
}

test("officer: each stream's queue in order, standing transfers marked, in ky, ru and en", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openQueues(page, 'district');
  const first = await list(page);
  districtSchools = first.schools.map((s) => s.schoolId);
  expect(districtSchools.length).toBeGreaterThan(1);
  expect(first.enabled).toBe(true);
  expect(first.open).toBe(true);
  // A school whose queues hold a standing transfer, if the demo has one; else the default school.
  let chosen = first;
  for (const s of first.schools.filter((x) => x.streams.some((y) => y.waitlist > 0))) {
    const l = await list(page, { schoolId: s.schoolId });
    if (l.school!.streams.some((x) => x.entries.some((e) => e.kind === 'transfer'))) {
      chosen = l;
      break;
    }
  }
  const school = chosen.school!;
  expect(school.streams.some((s) => s.entries.length > 0)).toBe(true);
  await page.getByTestId('waitlists-school').selectOption(school.schoolId);
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.locator('h1')).toHaveText(words(lang).waitlists.title);
    for (const stream of school.streams)
      await expectQueueShown(page, school.schoolId, stream, lang);
  }
  // The demo's parents ask for transfers too: a standing request is on screen, marked.
  const transfer = school.streams.flatMap((s) => s.entries).find((e) => e.kind === 'transfer')!;
  expect(transfer).toBeTruthy();
  await expect(page.locator(`tr[data-application-id="${transfer.applicationId}"]`)).toHaveAttribute(
    'data-kind',
    'transfer',
  );
  await expect(
    page.locator(`tr[data-application-id="${transfer.applicationId}"] td`).nth(3),
  ).not.toHaveText('—');
});

test('officer: a quota raise shows who the queue would place, and writes nothing', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openQueues(page, 'district');
  const all = await list(page);
  // A stream with a queue that a raise of 2 seats reaches (an overflowing stream may stay full).
  const target = all.schools
    .flatMap((s) => s.streams.map((x) => ({ schoolId: s.schoolId, ...x })))
    .find((x) => x.waitlist > 0 && x.quota + 2 > x.occupied)!;
  expect(target).toBeTruthy();
  const before = (await callApi<{ totals: { events: number } }>(page, 'dashboard.get')).value!
    .totals.events;
  await page.getByTestId('waitlists-school').selectOption(target.schoolId);
  const section = page.locator(
    `[data-testid="queue-stream"][data-stream="${target.schoolId}/${target.language}"]`,
  );
  await section.getByTestId('what-if-add').fill('2');
  await section.getByTestId('what-if-run').click();
  const result = section.getByTestId('what-if-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  const expected = (
    await callApi<WhatIf>(page, 'waitlists.whatIf', {
      schoolId: target.schoolId,
      language: target.language,
      add: 2,
    })
  ).value!;
  expect(expected.queuesOpen).toBe(true);
  expect(expected.placed.length).toBeGreaterThan(0);
  await expect(result).toHaveAttribute('data-placed', String(expected.placed.length));
  const rows = result.locator('tbody tr[data-application-id]');
  expect(
    await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-application-id'))),
  ).toEqual(expected.placed.map((p) => p.applicationId));
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    const summary = words(lang)
      .waitlists.whatIf.summary.replace('{{before}}', String(target.quota))
      .replace('{{after}}', String(expected.quotaAfter))
      .replace('{{count}}', String(expected.placed.length));
    await expect(result.locator('.queue-what-if-summary')).toHaveText(summary);
    await expect(rows.first().locator('td').first()).toHaveText(expected.placed[0]!.childName);
  }
  const after = (await callApi<{ totals: { events: number } }>(page, 'dashboard.get')).value!.totals
    .events;
  expect(after).toBe(before);
  // Another school's streams start without this answer.
  const elsewhere = all.schools.find((x) => x.schoolId !== target.schoolId)!;
  await page.getByTestId('waitlists-school').selectOption(elsewhere.schoolId);
  await expect(page.locator(`[data-stream^="${elsewhere.schoolId}/"]`).first()).toBeVisible();
  await expect(page.getByTestId('what-if-result')).toHaveCount(0);
  // The dashboard counts the district's queues: entries, and streams with a queue.
  const streams = all.schools.flatMap((x) => x.streams);
  const entries = streams.reduce((sum, x) => sum + x.waitlist, 0);
  await page.locator('a[data-nav="dashboard"]').click();
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    const card = page.getByTestId('total-waitlistEntries');
    await expect(card.locator('.card-label')).toHaveText(words(lang).totals.waitlistEntries!);
  }
  expect(await cardNumber(page, 'total-waitlistEntries')).toBe(entries);
  expect(await cardNumber(page, 'total-waitlistStreams')).toBe(
    streams.filter((x) => x.waitlist > 0).length,
  );
});

test("director: their own school's queues only; another school's is refused by main", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openQueues(page, 'director');
  const own = await list(page);
  expect(own.schools).toHaveLength(1);
  const school = own.school!;
  expect(own.schools[0]!.schoolId).toBe(school.schoolId);
  await expect(page.getByTestId('waitlists-school')).toHaveCount(0);
  await expect(page.locator('[data-testid="queue-stream"]')).toHaveCount(school.streams.length);
  await expect(page.getByTestId('queue-what-if')).toHaveCount(0);
  for (const lang of LANGS) {
    await chooseLanguage(page, lang);
    await expect(page.locator('h1')).toHaveText(words(lang).waitlists.title);
    for (const stream of school.streams)
      await expectQueueShown(page, school.schoolId, stream, lang);
  }
  // Another school of the district (the officer's tests saw them all), named through
  // the bridge as a tampered renderer would.
  const other = districtSchools.find((id) => id !== school.schoolId)!;
  expect(other).toBeTruthy();
  const foreign = await callApi<List>(page, 'waitlists.list', { schoolId: other });
  expect(foreign.ok).toBe(false);
  expect(foreign.error?.code).toBe('forbidden');
  const raise = await callApi(page, 'waitlists.whatIf', {
    schoolId: school.schoolId,
    language: 'ky',
    add: 1,
  });
  expect(raise.error?.code).toBe('forbidden');
  // The dashboard's queue figures are the school's own.
  await page.locator('a[data-nav="dashboard"]').click();
  const queued = school.streams.reduce((n, s) => n + s.entries.length, 0);
  await expect(page.getByTestId('total-waitlistEntries').locator('.card-value')).toHaveText(
    String(queued),
  );
});
