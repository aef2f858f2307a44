// Issue 12, item 5, on screen: the store file's chain is rewritten from one event
// on, every later hash and the head recomputed, so the file agrees with itself.
// The audit's verify compares it with the head the app recorded outside the file
// and says, in the user's language, from where the log was rewritten.
import { createHash } from 'node:crypto';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { test, expect } from './support/fixtures';
import { LOCALES, chooseLanguage, signIn } from './support/app';
import { startPrivateHarness, type PrivateHarness } from './support/privateHarness';

let harness: PrivateHarness;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  harness = await startPrivateHarness();
});
test.afterAll(async () => {
  await harness?.close();
});

/** What someone with the file does: change event `from`, recompute every later hash and the head. */
async function rewriteFrom(file: string, from: number): Promise<void> {
  const db = new sqlite3.Database(file);
  const all = <T>(sql: string) =>
    new Promise<T[]>((resolve, reject) =>
      db.all(sql, (e, rows) => (e ? reject(e) : resolve(rows as T[]))),
    );
  const run = (sql: string, params: unknown[] = []) =>
    new Promise<void>((resolve, reject) => db.run(sql, params, (e) => (e ? reject(e) : resolve())));
  try {
    await run('PRAGMA busy_timeout = 10000');
    await run('BEGIN IMMEDIATE');
    await run('DROP TRIGGER event_no_update');
    const rows = await all<{ seq: number; body: string; hash: string }>(
      `SELECT seq, body, hash FROM event WHERE seq >= ${from - 1} ORDER BY seq`,
    );
    let prev = rows[0].hash;
    for (const r of rows.slice(1)) {
      const body = r.seq === from ? r.body.replace('{', '{ ') : r.body;
      prev = createHash('sha256').update(prev).update(body).digest('hex');
      await run('UPDATE event SET body = ?, hash = ? WHERE seq = ?', [body, prev, r.seq]);
    }
    await run('UPDATE log_head SET hash = ? WHERE id = 1', [prev]);
    await run(
      `CREATE TRIGGER "event_no_update" BEFORE UPDATE ON "event" BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`,
    );
    await run('COMMIT');
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

test('officer: verify reports a store whose chain was rewritten, against the head kept outside the file', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto(harness.url);
  await signIn(page, 'district');
  await chooseLanguage(page, 'ru');
  const au = (LOCALES.ru as unknown as Record<string, Record<string, string>>).audit;

  await page.locator('a[data-nav="audit"]').click();
  await page.getByTestId('verify-button').click();
  await expect(page.getByTestId('verify-chain')).toContainText(au.chainIntact.split('{{n}}')[0], {
    timeout: 120_000,
  });
  // The harness has no safeStorage: the record is the plain 0600 file, and the page says it is weaker.
  await expect(page.getByTestId('verify-anchor')).toHaveText(au.anchorAgreesWeak);

  await rewriteFrom(path.join(harness.dataDir, 'demo.sqlite'), 100);
  await page.getByTestId('verify-button').click();
  const chain = page.getByTestId('verify-chain');
  await expect(chain).toContainText(au.chainRewritten.split('{{seq}}')[0], { timeout: 120_000 });
  const text = await chain.innerText();
  const [, seq, upTo] = /№\s(\d+)[^№]*№\s(\d+)/.exec(text)!;
  expect(Number(seq)).toBeLessThanOrEqual(100);
  expect(Number(upTo)).toBeGreaterThanOrEqual(100);
  await expect(page.getByTestId('verify-anchor')).toHaveCount(0);
});
