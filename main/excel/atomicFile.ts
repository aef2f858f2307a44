// A workbook appears under its name only once it is complete: it is written
// to NAME.tmp and renamed, so a crash or a bad input never leaves a
// half-written file where a user would open it.
import { rename, rm } from 'node:fs/promises';

export async function writeAtomically<T>(
  path: string,
  write: (tmpPath: string) => Promise<T>,
): Promise<T> {
  const tmp = `${path}.tmp`;
  try {
    const result = await write(tmp);
    await rename(tmp, path);
    return result;
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
