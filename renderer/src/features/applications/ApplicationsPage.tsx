// The applications registry: up to 200k rows, never shipped at once. The table
// knows the total from main and fetches windows of 100 rows for whatever the
// virtualiser shows (plus a margin), so scrolling anywhere costs one small call;
// sorting and filtering are done by main in SQL and start the windows again.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnSizingState,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { api, type ApiError, type Res } from '../../bridge';
import { useQuery } from '../../data/useQuery';
import type {
  RegistryFilter,
  RegistryRow,
  RegistrySort,
} from '../../../../shared/ipc/channels/applications';
import { describeError } from '../../i18n/describeError';
import { formatDateTime, formatNumber } from '../../i18n/formatting';
import { isLanguage } from '../../i18n/languages';
import type { Lang } from '../../../../shared/reports/labels';
import { shortSchoolName } from '../../../../shared/schools/shortName';
import { Alert } from '../../ui/Alert';
import { useSession } from '../auth/SessionContext';
import { streamLanguageName } from '../dashboard/streamLanguageName';
import { usePendingSubjects } from '../sync/usePendingSubjects';
import { DetailPane } from './DetailPane';
import { FilterBar } from './FilterBar';
import './applications.css';

const WINDOW = 100;
const ROW_HEIGHT = 30;
const MIN_COLUMN = 48;
const MAX_COLUMN = 360;
/** the widths a person dragged the columns to, by column id (docs/registry-and-audit.md) */
const SIZING_KEY = 'kabyl.registry.columnSizing';
type Streams = Res<'applications.streams'>['streams'];
const NO_STREAMS: Streams = [];
/** A row not fetched yet: the virtualiser still needs something at its index. */
type Slot = RegistryRow | { pending: true; index: number };

/** R16: the place in line; a standing transfer names the stream it waits for. */
function queueCell(t: TFunction, r: RegistryRow): React.ReactNode {
  if (r.waitlist === null) return '—';
  const place = t('applications.queuePlace', { position: r.waitlist.position });
  if (r.status === 'waitlisted') return <span data-testid="queue-place">{place}</span>;
  return (
    <span data-testid="queue-place" title={t('applications.standingHint')}>
      {t('applications.standing', { stream: r.waitlist.stream, place })}
    </span>
  );
}

/** One registry column: its header, its text (what the cell shows, whole, on hover) and its cell. */
interface RegistryColumn {
  id: RegistrySort;
  header: string;
  text(r: RegistryRow): string;
  cell?(r: RegistryRow): React.ReactNode;
}

/** `pending`: rows a decision not yet confirmed by the server is about (a connected district, offline). */
function registryColumns(
  t: TFunction,
  lang: string,
  pending: ReadonlySet<string>,
): RegistryColumn[] {
  const uiLang = (isLanguage(lang) ? lang : 'ky') as Lang;
  return [
    { id: 'childName', header: t('applications.col.child'), text: (r) => r.childName },
    {
      id: 'pin',
      header: t('applications.col.pin'),
      text: (r) => r.pin ?? '—',
      cell: (r) => <span className="reg-mono">{r.pin ?? '—'}</span>,
    },
    {
      id: 'status',
      header: t('applications.col.status'),
      text: (r) => t(`status.${r.status}`),
      cell: (r) => (
        <>
          <span className={`reg-status reg-status-${r.status}`}>{t(`status.${r.status}`)}</span>
          {pending.has(r.id) && (
            <span className="pending-mark" data-testid="not-confirmed">
              {t('sync.notConfirmed')}
            </span>
          )}
        </>
      ),
    },
    {
      id: 'schoolId',
      header: t('applications.col.school'),
      text: (r) =>
        r.schoolName && r.schoolShort
          ? shortSchoolName(r.schoolName, r.schoolShort, uiLang)
          : (r.schoolName ?? r.schoolId),
    },
    {
      id: 'language',
      header: t('applications.col.language'),
      text: (r) => streamLanguageName(t, r.language),
    },
    {
      id: 'stage',
      header: t('applications.col.stage'),
      text: (r) => (r.stage === null ? '—' : String(r.stage)),
    },
    {
      id: 'basis',
      header: t('applications.col.basis'),
      text: (r) => (r.basis ? t(`basis.${r.basis}`) : '—'),
    },
    {
      id: 'privilege',
      header: t('applications.col.privilege'),
      text: (r) => (r.privilege === 'none' ? '—' : t(`privilege.${r.privilege}`)),
    },
    {
      id: 'submittedAt',
      header: t('applications.col.submitted'),
      text: (r) => formatDateTime(r.submittedAt, lang),
    },
    { id: 'orderNumber', header: t('applications.col.order'), text: (r) => r.orderNumber ?? '—' },
    {
      id: 'waitlistPosition',
      header: t('applications.col.queue'),
      text: (r) => queueText(t, r),
      cell: (r) => queueCell(t, r),
    },
  ];
}

