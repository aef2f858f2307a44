// Fails the run if a spec wrote to the shared demo (sharedDemo.ts), then leaves
// nothing behind in /tmp: the data dir holds a whole demo district (made-up, but
// person-shaped data).
import { rmSync } from 'node:fs';
import { logHead, sharedDemoFile } from './sharedDemo';

export default async function globalTeardown(): Promise<void> {
  const dir = process.env.KABYL_E2E_DATA_DIR;
  try {
    const before = process.env.KABYL_E2E_DEMO_HEAD;
    if (dir && before) {
      const after = await logHead(sharedDemoFile(dir));
      if (after !== before) {
        throw new Error(
          `a spec wrote to the shared demo (log head ${before} became ${after}): ` +
            'a spec that writes must start its own harness (tests/e2e/support/privateHarness.ts)',
        );
      }
    }
  } finally {
    if (dir && /kabyl-e2e-/.test(dir)) rmSync(dir, { recursive: true, force: true });
  }
}
