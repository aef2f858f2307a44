// Command-line flags of the harness: --port N, --data-dir DIR, --store demo|real.
import type { StoreKind } from '../../shared/ipc/contract';

export interface HarnessArgs {
  port: number;
  dataDir: string | null;
  store: StoreKind;
}

export function parseHarnessArgs(argv: readonly string[], env: NodeJS.ProcessEnv): HarnessArgs {
  const args: HarnessArgs = {
    port: portFrom(env.KABYL_PORT || '0', 'KABYL_PORT'),
    dataDir: env.KABYL_DATA_DIR || null,
    store: 'demo',
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--port') args.port = portFrom(value(), '--port');
    else if (flag === '--data-dir') args.dataDir = value();
    else if (flag === '--store') {
      const v = value();
      if (v !== 'demo' && v !== 'real') throw new Error(`--store: expected demo or real, got ${v}`);
      args.store = v;
    } else
      throw new Error(
        `unknown flag ${flag} (expected --port N, --data-dir DIR, --store demo|real)`,
      );
  }
  return args;
}

function portFrom(text: string, what: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535)
    throw new Error(`${what}: expected a port number 0-65535, got ${text}`);
  return n;
}
