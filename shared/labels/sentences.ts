// The codes whose words are a sentence or a long phrase: refusals as the screen
// explains them, the campaign's phase and calendar, the documents a family hands in.
import type { Reason } from '../engine/reasons';
import type { RequiredDocument } from '../log/events';
import type { Boundary, PHASES } from '../ipc/contract';
import { t, type Text } from './text';

type Phase = (typeof PHASES)[number];

/** A refusal explained as a sentence, for the screen where an action was refused. */
export const REFUSAL: Record<Reason, Text> = {
  outside_window: t(
    'Азыр бул мүмкүн эмес: этап же документ кабыл алуу мөөнөтү жабык.',
    'Сейчас это невозможно: этап или срок приёма документов закрыт.',
    'This is not possible now: the stage or the documents window is closed.',
  ),
  invalid_pin: t(
    'Баланын ПИНи жараксыз: ал 14 цифрадан турушу, 1 же 2 менен башталышы жана чыныгы туулган күндү камтышы керек.',
    'ПИН ребёнка недействителен: он должен состоять из 14 цифр, начинаться с 1 или 2 и содержать реальную дату рождения.',
    "The child's PIN is invalid: it must have 14 digits, start with 1 or 2 and hold a real birth date.",
  ),
  age_out_of_range: t(
    'Баланын туулган күнү бул кампаниянын жаш чегинен тышкары; мындай учурларды райондук комиссия чечет.',
    'Дата рождения ребёнка вне возрастного диапазона этой кампании; такие случаи решает районная комиссия.',
    "The child's birth date is outside this campaign's age range; the district commission decides such cases.",
  ),
  school_not_found: t('Мектеп табылган жок.', 'Школа не найдена.', 'The school was not found.'),
  school_not_in_scope: t(
    'Бул мектеп кабыл алууга катышпайт: жеке, атайын мектептер жана гимназиялар катышпайт.',
    'Эта школа не участвует в приёме: частные, специальные школы и гимназии не участвуют.',
    'This school does not take part in the admission: private, special and gymnasium schools do not.',
  ),
  language_not_offered: t(
    'Мектепте бул окутуу тилиндеги агым жок.',
    'В школе нет потока с этим языком обучения.',
    'The school has no stream in this language of instruction.',
  ),
  duplicate_application: t(
    'Бул баланын ушул кампанияда жарактуу арызы бар.',
    'У ребёнка уже есть действующее заявление в этой кампании.',
    'This child already has an active application in this campaign.',
  ),
  privilege_not_recognized: t(
    'Бул жеңилдик категориясы ушул кампанияда каралган эмес.',
    'Эта льготная категория не признаётся в этой кампании.',
    'This privilege category is not recognised in this campaign.',
  ),
  no_free_seats: t(
    'Бул агымда бош орун жок.',
    'В этом потоке нет свободных мест.',
    'There are no free seats in this stream.',
  ),
  not_in_catchment: t(
    'Баланын катталган дареги бул мектептин микроучаскесине кирбейт.',
    'Адрес регистрации ребёнка не входит в микроучасток этой школы.',
    "The child's registered address is not in this school's micro-district.",
  ),
  duplicate_id: t(
    'Мындай идентификатору бар жазуу мурунтан эле бар.',
    'Запись с таким идентификатором уже существует.',
    'A record with this identifier already exists.',
  ),
  application_not_found: t(
    'Арыз табылган жок.',
    'Заявление не найдено.',
    'The application was not found.',
  ),
  list_locked: t(
    'Баланын документтери кабыл алынган, ошондуктан ордун мындан ары өзгөртүүгө болбойт.',
    'Документы ребёнка уже приняты, поэтому место больше нельзя изменить.',
    "The child's documents have been received, so the place can no longer be changed.",
  ),
  not_active: t(
    'Арыз мындан ары жарактуу эмес.',
    'Заявление уже не действует.',
    'The application is no longer active.',
  ),
  same_school: t(
    'Бала буга чейин эле ушул агымда.',
    'Ребёнок уже находится в этом потоке.',
    'The child is already in this stream.',
  ),
  withdrawal_limit: t(
    'Бала бул кампанияда арызды кайтарып алуунун чегине жетти.',
    'Ребёнок исчерпал допустимое в этой кампании число отзывов заявления.',
    "The child has reached this campaign's limit of withdrawals.",
  ),
  no_pending_privilege: t(
    'Арызда текшерүүнү күтүп жаткан жеңилдик жок.',
    'В заявлении нет льготы, ожидающей проверки.',
    'The application has no privilege claim waiting for review.',
  ),
  privilege_pending: t(
    'Адегенде жеңилдик боюнча чечим чыгарылышы керек.',
    'Сначала нужно принять решение по заявленной льготе.',
    'The privilege claim must be decided first.',
  ),
  documents_incomplete: t(
    'Милдеттүү документтердин баары эле жок: ата-эненин паспорту, туулгандыгы тууралуу күбөлүк, Ф-26 жана Ф-63 медициналык формалары, 3x4 сүрөттөр.',
    'Приняты не все обязательные документы: паспорт родителя, свидетельство о рождении, медицинские формы Ф-26 и Ф-63, фото 3x4.',
    "Not all required documents are there: parent's passport, birth certificate, medical forms F-26 and F-63, photos 3x4.",
  ),
  nothing_to_enroll: t(
    'Мектепте документтери кабыл алынган бала жок, ошондуктан окууга кабыл ала турган эч ким жок.',
    'В школе нет детей с принятыми документами, поэтому зачислять некого.',
    'No child of this school has had documents received, so there is nobody to enrol.',
  ),
  case_not_found: t(
    'Комиссиянын иши табылган жок.',
    'Дело комиссии не найдено.',
    'The commission case was not found.',
  ),
  case_closed: t(
    'Бул иш боюнча комиссия чечим чыгарып койгон.',
    'По этому делу комиссия уже приняла решение.',
    'The commission has already decided this case.',
  ),
  privilege_rejected: t(
    'Жеңилдик четке кагылды, ошондуктан ал аркылуу алынган орун жокко чыгарылды.',
    'Льгота отклонена, поэтому место, полученное по ней, аннулировано.',
    'The privilege claim was rejected, so the place that rested on it was cancelled.',
  ),
  no_documents: t(
    'Документтер мөөнөтүндө тапшырылган жок, ошондуктан орун бошотулду.',
    'Документы не сданы в срок, поэтому место освобождено.',
    'The documents were not handed in by the deadline, so the seat was freed.',
  ),
  waitlist_closed: t(
    'Экинчи этап бүттү, бала дагы эле кезекте турган.',
    'Второй этап закончился, пока ребёнок ещё стоял в очереди.',
    'Stage 2 closed while the child was still waiting in the queue.',
  ),
};

