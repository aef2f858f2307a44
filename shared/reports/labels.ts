// What a report says to people, in Kyrgyz, Russian and English: report titles,
// column headers and the words for every code the engine emits. Codes never
// reach a sheet raw; a code with no label (a campaign's own privilege category,
// a language we have no name for) is shown as written.
import type { ClassSizeLevel, NormWarning } from '../district/classNorms';
import type { SchoolKind } from '../log/events';
import type { Basis, CaseStatus, Locality, PrivilegeState, Status } from '../engine/model';
import type { Reason } from '../engine/reasons';

export const LANGS = ['ky', 'ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'ky';

export function isLang(v: string): v is Lang {
  return (LANGS as readonly string[]).includes(v);
}

export interface Text {
  ky: string;
  ru: string;
  en: string;
}
const t = (ky: string, ru: string, en: string): Text => ({ ky, ru, en });

export const REPORT_NAMES = ['applications', 'streams', 'privileges', 'commission', 'orders', 'no-documents', 'daily', 'waitlist'] as const;
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
  timeZone: t('Убакыт: Бишкек (UTC+06:00)', 'Время: Бишкек (UTC+06:00)', 'Times: Bishkek (UTC+06:00)'),
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
  refused: t('Четке кагылгандар', 'Отказано', 'Refused'),
  withdrawn: t('Кайтарылып алынгандар', 'Отозвано', 'Withdrawn'),
  noDocuments: t('Документсиз', 'Без документов', 'No documents'),
  position: t('Кезектеги орду', 'Место в очереди', 'Place in line'),
  queueEntryKind: t('Кезектин түрү', 'Вид записи', 'Entry'),
  currentStream: t('Азыркы агымы', 'Текущий поток', 'Current stream'),
  since: t('Кезекке турган убакыт', 'В очереди с', 'In line since'),
} satisfies Record<string, Text>;
export type ColumnKey = keyof typeof COLUMN_HEADERS;

export const STATUS: Record<Status, Text> = {
  registered: t('Катталды', 'Зарегистрировано', 'Registered'),
  documents_received: t('Документтер кабыл алынды', 'Документы приняты', 'Documents received'),
  enrolled: t('Окууга кабыл алынды', 'Зачислен', 'Enrolled'),
  refused: t('Четке кагылды', 'Отказано', 'Refused'),
  withdrawn: t('Кайтарылып алынды', 'Отозвано', 'Withdrawn'),
  no_documents: t('Документтер тапшырылган жок', 'Документы не сданы', 'No documents'),
  waitlisted: t('Кезекте', 'В очереди', 'Waitlisted'),
};

export const BASIS: Record<Basis, Text> = {
  catchment: t('Микроучасток боюнча', 'По микроучастку', 'Catchment'),
  privilege: t('Жеңилдик боюнча', 'По льготе', 'Privilege'),
  open: t('Бош орунга (2-этап)', 'На свободное место (2 этап)', 'Free seat (stage 2)'),
  commission: t('Комиссиянын чечими', 'Решение комиссии', 'Commission'),
};

export const PRIVILEGE_STATE: Record<PrivilegeState, Text> = {
  none: t('Жок', 'Нет', 'None'),
  pending: t('Каралууда', 'На рассмотрении', 'Pending'),
  approved: t('Ырасталды', 'Подтверждена', 'Approved'),
  rejected: t('Четке кагылды', 'Отклонена', 'Rejected'),
};

export const PRIVILEGE_CATEGORY: Record<string, Text> = {
  military: t('Аскер кызматчыларынын балдары', 'Дети военнослужащих', 'Children of serving military'),
  kairylman: t('Кайрылмандар', 'Кайрылманы', 'Kairylman'),
  teacher: t('Ушул мектептин мугалимдеринин балдары', 'Дети учителей этой школы', "Children of the school's teachers"),
};

export const CASE_STATUS: Record<CaseStatus, Text> = {
  open: t('Ачык', 'Открыто', 'Open'),
  placed: t('Орношулду', 'Устроен', 'Placed'),
  declined: t('Четке кагылды', 'Отклонено', 'Declined'),
};

export const SCHOOL_KIND: Record<SchoolKind, Text> = {
  state: t('Мамлекеттик', 'Государственная', 'State'),
  municipal: t('Муниципалдык', 'Муниципальная', 'Municipal'),
  private: t('Жеке менчик', 'Частная', 'Private'),
  special: t('Атайын мектеп-интернат', 'Специальная школа-интернат', 'Special boarding school'),
  gymnasium: t('Гимназия', 'Гимназия', 'Gymnasium'),
};

export const LOCALITY: Record<Locality, Text> = {
  urban: t('Шаар', 'Городская', 'Urban'),
  rural: t('Айыл', 'Сельская', 'Rural'),
};

