// Print or save as PDF. Under Electron main saves the caller's window as an A4 PDF
// (print.pdf, print media rules apply so only the sheet is in it); in the harness,
// or when Electron says it cannot, the browser prints the page (window.print()).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../bridge';
import { useCommand, useQuery } from '../../data/useQuery';
import { describeError } from '../../i18n/describeError';

let canPdf: Promise<boolean> | null = null;
/** app.info is asked once per page load: the shell does not change under a running page. */
export function canPrintToPdf(): Promise<boolean> {
  canPdf ??= api['app.info']({}).then((r) => r.ok && r.value.canPrintToPdf);
  return canPdf;
}

export interface PrintButtonProps {
  /** the PDF's proposed file name (Electron's save dialog), ending in .pdf */
  fileName: string;
  label?: string;
  className?: string;
  testId?: string;
}

export function PrintButton({
  fileName,
  label,
  className = 'btn btn-primary',
  testId = 'print-button',
}: PrintButtonProps) {
  const { t } = useTranslation();
  const shell = useQuery<boolean>('print/canPdf', async () => ({
    ok: true,
    value: await canPrintToPdf(),
  }));
  const pdf = shell.data;
  const saving = useCommand();
  const busy = saving.busy;
  const [saved, setSaved] = useState(false);

  const run = async () => {
    setSaved(false);
    saving.clearError();
    if (!pdf) {
      window.print();
      return;
    }
    let fallBack = false;
    const r = await saving.run(async () => {
      const answer = await api['print.pdf']({ suggestedName: fileName });
      // Electron that cannot make a PDF here says `unavailable`: the browser prints instead.
      if (answer.ok || answer.error.code !== 'unavailable') return answer;
      fallBack = true;
      return { ok: true, value: { saved: false } };
    });
    if (fallBack) window.print();
    else if (r) setSaved(r.saved);
  };

  const message = saved ? t('print.saved') : saving.error ? describeError(t, saving.error) : null;

  return (
    <>
      <button
        type="button"
        className={className}
        onClick={() => void run()}
        disabled={busy || pdf === null}
        data-testid={testId}
      >
        {label ?? (pdf ? t('print.savePdf') : t('print.print'))}
      </button>
      {message && (
        <span className="print-note" role="status">
          {message}
        </span>
      )}
    </>
  );
}
