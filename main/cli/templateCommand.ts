// `kabyl template --out FILE.xlsx [--lang ky|ru|en] [--from LOG.jsonl [--at INSTANT]]`:
// the Excel template for importing schools, catchments and quotas; with
// --from, pre-filled with the district's set-up as the log leaves it.
import { Replayer } from '../../shared/engine/replay';
import { districtModelFromEngine } from '../../shared/excelImport/fromEngine';
import { DEFAULT_LANG, LANGS, isLang } from '../../shared/reports/labels';
import { writeTemplateXlsx } from '../excel/writeTemplate';
import { forEachLine } from './readLines';
import { type Io, UsageError, takeOption } from './io';

export const templateHelp = `Usage: kabyl template --out FILE.xlsx [--lang ky|ru|en] [--from LOG.jsonl [--at INSTANT]]

Writes the Excel workbook a district fills in to import its set-up: sheets
Schools (id, name, kind, district, languages, urban or rural, class size
norm), Catchments (school, address prefix) and Quotas (school, language,
seats, classes), with an instructions sheet. Headers are in --lang; a file
with headers in any of ky, ru, en is read back.

  --out FILE.xlsx  where to write (written to FILE.xlsx.tmp, then renamed)
  --lang LANG      ky (default), ru or en
  --from LOG.jsonl pre-fill the sheets with the schools, catchments and quotas
                   the log sets up ("-" reads stdin)
  --at INSTANT     with --from: the set-up as of this instant

Exit codes: 0 written; 2 a malformed log or bad arguments.`;

export async function templateCommand(args: string[], io: Io): Promise<number> {
  const rest = [...args];
  const out = takeOption(rest, '--out');
  const lang = takeOption(rest, '--lang') ?? DEFAULT_LANG;
  const from = takeOption(rest, '--from');
  const at = takeOption(rest, '--at');
  if (rest.length !== 0) throw new UsageError(`unexpected argument "${rest[0]}"`, templateHelp);
  if (out === undefined) throw new UsageError('--out FILE.xlsx is required', templateHelp);
  if (!isLang(lang))
    throw new UsageError(`--lang must be one of ${LANGS.join(', ')}, not "${lang}"`, templateHelp);
  if (at !== undefined && from === undefined)
    throw new UsageError('--at needs --from LOG.jsonl', templateHelp);
  let model;
  if (from !== undefined) {
    const replayer = new Replayer();
    forEachLine(from, (line) => replayer.line(line));
    replayer.finish(at);
    model = districtModelFromEngine(replayer.engine);
  }
  await writeTemplateXlsx(out, lang, model);
  io.err(`kabyl template: written to ${out}\n`);
  return 0;
}