/** The full value of a cell, for its tooltip: the school's full name where the short one shows. */
function fullText(c: RegistryColumn, r: RegistryRow): string {
  return c.id === 'schoolId' ? (r.schoolName ?? r.schoolId) : c.text(r);
}

function queueText(t: TFunction, r: RegistryRow): string {
  if (r.waitlist === null) return '—';
  const place = t('applications.queuePlace', { position: r.waitlist.position });
  return r.status === 'waitlisted'
    ? place
    : t('applications.standing', { stream: r.waitlist.stream, place });
}

function columns(list: RegistryColumn[], sizes: Record<string, number>): ColumnDef<Slot>[] {
  // An accessor per column: TanStack only lets a column with one be sorted (main does the sorting).
  const value = (id: RegistrySort) => (r: Slot) =>
    'pending' in r ? null : (r as Record<string, unknown>)[id];
  return list.map(
    (c) =>
      ({
        id: c.id,
        header: c.header,
        size: sizes[c.id] ?? 120,
        minSize: MIN_COLUMN,
        maxSize: MAX_COLUMN,
        accessorFn: value(c.id),
        cell: ({ row }: { row: { original: Slot } }) => {
          const o = row.original;
          if ('pending' in o) return <span className="reg-pending" />;
          return (
            <span className="reg-cell" title={fullText(c, o)}>
              {c.cell ? c.cell(o) : c.text(o)}
            </span>
          );
        },
      }) as ColumnDef<Slot>,
  );
}

