// One chart in a card: its title, a note, and "Save PNG" / "Print" for it. The
// chart is drawn by `render(width, height)` so the print page can draw it again
// at the A4 sheet's width.
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PrintPage, PrintSheet } from '../../ui/print';
import { useSession } from '../auth/SessionContext';
import { isLanguage } from '../../i18n/languages';
import { saveSvgAsPng } from './svgToPng';

export interface ChartCardProps {
  id: string;
  title: string;
  note?: string | null;
  asOf: string | null;
  width?: number;
  height?: number;
  render(width: number, height: number): ReactNode;
}

export function ChartCard({
  id,
  title,
  note,
  asOf,
  width = 520,
  height = 250,
  render,
}: ChartCardProps) {
  const { t, i18n } = useTranslation();
  const { store } = useSession();
  const box = useRef<HTMLDivElement>(null);
  const [printing, setPrinting] = useState(false);
  const [failed, setFailed] = useState(false);

  const savePng = async () => {
    setFailed(false);
    // the plot's own svg: legend icons are small svgs of the same class
    const svgs = [...(box.current?.querySelectorAll<SVGSVGElement>('svg.recharts-surface') ?? [])];
    const area = (e: SVGSVGElement) =>
      e.getBoundingClientRect().width * e.getBoundingClientRect().height;
    const svg = svgs.sort((a, b) => area(b) - area(a))[0];
    if (!svg) return;
    await saveSvgAsPng(svg, `kabyl-${id}.png`).catch(() => setFailed(true));
  };

  return (
    <section className="panel chart-card" data-testid={`chart-${id}`}>
      <div className="chart-card-head">
        <h2>{title}</h2>
        <span className="header-spacer" />
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void savePng()}
          data-testid={`chart-${id}-png`}
        >
          {t('charts.savePng')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setPrinting(true)}
          data-testid={`chart-${id}-print`}
        >
          {t('charts.print')}
        </button>
      </div>
      <div className="chart-body" tabIndex={0} ref={box}>
        {render(width, height)}
      </div>
      {note && <p className="muted chart-note">{note}</p>}
      {failed && <p className="muted">{t('charts.pngFailed')}</p>}
      {printing && (
        <PrintPage
          toolbarTitle={title}
          fileName={`kabyl-${id}.pdf`}
          onClose={() => setPrinting(false)}
        >
          <PrintSheet
            lang={isLanguage(i18n.language) ? i18n.language : 'ky'}
            district={store?.districtName ?? ''}
            title={title}
            subtitle={note ?? undefined}
            date={asOf ?? new Date().toISOString()}
          >
            <div className="chart-print">{render(640, 380)}</div>
          </PrintSheet>
        </PrintPage>
      )}
    </section>
  );
}
