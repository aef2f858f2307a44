// The district workbook template: the Schools, Catchments and Quotas sheets
// with their headers (in one language; any of the three is read back), lists
// to pick the kind and locality from, code columns kept as text, and an
// instructions sheet. Given a model (the district as it is), the rows come
// pre-filled, so an officer edits the current set-up instead of retyping it.
import ExcelJS from 'exceljs';
import type { DistrictModel } from '../../shared/excelImport/districtModel';
import {
  INSTRUCTIONS_SHEET,
  DISTRICT_SHEETS,
  type SheetDef,
} from '../../shared/excelImport/sheets';
import { columnLetter } from '../../shared/excelImport/rawWorkbook';
import { LOCALITY, SCHOOL_KIND, type Lang, labelOf } from '../../shared/reports/labels';
import { SCHOOL_KINDS } from '../../shared/log/events';
import { writeAtomically } from './atomicFile';
import { HEADER_STYLE } from './sheetFormats';

/** rows below the header that get the dropdowns and text formats */
const PREPARED_ROWS = 2_000;

export async function templateWorkbook(
  lang: Lang,
  model?: DistrictModel,
): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kabyl';
  const rowsOf: Record<string, (string | number | null)[][]> = {
    schools: (model?.schools ?? []).map((s) => [
      s.id,
      s.name,
      labelOf(SCHOOL_KIND, s.kind, lang),
      s.districtId,
      s.languages.join(', '),
      s.locality === null ? null : labelOf(LOCALITY, s.locality, lang),
      s.classSizeNorm,
    ]),
    catchments: (model?.catchments ?? []).map((c) => [c.schoolId, c.prefix]),
    quotas: (model?.quotas ?? []).map((q) => [q.schoolId, q.language, q.seats, q.classes]),
  };
  for (const def of DISTRICT_SHEETS) addSheet(wb, def, lang, rowsOf[def.key]);
  addInstructions(wb, lang);
  return wb;
}

/** The template as bytes, for the app to offer as a download. */
export async function templateXlsxBuffer(lang: Lang, model?: DistrictModel): Promise<Buffer> {
  const wb = await templateWorkbook(lang, model);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function writeTemplateXlsx(
  path: string,
  lang: Lang,
  model?: DistrictModel,
): Promise<void> {
  const wb = await templateWorkbook(lang, model);
  await writeAtomically(path, (tmp) => wb.xlsx.writeFile(tmp));
}

function addSheet(
  wb: ExcelJS.Workbook,
  def: SheetDef,
  lang: Lang,
  rows: (string | number | null)[][],
): void {
  const ws = wb.addWorksheet(def.label[lang], {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  ws.columns = def.columns.map((c) => ({ width: c.width }));
  const header = ws.addRow(
    def.columns.map((c) => (c.required ? `${c.label[lang]} *` : c.label[lang])),
  );
  header.eachCell((cell) => (cell.style = HEADER_STYLE));
  for (const r of rows) ws.addRow(r);
  const last = Math.max(PREPARED_ROWS, rows.length + 1);
  def.columns.forEach((c, i) => {
    const range = `${columnLetter(i)}2:${columnLetter(i)}${last}`;
    // Codes stay text: Excel would turn 41.10 into 41.1 and 007 into 7.
    if (
      c.type === 'text' ||
      c.type === 'address' ||
      c.type === 'languages' ||
      c.type === 'language'
    ) {
      for (let r = 2; r <= last; r++) ws.getCell(r, i + 1).numFmt = '@';
    }
    if (c.type === 'kind' || c.type === 'locality') {
      const labels =
        c.type === 'kind'
          ? SCHOOL_KINDS.map((k) => SCHOOL_KIND[k][lang])
          : (['urban', 'rural'] as const).map((l) => LOCALITY[l][lang]);
      validations(ws).add(range, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`"${labels.join(',')}"`],
        showErrorMessage: true,
      });
    }
    if (c.type === 'count' || c.type === 'norm') {
      validations(ws).add(range, {
        type: 'whole',
        operator: 'greaterThanOrEqual',
        allowBlank: !c.required,
        formulae: [c.type === 'norm' ? 1 : 0],
        showErrorMessage: true,
      });
    }
  });
}

/** exceljs has range data validations at run time but not in its type declarations. */
function validations(ws: ExcelJS.Worksheet): {
  add(range: string, rule: ExcelJS.DataValidation): void;
} {
  return (
    ws as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }
  ).dataValidations;
}

const HELP: Record<Lang, string[]> = {
  ky: [
    'Бул китепте үч барак бар: Мектептер, Микроучасток, Квоталар. * белгиси бар мамычалар милдеттүү.',
    'Мектептер: ID, аталышы, түрү (тизмеден), район, окутуу тилдери (коддор үтүр менен: ky, ru), шаар же айыл, класстагы норма (бош болсо 25 айыл / 30 шаар).',
    'Микроучасток: бир сапта бир мектеп жана бир дарек коду (мисалы 41.1.3). Мектептин дареги ушул код же анын уландысы болгон бардык даректерди камтыйт.',
    'Квоталар: мектеп, окутуу тили, орундар (0 же андан көп), пландалган класстар.',
    'Импорт алдын ала көрсөтүлөт; файлда бир да ката болсо, эч нерсе жазылбайт. Кайра импорттоодо өзгөрүүлөр гана жазылат.',
  ],
  ru: [
    'В книге три листа: Школы, Микроучастки, Квоты. Столбцы со звёздочкой * обязательны.',
    'Школы: ID, название, тип (из списка), район, языки обучения (коды через запятую: ky, ru), город или село, норма на класс (если пусто: 25 село / 30 город).',
    'Микроучастки: в строке одна школа и один код адреса (например 41.1.3). Школа обслуживает все адреса, равные этому коду или продолжающие его.',
    'Квоты: школа, язык обучения, мест (0 и больше), плановых классов.',
    'Перед импортом показывается предпросмотр; если в файле есть хоть одна ошибка, ничего не записывается. Повторный импорт записывает только изменения.',
  ],
  en: [
    'This workbook has three sheets: Schools, Catchments, Quotas. Columns marked * are required.',
    'Schools: ID, name, kind (from the list), district, languages of instruction (codes separated by commas: ky, ru), urban or rural, class size norm (empty: 25 rural / 30 urban).',
    'Catchments: one school and one address code per row (e.g. 41.1.3). The school serves every address equal to the code or continuing it.',
    'Quotas: school, language, seats (0 or more), planned classes.',
    'The import shows a preview first; if the file has a single error, nothing is written. Importing an updated file writes only the changes.',
  ],
};

function addInstructions(wb: ExcelJS.Workbook, lang: Lang): void {
  const ws = wb.addWorksheet(INSTRUCTIONS_SHEET[lang]);
  ws.columns = [{ width: 120 }];
  for (const line of HELP[lang])
    ws.addRow([line]).getCell(1).alignment = { wrapText: true, vertical: 'top' };
}
