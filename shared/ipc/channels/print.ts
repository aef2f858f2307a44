// Printing (issues 4 and 5): Electron saves the caller's own window as an A4 PDF;
// the harness answers 'unavailable' and the page prints itself (window.print()).
// The renderer side is renderer/src/ui/print/ (docs/director-and-printing.md).
import { z } from 'zod';
import { channel, everyone } from '../channel';

/** A file name the save dialog proposes: no folders, no control characters, ends in .pdf. */
const pdfName = z
  .string()
  .trim()
  .min(5)
  .max(120)
  .regex(/^[^\\/:*?"<>|\p{Cc}]+\.pdf$/iu, 'expected a file name ending in .pdf, without folders');

export const printChannels = {
  /**
   * Save the caller's window as an A4 PDF (print media rules apply); saved: false when
   * the user cancelled.
   */
  'print.pdf': channel(
    everyone,
    z.strictObject({ suggestedName: pdfName }),
    z.object({ saved: z.boolean() }),
  ),
} as const;
