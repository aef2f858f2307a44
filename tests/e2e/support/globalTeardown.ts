// The data dir holds a whole demo district (made-up, but person-shaped data):
// leave nothing behind in /tmp.
import { rmSync } from 'node:fs';

export default function globalTeardown(): void {
  const dir = process.env.KABYL_E2E_DATA_DIR;
  if (dir && /kabyl-e2e-/.test(dir)) rmSync(dir, { recursive: true, force: true });
}
