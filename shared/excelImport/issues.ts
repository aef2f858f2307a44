// What can be wrong with a district workbook, and how to say it to the person
// who filled it in: the sheet, the row, the column and the reason, in their
// language.
import type { Lang, Text } from '../reports/labels';
import { WORKBOOK_LIMITS as L } from './limits';
import { DISTRICT_SHEETS, type SheetKey } from './sheets';

const t = (ky: string, ru: string, en: string): Text => ({ ky, ru, en });
const MB = L.maxUnpackedBytes / (1024 * 1024);

export const ISSUE_TEXT = {
  unreadable_file: t(
    'Файлды Excel китеби катары окуу мүмкүн эмес',
    'Файл не читается как книга Excel',
    'The file is not a readable Excel workbook',
  ),
  // the file as a whole is beyond WORKBOOK_LIMITS (shared/excelImport/limits.ts): nothing of it is read
  too_many_entries: t(
    `Китепте бөлүктөр өтө көп: чеги ${L.maxEntries}`,
    `В книге слишком много частей: предел ${L.maxEntries}`,
    `The workbook holds too many parts: the limit is ${L.maxEntries}`,
  ),
  workbook_too_large: t(
    `Китеп ачылганда өтө чоң: чеги ${MB} МБ`,
    `Книга в распакованном виде слишком велика: предел ${MB} МБ`,
    `The workbook is too large once unpacked: the limit is ${MB} MB`,
  ),
  too_many_rows: t(
    `Китепте саптар өтө көп: чеги ${L.maxRows}`,
    `В книге слишком много строк: предел ${L.maxRows}`,
    `The workbook has too many rows: the limit is ${L.maxRows}`,
  ),
  workbook_too_heavy: t(
    `Китепти ${L.maxHeapMb} МБ эстутум жана ${L.maxMs / 1000} секунд чегинде окуу мүмкүн болгон жок`,
    `Книгу не удалось прочитать в пределах ${L.maxHeapMb} МБ памяти и ${L.maxMs / 1000} секунд`,
    `The workbook could not be read within the limits of ${L.maxHeapMb} MB of memory and ${L.maxMs / 1000} s`,
  ),
  missing_sheet: t('Барак жок', 'Нет листа', 'Missing sheet'),
  missing_column: t('Мамыча жок', 'Нет столбца', 'Missing column'),
  required: t(
    'Уяча бош, бирок толтурулушу керек',
    'Пустая обязательная ячейка',
    'Required cell is empty',
  ),
  not_a_number: t('Сан эмес', 'Не число', 'Not a number'),
  not_an_integer: t('Бүтүн сан эмес', 'Не целое число', 'Not a whole number'),
  negative: t('Терс сан', 'Отрицательное число', 'Negative number'),
  below_minimum: t(
    'Сан өтө кичине (кеминде 1)',
    'Слишком малое число (не меньше 1)',
    'Number too small (at least 1)',
  ),
  formula_error: t('Формулада ката', 'Ошибка в формуле', 'Formula error'),
  unknown_kind: t(
    'Мектептин түрү тизмеде жок',
    'Тип школы не из списка',
    'School kind not in the list',
  ),
  unknown_locality: t(
    '«Шаар» же «айыл» болушу керек',
    'Должно быть «город» или «село»',
    'Must be urban or rural',
  ),
  invalid_language: t('Тилдин коду туура эмес', 'Неверный код языка', 'Invalid language code'),
  invalid_address: t('Дарек коду туура эмес', 'Неверный код адреса', 'Invalid address code'),
  address_as_number: t(
    'Дарек коду сан катары жазылган: мамычаны текст форматына которуңуз',
    'Код адреса записан числом: задайте столбцу текстовый формат',
    'Address code stored as a number: format the column as text',
  ),
  duplicate_school: t('Мектептин ID кайталанат', 'Повторный ID школы', 'Duplicate school ID'),
  unknown_school: t(
    'Мындай мектеп «Мектептер» барагында жок',
    'Такой школы нет на листе «Школы»',
    'No such school on the Schools sheet',
  ),
  duplicate_prefix: t(
    'Бул мектеп үчүн дарек коду кайталанат',
    'Код адреса повторяется для этой школы',
    'Address prefix repeated for this school',
  ),
  duplicate_stream: t(
    'Бул мектеп жана тил үчүн квота кайталанат',
    'Квота для этой школы и языка повторяется',
    'Quota repeated for this school and language',
  ),
  language_not_listed: t(
    'Бул тил мектептин тилдеринин арасында жок',
    'Этого языка нет среди языков школы',
    "Language not among the school's languages",
  ),
  // warnings: the file is clean, but a person should look
  shared_prefix: t(
    'Бул дарек коду башка мектепте да бар',
    'Этот код адреса есть и у другой школы',
    'Another school has this address prefix too',
  ),
  no_quota: t(
    'Бул тил үчүн квота жок: агым түзүлбөйт',
    'Нет квоты для этого языка: поток не будет создан',
    'No quota for this language: no stream will exist',
  ),
} satisfies Record<string, Text>;

export type IssueReason = keyof typeof ISSUE_TEXT;

export interface ImportIssue {
  /** null for the file as a whole */
  sheet: SheetKey | null;
  /** the sheet's name as found in the file; null when it is missing (the label is shown) */
  sheetName: string | null;
  /** 1-based Excel row; null for a whole sheet */
  row: number | null;
  /** the column's key in the model (`seats`), null for a whole row or sheet */
  column: string | null;
  /** the column's header as found in the file; null when it is missing (the label is shown) */
  columnName: string | null;
  /** `C5` */
  cell: string | null;
  reason: IssueReason;
  /** the offending value as text, when there is one */
  value: string | null;
}

const WHERE = {
  sheet: t('Барак', 'Лист', 'Sheet'),
  row: t('сап', 'строка', 'row'),
  column: t('мамыча', 'столбец', 'column'),
};

/** `Лист «Квоты», строка 5, столбец «Мест» (C5): Отрицательное число: -3` */
export function describeIssue(issue: ImportIssue, lang: Lang): string {
  const sheet = DISTRICT_SHEETS.find((d) => d.key === issue.sheet);
  const sheetName = issue.sheetName ?? sheet?.label[lang] ?? null;
  const columnName =
    issue.columnName ?? sheet?.columns.find((c) => c.key === issue.column)?.label[lang] ?? null;
  const where: string[] = [];
  if (sheetName !== null) where.push(`${WHERE.sheet[lang]} «${sheetName}»`);
  if (issue.row !== null) where.push(`${WHERE.row[lang]} ${issue.row}`);
  if (columnName !== null)
    where.push(`${WHERE.column[lang]} «${columnName}»${issue.cell ? ` (${issue.cell})` : ''}`);
  const what =
    ISSUE_TEXT[issue.reason][lang] +
    (issue.value !== null && issue.value !== '' ? `: ${issue.value}` : '');
  return where.length ? `${where.join(', ')}: ${what}` : what;
}
