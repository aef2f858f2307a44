// The reports page (district officer): export any report as .xlsx in a chosen
// language, optionally as of an instant, with a progress bar; print a report
// as A4 pages; the charts; the district workbook import. Tabs keep the three
// apart on a 1366x768 screen.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartsPanel } from '../charts/ChartsPanel';
import { ExcelImportPanel } from '../excelImport/ExcelImportPanel';
import { ExportPanel } from './ExportPanel';
import './reports.css';

const TABS = ['export', 'charts', 'excel'] as const;
type Tab = (typeof TABS)[number];

export function ReportsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('export');
  const label: Record<Tab, string> = {
    export: t('reports.tabExport'),
    charts: t('reports.tabCharts'),
    excel: t('reports.tabExcel'),
  };
  return (
    <div data-testid="reports-page">
      <div className="page-header">
        <h1>{t('reports.title')}</h1>
      </div>
      <div className="reports-tabs" role="tablist">
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={`reports-tab${tab === id ? ' active' : ''}`}
            data-testid={`reports-tab-${id}`}
            onClick={() => setTab(id)}
          >
            {label[id]}
          </button>
        ))}
      </div>
      {tab === 'export' && <ExportPanel />}
      {tab === 'charts' && <ChartsPanel />}
      {tab === 'excel' && <ExcelImportPanel />}
    </div>
  );
}
