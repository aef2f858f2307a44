// Connecting a district's store to the central server (docs/sync.md, "The
// desktop"): the server is checked first (it answers as a /v1 server), the
// store must be empty (a store filled from a file or the demo holds another
// log), the one-time code becomes a device token, the token goes into the
// vault and the server's address into the store. The first pull follows.
import type { Store } from '../store';
import { type ClientOptions, normaliseServerUrl, SyncClient, SyncError } from './client';
import type { TokenVault } from './tokenVault';

export interface ConnectRequest {
  serverUrl: string;
  code: string;
  deviceName: string;
}

export interface Connected {
  serverUrl: string;
  deviceId: string;
  districtId: string;
}

export class ConnectError extends Error {
  constructor(
    message: string,
    /** what the screen says: a bad URL, an unreachable server, a code it refused, a store that cannot connect */
    readonly code:
      'bad_url' | 'unreachable' | 'bad_code' | 'not_empty' | 'already_connected' | 'server',
  ) {
    super(message);
  }
}

export async function connectStore(
  store: Store,
  vault: TokenVault,
  req: ConnectRequest,
  clientOptions: ClientOptions = {},
): Promise<Connected> {
  let serverUrl: string;
  try {
    serverUrl = normaliseServerUrl(req.serverUrl);
  } catch (e) {
    throw new ConnectError((e as Error).message, 'bad_url');
  }
  if (await store.sync.state())
    throw new ConnectError('this district is already connected to a server', 'already_connected');
  // Checked before the code is spent: a refused store must not burn it.
  if ((await store.head()).seq > 0) {
    throw new ConnectError(
      'only an empty district store can connect: this one already holds a log',
      'not_empty',
    );
  }
  const anonymous = new SyncClient(serverUrl, null, clientOptions);
  try {
    await anonymous.health();
  } catch (e) {
    throw asConnectError(e, serverUrl);
  }
  let enrolled;
  try {
    enrolled = await anonymous.enrol(req.code.trim(), req.deviceName);
  } catch (e) {
    if (e instanceof SyncError && e.status === 401) {
      throw new ConnectError(
        'the server did not accept this enrolment code (unknown, used or expired)',
        'bad_code',
      );
    }
    throw asConnectError(e, serverUrl);
  }
  vault.save(enrolled.token);
  await store.sync.connect({
    serverUrl,
    deviceId: enrolled.deviceId,
    districtId: enrolled.districtId,
  });
  return { serverUrl, deviceId: enrolled.deviceId, districtId: enrolled.districtId };
}

function asConnectError(e: unknown, url: string): ConnectError {
  if (e instanceof SyncError && e.kind === 'offline')
    return new ConnectError(`${url} cannot be reached`, 'unreachable');
  return new ConnectError(
    `${url} did not answer as a Kabyl server: ${(e as Error).message}`,
    'server',
  );
}