/** The campaign phase (contract PHASES). */
export const PHASE: Record<Phase, Text> = {
  not_opened: t('Кампания ачыла элек', 'Кампания не открыта', 'No campaign opened'),
  before: t('1-этап али башталган жок', '1-й этап ещё не начался', 'Stage 1 has not started'),
  stage1: t(
    '1-этап жүрүүдө: катталган дарек боюнча',
    'Идёт 1-й этап: по адресу регистрации',
    'Stage 1 open: by registered address',
  ),
  stage2: t(
    '2-этап жүрүүдө: бош орундарга',
    'Идёт 2-й этап: на свободные места',
    'Stage 2 open: free seats',
  ),
  between: t(
    'Арыз кабыл алуу аяктады, документтер дагы эле кабыл алынууда',
    'Приём заявлений завершён, документы ещё принимаются',
    'Applications closed, documents still accepted',
  ),
  closed: t('Кампания аяктады', 'Кампания завершена', 'Campaign closed'),
};

/** The campaign calendar boundaries (contract BOUNDARIES). */
export const BOUNDARY: Record<Boundary, Text> = {
  stage1Start: t('1-этаптын башталышы', 'Начало 1-го этапа', 'Stage 1 opens'),
  stage2Start: t('2-этаптын башталышы', 'Начало 2-го этапа', 'Stage 2 opens'),
  stage2End: t('2-этаптын аякташы', 'Окончание 2-го этапа', 'Stage 2 closes'),
  documentsStart: t(
    'Документтерди кабыл алуунун башталышы',
    'Начало приёма документов',
    'Documents accepted from',
  ),
  documentsEnd: t(
    'Документтерди тапшыруунун акыркы мөөнөтү',
    'Срок сдачи документов',
    'Documents deadline',
  ),
};

/** The five documents a family hands in (events REQUIRED_DOCUMENTS). */
export const REQUIRED_DOCUMENT: Record<RequiredDocument, Text> = {
  passport: t('Ата-эненин паспорту', 'Паспорт родителя', "Parent's passport"),
  birth_certificate: t(
    'Туулгандыгы тууралуу күбөлүк',
    'Свидетельство о рождении',
    'Birth certificate',
  ),
  medical_f26: t('Медициналык форма Ф-26', 'Медицинская форма Ф-26', 'Medical form F-26'),
  medical_f63: t(
    'Медициналык форма Ф-63 (эмдөөлөр)',
    'Медицинская форма Ф-63 (прививки)',
    'Medical form F-63 (vaccinations)',
  ),
  photos: t('Сүрөт 3×4', 'Фото 3×4', 'Photos 3×4'),
};
