// Where the store files live: the user's app-data folder, or KABYL_DATA_DIR (tests, portable use).
import { homedir } from 'node:os';
import path from 'node:path';

export const DATA_DIR_ENV = 'KABYL_DATA_DIR';
const APP_FOLDER = 'Kabyl';

export interface DataDirEnvironment {
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  home?: string;
}

/**
 * KABYL_DATA_DIR if set; else Electron's app.getPath('userData') when the
 * caller has it; else the OS's per-user application data folder.
 */
export function resolveDataDir(electronUserData?: string, where: DataDirEnvironment = {}): string {
  const env = where.env ?? process.env;
  const fromEnv = env[DATA_DIR_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return path.resolve(fromEnv);
  if (electronUserData) return electronUserData;
  const platform = where.platform ?? process.platform;
  const home = where.home ?? homedir();
  if (platform === 'win32') {
    return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  }
  if (platform === 'darwin')
    return path.posix.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), APP_FOLDER);
}

/** A real district and the demo never share a file. */
export type StoreKind = 'real' | 'demo';

export function storeFile(kind: StoreKind, dataDir: string = resolveDataDir()): string {
  return path.join(dataDir, kind === 'demo' ? 'demo.sqlite' : 'district.sqlite');
}
