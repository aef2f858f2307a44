// The pull cursor: which log it belongs to and the last seq the desktop holds.
// It is opaque to the desktop; the server checks it, so a cursor from another
// log (a server rebuilt from scratch) or ahead of the head can never make a
// pull skip events: it restarts from the beginning instead (docs/sync.md).

export interface Cursor {
  logId: string;
  seq: number;
}

export function encodeCursor(c: Cursor): string {
  return `${c.logId}.${c.seq}`;
}

/** The cursor, or null when the text is not one (the pull then restarts). */
export function decodeCursor(text: string): Cursor | null {
  const dot = text.lastIndexOf('.');
  if (dot <= 0) return null;
  const logId = text.slice(0, dot),
    digits = text.slice(dot + 1);
  if (!/^(0|[1-9][0-9]{0,15})$/.test(digits)) return null;
  return { logId, seq: Number(digits) };
}
