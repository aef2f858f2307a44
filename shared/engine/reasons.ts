// Why the engine refused an action (FORMATS.md "Checks"). These codes cross
// every boundary as they are; the UI translates them, never shows them raw.
export const REASONS = [
  'outside_window',
  'invalid_pin',
  'age_out_of_range',
  'school_not_found',
  'school_not_in_scope',
  'language_not_offered',
  'duplicate_application',
  'privilege_not_recognized',
  'no_free_seats',
  'not_in_catchment',
  'duplicate_id',
  'application_not_found',
  'list_locked',
  'not_active',
  'same_school',
  'withdrawal_limit',
  'no_pending_privilege',
  'privilege_pending',
  'documents_incomplete',
  'nothing_to_enroll',
  'case_not_found',
  'case_closed',
  'privilege_rejected',
  'no_documents',
  'waitlist_closed',
] as const;

export type Reason = (typeof REASONS)[number];
