// The preload runs sandboxed with context isolation: it exposes exactly one frozen
// object, window.api, with one function per contract channel. The page never sees
// ipcRenderer, and can only reach the channels the contract lists.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, type DistrictApi } from '../shared/ipc/contract';
import { ipcChannelName } from '../shared/ipc/names';

const api = Object.fromEntries(
  CHANNELS.map((channel) => [
    channel,
    (request: unknown) => ipcRenderer.invoke(ipcChannelName(channel), request),
  ]),
) as unknown as DistrictApi;

contextBridge.exposeInMainWorld('api', Object.freeze(api));
