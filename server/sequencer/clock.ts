// The server's clock, which stamps every event's `at` (the client's own time is kept as `clientAt`).
const BISHKEK_OFFSET_MS = 6 * 3600_000;

export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/**
 * A clock that starts at `start` and runs at real speed: demos and tests of a
 * campaign whose calendar is not today's (KABYL_SERVER_CLOCK_START). Never
 * set it in production.
 */
export function shiftedClock(start: number): Clock {
  const offset = start - Date.now();
  return () => Date.now() + offset;
}

/** `2026-04-11T09:00:03.120+06:00`: the server writes Bishkek time, as the desktops do. */
export function formatInstant(ms: number): string {
  return new Date(ms + BISHKEK_OFFSET_MS).toISOString().slice(0, 23) + '+06:00';
}
