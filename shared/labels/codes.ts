// Short labels for the codes the engine and the log carry: what a column, a chip,
// a filter or a chart legend says. Wording follows official usage (see docs/labels.md
// for the choices made where the reports and the screens used to disagree).
import type { ClassSizeLevel, NormWarning } from '../district/classNorms';
import type { Basis, CaseStatus, Locality, PrivilegeState, Status } from '../engine/model';
import type { Reason } from '../engine/reasons';
import type { ActorRole, EventType, SchoolKind } from '../log/events';
import type { CASE_REASON_KINDS } from '../ipc/channels/commission';
import { t, type Text } from './text';

export const STATUS: Record<Status, Text> = {
  registered: t('Катталды', 'Зарегистрировано', 'Registered'),
  documents_received: t('Документтер кабыл алынды', 'Документы приняты', 'Documents received'),
  enrolled: t('Окууга кабыл алынды', 'Зачислен', 'Enrolled'),
  refused: t('Баш тартылды', 'Отказано', 'Refused'),
  withdrawn: t('Кайтарылып алынды', 'Отозвано', 'Withdrawn'),
  no_documents: t('Документтер тапшырылган жок', 'Документы не сданы', 'No documents'),
  waitlisted: t('Кезекте', 'В очереди', 'Waitlisted'),
};

export const BASIS: Record<Basis, Text> = {
  catchment: t('Микроучасток боюнча', 'По микроучастку', 'By micro-district'),
  privilege: t('Жеңилдик боюнча', 'По льготе', 'By privilege'),
  open: t('Бош орунга (2-этап)', 'На свободное место (2-й этап)', 'Free seat (stage 2)'),
  commission: t('Комиссиянын чечими боюнча', 'По решению комиссии', 'By commission decision'),
};

export const PRIVILEGE_STATE: Record<PrivilegeState, Text> = {
  none: t('Жеңилдик жок', 'Без льготы', 'No privilege'),
  pending: t('Каралууда', 'На рассмотрении', 'Awaiting review'),
  approved: t('Ырасталды', 'Подтверждена', 'Approved'),
  rejected: t('Четке кагылды', 'Отклонена', 'Rejected'),
};

/**
 * Privilege categories. The campaign recognises its own list (DEFAULT_PRIVILEGE_CATEGORIES
 * unless it says otherwise); parents also claim categories the campaign does not
 * recognise, and those reach the charts and the privilege review too, so the
 * usual ones are named here. A category nobody has a word for is shown as written.
 */
export const PRIVILEGE_CATEGORY: Record<string, Text> = {
  military: t(
    'Аскер кызматчыларынын балдары',
    'Дети военнослужащих',
    'Children of serving military',
  ),
  kairylman: t(
    'Кайрылмандардын балдары (мекенге кайтып келген этникалык кыргыздар)',
    'Дети кайрылманов (этнических кыргызов, вернувшихся на родину)',
    'Children of kairylman (ethnic Kyrgyz returnees)',
  ),
  teacher: t(
    'Ушул мектептин мугалимдеринин балдары',
    'Дети учителей этой школы',
    "Children of the school's teachers",
  ),
  large_family: t(
    'Көп балалуу үй-бүлөлөрдүн балдары',
    'Дети из многодетных семей',
    'Children of large families',
  ),
  orphan: t(
    'Жетим балдар жана ата-энесинин камкордугусуз калган балдар',
    'Дети-сироты и дети, оставшиеся без попечения родителей',
    'Orphans and children without parental care',
  ),
  disability: t(
    'Ден соолугунун мүмкүнчүлүгү чектелген балдар',
    'Дети с ограниченными возможностями здоровья',
    'Children with disabilities',
  ),
};

export const CASE_STATUS: Record<CaseStatus, Text> = {
  open: t('Ачык', 'Открыто', 'Open'),
  placed: t('Орун берилди', 'Устроен', 'Placed'),
  declined: t('Четке кагылды', 'Отклонено', 'Declined'),
};

