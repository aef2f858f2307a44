// The Electron main process's security decisions as pure functions over plain
// values (a URL, a frame's url and parent, a permission name), so they are tested
// without Electron (tests/security/electronGuards.test.ts). main.ts wires them to
// the events: will-navigate, will-redirect, will-frame-navigate, the IPC sender,
// the permission handlers and the application menu. Nothing here imports electron.

/** The renderer's own files: `file:///…/dist/renderer/` (with the trailing separator). */
export interface RendererPlace {
  /** the index page's file URL */
  index: string;
  /** the folder's file URL, ending with '/' */
  root: string;
}

/** A URL inside the renderer folder; `..` and encoded tricks are resolved by URL first. */
export function isRendererUrl(url: string | undefined | null, place: RendererPlace): boolean {
  if (typeof url !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
  const normal = `file://${parsed.pathname}`;
  return normal.startsWith(place.root) && !/%2f|%5c/i.test(parsed.pathname);
}

/**
 * will-navigate, will-redirect, will-frame-navigate: our page never leaves itself.
 * Only a reload of the index itself (with or without a #route) is allowed, and only
 * for the main frame; a subframe never navigates anywhere.
 */
export function allowNavigation(url: string, isMainFrame: boolean, place: RendererPlace): boolean {
  if (!isMainFrame) return false;
  const withoutHash = url.split('#')[0];
  return withoutHash === place.index;
}

/** What main sees of an IPC event's sender (Electron's WebFrameMain, reduced). */
export interface SenderFrame {
  url: string;
  /** null for a top-level frame */
  parent: unknown;
}

/**
 * An IPC call is answered only from the main frame of our own page: not from an
 * iframe (even one of ours), not from a page that navigated elsewhere.
 */
export function acceptIpcSender(
  senderFrame: SenderFrame | null | undefined,
  mainFrame: SenderFrame | null | undefined,
  place: RendererPlace,
): boolean {
  if (!senderFrame || !mainFrame) return false;
  if (senderFrame !== mainFrame) return false;
  if (senderFrame.parent !== null) return false;
  return isRendererUrl(senderFrame.url, place);
}

/**
 * Permission checks (setPermissionCheckHandler) and requests
 * (setPermissionRequestHandler): the app needs none of the web's permissions
 * (camera, geolocation, notifications, clipboard reads, HID, serial, USB...). Only
 * writing to the clipboard from our own page is granted: copying a row is a user
 * action the UI offers.
 */
const GRANTED = new Set(['clipboard-sanitized-write']);

export function allowPermission(
  permission: string,
  requestingUrl: string | undefined,
  place: RendererPlace,
): boolean {
  return GRANTED.has(permission) && isRendererUrl(requestingUrl, place);
}

/** Menu items, as Electron's MenuItemConstructorOptions reduced to what we set. */
export interface MenuItem {
  label?: string;
  role?: string;
  type?: 'separator';
  submenu?: MenuItem[];
}

/** Roles that open or reach developer tools or reload the page with its state. */
const DEVELOPER_ROLES = new Set(['toggleDevTools', 'forceReload', 'reload']);

/**
 * The application menu. In a packaged app it has no DevTools, no reload: a user
 * (or someone at their unlocked PC) cannot open a console on the page that holds
 * the bridge to main. A development run keeps them.
 */
export function menuTemplate(packaged: boolean, isMac: boolean): MenuItem[] {
  const edit: MenuItem = {
    role: 'editMenu',
  };
  const view: MenuItem = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      { role: 'forceReload' },
      { role: 'toggleDevTools' },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const template: MenuItem[] = [
    ...(isMac ? [{ role: 'appMenu' }] : []),
    { role: 'fileMenu' },
    edit,
    view,
    { role: 'windowMenu' },
  ];
  return packaged ? withoutDeveloperItems(template) : template;
}

export function withoutDeveloperItems(items: MenuItem[]): MenuItem[] {
  const kept = items
    .filter((item) => !(item.role && DEVELOPER_ROLES.has(item.role)))
    .map((item) =>
      item.submenu ? { ...item, submenu: withoutDeveloperItems(item.submenu) } : item,
    );
  // No separator left leading, trailing or doubled by the removal.
  const out: MenuItem[] = [];
  for (const item of kept) {
    if (item.type === 'separator' && (out.length === 0 || out[out.length - 1].type === 'separator'))
      continue;
    out.push(item);
  }
  while (out.length > 0 && out[out.length - 1].type === 'separator') out.pop();
  return out;
}

/** Keyboard shortcuts that open DevTools even without a menu item (Chromium's own). */
export function isDevToolsShortcut(input: {
  key: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}): boolean {
  const key = input.key.toLowerCase();
  if (key === 'f12') return true;
  const mod = input.control || input.meta;
  return mod && (input.shift || input.alt) && (key === 'i' || key === 'j' || key === 'c');
}
