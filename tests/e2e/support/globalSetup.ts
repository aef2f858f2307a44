// Records the shared demo's log head (see sharedDemo.ts); the web servers have
// started and built the demo before global setup runs.
import { logHead, sharedDemoFile } from './sharedDemo';

export default async function globalSetup(): Promise<void> {
  const dir = process.env.KABYL_E2E_DATA_DIR;
  if (!dir || process.env.KABYL_E2E_ELECTRON === '1') return;
  const head = await logHead(sharedDemoFile(dir));
  if (head === null) throw new Error(`the shared demo store is missing: ${sharedDemoFile(dir)}`);
  process.env.KABYL_E2E_DEMO_HEAD = head;
}
