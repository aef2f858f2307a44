// Starts the two servers every journey uses and hands their URLs to the workers; the
// returned function stops them when the run ends.
import { STAGE1_CUT, STAGE2_CUT } from './campaign';
import { type PortalServer, startPortalServer } from './portalServer';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const port = Number(process.env.KABYL_PORTAL_E2E_PORT ?? 5641);
  const started = await Promise.allSettled([
    // Stage 1 just opened: the generated campaign up to its opening, no application decided yet.
    startPortalServer({
      port,
      until: STAGE1_CUT,
      clock: '2026-04-11T09:05:00+06:00',
    }),
    // Stage 2 just opened: stage 1 has filled most streams, a few have seats left.
    startPortalServer({
      port: port + 1,
      until: STAGE2_CUT,
      clock: '2026-06-27T09:05:00+06:00',
    }),
  ]);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    // The one that did start must not outlive the run.
    for (const s of started) if (s.status === 'fulfilled') await s.value.close();
    throw (failed as PromiseRejectedResult).reason;
  }
  const [stage1, stage2] = started.map((s) => (s as PromiseFulfilledResult<PortalServer>).value);
  process.env.KABYL_PORTAL_E2E_STAGE1 = stage1.url;
  process.env.KABYL_PORTAL_E2E_STAGE1_MAIL = stage1.mailDir;
  process.env.KABYL_PORTAL_E2E_STAGE2 = stage2.url;
  process.env.KABYL_PORTAL_E2E_STAGE2_MAIL = stage2.mailDir;
  process.env.KABYL_PORTAL_E2E_STAGE2_DISTRICT_TOKEN = stage2.districtToken;
  return async () => {
    await Promise.all([stage1.close(), stage2.close()]);
  };
}
