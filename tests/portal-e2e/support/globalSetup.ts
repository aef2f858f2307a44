// Starts the two servers every journey uses and hands their URLs to the workers; the
// returned function stops them when the run ends.
import { startPortalServer } from './portalServer';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const port = Number(process.env.KABYL_PORTAL_E2E_PORT ?? 5641);
  const [stage1, stage2] = await Promise.all([
    // Stage 1 just opened: the generated campaign up to its opening, no application decided yet.
    startPortalServer({
      port,
      until: '2026-04-11T09:00:00+06:00',
      clock: '2026-04-11T09:05:00+06:00',
    }),
    // Stage 2 under way: the generated campaign up to 10 July, with most seats taken.
    startPortalServer({
      port: port + 1,
      until: '2026-07-10T12:00:00+06:00',
      clock: '2026-07-10T12:05:00+06:00',
    }),
  ]);
  process.env.KABYL_PORTAL_E2E_STAGE1 = stage1.url;
  process.env.KABYL_PORTAL_E2E_STAGE1_MAIL = stage1.mailDir;
  process.env.KABYL_PORTAL_E2E_STAGE2 = stage2.url;
  process.env.KABYL_PORTAL_E2E_STAGE2_MAIL = stage2.mailDir;
  return async () => {
    await Promise.all([stage1.close(), stage2.close()]);
  };
}
