// One id per page load's tab, kept in sessionStorage: the harness keys sessions by it,
// so a reload keeps the user signed in while a second tab signs in on its own.
const KEY = 'kabyl.clientId';

function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function clientId(): string {
  try {
    const existing = sessionStorage.getItem(KEY);
    if (existing) return existing;
    const id = randomId();
    sessionStorage.setItem(KEY, id);
    return id;
  } catch {
    // Without storage the id lives as long as the page: a reload signs out, nothing worse.
    return (fallbackId ??= randomId());
  }
}
let fallbackId: string | undefined;
