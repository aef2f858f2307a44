// The print-ready page: an overlay above the app showing A4 sheets exactly as they
// print, with a toolbar (print / save as PDF, close) that never prints. While it is
// open, <html> carries `print-open` so the print media rules hide the app (#root).
// A document printed in another language than the UI's (an order in Russian from a
// Kyrgyz screen) passes `lang`: the sheet's own strings follow it.
import { useEffect, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n/formatting';
import { useSession } from '../../features/auth/SessionContext';
import { PrintButton } from './PrintButton';
import './print.css';

export interface PrintPageProps {
  /** the document's title in the toolbar (UI language) */
  toolbarTitle: string;
  fileName: string;
  onClose(): void;
  /** extra toolbar controls, e.g. the choice of the document's language */
  controls?: ReactNode;
  children: ReactNode;
}

export function PrintPage({ toolbarTitle, fileName, onClose, controls, children }: PrintPageProps) {
  const { t } = useTranslation();
  useEffect(() => {
    const html = document.documentElement;
    html.classList.add('print-open');
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => {
      html.classList.remove('print-open');
      window.removeEventListener('keydown', onKey);
    };
  }, [onClose]);

  return createPortal(
    <div className="print-overlay" data-testid="print-page" role="dialog" aria-label={toolbarTitle}>
      <div className="print-toolbar">
        <span className="print-toolbar-title">{toolbarTitle}</span>
        {controls}
        <span className="header-spacer" />
        <PrintButton fileName={fileName} />
        <button type="button" className="btn" onClick={onClose} data-testid="print-close">
          {t('print.close')}
        </button>
      </div>
      {children}
    </div>,
    document.body,
  );
}

export interface PrintSheetProps {
  /** the document's language (ky, ru or en), independent of the UI's */
  lang: string;
  /** the issuing body: the district department, and the school when the document is one school's */
  district: string;
  school?: string | null;
  title: string;
  subtitle?: string;
  /** the document's date (an instant; shown in Bishkek time) */
  date: string;
  children: ReactNode;
}

/** One A4 document: header (district, school, date), title, body, a page footer where @page counters are missing. */
export function PrintSheet({
  lang,
  district,
  school,
  title,
  subtitle,
  date,
  children,
}: PrintSheetProps) {
  const { i18n } = useTranslation();
  const { store } = useSession();
  const tt = i18n.getFixedT(lang);
  // A printout of the made-up district must never pass for an official document: a
  // stamp under the header and a watermark that print repeats on every page.
  const demo = store?.kind === 'demo';
  return (
    <article
      className={demo ? 'print-sheet print-demo-sheet' : 'print-sheet'}
      lang={lang}
      data-testid="print-sheet"
    >
      {demo && (
        <div className="print-demo-watermark" aria-hidden="true">
          DEMO
        </div>
      )}
      {demo && (
        <p className="print-demo" data-testid="print-demo">
          {tt('print.demoMark')}
        </p>
      )}
      <header className="print-head">
        <div>
          <div className="print-head-org">{district}</div>
          {school && <div>{school}</div>}
        </div>
        <div className="print-head-date">{tt('print.dated', { date: formatDate(date, lang) })}</div>
      </header>
      <h1 className="print-title">{title}</h1>
      {subtitle && <p className="print-subtitle">{subtitle}</p>}
      {children}
      <footer className="print-foot">{tt('print.footer', { title })}</footer>
    </article>
  );
}