type CaseReasonKind = (typeof CASE_REASON_KINDS)[number];
/**
 * Why a case went to the commission. The log's `reason` is free text; these are the
 * codes written in it (by the app's form and by the generator), shown by their label.
 */
export const CASE_REASON: Record<CaseReasonKind | 'no_free_seats', Text> = {
  no_pin: t('Баланын ПИНи жок', 'У ребёнка нет ПИН', 'The child has no PIN'),
  no_documents: t('Документтери жок', 'Нет документов', 'No documents'),
  age_out_of_range: t(
    'Жашы талапка туура келбейт',
    'Возраст вне допустимого диапазона',
    'Outside the age range',
  ),
  no_free_seats: t(
    'Мектепте бош орун жок',
    'Нет свободных мест в школе',
    'No free seats at the school',
  ),
  other: t('Башка себеп', 'Другая причина', 'Other reason'),
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

/** Languages of instruction; FORMATS.md allows any code, and an unknown one is shown as written. */
export const STREAM_LANGUAGE: Record<string, Text> = {
  ky: t('Кыргыз тили', 'Кыргызский', 'Kyrgyz'),
  ru: t('Орус тили', 'Русский', 'Russian'),
  uz: t('Өзбек тили', 'Узбекский', 'Uzbek'),
  tj: t('Тажик тили', 'Таджикский', 'Tajik'),
  en: t('Англис тили', 'Английский', 'English'),
};
export const STREAM_LANGUAGES = ['ky', 'ru', 'uz', 'tj', 'en'] as const;

export const CLASS_SIZE_LEVEL: Record<ClassSizeLevel, Text> = {
  ok: t('Нормада', 'В норме', 'Within the norm'),
  above_norm: t('Нормадан ашык', 'Выше нормы', 'Above the norm'),
  above_max: t('36дан ашык', 'Больше 36', 'Above 36'),
  far_above: t(
    'Санитардык талаптар бузулду (50+)',
    'Нарушение санитарных норм (50+)',
    'Sanitary breach (50+)',
  ),
};

export const NORM_WARNING: Record<NormWarning, Text> = {
  above_norm: CLASS_SIZE_LEVEL.above_norm,
  above_max: CLASS_SIZE_LEVEL.above_max,
  far_above: CLASS_SIZE_LEVEL.far_above,
  overflow: t('Квотадан ашып кетти', 'Переполнение', 'Overflow'),
};

/** R16: what a queue entry is. */
export const QUEUE_ENTRY_KIND: Record<'wait' | 'transfer', Text> = {
  wait: t('Орун күтөт', 'Ожидает места', 'Waiting for a seat'),
  transfer: t('Которууну күтөт', 'Ожидает перевода', 'Standing transfer'),
};

/** A refusal as a short label, for a column of a report (the screen explains it with REFUSAL). */
export const REJECTION: Record<Reason, Text> = {
  outside_window: t('Кабыл алуу мөөнөтүнөн тышкары', 'Вне срока приёма', 'Outside the window'),
  invalid_pin: t('ПИН туура эмес', 'Неверный ПИН', 'Invalid PIN'),
  age_out_of_range: t('Жашы туура келбейт', 'Возраст не подходит', 'Age out of range'),
  school_not_found: t('Мектеп табылган жок', 'Школа не найдена', 'School not found'),
  school_not_in_scope: t(
    'Мектеп кабыл алууга катышпайт',
    'Школа не участвует в приёме',
    'School not in scope',
  ),
  language_not_offered: t('Бул тилде агым жок', 'Нет потока на этом языке', 'Language not offered'),
  duplicate_application: t(
    'Баланын башка арызы бар',
    'У ребёнка уже есть заявление',
    'Duplicate application',
  ),
  privilege_not_recognized: t(
    'Жеңилдик таанылган жок',
    'Льгота не признана',
    'Privilege not recognised',
  ),
  no_free_seats: t('Бош орун жок', 'Нет свободных мест', 'No free seats'),
  not_in_catchment: t('Микроучастокко кирбейт', 'Вне микроучастка', 'Not in the micro-district'),
  duplicate_id: t('Кайталанган ID', 'Повторный ID', 'Duplicate ID'),
  application_not_found: t('Арыз табылган жок', 'Заявление не найдено', 'Application not found'),
  list_locked: t('Тизме бекитилген', 'Список закрыт', 'List locked'),
  not_active: t('Арыз активдүү эмес', 'Заявление не активно', 'Not active'),
  same_school: t('Ошол эле агым', 'Тот же поток', 'Same stream'),
  withdrawal_limit: t('Кайтарып алуу чегинен ашты', 'Превышен лимит отзывов', 'Withdrawal limit'),
  no_pending_privilege: t(
    'Каралуучу жеңилдик жок',
    'Нет льготы на рассмотрении',
    'No pending privilege',
  ),
  privilege_pending: t('Жеңилдик али каралууда', 'Льгота ещё на рассмотрении', 'Privilege pending'),
  documents_incomplete: t(
    'Документтер толук эмес',
    'Неполный комплект документов',
    'Documents incomplete',
  ),
  nothing_to_enroll: t('Кабыл ала турган бала жок', 'Некого зачислять', 'Nothing to enrol'),
  case_not_found: t('Иш табылган жок', 'Дело не найдено', 'Case not found'),
  case_closed: t('Иш жабылган', 'Дело закрыто', 'Case closed'),
  privilege_rejected: t('Жеңилдик четке кагылды', 'Льгота отклонена', 'Privilege rejected'),
  no_documents: t(
    'Документтер мөөнөтүндө тапшырылган жок',
    'Документы не сданы в срок',
    'No documents by the deadline',
  ),
  waitlist_closed: t('Кезек жабылды', 'Очередь закрыта', 'Waitlist closed'),
};

export const EVENT_TYPE: Record<EventType, Text> = {
  'campaign.opened': t('Кампания ачылды', 'Кампания открыта', 'Campaign opened'),
  'school.registered': t('Мектеп катталды', 'Школа зарегистрирована', 'School registered'),
  'catchment.set': t('Микроучасток белгиленди', 'Микроучасток задан', 'Micro-district set'),
  'quota.set': t('Квота белгиленди', 'Квота установлена', 'Quota set'),
  'application.submitted': t('Арыз берилди', 'Заявление подано', 'Application submitted'),
  'application.withdrawn': t(
    'Арыз кайтарылып алынды',
    'Заявление отозвано',
    'Application withdrawn',
  ),
  'application.transfer_requested': t('Которуу суралды', 'Запрошен перевод', 'Transfer requested'),
  'privilege.reviewed': t('Жеңилдик каралды', 'Льгота рассмотрена', 'Privilege reviewed'),
  'documents.received': t('Документтер кабыл алынды', 'Документы приняты', 'Documents received'),
  'order.issued': t(
    'Кабыл алуу буйругу чыкты',
    'Издан приказ о зачислении',
    'Admission order issued',
  ),
  'commission.case_opened': t(
    'Комиссиянын иши ачылды',
    'Открыто дело комиссии',
    'Commission case opened',
  ),
  'commission.decided': t('Комиссиянын чечими', 'Решение комиссии', 'Commission decided'),
};

/** Who acts in the log; the three signing-in roles are a part of these. */
export const ROLE: Record<ActorRole, Text> = {
  parent: t('Ата-эне', 'Родитель', 'Parent'),
  district: t(
    'Райондук билим берүү бөлүмүнүн адиси',
    'Специалист районного отдела образования',
    'District officer',
  ),
  director: t('Мектептин директору', 'Директор школы', 'School director'),
  commission: t('Комиссиянын мүчөсү', 'Член комиссии', 'Commission member'),
  system: t('Система', 'Система', 'System'),
};
