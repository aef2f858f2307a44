// The portal's e-mails in the parent's language (ky, ru, en). Plain text:
// readable in any client, on any phone, and nothing to render or track.
import type { PortalLanguage } from '../../../shared/portal/contract';

export interface Mail {
  subject: string;
  body: string;
}

type Texts = Record<PortalLanguage, (v: Vars) => Mail>;
export interface Vars {
  url?: string;
  child?: string;
  school?: string;
  reason?: string;
  deadline?: string;
}

const SIGN = {
  ky: '\n\nKabyl - биринчи класска кабыл алуу порталы',
  ru: '\n\nKabyl - портал приёма в первый класс',
  en: '\n\nKabyl - the first-grade admission portal',
};
const DOCS = {
  ky: 'ата-эненин паспорту, туулгандыгы тууралуу күбөлүк, 026 жана 063 медициналык формалары, 3x4 сүрөттөр',
  ru: 'паспорт родителя, свидетельство о рождении, медицинские формы 026 и 063, фото 3x4',
  en: "the parent's passport, the birth certificate, medical forms F-26 and F-63, 3x4 photos",
};

const mk =
  (subject: Record<PortalLanguage, string>, body: Record<PortalLanguage, (v: Vars) => string>): Texts =>
  Object.fromEntries(
    (['ky', 'ru', 'en'] as const).map((l) => [
      l,
      (v: Vars) => ({ subject: subject[l], body: body[l](v) + SIGN[l] }),
    ]),
  ) as Texts;

export const MAILS = {
  link_register: mk(
    { ky: 'Сырсөздү коюңуз', ru: 'Задайте пароль', en: 'Set your password' },
    {
      ky: (v) => `Каттоо үчүн рахмат. Сырсөздү коюу үчүн шилтемени ачыңыз (24 саат жарактуу):\n${v.url}`,
      ru: (v) => `Спасибо за регистрацию. Откройте ссылку, чтобы задать пароль (действует 24 часа):\n${v.url}`,
      en: (v) => `Thank you for registering. Open this link to set your password (valid 24 hours):\n${v.url}`,
    },
  ),
  link_reset: mk(
    { ky: 'Сырсөздү калыбына келтирүү', ru: 'Восстановление пароля', en: 'Reset your password' },
    {
      ky: (v) => `Жаңы сырсөз коюу үчүн шилтемени ачыңыз (1 саат жарактуу):\n${v.url}\nЭгер сиз суратпасаңыз, бул катты этибарга албаңыз.`,
      ru: (v) => `Откройте ссылку, чтобы задать новый пароль (действует 1 час):\n${v.url}\nЕсли вы не запрашивали восстановление, просто проигнорируйте письмо.`,
      en: (v) => `Open this link to set a new password (valid 1 hour):\n${v.url}\nIf you did not ask for this, ignore this mail.`,
    },
  ),
  register_again: mk(
    { ky: 'Сиздин аккаунтуңуз бар', ru: 'У вас уже есть учётная запись', en: 'You already have an account' },
    {
      ky: (v) => `Бул дарек менен кайра каттоо аракети болду. Кирүү же сырсөздү калыбына келтирүү: ${v.url}`,
      ru: (v) => `С этим адресом попытались зарегистрироваться снова. Войдите или восстановите пароль: ${v.url}`,
      en: (v) => `Someone tried to register again with this address. Sign in or recover your password: ${v.url}`,
    },
  ),
  address_pending: mk(
    { ky: 'Арыз кабыл алынды', ru: 'Заявление принято', en: 'Application received' },
    {
      ky: (v) => `${v.child}: арыз кабыл алынды. Мамлекеттик реестр жооп бергенде, арыз келген тартибинде чечилет.`,
      ru: (v) => `${v.child}: заявление принято. Оно будет рассмотрено в порядке поступления, как только ответит государственный реестр.`,
      en: (v) => `${v.child}: the application is received. It will be decided in its arrival order as soon as the state registry answers.`,
    },
  ),
  registered: mk(
    { ky: 'Бала катталды', ru: 'Ребёнок зарегистрирован', en: 'Your child is registered' },
    {
      ky: (v) => `${v.child} ${v.school} мектебине катталды. ${v.deadline} чейин мектепке алып келиңиз: ${DOCS.ky}.`,
      ru: (v) => `${v.child} зарегистрирован(а) в школе ${v.school}. До ${v.deadline} принесите в школу: ${DOCS.ru}.`,
      en: (v) => `${v.child} is registered at ${v.school}. Bring to the school by ${v.deadline}: ${DOCS.en}.`,
    },
  ),
  refused: mk(
    { ky: 'Арыз четке кагылды', ru: 'Заявление отклонено', en: 'Application refused' },
    {
      ky: (v) => `${v.child}: ${v.school} мектебине арыз четке кагылды. Себеби: ${v.reason}.`,
      ru: (v) => `${v.child}: заявление в школу ${v.school} отклонено. Причина: ${v.reason}.`,
      en: (v) => `${v.child}: the application to ${v.school} was refused. Reason: ${v.reason}.`,
    },
  ),
  privilege_approved: mk(
    { ky: 'Жеңилдик бекитилди', ru: 'Льгота подтверждена', en: 'Privilege approved' },
    {
      ky: (v) => `${v.child}: ${v.school} мектебинде жеңилдик бекитилди.`,
      ru: (v) => `${v.child}: льгота в школе ${v.school} подтверждена.`,
      en: (v) => `${v.child}: the privilege claim at ${v.school} is approved.`,
    },
  ),
  privilege_rejected: mk(
    { ky: 'Жеңилдик четке кагылды', ru: 'Льгота отклонена', en: 'Privilege rejected' },
    {
      ky: (v) => `${v.child}: ${v.school} мектебинде жеңилдик четке кагылды. Порталдан абалын караңыз.`,
      ru: (v) => `${v.child}: льгота в школе ${v.school} отклонена. Статус заявления - на портале.`,
      en: (v) => `${v.child}: the privilege claim at ${v.school} is rejected. See the status on the portal.`,
    },
  ),
  documents_received: mk(
    { ky: 'Документтер кабыл алынды', ru: 'Документы приняты', en: 'Documents received' },
    {
      ky: (v) => `${v.child}: ${v.school} мектеби документтерди кабыл алды.`,
      ru: (v) => `${v.child}: школа ${v.school} приняла документы.`,
      en: (v) => `${v.child}: ${v.school} has received the documents.`,
    },
  ),
  enrolled: mk(
    { ky: 'Бала биринчи класска кабыл алынды', ru: 'Ребёнок зачислен', en: 'Your child is enrolled' },
    {
      ky: (v) => `${v.child} ${v.school} мектебине буйрук менен кабыл алынды.`,
      ru: (v) => `${v.child} зачислен(а) приказом в школу ${v.school}.`,
      en: (v) => `${v.child} is enrolled at ${v.school} by the school's order.`,
    },
  ),
  no_documents: mk(
    { ky: 'Документтер берилген жок', ru: 'Документы не поданы', en: 'No documents' },
    {
      ky: (v) => `${v.child}: мөөнөтүнө чейин документтер берилбегендиктен орун бошотулду. Райондук комиссияга кайрылыңыз.`,
      ru: (v) => `${v.child}: документы не поданы в срок, место освобождено. Обратитесь в районную комиссию.`,
      en: (v) => `${v.child}: no documents came by the deadline and the seat was freed. Contact the district commission.`,
    },
  ),
  withdrawn: mk(
    { ky: 'Арыз кайтарылып алынды', ru: 'Заявление отозвано', en: 'Application withdrawn' },
    {
      ky: (v) => `${v.child}: ${v.school} мектебине арыз кайтарылып алынды.`,
      ru: (v) => `${v.child}: заявление в школу ${v.school} отозвано.`,
      en: (v) => `${v.child}: the application to ${v.school} is withdrawn.`,
    },
  ),
  deadline_7: mk(
    { ky: 'Документтерге 7 күн калды', ru: 'До срока подачи документов 7 дней', en: '7 days left to bring the documents' },
    {
      ky: (v) => `${v.child}: ${v.deadline} чейин ${v.school} мектебине алып келиңиз: ${DOCS.ky}.`,
      ru: (v) => `${v.child}: до ${v.deadline} принесите в школу ${v.school}: ${DOCS.ru}.`,
      en: (v) => `${v.child}: by ${v.deadline}, bring to ${v.school}: ${DOCS.en}.`,
    },
  ),
  deadline_1: mk(
    { ky: 'Документтерге 1 күн калды', ru: 'До срока подачи документов 1 день', en: '1 day left to bring the documents' },
    {
      ky: (v) => `${v.child}: эртең, ${v.deadline}, акыркы күн. ${v.school} мектебине алып келиңиз: ${DOCS.ky}.`,
      ru: (v) => `${v.child}: последний срок - ${v.deadline}. Принесите в школу ${v.school}: ${DOCS.ru}.`,
      en: (v) => `${v.child}: the last day is ${v.deadline}. Bring to ${v.school}: ${DOCS.en}.`,
    },
  ),
} satisfies Record<string, Texts>;