export function ApplicationsPage() {
  const { t, i18n } = useTranslation();
  const { noteError } = useSession();
  const [filter, setFilter] = useState<RegistryFilter>({});
  const [sorting, setSorting] = useState<SortingState>([{ id: 'submittedAt', desc: false }]);
  const [sizing, setSizing] = useState<ColumnSizingState>(readSizing);
  useEffect(() => writeSizing(sizing), [sizing]);
  const [total, setTotal] = useState<number | null>(null);
  const [ms, setMs] = useState<number | null>(null);
  const [windows, setWindows] = useState<Map<number, RegistryRow[]>>(new Map());
  const [error, setError] = useState<ApiError | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const streams: Streams =
    useQuery('applications.streams', () => api['applications.streams']({})).data?.streams ??
    NO_STREAMS;
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const scrollRef = useRef<HTMLDivElement>(null);

  const sort = (sorting[0]?.id ?? 'submittedAt') as RegistrySort;
  const direction = sorting[0]?.desc ? 'desc' : 'asc';
  // The search box waits for a pause in typing; other filters apply at once.
  const [debounced, setDebounced] = useState<RegistryFilter>({});
  useEffect(() => {
    const timer = setTimeout(
      () => setDebounced(filter),
      filter.search === debounced.search ? 0 : 300,
    );
    return () => clearTimeout(timer);
  }, [filter]); // eslint-disable-line react-hooks/exhaustive-deps

  const fetchWindow = useCallback(
    async (w: number, gen: number) => {
      if (inFlight.current.has(w)) return;
      inFlight.current.add(w);
      const r = await api['applications.list']({
        ...debounced,
        sort,
        direction,
        offset: w * WINDOW,
        limit: WINDOW,
      });
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
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
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
    () =>
      items.map(
        (v) =>
          windows.get(Math.floor(v.index / WINDOW))?.[v.index % WINDOW] ?? {
            pending: true,
            index: v.index,
          },
      ),
    [items, windows],
  );
  // Widths that fit the header and the first window's values in the UI's language; a
  // column a person resized keeps their width (TanStack's columnSizing, remembered).
  const pendingSubjects = usePendingSubjects();
  const list = useMemo(
    () => registryColumns(t, i18n.language, pendingSubjects),
    [t, i18n.language, pendingSubjects],
  );
  const sample = windows.get(0);
  const fitted = useMemo(() => fitWidths(list, sample ?? []), [list, sample]);
  const cols = useMemo(() => columns(list, fitted), [list, fitted]);
  const table = useReactTable({
    data: visible,
    columns: cols,
    state: { sorting, columnSizing: sizing },
    onSortingChange: setSorting,
    onColumnSizingChange: setSizing,
    enableColumnResizing: true,
    columnResizeMode: 'onChange',
    manualSorting: true,
    enableSortingRemoval: false,
    // Columns have no accessor (main sorts), so TanStack cannot guess a first direction: A to Z.
    sortDescFirst: false,
    enableMultiSort: false,
    getCoreRowModel: getCoreRowModel(),
  });

  const padTop = items.length ? items[0]!.start : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const schools = useMemo(
    () => [...new Map(streams.map((s) => [s.schoolId, s.schoolName])).entries()],
    [streams],
  );

  return (
    <div
      className={`registry${selected ? ' registry-with-detail' : ''}`}
      data-testid="applications-page"
    >
      <div className="registry-main">
        <div className="page-header">
          <h1>{t('applications.title')}</h1>
          {total !== null && (
            // The query time stays in the answer (and the benchmarks), not in front of the officer.
            <span
              className="muted"
              data-testid="registry-total"
              data-total={total}
              data-ms={ms ?? undefined}
            >
              {t('applications.total', { count: total, n: formatNumber(total, i18n.language) })}
            </span>
          )}
        </div>
        <FilterBar
          filter={filter}
          onChange={setFilter}
          schools={schools}
          sort={sort}
          direction={direction}
          onApplySaved={(f, s, d) => {
            setFilter(f);
            if (s) setSorting([{ id: s, desc: d === 'desc' }]);
          }}
        />
        {error && <Alert tone="error">{describeError(t, error)}</Alert>}
        <section className="panel">
          <div className="registry-scroll" ref={scrollRef} data-testid="registry-scroll">
            <table
              className="table registry-table"
              data-testid="registry-table"
              style={{ width: table.getTotalSize() }}
            >
              <thead>
                {table.getHeaderGroups().map((group) => (
                  <tr key={group.id}>
                    {group.headers.map((header) => {
                      const dir = header.column.getIsSorted();
                      return (
                        <th
                          key={header.id}
                          style={{ width: header.getSize() }}
                          data-column={header.id}
                          aria-sort={
                            dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'
                          }
                        >
                          <button
                            type="button"
                            className="reg-sort"
                            onClick={header.column.getToggleSortingHandler()}
                            data-sort={header.id}
                            title={String(header.column.columnDef.header)}
                          >
                            <span className="reg-sort-label">
                              {flexRender(header.column.columnDef.header, header.getContext())}
                            </span>
                            <span className="reg-sort-mark" aria-hidden="true">
                              {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}
                            </span>
                          </button>
                          {/* Drag to resize; a double click gives the column back its fitted width. */}
                          <span
                            className={`reg-resizer${header.column.getIsResizing() ? ' reg-resizing' : ''}`}
                            onMouseDown={header.getResizeHandler()}
                            onTouchStart={header.getResizeHandler()}
                            onDoubleClick={() => header.column.resetSize()}
                            data-testid={`resize-${header.id}`}
                            aria-hidden="true"
                          />
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
                        <td key={c.id} data-column={c.column.id}>
                          {flexRender(c.column.columnDef.cell, c.getContext())}
                        </td>
                      ))}
                    </tr>
                  );
                })}
                {padBottom > 0 && <tr style={{ height: padBottom }} aria-hidden="true" />}
              </tbody>
            </table>
            {total === 0 && (
              <div className="panel-body muted" data-testid="registry-empty">
                {t('applications.empty')}
              </div>
            )}
          </div>
        </section>
      </div>
      {selected && (
        <DetailPane
          applicationId={selected}
          streams={streams}
          onClose={() => setSelected(null)}
          onChanged={reload}
        />
      )}
    </div>
  );
}

function readSizing(): ColumnSizingState {
  try {
    const saved = JSON.parse(localStorage.getItem(SIZING_KEY) ?? '{}') as unknown;
    if (!saved || typeof saved !== 'object') return {};
    const out: ColumnSizingState = {};
    for (const [id, w] of Object.entries(saved))
      if (typeof w === 'number' && w >= MIN_COLUMN && w <= MAX_COLUMN) out[id] = w;
    return out;
  } catch {
    return {};
  }
}

function writeSizing(sizing: ColumnSizingState): void {
  try {
    localStorage.setItem(SIZING_KEY, JSON.stringify(sizing));
  } catch {
    // a full or disabled storage only costs the remembered widths
  }
}

let measure: CanvasRenderingContext2D | null = null;

/** Pixel widths that fit each column's header (bold, with the sort mark) and values. */
function fitWidths(list: RegistryColumn[], rows: RegistryRow[]): Record<string, number> {
  measure ??= document.createElement('canvas').getContext('2d');
  const font = getComputedStyle(document.body).fontFamily || 'sans-serif';
  const width = (text: string, bold: boolean) => {
    if (!measure) return text.length * 7.5;
    measure.font = `${bold ? '600 ' : ''}13px ${font}`;
    return measure.measureText(text).width;
  };
  const out: Record<string, number> = {};
  for (const c of list) {
    let w = width(c.header, true) + 30;
    for (const r of rows) w = Math.max(w, width(c.text(r), c.id === 'status') + 24);
    out[c.id] = Math.round(Math.min(MAX_COLUMN, Math.max(MIN_COLUMN, w)));
  }
  return out;
}
