// The codes the sync screen turns into words at run time (translation families,
// checked by tests/i18n through renderer/src/i18n/domainValues.ts).

/** The shell's sync states, most urgent first. */
export const SYNC_STATES = [
  'disconnected',
  'error',
  'conflicts',
  'offline',
  'pending',
  'synced',
] as const;
export type SyncState = (typeof SYNC_STATES)[number];

/** The reasons the server gives for an event it would not judge at all (not engine refusals). */
export const SYNC_PROTOCOL_REASONS = [
  'malformed_event',
  'forbidden_district',
  'forbidden_event',
] as const;

/** Why connecting failed, as the screen says it. */
export const SYNC_CONNECT_ERRORS = [
  'unreachable',
  'badUrl',
  'sync_bad_code',
  'sync_not_empty',
  'sync_already_connected',
  'sync_demo',
] as const;
