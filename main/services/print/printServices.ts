// print.pdf: Electron saves the caller's own window as an A4 PDF (main/electron/print.ts,
// handed in through AppOptions.printToPdf). The harness has no such function and
// answers 'unavailable'; its page prints itself with window.print().
import { unavailable } from '../errors';
import { requireUser, type ServiceContext } from '../context';

export async function printPdf(
  req: { suggestedName: string },
  ctx: ServiceContext,
): Promise<{ saved: boolean }> {
  requireUser(ctx);
  const print = ctx.app.options.printToPdf;
  if (!print)
    throw unavailable('this shell cannot print to PDF; use the print page (window.print())');
  // The session's caller id names the webContents that asked: only its own window is printed.
  return print(ctx.session.callerId, req.suggestedName);
}
