// Print or save as PDF. Under Electron main saves the caller's window as an A4 PDF
// (print.pdf, print media rules apply so only the sheet is in it); in the harness,
// or when Electron says it cannot, the browser prints the page (window.print()).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../bridge';
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

export function PrintButton({ fileName, label, className = 'btn btn-primary', testId = 'print-button' }: PrintButtonProps) {
  const { t } = useTranslation();
  const [pdf, setPdf] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void canPrintToPdf().then((v) => live && setPdf(v));
    return () => {
      live = false;
    };
  }, []);

  const run = async () => {
    setMessage(null);
    if (!pdf) {
      window.print();
      return;
    }
    setBusy(true);
    const r = await api['print.pdf']({ suggestedName: fileName });
    setBusy(false);
    if (r.ok) setMessage(r.value.saved ? t('print.saved') : null);
    else if (r.error.code === 'unavailable') window.print();
    else setMessage(describeError(t, r.error as ApiError));
  };

  return (
    <>
      <button type="button" className={className} onClick={() => void run()} disabled={busy || pdf === null} data-testid={testId}>
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
