// Catchments (micro-districts) and the gap finder (issue 4, district officer).
import { z } from 'zod';
import { channel, empty, id } from '../channel';

const officer = ['district'] as const;

export const catchmentChannels = {
  'catchments.list': channel(
    officer,
    empty,
    z.object({
      schools: z.array(
        z.object({
          schoolId: z.string(),
          name: z.string(),
          kind: z.string(),
          inScope: z.boolean(),
          addresses: z.array(z.string()),
        }),
      ),
    }),
  ),
  /**
   * Replaces a school's catchment with the whole new list (one catchment.set).
   * Each code must be dot-separated non-empty segments, no duplicates in the list;
   * an error names the entry (`addresses.3: ...`). Codes another school already
   * covers are saved and listed in `warnings`.
   */
  'catchments.save': channel(
    officer,
    z.strictObject({ schoolId: id, addresses: z.array(z.string().max(200)).max(5_000) }),
    z.object({
      written: z.boolean(),
      addresses: z.array(z.string()),
      warnings: z.array(z.object({ address: z.string(), schoolId: z.string(), entry: z.string() })),
    }),
  ),
  /** Gap finder over the live engine: uncovered addresses, doubly covered ones, nested entries. */
  'catchments.gaps': channel(
    officer,
    empty,
    z.object({
      uncovered: z.array(
        z.object({
          address: z.string(),
          applications: z.number().int(),
          sample: z.array(z.string()),
        }),
      ),
      uncoveredTotal: z.number().int(),
      uncoveredApplications: z.number().int(),
      overlapping: z.array(
        z.object({
          address: z.string(),
          schoolIds: z.array(z.string()),
          applications: z.number().int(),
        }),
      ),
      overlappingTotal: z.number().int(),
      catchmentOverlaps: z.array(
        z.object({
          entry: z.string(),
          schoolId: z.string(),
          coveredBy: z.array(z.object({ schoolId: z.string(), entry: z.string() })),
        }),
      ),
    }),
  ),
} as const;
