// The Electron main process: thin lifecycle and window code. Everything the page can
// ask goes through the same dispatcher as the harness, one ipcMain handler per
// contract channel, with a session per webContents.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  safeStorage,
  session,
  webContents,
  type WebContents,
} from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHANNELS } from '../../shared/ipc/contract';
import { ipcChannelName } from '../../shared/ipc/names';
import { sessionPolicyFromEnv } from '../auth/session';
import { CSP } from '../ipc/security';
import {
  acceptIpcSender,
  allowNavigation,
  allowPermission,
  isDevToolsShortcut,
  menuTemplate,
  type RendererPlace,
} from './guards';
import { KabylApp } from '../app/kabylApp';
import { printToPdf } from './print';
import {
  chainAnchorIn,
  createStoreFactory,
  tokenVaultIn,
  defaultDataDir,
} from '../app/storeAdapter';

// dist/main/electron.cjs -> dist/renderer, dist/preload.cjs
const distDir = path.join(__dirname, '..');
const rendererIndex = path.join(distDir, 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;
const rendererRoot = pathToFileURL(path.join(distDir, 'renderer') + path.sep).href;
const place: RendererPlace = { index: rendererUrl, root: rendererRoot };

let kabyl: KabylApp | null = null;

if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', () => {
  const win = BrowserWindow.getAllWindows()[0];
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

// No page of ours ever opens another window or navigates away, nor does a frame in
// it; a redirect is a navigation too. Deny it for every webContents (guards.ts).
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!allowNavigation(event.url, event.isMainFrame, place)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!allowNavigation(event.url, event.isMainFrame, place)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!allowNavigation(event.url, event.isMainFrame, place)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (app.isPackaged) {
    // No DevTools in the installed app: not from the menu (there is none), not by shortcut.
    contents.on('before-input-event', (event, input) => {
      if (isDevToolsShortcut(input)) event.preventDefault();
    });
    contents.on('devtools-opened', () => contents.closeDevTools());
  }
});

app.whenReady().then(async () => {
  const dataDir = process.env.KABYL_DATA_DIR || defaultDataDir(app.getPath('userData'));
  kabyl = await KabylApp.start(
    {
      dataDir,
      shell: 'electron',
      version: app.getVersion(),
      electronVersion: process.versions.electron ?? null,
      // Chain heads recorded outside the store, encrypted for this OS user (docs/security.md).
      stores: createStoreFactory({
        anchor: chainAnchorIn(dataDir, safeStorage),
        tokenVault: tokenVaultIn(dataDir, safeStorage),
      }),
      sessionPolicy: sessionPolicyFromEnv(),
      canPrintToPdf: true,
      // Sessions are keyed `wc:<webContents id>` (sessionOf below): print exactly the caller's window.
      printToPdf: async (callerId, suggestedName) => {
        const contents = /^wc:\d+$/.test(callerId)
          ? webContents.fromId(Number(callerId.slice(3)))
          : undefined;
        if (!contents || contents.isDestroyed())
          throw new Error(`print.pdf: no window for caller ${callerId}`);
        return printToPdf(contents, suggestedName);
      },
      chooseFile: async () => {
        const win = BrowserWindow.getFocusedWindow();
        const options = {
          properties: ['openFile' as const],
          filters: [{ name: 'Kabyl log (JSON Lines)', extensions: ['jsonl'] }],
        };
        const picked = win
          ? await dialog.showOpenDialog(win, options)
          : await dialog.showOpenDialog(options);
        return picked.canceled || picked.filePaths.length === 0 ? null : picked.filePaths[0];
      },
    },
    // A development run (`npm start`) opens straight into the demo; the installed app asks first.
    app.isPackaged ? 'ask' : 'demo',
  );
  const current = kabyl;

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  // Nothing remote is ever loaded: refuse every request that is not our own files.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const ok =
      details.url.startsWith(rendererRoot) ||
      details.url.startsWith('devtools://') ||
      details.url.startsWith('data:') ||
      details.url.startsWith('blob:');
    callback({ cancel: !ok });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(allowPermission(permission, details.requestingUrl, place)),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    allowPermission(permission, details.requestingUrl ?? requestingOrigin, place),
  );
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        app.isPackaged,
        process.platform === 'darwin',
      ) as Electron.MenuItemConstructorOptions[],
    ),
  );

  for (const channel of CHANNELS) {
    ipcMain.handle(ipcChannelName(channel), (event, request: unknown) => {
      // Only the main frame of our own page: not an iframe, not a page navigated elsewhere.
      if (!acceptIpcSender(event.senderFrame, event.sender.mainFrame, place)) {
        return {
          ok: false,
          error: { code: 'forbidden', message: 'IPC from a frame that is not the Kabyl renderer' },
        };
      }
      return current.dispatch(channel, request, sessionOf(current, event.sender));
    });
  }

  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

/** webContents whose session is dropped when they are destroyed. */
const tracked = new Set<number>();

function sessionOf(current: KabylApp, contents: WebContents) {
  const id = `wc:${contents.id}`;
  if (!tracked.has(contents.id)) {
    tracked.add(contents.id);
    contents.once('destroyed', () => {
      tracked.delete(contents.id);
      current.sessions.drop(id);
    });
  }
  return current.sessions.get(id);
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'Kabyl',
    show: false,
    webPreferences: {
      preload: path.join(distDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(rendererIndex);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !kabyl) return;
  // Let a running import commit or roll back and the store close cleanly first.
  event.preventDefault();
  quitting = true;
  kabyl.close().finally(() => app.quit());
});
