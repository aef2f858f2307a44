// What a report says to people, in Kyrgyz, Russian and English: report titles,
// column headers and title blocks. The words for the engine's codes live in the
// one label catalogue (shared/labels), which the screens use too; they are
// re-exported here under the names the reports have always used.
import { t, type Text } from '../labels/text';

export { LANGS, DEFAULT_LANG, isLang, labelOf, type Lang, type Text } from '../labels/text';
export {
  STATUS,
  BASIS,
  PRIVILEGE_STATE,
  PRIVILEGE_CATEGORY,
  CASE_STATUS,
  CASE_REASON,
  SCHOOL_KIND,
  LOCALITY,
  CLASS_SIZE_LEVEL,
  NORM_WARNING,
  STREAM_LANGUAGE as LANGUAGE,
  QUEUE_ENTRY_KIND,
  REJECTION as REASON,
} from '../labels/codes';

export const REPORT_NAMES = [
  'applications',
  'streams',
  'privileges',
  'commission',
  'orders',
  'no-documents',
  'daily',
  'waitlist',
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const REPORT_TITLES: Record<ReportName, Text> = {
  applications: t('Арыздар', 'Заявления', 'Applications'),
  streams: t('Агымдар жана квоталар', 'Потоки и квоты', 'Streams and quotas'),
  privileges: t('Жеңилдиктер', 'Льготы', 'Privileges'),
  commission: t('Комиссиянын иштери', 'Дела комиссии', 'Commission cases'),
  orders: t('Кабыл алуу буйруктары', 'Приказы о зачислении', 'Admission orders'),
  'no-documents': t('Документтерин тапшырбагандар', 'Не сдавшие документы', 'No documents'),
  daily: t('Күн сайын арыздар', 'Заявления по дням', 'Applications per day'),
  waitlist: t('Кезектер', 'Очереди', 'Waitlists'),
};

export const TITLE_BLOCK = {
  districts: t('Район(дор)', 'Район(ы)', 'District(s)'),
  generated: t('Түзүлгөн убакыт', 'Дата формирования', 'Generated'),
  asOf: t('Абал боюнча', 'По состоянию на', 'As of'),
  rows: t('Саптар', 'Строк', 'Rows'),
  timeZone: t(
    'Убакыт: Бишкек (UTC+06:00)',
    'Время: Бишкек (UTC+06:00)',
    'Times: Bishkek (UTC+06:00)',
  ),
  andMore: t('жана дагы {n}', 'и ещё {n}', 'and {n} more'),
};

export const COLUMN_HEADERS = {
  applicationId: t('Арыздын ID', 'ID заявления', 'Application ID'),
  childName: t('Баланын аты-жөнү', 'ФИО ребёнка', 'Child'),
  pin: t('ПИН', 'ПИН', 'PIN'),
  status: t('Абалы', 'Статус', 'Status'),
  reason: t('Себеби', 'Причина', 'Reason'),
  schoolId: t('Мектептин ID', 'ID школы', 'School ID'),
  schoolName: t('Мектеп', 'Школа', 'School'),
  districtId: t('Район', 'Район', 'District'),
  locality: t('Жайгашуусу', 'Местность', 'Locality'),
  language: t('Окутуу тили', 'Язык обучения', 'Language'),
  stage: t('Этап', 'Этап', 'Stage'),
  basis: t('Негизи', 'Основание', 'Basis'),
  privilegeCategory: t('Жеңилдик категориясы', 'Категория льготы', 'Privilege category'),
  privilegeState: t('Жеңилдиктин абалы', 'Статус льготы', 'Privilege state'),
  orderNumber: t('Буйруктун номери', 'Номер приказа', 'Order number'),
  orderDate: t('Буйруктун күнү', 'Дата приказа', 'Order date'),
  submittedAt: t('Берилген убакыт', 'Время подачи', 'Submitted at'),
  updatedAt: t('Акыркы өзгөрүү', 'Последнее изменение', 'Last change'),
  seatFreedAt: t('Орун бошотулган убакыт', 'Место освобождено', 'Seat freed at'),
  quota: t('Квота', 'Квота', 'Quota'),
  occupied: t('Ээленген', 'Занято', 'Occupied'),
  free: t('Бош', 'Свободно', 'Free'),
  overflow: t('Ашыкча', 'Сверх квоты', 'Overflow'),
  classes: t('Пландалган класстар', 'Плановых классов', 'Planned classes'),
  seatsPerClass: t('Класстагы орундар', 'Мест на класс', 'Seats per class'),
  childrenPerClass: t('Класстагы балдар', 'Детей на класс', 'Children per class'),
  classNorm: t('Норма', 'Норма', 'Norm'),
  classSizeLevel: t('Класстын толуктугу', 'Наполняемость класса', 'Class size'),
  warnings: t('Эскертүүлөр', 'Предупреждения', 'Warnings'),
  caseId: t('Иштин ID', 'ID дела', 'Case ID'),
  birthDate: t('Туулган күнү', 'Дата рождения', 'Birth date'),
  caseReason: t('Кайрылуунун себеби', 'Причина обращения', 'Case reason'),
  caseStatus: t('Иштин абалы', 'Статус дела', 'Case status'),
  openedAt: t('Ачылган убакыт', 'Открыто', 'Opened at'),
  decidedAt: t('Чечим убактысы', 'Время решения', 'Decided at'),
  note: t('Эскертме', 'Примечание', 'Note'),
  day: t('Күнү', 'Дата', 'Day'),
  applications: t('Арыздар', 'Заявлений', 'Applications'),
  active: t('Орун алгандар', 'С местом', 'Holding a seat'),
  refused: t('Баш тартылгандар', 'Отказано', 'Refused'),
  withdrawn: t('Кайтарылып алынгандар', 'Отозвано', 'Withdrawn'),
  noDocuments: t('Документтер тапшырылган жок', 'Документы не сданы', 'No documents'),
  position: t('Кезектеги орду', 'Место в очереди', 'Place in line'),
  queueEntryKind: t('Кезектин түрү', 'Вид записи', 'Entry'),
  currentStream: t('Азыркы агымы', 'Текущий поток', 'Current stream'),
  since: t('Кезекке турган убакыт', 'В очереди с', 'In line since'),
} satisfies Record<string, Text>;
export type ColumnKey = keyof typeof COLUMN_HEADERS;
