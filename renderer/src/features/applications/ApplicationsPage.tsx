// The applications registry: up to 200k rows, never shipped at once. The table
// knows the total from main and fetches windows of 100 rows for whatever the
// virtualiser shows (plus a margin), so scrolling anywhere costs one small call;
// sorting and filtering are done by main in SQL and start the windows again.
import { usePendingSubjects } from '../sync/usePendingSubjects';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { api, type ApiError, type Res } from '../../bridge';
import { useQuery } from '../../data/useQuery';
import type { RegistryFilter, RegistryRow, RegistrySort } from '../../../../shared/ipc/channels/applications';
import { describeError } from '../../i18n/describeError';
import { formatDateTime, formatNumber } from '../../i18n/formatting';
import { Alert } from '../../ui/Alert';
import { useSession } from '../auth/SessionContext';
import { streamLanguageName } from '../dashboard/streamLanguageName';
import { DetailPane } from './DetailPane';
import { FilterBar } from './FilterBar';
import './applications.css';

const WINDOW = 100;
const ROW_HEIGHT = 30;
type Streams = Res<'applications.streams'>['streams'];
const NO_STREAMS: Streams = [];
/** A row not fetched yet: the virtualiser still needs something at its index. */
type Slot = RegistryRow | { pending: true; index: number };

/** R16: the place in line; a standing transfer names the stream it waits for. */
function queueCell(t: TFunction, r: RegistryRow): React.ReactNode {
  if (r.waitlist === null) return '—';
  const place = t('applications.queuePlace', { position: r.waitlist.position });
  if (r.status === 'waitlisted') return <span data-testid="queue-place">{place}</span>;
  return <span data-testid="queue-place" title={t('applications.standingHint')}>{t('applications.standing', { stream: r.waitlist.stream, place })}</span>;
}

function columns(t: TFunction, lang: string, pending: ReadonlySet<string>): ColumnDef<Slot>[] {
  const cell = (render: (r: RegistryRow) => React.ReactNode) => ({ row }: { row: { original: Slot } }) =>
    'pending' in row.original ? <span className="reg-pending" /> : render(row.original);
  // An accessor per column: TanStack only lets a column with one be sorted (main does the sorting).
  const value = (id: RegistrySort) => (r: Slot) => ('pending' in r ? null : (r as Record<string, unknown>)[id]);
  const list: ColumnDef<Slot>[] = [
    { id: 'childName', header: t('applications.col.child'), size: 210, cell: cell((r) => r.childName) },
    { id: 'pin', header: t('applications.col.pin'), size: 130, cell: cell((r) => <span className="reg-mono">{r.pin ?? '—'}</span>) },
    { id: 'status', header: t('applications.col.status'), size: 140, cell: cell((r) => (
      <>
        <span className={`reg-status reg-status-${r.status}`}>{t(`status.${r.status}`)}</span>
        {pending.has(r.id) && <span className="pending-mark" data-testid="not-confirmed">{t('sync.notConfirmed')}</span>}
      </>
    )) },
    { id: 'schoolId', header: t('applications.col.school'), size: 170, cell: cell((r) => r.schoolName ?? r.schoolId) },
    { id: 'language', header: t('applications.col.language'), size: 100, cell: cell((r) => streamLanguageName(t, r.language)) },
    { id: 'stage', header: t('applications.col.stage'), size: 60, cell: cell((r) => (r.stage === null ? '—' : String(r.stage))) },
    { id: 'basis', header: t('applications.col.basis'), size: 140, cell: cell((r) => (r.basis ? t(`basis.${r.basis}`) : '—')) },
    { id: 'privilege', header: t('applications.col.privilege'), size: 120, cell: cell((r) => (r.privilege === 'none' ? '—' : t(`privilege.${r.privilege}`))) },
    { id: 'submittedAt', header: t('applications.col.submitted'), size: 160, cell: cell((r) => formatDateTime(r.submittedAt, lang)) },
    { id: 'orderNumber', header: t('applications.col.order'), size: 80, cell: cell((r) => r.orderNumber ?? '—') },
    { id: 'waitlistPosition', header: t('applications.col.queue'), size: 150, cell: cell((r) => queueCell(t, r)) },
  ];
  return list.map((c) => ({ ...c, accessorFn: value(c.id as RegistrySort) }) as ColumnDef<Slot>);
}

