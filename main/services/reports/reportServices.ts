// reports.export / progress / download / rows / charts: the reports page.
// District-wide, for the district officer only: the report builders read the
// whole engine, and scoping each of them to one school is left for later (a
// director's school list and orders are served by their own screens).
import type { Res } from '../../../shared/ipc/contract';
import { chartData } from '../../../shared/charts/aggregate';
import type { Engine } from '../../../shared/engine/engine';
import { REPORT_TITLES, type Lang, type ReportName } from '../../../shared/reports/labels';
import { buildReport } from '../../../shared/reports/reports';
import { cellRenderer, headerOf, type ReportTable } from '../../../shared/reports/table';
import { asOfWarning } from '../../../shared/reports/asOf';
import { requireStore, requireUser, type ServiceContext } from '../context';
import { eventInstant } from '../clock/storeClock';
import type { StorePort } from '../storePort';
import { replayUntil } from './reportJobs';

/** base64 of 2 MiB is ~2.8 MB of JSON per call: well inside the bridge's limits */
const DOWNLOAD_PIECE = 2 * 1024 * 1024;

export async function exportReport(
  req: { report: ReportName; lang: Lang; asOf?: string },
  ctx: ServiceContext,
): Promise<Res<'reports.export'>> {
  const store = requireStore(ctx);
  const user = requireUser(ctx);
  return ctx.app.reportJobs.start(store, user.userId, req.report, req.lang, req.asOf);
}

export function reportProgress(
  req: { jobId: string },
  ctx: ServiceContext,
): Res<'reports.progress'> {
  return ctx.app.reportJobs.get(requireUser(ctx).userId, req.jobId);
}

export async function downloadReport(
  req: { jobId: string; offset: number },
  ctx: ServiceContext,
): Promise<Res<'reports.download'>> {
  const { job, bytes } = await ctx.app.reportJobs.read(
    requireUser(ctx).userId,
    req.jobId,
    req.offset,
    DOWNLOAD_PIECE,
  );
  const next = req.offset + bytes.length;
  return {
    fileName: job.fileName,
    size: job.size,
    offset: req.offset,
    chunk: bytes.toString('base64'),
    done: next >= job.size,
  };
}

// Paging through a 200k-row report would rebuild it per page; the last table
// built is kept while the engine has not moved (same event count, same clock).
let cached: {
  engine: Engine;
  events: number;
  lastAt: string | null;
  name: ReportName;
  table: ReportTable<unknown>;
} | null = null;

function tableFor(engine: Engine, name: ReportName): ReportTable<unknown> {
  if (
    cached &&
    cached.engine === engine &&
    cached.name === name &&
    cached.events === engine.stats.events &&
    cached.lastAt === engine.lastAt
  )
    return cached.table;
  const table = buildReport(name, engine);
  cached = { engine, events: engine.stats.events, lastAt: engine.lastAt, name, table };
  return table;
}

// The preview and the print page ask for the same "as of" several times (25 rows, then
// 2,000): the last replay is kept while the log has not grown.
let replayed: { store: StorePort; asOf: string; events: number; engine: Engine } | null = null;

async function engineAsOf(store: StorePort, asOf: string): Promise<Engine> {
  const events = await store.eventCount();
  if (replayed && replayed.store === store && replayed.asOf === asOf && replayed.events === events)
    return replayed.engine;
  const engine = await replayUntil(store, asOf, () => {});
  replayed = { store, asOf, events, engine };
  return engine;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as the screen shows it: dates as the xlsx shows them (Bishkek wall time). */
function screenCell(
  value: string | number | Date | null,
  kind: string,
  lang: Lang,
): string | number | null {
  if (!(value instanceof Date)) return value;
  const d = `${pad(value.getUTCDate())}.${pad(value.getUTCMonth() + 1)}.${value.getUTCFullYear()}`;
  const iso = value.toISOString();
  const day = lang === 'en' ? iso.slice(0, 10) : d;
  return kind === 'datetime' ? `${day} ${iso.slice(11, 16)}` : day;
}

export async function reportRows(
  req: { report: ReportName; lang: Lang; offset: number; limit: number; asOf?: string },
  ctx: ServiceContext,
): Promise<Res<'reports.rows'>> {
  requireUser(ctx);
  const store = requireStore(ctx);
  const engine = req.asOf ? await engineAsOf(store, req.asOf) : await store.engine();
  const warning = req.asOf
    ? asOfWarning(req.asOf, await store.campaign(), await eventInstant(store))
    : null;
  const table = tableFor(engine, req.report);
  const renderers = table.columns.map((c) => cellRenderer(c, req.lang));
  const rows = table.rows
    .slice(req.offset, req.offset + req.limit)
    .map((row) =>
      renderers.map((render, i) => screenCell(render(row), table.columns[i].kind, req.lang)),
    );
  return {
    title: REPORT_TITLES[req.report][req.lang],
    districts: table.districts,
    asOf: table.asOf,
    asOfWarning: warning,
    headers: table.columns.map((c) => headerOf(c, req.lang)),
    numeric: table.columns.map((c) => c.kind === 'integer' || c.kind === 'decimal'),
    total: table.rows.length,
    offset: req.offset,
    rows,
  };
}

// The dashboard asks for the charts on every visit; on the republic log they cost
// ~0.5 s (the documents query and the aggregation), so they are kept while the
// engine has not moved.
const chartsCache = new WeakMap<
  Engine,
  { events: number; lastAt: string | null; value: Res<'reports.charts'> }
>();

export async function reportCharts(_: object, ctx: ServiceContext): Promise<Res<'reports.charts'>> {
  requireUser(ctx);
  const store = requireStore(ctx);
  const engine = await store.engine();
  const hit = chartsCache.get(engine);
  if (hit && hit.events === engine.stats.events && hit.lastAt === engine.lastAt) return hit.value;
  const events = engine.stats.events;
  const lastAt = engine.lastAt;
  // The engine keeps each application's latest change only; the day documents came is the log's.
  const docs = await store.reads.acceptedEventTimes('documents.received');
  const value = { asOf: lastAt, ...chartData(engine, docs) };
  // a write during the query would make the figures a mix: keep them only if none came
  if (engine.stats.events === events) chartsCache.set(engine, { events, lastAt, value });
  return value;
}
