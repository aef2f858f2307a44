// The renderer's only door to main. Under Electron the preload has put the typed
// object on window.api; in a browser served by the harness, the same calls go over
// HTTP. Nothing else in the renderer knows which one it is talking to.
import type { DistrictApi } from '../../../shared/ipc/contract';
import { createHttpApi } from './httpTransport';

declare global {
  interface Window {
    api?: DistrictApi;
  }
}

export const api: DistrictApi = window.api ?? createHttpApi();

export type {
  DistrictApi,
  Result,
  ApiError,
  Res,
  Req,
  Channel,
} from '../../../shared/ipc/contract';
