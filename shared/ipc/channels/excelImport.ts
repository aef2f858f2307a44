// The district workbook import (issue 5, district officer): the template in a
// language (empty, or pre-filled with the district as it stands), the filled
// workbook uploaded in base64 pieces, a preview (every bad row, or the changes
// that would be written), and the confirm that writes exactly those changes.
import { z } from 'zod';
import { LANGS } from '../../reports/labels';
import { channel, id } from '../channel';

const officer = ['district'] as const;
const lang = z.enum(LANGS);

export const importIssueSchema = z.object({
  sheet: z.enum(['schools', 'catchments', 'quotas']).nullable(),
  sheetName: z.string().nullable(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  columnName: z.string().nullable(),
  cell: z.string().nullable(),
  reason: z.string(),
  value: z.string().nullable(),
});
export type ImportIssueDto = z.infer<typeof importIssueSchema>;

const countsSchema = z.object({
  schoolsAdded: z.number().int(),
  schoolsChanged: z.number().int(),
  catchmentsChanged: z.number().int(),
  streamsAdded: z.number().int(),
  quotasChanged: z.number().int(),
});

/** One planned event, said plainly for the preview. */
export const plannedChangeSchema = z.object({
  type: z.enum(['school.registered', 'catchment.set', 'quota.set']),
  /** added: the school or stream is new; changed: it exists and changes */
  change: z.enum(['added', 'changed']),
  schoolId: z.string(),
  name: z.string().nullable(),
  language: z.string().nullable(),
  seats: z.number().int().nullable(),
  /** the value before, for a changed quota */
  seatsBefore: z.number().int().nullable(),
  classes: z.number().int().nullable(),
  addresses: z.array(z.string()).nullable(),
});

export const importPreviewSchema = z.discriminatedUnion('clean', [
  z.object({
    clean: z.literal(false),
    fileName: z.string(),
    errors: z.array(importIssueSchema),
    warnings: z.array(importIssueSchema),
  }),
  z.object({
    clean: z.literal(true),
    fileName: z.string(),
    warnings: z.array(importIssueSchema),
    counts: countsSchema,
    /** the changes, at most 500 listed; `events` is the full count */
    changes: z.array(plannedChangeSchema),
    events: z.number().int(),
    notices: z.array(
      z.object({
        kind: z.enum(['school_not_in_workbook', 'stream_not_in_workbook', 'classes_kept']),
        schoolId: z.string(),
        language: z.string().nullable(),
        classes: z.number().int().nullable(),
      }),
    ),
  }),
]);
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const excelImportChannels = {
  /** The template as bytes (base64): empty, or pre-filled with the district's schools, catchments and quotas. */
  'excelImport.template': channel(
    officer,
    z.strictObject({ lang, prefilled: z.boolean() }),
    z.object({ fileName: z.string(), base64: z.string() }),
  ),
  /** A filled workbook, in order, as base64 pieces (<= 4 MiB of text each); the first call omits uploadId. */
  'excelImport.upload': channel(
    officer,
    z.strictObject({
      uploadId: id.optional(),
      name: z.string().min(1).max(260),
      chunk: z.string().max(4 * 1024 * 1024),
      done: z.boolean(),
    }),
    z.object({ uploadId: z.string(), received: z.number().int() }),
  ),
  /** Reads the uploaded workbook and plans against the district as it is now; writes nothing. */
  'excelImport.preview': channel(officer, z.strictObject({ uploadId: id }), importPreviewSchema),
  /**
   * Writes the plan in one transaction. Planned again at the moment of writing:
   * if it differs from what the preview showed, nothing is written (refused,
   * reason `import_stale`) and the page previews again.
   */
  'excelImport.confirm': channel(
    officer,
    z.strictObject({ uploadId: id }),
    z.object({ written: z.number().int(), counts: countsSchema }),
  ),
} as const;