export type MailKind = keyof typeof MAILS;

export function renderMail(kind: MailKind, language: PortalLanguage, vars: Vars): Mail {
  return MAILS[kind][language](vars);
}

/** A refusal reason in plain words, for the mail; the web app has its own, fuller texts. */
export const REASONS: Record<PortalLanguage, Record<string, string>> = {
  ky: {
    no_free_seats: 'бош орун жок',
    not_in_catchment: 'дарек мектептин микрорайонуна кирбейт',
    outside_window: 'кабыл алуу мөөнөтү эмес',
    duplicate_application: 'балада башка активдүү арыз бар',
    age_out_of_range: 'баланын жашы ылайык эмес, райондук комиссияга кайрылыңыз',
    privilege_rejected: 'жеңилдик четке кагылды',
    registry_not_found: 'мамлекеттик реестрде мындай ПИН жок',
  },
  ru: {
    no_free_seats: 'нет свободных мест',
    not_in_catchment: 'адрес не входит в микрорайон школы',
    outside_window: 'приём сейчас закрыт',
    duplicate_application: 'у ребёнка уже есть активное заявление',
    age_out_of_range: 'возраст ребёнка не подходит, обратитесь в районную комиссию',
    privilege_rejected: 'льгота отклонена',
    registry_not_found: 'такого ПИН нет в государственном реестре',
  },
  en: {
    no_free_seats: 'no free seats',
    not_in_catchment: "the address is outside the school's micro-district",
    outside_window: 'applications are not taken now',
    duplicate_application: 'the child already has an active application',
    age_out_of_range: "the child's age is outside the range; contact the district commission",
    privilege_rejected: 'the privilege claim was rejected',
    registry_not_found: 'the state registry has no such PIN',
  },
};

export function reasonText(language: PortalLanguage, reason: string | null): string {
  if (reason === null) return '';
  return REASONS[language][reason] ?? reason;
}
