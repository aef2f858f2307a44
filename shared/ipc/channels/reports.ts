// Reports page (issue 5, district officer): export a report as .xlsx in a job
// with progress, fetch the finished file in base64 pieces (the page never sees
// a path), a page of rendered rows for the screen and the print page, and the
// aggregated chart data.
import { z } from 'zod';
import { AS_OF_WARNINGS } from '../../reports/asOf';
import { REPORT_NAMES, LANGS } from '../../reports/labels';
import { channel, empty, id, instant } from '../channel';

const officer = ['district'] as const;
const reportName = z.enum(REPORT_NAMES);
const lang = z.enum(LANGS);

export const reportJobSchema = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  report: reportName,
  lang,
  /** 'replaying' while an earlier "as of" state is rebuilt from the log, then 'writing' */
  step: z.enum(['replaying', 'writing', 'finished']),
  /** rows written (writing) or events replayed (replaying) so far, and the total */
  done: z.number().int(),
  total: z.number().int(),
  fileName: z.string(),
  /** bytes of the finished file, 0 until done */
  size: z.number().int(),
  ms: z.number(),
  error: z.string().nullable(),
});
export type ReportJob = z.infer<typeof reportJobSchema>;

const cell = z.union([z.string(), z.number(), z.null()]);

const schoolFill = z.object({
  schoolId: z.string(),
  name: z.string(),
  occupied: z.number().int(),
  free: z.number().int(),
  overflow: z.number().int(),
});
const others = z
  .object({
    schools: z.number().int(),
    occupied: z.number().int(),
    free: z.number().int(),
    overflow: z.number().int(),
  })
  .nullable();

export const chartDataSchema = z.object({
  asOf: z.string().nullable(),
  perDay: z.array(
    z.object({
      day: z.string(),
      stage1: z.number().int(),
      stage2: z.number().int(),
      other: z.number().int(),
    }),
  ),
  fill: z.object({ schools: z.array(schoolFill), others, totalSchools: z.number().int() }),
  documents: z.object({
    days: z.array(z.object({ day: z.string(), received: z.number().int() })),
    deadlineDay: z.string().nullable(),
    target: z.number().int(),
    received: z.number().int(),
  }),
  privileges: z.object({
    slices: z.array(
      z.object({
        category: z.string(),
        pending: z.number().int(),
        approved: z.number().int(),
        rejected: z.number().int(),
        none: z.number().int(),
        total: z.number().int(),
      }),
    ),
    claimed: z.number().int(),
    applications: z.number().int(),
  }),
  overflow: z.object({
    schools: z.array(schoolFill),
    others,
    schoolsInOverflow: z.number().int(),
    totalOverflow: z.number().int(),
  }),
});
export type ChartDataDto = z.infer<typeof chartDataSchema>;

export const reportChannels = {
  /** Starts writing one report (optionally as of an instant) to a file main holds; poll reports.progress. */
  'reports.export': channel(
    officer,
    z.strictObject({ report: reportName, lang, asOf: instant.min(1).max(40).optional() }),
    reportJobSchema,
  ),
  'reports.progress': channel(officer, z.strictObject({ jobId: id }), reportJobSchema),
  /** The finished file, piece by piece from `offset` (base64 of at most 2 MiB of bytes). */
  'reports.download': channel(
    officer,
    z.strictObject({ jobId: id, offset: z.number().int().min(0) }),
    z.object({
      fileName: z.string(),
      size: z.number().int(),
      offset: z.number().int(),
      chunk: z.string(),
      done: z.boolean(),
    }),
  ),
  /** Rows of a report rendered as text in a language, for the screen and the print page. */
  'reports.rows': channel(
    officer,
    z.strictObject({
      report: reportName,
      lang,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(2000).default(100),
      /** the same "as of" the export takes: preview, print and export show one state */
      asOf: instant.min(1).max(40).optional(),
    }),
    z.object({
      title: z.string(),
      districts: z.array(z.string()),
      asOf: z.string().nullable(),
      /** set when the requested "as of" lies outside the campaign (shared/reports/asOf.ts) */
      asOfWarning: z.enum(AS_OF_WARNINGS).nullable(),
      headers: z.array(z.string()),
      /** how each column aligns: numbers to the right */
      numeric: z.array(z.boolean()),
      total: z.number().int(),
      offset: z.number().int(),
      rows: z.array(z.array(cell)),
    }),
  ),
  'reports.charts': channel(officer, empty, chartDataSchema),
} as const;
