// Issue 12, item 12: the Electron main process's guards, as pure functions (Electron
// itself cannot run on this machine): navigation and redirects, frame navigation,
// the IPC sender (main frame only), permissions, and a menu without DevTools.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  acceptIpcSender,
  allowNavigation,
  allowPermission,
  isDevToolsShortcut,
  isRendererUrl,
  menuTemplate,
  type MenuItem,
  type RendererPlace,
} from '../../main/electron/guards';

const place: RendererPlace = {
  index: 'file:///opt/Kabyl/resources/app.asar/dist/renderer/index.html',
  root: 'file:///opt/Kabyl/resources/app.asar/dist/renderer/',
};

describe('navigation guards (will-navigate, will-redirect, will-frame-navigate)', () => {
  it('let the main frame reload our index, with or without a route', () => {
    expect(allowNavigation(place.index, true, place)).toBe(true);
    expect(allowNavigation(`${place.index}#/audit`, true, place)).toBe(true);
  });

  it('refuse everything else: the web, other files, look-alike paths, subframes', () => {
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:4480/',
      'file:///etc/passwd',
      'file:///opt/Kabyl/resources/app.asar/dist/renderer/../../../../etc/passwd',
      'file:///opt/Kabyl/resources/app.asar/dist/renderer-evil/index.html',
      `${place.root}other.html`,
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'devtools://devtools/bundled/inspector.html',
    ]) {
      expect(allowNavigation(url, true, place), url).toBe(false);
    }
    expect(allowNavigation(place.index, false, place)).toBe(false);
  });

  it('a redirect (will-redirect) to a file of ours from elsewhere is still a navigation: only the index', () => {
    expect(allowNavigation(`${place.root}assets/index.js`, true, place)).toBe(false);
  });
});

describe('IPC sender check', () => {
  const main = { url: place.index, parent: null };

  it('accepts the main frame of our page', () => {
    expect(acceptIpcSender(main, main, place)).toBe(true);
    const routed = { url: `${place.index}#/registry`, parent: null };
    expect(acceptIpcSender(routed, routed, place)).toBe(true);
  });

  it('refuses an iframe, even one showing our own files', () => {
    const child = { url: place.index, parent: main };
    expect(acceptIpcSender(child, main, place)).toBe(false);
  });

  it('refuses a main frame that navigated elsewhere, and a missing frame', () => {
    const away = { url: 'https://evil.example/', parent: null };
    expect(acceptIpcSender(away, away, place)).toBe(false);
    const traversal = { url: `${place.root}../../../../../tmp/x.html`, parent: null };
    expect(acceptIpcSender(traversal, traversal, place)).toBe(false);
    expect(acceptIpcSender(null, main, place)).toBe(false);
    expect(acceptIpcSender(main, undefined, place)).toBe(false);
    // a frame object that merely looks like the main frame is not it
    expect(acceptIpcSender({ ...main }, main, place)).toBe(false);
  });

  it('resolves encoded separators and dot segments before comparing', () => {
    expect(isRendererUrl(`${place.root}%2e%2e/%2e%2e/secret.html`, place)).toBe(false);
    expect(isRendererUrl(`${place.root}assets%2f..%2f..%2fx`, place)).toBe(false);
    expect(
      isRendererUrl(
        'file://remote-host/opt/Kabyl/resources/app.asar/dist/renderer/index.html',
        place,
      ),
    ).toBe(false);
    expect(isRendererUrl(`${place.root}assets/index.js`, place)).toBe(true);
  });
});

describe('permissions (setPermissionCheckHandler and setPermissionRequestHandler)', () => {
  it('deny every web permission, to our page too', () => {
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'hid',
      'serial',
      'usb',
      'fullscreen',
      'openExternal',
      'pointerLock',
      'midi',
    ]) {
      expect(allowPermission(p, place.index, place), p).toBe(false);
    }
  });

  it('grant writing to the clipboard to our page only', () => {
    expect(allowPermission('clipboard-sanitized-write', place.index, place)).toBe(true);
    expect(allowPermission('clipboard-sanitized-write', 'https://evil.example/', place)).toBe(
      false,
    );
    expect(allowPermission('clipboard-sanitized-write', undefined, place)).toBe(false);
  });
});

describe('menu and DevTools', () => {
  const roles = (items: MenuItem[]): string[] =>
    items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])]);

  it('the packaged menu has no DevTools and no reload; a development run keeps them', () => {
    for (const mac of [false, true]) {
      const packaged = roles(menuTemplate(true, mac));
      expect(packaged).not.toContain('toggleDevTools');
      expect(packaged).not.toContain('reload');
      expect(packaged).not.toContain('forceReload');
      expect(packaged).toEqual(expect.arrayContaining(['editMenu', 'zoomIn', 'togglefullscreen']));
      expect(roles(menuTemplate(false, mac))).toContain('toggleDevTools');
    }
    const view = menuTemplate(true, false).find((i) => i.label === 'View')!;
    expect(view.submenu![0].type).not.toBe('separator');
  });

  it("Chromium's DevTools shortcuts are recognised (blocked in the packaged app)", () => {
    const key = (
      k: string,
      mods: Partial<{ control: boolean; meta: boolean; shift: boolean; alt: boolean }> = {},
    ) =>
      isDevToolsShortcut({
        key: k,
        control: false,
        meta: false,
        shift: false,
        alt: false,
        ...mods,
      });
    expect(key('F12')).toBe(true);
    expect(key('I', { control: true, shift: true })).toBe(true);
    expect(key('i', { meta: true, alt: true })).toBe(true);
    expect(key('J', { control: true, shift: true })).toBe(true);
    expect(key('c', { control: true })).toBe(false); // copy stays copy
    expect(key('i', { control: true })).toBe(false);
  });

  it('main.ts wires every guard to its Electron event', async () => {
    const source = await readFile(path.resolve(__dirname, '../../main/electron/main.ts'), 'utf8');
    // Compared as one line: the formatter may break a call over several.
    const main = source.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/,? \)/g, ')');
    for (const wiring of [
      "'will-navigate'",
      "'will-redirect'",
      "'will-frame-navigate'",
      'setPermissionCheckHandler',
      'setPermissionRequestHandler',
      'acceptIpcSender(event.senderFrame, event.sender.mainFrame, place)',
      'menuTemplate(app.isPackaged',
      'devTools: !app.isPackaged',
    ]) {
      expect(main, wiring).toContain(wiring);
    }
  });
});
