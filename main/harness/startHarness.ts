// Starts the app services and the bridge in this process; tests call it directly
// (port 0, a temp data dir), the harness entry point calls it with the CLI flags.
import type { StoreKind } from '../../shared/ipc/contract';
import { sessionPolicyFromEnv } from '../auth/session';
import { KabylApp, type StartWith } from '../app/kabylApp';
import {
  chainAnchorIn,
  createStoreFactory,
  tokenVaultIn,
  defaultDataDir,
} from '../app/storeAdapter';
import { startBridge, type Bridge } from './bridge';

export interface HarnessOptions {
  port: number;
  dataDir: string | null;
  store: StoreKind | 'ask';
  rendererDir: string;
  secret?: string;
  version?: string;
}

export interface Harness {
  app: KabylApp;
  bridge: Bridge;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const app = await KabylApp.start(
    {
      dataDir,
      shell: 'harness',
      version: options.version ?? '0.0.0',
      stores: createStoreFactory({
        anchor: chainAnchorIn(dataDir),
        tokenVault: tokenVaultIn(dataDir),
      }),
      sessionPolicy: sessionPolicyFromEnv(),
    },
    options.store as StartWith,
  );
  let bridge: Bridge;
  try {
    bridge = await startBridge({
      dispatch: app.dispatch,
      sessions: app.sessions,
      rendererDir: options.rendererDir,
      port: options.port,
      secret: options.secret,
    });
  } catch (e) {
    await app.close();
    throw e;
  }
  return {
    app,
    bridge,
    async close() {
      await bridge.close();
      await app.close();
    },
  };
}
