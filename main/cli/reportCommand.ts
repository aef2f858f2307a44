// `kabyl report NAME LOG.jsonl --out FILE.xlsx [--lang ky|ru|en] [--at INSTANT]`:
// replays the log, then writes one report as an Excel workbook. A malformed
// log fails before any file is opened (`line N: ...`, exit 2).
import { Replayer } from '../../shared/engine/replay';
import { DEFAULT_LANG, LANGS, REPORT_NAMES, isLang } from '../../shared/reports/labels';
import { buildReport, isReportName } from '../../shared/reports/reports';
import { writeReportXlsx } from '../excel/writeReport';
import { forEachLine } from './readLines';
import { type Io, UsageError, takeOption } from './io';

export const reportHelp = `Usage: kabyl report NAME LOG.jsonl --out FILE.xlsx [--lang ky|ru|en] [--at INSTANT]

Replays a campaign log ("-" reads stdin) and writes one report as an Excel
workbook: one sheet with a title block (districts, report, generated, as of),
a frozen header row with an autofilter, then one row per item. Times are
Asia/Bishkek wall time, as real Excel dates.

Reports:
  applications   every application: status, reason, school, language, stage,
                 basis, privilege, order, submitted at
  streams        every stream: quota, occupied, free, overflow, planned classes,
                 seats per class, class-size norm and warnings
  privileges     every application that claimed a privilege, with its state
  commission     every commission case and its decision
  orders         every admission order, one row per enrolled child
  no-documents   the children whose seat went at the documents deadline
  daily          applications per day (Bishkek) and stage

  --out FILE.xlsx  where to write (written to FILE.xlsx.tmp, then renamed)
  --lang LANG      ky (default), ru or en: headers and values
  --at INSTANT     the state as of this instant (as in kabyl replay)

Exit codes: 0 written; 2 a malformed log or bad arguments.`;

export async function reportCommand(args: string[], io: Io): Promise<number> {
  const rest = [...args];
  const out = takeOption(rest, '--out');
  const lang = takeOption(rest, '--lang') ?? DEFAULT_LANG;
  const at = takeOption(rest, '--at');
  if (rest.length !== 2)
    throw new UsageError(
      'report takes a report NAME and one LOG.jsonl (or - for stdin)',
      reportHelp,
    );
  const [name, logPath] = rest;
  if (!isReportName(name))
    throw new UsageError(`unknown report "${name}"; one of ${REPORT_NAMES.join(', ')}`, reportHelp);
  if (out === undefined) throw new UsageError('--out FILE.xlsx is required', reportHelp);
  if (!isLang(lang))
    throw new UsageError(`--lang must be one of ${LANGS.join(', ')}, not "${lang}"`, reportHelp);

  const replayer = new Replayer();
  forEachLine(logPath, (line) => replayer.line(line));
  replayer.finish(at);
  const table = buildReport(name, replayer.engine);
  await writeReportXlsx(table, out, { lang, generatedAt: Date.now() });
  io.err(`kabyl report: ${name}: ${table.rows.length} rows written to ${out}\n`);
  return 0;
}
