// The first-start choice (demo or real district) lives beside the stores, not in
// either of them: it decides which store to open.
import { readFile, rename, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { StoreKind } from '../../shared/ipc/contract';

const FILE = 'kabyl-app.json';

export async function readChoice(dataDir: string): Promise<StoreKind | null> {
  try {
    const parsed = JSON.parse(await readFile(path.join(dataDir, FILE), 'utf8')) as {
      chosen?: unknown;
    };
    return parsed.chosen === 'demo' || parsed.chosen === 'real' ? parsed.chosen : null;
  } catch {
    return null;
  }
}

export async function writeChoice(dataDir: string, chosen: StoreKind): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const tmp = path.join(dataDir, `${FILE}.${process.pid}.tmp`);
  await writeFile(tmp, JSON.stringify({ chosen }) + '\n');
  await rename(tmp, path.join(dataDir, FILE));
}