export const LANGUAGE: Record<string, Text> = {
  ky: t('Кыргыз тили', 'Кыргызский', 'Kyrgyz'),
  ru: t('Орус тили', 'Русский', 'Russian'),
  uz: t('Өзбек тили', 'Узбекский', 'Uzbek'),
  tj: t('Тажик тили', 'Таджикский', 'Tajik'),
  en: t('Англис тили', 'Английский', 'English'),
};

export const CLASS_SIZE_LEVEL: Record<ClassSizeLevel, Text> = {
  ok: t('Нормада', 'В норме', 'Within the norm'),
  above_norm: t('Нормадан ашык', 'Выше нормы', 'Above the norm'),
  above_max: t('36дан ашык', 'Больше 36', 'Above 36'),
  far_above: t('Санитардык талаптар бузулду (50+)', 'Нарушение санитарных норм (50+)', 'Sanitary breach (50+)'),
};

/** R16: what a queue entry is */
export const QUEUE_ENTRY_KIND: Record<'wait' | 'transfer', Text> = {
  wait: t('Орун күтөт', 'Ожидает места', 'Waiting for a seat'),
  transfer: t('Которууну күтөт', 'Ожидает перевода', 'Standing transfer'),
};

export const NORM_WARNING: Record<NormWarning, Text> = {
  above_norm: CLASS_SIZE_LEVEL.above_norm,
  above_max: CLASS_SIZE_LEVEL.above_max,
  far_above: CLASS_SIZE_LEVEL.far_above,
  overflow: t('Квотадан ашып кетти', 'Переполнение', 'Overflow'),
};

export const REASON: Record<Reason, Text> = {
  outside_window: t('Кабыл алуу мөөнөтүнөн тышкары', 'Вне срока приёма', 'Outside the window'),
  invalid_pin: t('ПИН туура эмес', 'Неверный ПИН', 'Invalid PIN'),
  age_out_of_range: t('Жашы туура келбейт', 'Возраст не подходит', 'Age out of range'),
  school_not_found: t('Мектеп табылган жок', 'Школа не найдена', 'School not found'),
  school_not_in_scope: t('Мектеп кабыл алууга катышпайт', 'Школа не участвует в приёме', 'School not in scope'),
  language_not_offered: t('Бул тилде агым жок', 'Нет потока на этом языке', 'Language not offered'),
  duplicate_application: t('Баланын башка арызы бар', 'У ребёнка уже есть заявление', 'Duplicate application'),
  privilege_not_recognized: t('Жеңилдик таанылган жок', 'Льгота не признана', 'Privilege not recognised'),
  no_free_seats: t('Бош орун жок', 'Нет свободных мест', 'No free seats'),
  not_in_catchment: t('Микроучастокко кирбейт', 'Вне микроучастка', 'Not in the catchment'),
  duplicate_id: t('Кайталанган ID', 'Повторный ID', 'Duplicate ID'),
  application_not_found: t('Арыз табылган жок', 'Заявление не найдено', 'Application not found'),
  list_locked: t('Тизме бекитилген', 'Список закрыт', 'List locked'),
  not_active: t('Арыз активдүү эмес', 'Заявление не активно', 'Not active'),
  same_school: t('Ошол эле агым', 'Тот же поток', 'Same stream'),
  withdrawal_limit: t('Кайтарып алуу чегинен ашты', 'Превышен лимит отзывов', 'Withdrawal limit'),
  no_pending_privilege: t('Каралуучу жеңилдик жок', 'Нет льготы на рассмотрении', 'No pending privilege'),
  privilege_pending: t('Жеңилдик али каралууда', 'Льгота ещё на рассмотрении', 'Privilege pending'),
  documents_incomplete: t('Документтер толук эмес', 'Неполный комплект документов', 'Documents incomplete'),
  nothing_to_enroll: t('Кабыл ала турган бала жок', 'Некого зачислять', 'Nothing to enrol'),
  case_not_found: t('Иш табылган жок', 'Дело не найдено', 'Case not found'),
  case_closed: t('Иш жабылган', 'Дело закрыто', 'Case closed'),
  privilege_rejected: t('Жеңилдик четке кагылды', 'Льгота отклонена', 'Privilege rejected'),
  no_documents: t('Документтер мөөнөтүндө тапшырылган жок', 'Документы не сданы в срок', 'No documents by the deadline'),
  waitlist_closed: t('Кезек жабылды', 'Очередь закрыта', 'Waitlist closed'),
};

/** The label of a code in a domain, or the code itself when the domain has no word for it. */
export function labelOf(domain: Record<string, Text>, code: string, lang: Lang): string {
  const text = domain[code];
  return text === undefined ? code : text[lang];
}