export function ApplicationsPage() {
  const { t, i18n } = useTranslation();
  const { noteError } = useSession();
  const [filter, setFilter] = useState<RegistryFilter>({});
  const [sorting, setSorting] = useState<SortingState>([{ id: 'submittedAt', desc: false }]);
  const [total, setTotal] = useState<number | null>(null);
  const [ms, setMs] = useState<number | null>(null);
  const [windows, setWindows] = useState<Map<number, RegistryRow[]>>(new Map());
  const [error, setError] = useState<ApiError | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const streams: Streams = useQuery('applications.streams', () => api['applications.streams']({})).data?.streams ?? NO_STREAMS;
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const scrollRef = useRef<HTMLDivElement>(null);

  const sort = (sorting[0]?.id ?? 'submittedAt') as RegistrySort;
  const direction = sorting[0]?.desc ? 'desc' : 'asc';
  // The search box waits for a pause in typing; other filters apply at once.
  const [debounced, setDebounced] = useState<RegistryFilter>({});
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(filter), filter.search === debounced.search ? 0 : 300);
    return () => clearTimeout(timer);
  }, [filter]); // eslint-disable-line react-hooks/exhaustive-deps

  const fetchWindow = useCallback(
    async (w: number, gen: number) => {
      if (inFlight.current.has(w)) return;
      inFlight.current.add(w);
      const r = await api['applications.list']({ ...debounced, sort, direction, offset: w * WINDOW, limit: WINDOW });
      if (gen !== generation.current) return;
      inFlight.current.delete(w);
      if (!r.ok) {
        noteError(r.error);
        setError(r.error);
        return;
      }
      setError(null);
      setTotal(r.value.total);
      setMs(r.value.ms);
      setWindows((old) => new Map(old).set(w, r.value.rows));
    },
    [debounced, sort, direction, noteError],
  );

  // A new filter or sort: forget every window and read the first one again.
  useEffect(() => {
    const gen = ++generation.current;
    inFlight.current = new Set();
    setWindows(new Map());
    scrollRef.current?.scrollTo({ top: 0 });
    void fetchWindow(0, gen);
  }, [fetchWindow]);

  const reload = useCallback(() => {
    const gen = ++generation.current;
    inFlight.current = new Set();
    const keep = [...windows.keys()];
    setWindows(new Map());
    for (const w of keep.length ? keep : [0]) void fetchWindow(w, gen);
  }, [windows, fetchWindow]);

  const count = total ?? 0;
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 20 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total === null) return;
    for (let w = Math.floor(first / WINDOW); w <= Math.floor(last / WINDOW); w++) {
      if (!windows.has(w)) void fetchWindow(w, generation.current);
    }
  }, [first, last, total, windows, fetchWindow]);

  // TanStack renders only the rows on screen: its data is the visible window.
  const visible: Slot[] = useMemo(
    () => items.map((v) => windows.get(Math.floor(v.index / WINDOW))?.[v.index % WINDOW] ?? { pending: true, index: v.index }),
    [items, windows],
  );
  // Rows a decision not yet confirmed by the server is about (a connected district, offline).
  const pendingSubjects = usePendingSubjects();
  const cols = useMemo(() => columns(t, i18n.language, pendingSubjects), [t, i18n.language, pendingSubjects]);
  const table = useReactTable({
    data: visible,
    columns: cols,
    state: { sorting },
    onSortingChange: setSorting,
    manualSorting: true,
    enableSortingRemoval: false,
    // Columns have no accessor (main sorts), so TanStack cannot guess a first direction: A to Z.
    sortDescFirst: false,
    enableMultiSort: false,
    getCoreRowModel: getCoreRowModel(),
  });

  const padTop = items.length ? items[0]!.start : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const schools = useMemo(() => [...new Map(streams.map((s) => [s.schoolId, s.schoolName])).entries()], [streams]);

  return (
    <div className={`registry${selected ? ' registry-with-detail' : ''}`} data-testid="applications-page">
      <div className="registry-main">
        <div className="page-header">
          <h1>{t('applications.title')}</h1>
          {total !== null && (
            <span className="muted" data-testid="registry-total" data-total={total}>
              {t('applications.total', { count: total, n: formatNumber(total, i18n.language) })}
              {ms !== null && ` · ${t('applications.queryTime', { ms: formatNumber(ms, i18n.language) })}`}
            </span>
          )}
        </div>
        <FilterBar filter={filter} onChange={setFilter} schools={schools} sort={sort} direction={direction} onApplySaved={(f, s, d) => {
          setFilter(f);
          if (s) setSorting([{ id: s, desc: d === 'desc' }]);
        }} />
        {error && <Alert tone="error">{describeError(t, error)}</Alert>}
        <section className="panel">
          <div className="registry-scroll" ref={scrollRef} data-testid="registry-scroll">
            <table className="table registry-table" data-testid="registry-table">
              <thead>
                {table.getHeaderGroups().map((group) => (
                  <tr key={group.id}>
                    {group.headers.map((header) => {
                      const dir = header.column.getIsSorted();
                      return (
                        <th key={header.id} style={{ width: header.getSize() }} aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}>
                          <button type="button" className="reg-sort" onClick={header.column.getToggleSortingHandler()} data-sort={header.id}>
                            {flexRender(header.column.columnDef.header, header.getContext())}
                            <span className="reg-sort-mark" aria-hidden="true">{dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}</span>
                          </button>
                        </th>
                      );
                    })}
                  </tr>
                ))}
              </thead>
              <tbody>
                {padTop > 0 && <tr style={{ height: padTop }} aria-hidden="true" />}
                {table.getRowModel().rows.map((row) => {
                  const o = row.original;
                  const id = 'pending' in o ? null : o.id;
                  return (
                    <tr
                      key={id ?? `pending-${(o as { index: number }).index}`}
                      style={{ height: ROW_HEIGHT }}
                      className={id !== null && id === selected ? 'reg-selected' : undefined}
                      data-application-id={id ?? undefined}
                      onClick={() => id && setSelected(id)}
                      tabIndex={id ? 0 : -1}
                      onKeyDown={(e) => e.key === 'Enter' && id && setSelected(id)}
                    >
                      {row.getVisibleCells().map((c) => (
                        <td key={c.id}>{flexRender(c.column.columnDef.cell, c.getContext())}</td>
                      ))}
                    </tr>
                  );
                })}
                {padBottom > 0 && <tr style={{ height: padBottom }} aria-hidden="true" />}
              </tbody>
            </table>
            {total === 0 && <div className="panel-body muted" data-testid="registry-empty">{t('applications.empty')}</div>}
          </div>
        </section>
      </div>
      {selected && <DetailPane applicationId={selected} streams={streams} onClose={() => setSelected(null)} onChanged={reload} />}
    </div>
  );
}
