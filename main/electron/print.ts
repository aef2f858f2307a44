// Print-to-PDF of the current window, for the admission orders and reports of later
// issues (they add a contract channel that calls it):
// the user picks where to save; main writes the file, the page never sees a path.
import { BrowserWindow, dialog, type WebContents } from 'electron';
import { writeFile } from 'node:fs/promises';

export async function printToPdf(
  contents: WebContents,
  suggestedName = 'kabyl.pdf',
): Promise<{ saved: boolean }> {
  const win = BrowserWindow.fromWebContents(contents);
  const options = { defaultPath: suggestedName, filters: [{ name: 'PDF', extensions: ['pdf'] }] };
  const target = win
    ? await dialog.showSaveDialog(win, options)
    : await dialog.showSaveDialog(options);
  if (target.canceled || !target.filePath) return { saved: false };
  const pdf = await contents.printToPDF({ pageSize: 'A4', printBackground: true });
  await writeFile(target.filePath, pdf);
  return { saved: true };
}
