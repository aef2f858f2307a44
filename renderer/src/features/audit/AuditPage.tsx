// The audit: the log itself, newest filters applied in main and read page by
// page as the officer scrolls (keyset paging by seq), and "Verify": a full replay
// compared with the stored projections, plus a walk of the hash chain.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { api, type Res } from '../../bridge';
import { useRunner } from '../../data/useQuery';
import { describeError } from '../../i18n/describeError';
import { formatDateTime, formatNumber } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';
import { ACTOR_ROLE_LIST, EVENT_TYPE_LIST, actorLabel, eventTypeLabel } from './eventTypeLabel';
import { codeLabel } from '../../i18n/codeLabel';
import { VerifyPanel } from './VerifyPanel';
import './audit.css';

type Page = Res<'audit.events'>;
type Row = Page['rows'][number];
interface Filter {
  type: string;
  actorRole: string;
  actorId: string;
  from: string;
  to: string;
}
const EMPTY: Filter = { type: '', actorRole: '', actorId: '', from: '', to: '' };
const PAGE = 200;
const ROW_HEIGHT = 30;

function request(f: Filter, afterSeq: number) {
  return {
    ...(f.type ? { type: f.type } : {}),
    ...(f.actorRole ? { actorRole: f.actorRole as (typeof ACTOR_ROLE_LIST)[number] } : {}),
    ...(f.actorId.trim() ? { actorId: f.actorId.trim() } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    afterSeq,
    limit: PAGE,
  };
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const [rows, setRows] = useState<Row[]>([]);
  // The newest page read: its total and where the next page starts; a page read for an
  // older filter is dropped by the runner.
  const [runner, page] = useRunner<Page>();
  const { error } = page;
  const total = page.data?.total ?? null;
  const next = page.data ? page.data.nextAfterSeq : 0;
  const scrollRef = useRef<HTMLDivElement>(null);

  const load = useCallback(
    async (f: Filter, afterSeq: number, reset: boolean) => {
      if (runner.current.loading && !reset) return;
      const r = await runner.run(() => api['audit.events'](request(f, afterSeq)));
      if (r?.ok) setRows((old) => (reset ? r.value.rows : [...old, ...r.value.rows]));
    },
    [runner],
  );

  // A changed filter starts the list again from the top (typing waits a moment).
  useEffect(() => {
    const timer = setTimeout(() => {
      scrollRef.current?.scrollTo({ top: 0 });
      void load(filter, 0, true);
    }, 250);
    return () => clearTimeout(timer);
  }, [filter, load]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1]!.index : 0;
  useEffect(() => {
    // Near the end of what is loaded: fetch the next page.
    if (next !== null && rows.length > 0 && lastIndex >= rows.length - 40)
      void load(filter, next, false);
  }, [lastIndex, rows.length, next, filter, load]);

  const set = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, ...patch }));
  const n = (v: number) => formatNumber(v, i18n.language);
  const padTop = items.length ? items[0]!.start : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  return (
    <div className="audit-page" data-testid="audit-page">
      <div className="page-header">
        <h1>{t('audit.title')}</h1>
        {total !== null && (
          <span className="muted" data-testid="audit-total">
            {t('audit.total', { count: total, n: n(total) })}
          </span>
        )}
      </div>
      <VerifyPanel />
      <section className="panel">
        <div className="panel-header audit-filters" role="search">
          <label>
            {t('audit.type')}
            <select
              className="select"
              value={filter.type}
              onChange={(e) => set({ type: e.target.value })}
              data-testid="audit-type"
            >
              <option value="">{t('audit.any')}</option>
              {EVENT_TYPE_LIST.map((type) => (
                <option key={type} value={type}>
                  {eventTypeLabel(t, type)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('audit.actorRole')}
            <select
              className="select"
              value={filter.actorRole}
              onChange={(e) => set({ actorRole: e.target.value })}
              data-testid="audit-role"
            >
              <option value="">{t('audit.any')}</option>
              {ACTOR_ROLE_LIST.map((role) => (
                <option key={role} value={role}>
                  {codeLabel(t, 'role', role)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('audit.actorId')}
            <input
              className="input"
              value={filter.actorId}
              onChange={(e) => set({ actorId: e.target.value })}
              data-testid="audit-actor"
            />
          </label>
          <label>
            {t('audit.from')}
            <input
              className="input"
              type="date"
              value={filter.from}
              onChange={(e) => set({ from: e.target.value })}
              data-testid="audit-from"
            />
          </label>
          <label>
            {t('audit.to')}
            <input
              className="input"
              type="date"
              value={filter.to}
              onChange={(e) => set({ to: e.target.value })}
              data-testid="audit-to"
            />
          </label>
          <button type="button" className="btn" onClick={() => setFilter(EMPTY)}>
            {t('audit.clear')}
          </button>
        </div>
        {error && <Alert tone="error">{describeError(t, error)}</Alert>}
        <div className="audit-scroll" tabIndex={0} ref={scrollRef} data-testid="audit-scroll">
          <table className="table audit-table" data-testid="audit-table">
            <thead>
              <tr>
                <th className="num">{t('audit.seq')}</th>
                <th>{t('audit.at')}</th>
                <th>{t('audit.type')}</th>
                <th>{t('audit.actor')}</th>
                <th>{t('audit.subject')}</th>
                <th>{t('audit.outcome')}</th>
                <th>{t('audit.hash')}</th>
              </tr>
            </thead>
            <tbody>
              {padTop > 0 && <tr style={{ height: padTop }} aria-hidden="true" />}
              {items.map((item) => {
                const row = rows[item.index]!;
                return (
                  <tr
                    key={row.seq}
                    style={{ height: ROW_HEIGHT }}
                    data-seq={row.seq}
                    data-type={row.type}
                  >
                    <td className="num">{row.seq}</td>
                    <td className="reg-nowrap">{formatDateTime(row.at, i18n.language)}</td>
                    <td>{eventTypeLabel(t, row.type)}</td>
                    <td>{actorLabel(t, row.actorRole, row.actorId)}</td>
                    <td className="reg-mono">{row.subjectId ?? '—'}</td>
                    <td>
                      {row.outcome ? (
                        <span className="reg-refused" title={t(`reason.${row.outcome}`)}>
                          {t('audit.refused')}
                        </span>
                      ) : (
                        <span className="reg-applied">{t('audit.applied')}</span>
                      )}
                    </td>
                    <td className="reg-mono muted" title={row.hash}>
                      {row.hash.slice(0, 12)}
                    </td>
                  </tr>
                );
              })}
              {padBottom > 0 && <tr style={{ height: padBottom }} aria-hidden="true" />}
            </tbody>
          </table>
          {total === 0 && <div className="panel-body muted">{t('audit.empty')}</div>}
        </div>
      </section>
    </div>
  );
}
