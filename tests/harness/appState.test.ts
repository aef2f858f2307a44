// The app's per-app state is explicit (report jobs, workbook and attachment
// uploads are fields of KabylApp, not module-level maps), and the app waits for
// its report jobs as it does for imports: close() lets a running export finish
// before the store it reads closes, and a store switch refuses while one runs.
import { afterEach, describe, expect, it } from 'vitest';
import { districtFixture, type DistrictFixture } from '../ipc/districtFixture';
import { campaignFixture } from '../reports/campaignFixture';

type Job = { jobId: string; state: string; error: string | null };

describe('KabylApp per-app state', () => {
  let f: DistrictFixture | null = null;
  afterEach(async () => {
    await f?.close();
    f = null;
  });

  async function startExport(fixture: DistrictFixture): Promise<{ job: Job; userId: string }> {
    const officer = await fixture.signedIn('officer');
    const r = await fixture.call('reports.export', { report: 'applications', lang: 'ru' }, officer);
    if (!r.ok) throw new Error(r.error.message);
    return { job: r.value as Job, userId: officer.user!.userId };
  }

  it('close() waits for a running report export, which finishes rather than failing', async () => {
    f = await districtFixture(campaignFixture());
    const { job, userId } = await startExport(f);
    expect(job.state).toBe('running');
    const app = f.app;
    // Note the export's state at the moment the store it reads is closed.
    const store = app.store!;
    const closeStore = store.close.bind(store);
    let atStoreClose = 'not closed';
    store.close = async () => {
      atStoreClose = app.reportJobs.get(userId, job.jobId).state;
      await closeStore();
    };
    await app.close();
    expect(atStoreClose).toBe('done');
    const after = app.reportJobs.get(userId, job.jobId);
    expect(after.error).toBeNull();
    expect(after.state).toBe('done');
    expect(app.store).toBeNull();
  });

  it('a store switch refuses while an export runs, with a sentence, and works once it is done', async () => {
    f = await districtFixture(campaignFixture());
    const { job } = await startExport(f);
    await expect(f.app.useStore('real')).rejects.toThrow(/a report export is running/);
    expect(f.app.store).not.toBeNull();
    await f.app.reportJobs.settle(job.jobId);
    const reopened = await f.app.useStore('real');
    expect(f.app.store).toBe(reopened);
  });

  it('each app holds its own uploads, and close() lets them go', async () => {
    f = await districtFixture();
    const other = await districtFixture();
    try {
      const officer = await f.signedIn('officer');
      const up = await f.call(
        'excelImport.upload',
        { name: 'district.xlsx', chunk: 'UEsDBA==', done: false },
        officer,
      );
      expect(up.ok).toBe(true);
      expect(f.app.workbookUploads.size).toBe(1);
      expect(other.app.workbookUploads.size).toBe(0);
      const { uploadId } = (up as { value: { uploadId: string } }).value;
      const elsewhere = await other.call(
        'excelImport.preview',
        { uploadId },
        await other.signedIn('officer'),
      );
      expect(elsewhere.ok ? 'ok' : elsewhere.error.code).toBe('not_found');
      await f.app.close();
      expect(f.app.workbookUploads.size).toBe(0);
    } finally {
      await other.close();
    }
  });
});
