// Personal names as a Kyrgyz civil registry writes them (Cyrillic), for
// Kyrgyz, Russian and Uzbek families, and the Latin spelling parents use in
// e-mail addresses. Kept apart from the generator so the lists can grow
// without touching its logic.
import type { Random } from './random';

export type Ethnicity = 'ky' | 'ru' | 'uz';
export type Sex = 'female' | 'male';

export const KYRGYZ_BOYS = [
  'Айбек',
  'Азамат',
  'Нурсултан',
  'Бекзат',
  'Эрлан',
  'Элдияр',
  'Нурислам',
  'Адилет',
  'Бакыт',
  'Темирлан',
  'Нурбек',
  'Улан',
  'Айдар',
  'Байэл',
  'Эмир',
  'Али',
  'Амир',
  'Арсен',
  'Актан',
  'Алинур',
  'Бектур',
  'Данияр',
  'Жоомарт',
  'Илияз',
  'Искендер',
  'Канат',
  'Кубаныч',
  'Марлен',
  'Мирлан',
  'Нурадил',
  'Нуркамил',
  'Нурэл',
  'Самат',
  'Санжар',
  'Таалай',
  'Тилек',
  'Улукбек',
  'Урмат',
  'Чыңгыз',
  'Эржан',
  'Эрмек',
  'Жаныбек',
  'Айбол',
  'Аскар',
  'Атай',
  'Байтур',
  'Бакай',
  'Айкол',
  'Манас',
  'Медер',
  'Султан',
  'Ислам',
  'Өмүрбек',
  'Эрназар',
  'Нурдөөлөт',
  'Бекжан',
  'Мухаммед',
  'Абдулла',
  'Айсултан',
  'Алихан',
];

export const KYRGYZ_GIRLS = [
  'Айпери',
  'Айгерим',
  'Айдана',
  'Айзада',
  'Айсулуу',
  'Асель',
  'Бегимай',
  'Жибек',
  'Жылдыз',
  'Зарина',
  'Каныкей',
  'Мээрим',
  'Нуриза',
  'Нурайым',
  'Сезим',
  'Сайкал',
  'Томирис',
  'Умай',
  'Адинай',
  'Айбийке',
  'Айжан',
  'Айназик',
  'Алтынай',
  'Асема',
  'Акмарал',
  'Бермет',
  'Даяна',
  'Элнура',
  'Эльмира',
  'Гулназ',
  'Камила',
  'Медина',
  'Нурзада',
  'Нурсулуу',
  'Салтанат',
  'Самира',
  'Толгонай',
  'Чолпон',
  'Арууке',
  'Айару',
  'Амина',
  'Асылзат',
  'Аруужан',
  'Нурай',
  'Сабина',
  'Малика',
  'Айтурган',
  'Мирана',
  'Үмүт',
  'Көкүл',
];

/** Kyrgyz family names in the masculine form; the feminine adds -а. */
export const KYRGYZ_SURNAMES = [
  'Асанов',
  'Абдрахманов',
  'Бакиров',
  'Джумабаев',
  'Жумабеков',
  'Жээнбеков',
  'Исаков',
  'Кадыров',
  'Калыков',
  'Касымов',
  'Кубатбеков',
  'Мамытов',
  'Мамбетов',
  'Мырзабеков',
  'Назаров',
  'Осмонов',
  'Орозбеков',
  'Садыков',
  'Сатыбалдиев',
  'Токтогулов',
  'Турдубаев',
  'Үсөнов',
  'Чотонов',
  'Шаршеев',
  'Эсенгулов',
  'Ыдырысов',
  'Абылкасымов',
  'Акматов',
  'Айтматов',
  'Бообеков',
  'Бейшеналиев',
  'Дүйшөнбиев',
  'Жапаров',
  'Иманалиев',
  'Керимбеков',
  'Молдобаев',
  'Нурманбетов',
  'Өмүралиев',
  'Сыдыков',
  'Таштанбеков',
  'Тентимишев',
  'Токторов',
  'Эркинбаев',
  'Абдыкадыров',
  'Алымкулов',
  'Медетбеков',
  'Султаналиев',
  'Байышов',
  'Кожомбердиев',
  'Саматов',
];

/** Fathers' given names: the source of a Kyrgyz patronymic (-ович/-овна) or of an "уулу/кызы" surname. */
export const KYRGYZ_FATHERS = [
  'Талант',
  'Алмаз',
  'Бакыт',
  'Нурлан',
  'Эркин',
  'Азамат',
  'Улан',
  'Мирлан',
  'Канат',
  'Жыргалбек',
  'Кубанычбек',
  'Бактыбек',
  'Марат',
  'Руслан',
  'Тилек',
  'Асан',
  'Урмат',
  'Максат',
  'Замир',
  'Самат',
  'Мелис',
  'Чыңгыз',
  'Адилет',
  'Таалайбек',
  'Нурбек',
  'Эмил',
  'Данияр',
  'Айбек',
  'Бекболот',
  'Жаныбек',
];

export const KYRGYZ_MOTHERS = [
  'Айгүл',
  'Гүлнара',
  'Динара',
  'Жазгүл',
  'Назгүл',
  'Нургүл',
  'Айнура',
  'Чынара',
  'Бурул',
  'Асел',
  'Мээрим',
  'Жылдыз',
  'Венера',
  'Гүлмира',
  'Айзат',
  'Нуржан',
  'Эльвира',
  'Жыпара',
  'Салтанат',
  'Бактыгүл',
];

export const RUSSIAN_BOYS = [
  'Александр',
  'Артём',
  'Максим',
  'Михаил',
  'Даниил',
  'Иван',
  'Дмитрий',
  'Кирилл',
  'Егор',
  'Андрей',
  'Никита',
  'Илья',
  'Матвей',
  'Тимофей',
  'Роман',
  'Владимир',
  'Сергей',
  'Алексей',
  'Марк',
  'Лев',
  'Фёдор',
  'Арсений',
  'Денис',
  'Глеб',
  'Ярослав',
];

export const RUSSIAN_GIRLS = [
  'Анастасия',
  'Мария',
  'Анна',
  'Виктория',
  'Полина',
  'Елизавета',
  'Дарья',
  'Алиса',
  'София',
  'Ксения',
  'Варвара',
  'Александра',
  'Вероника',
  'Екатерина',
  'Милана',
  'Ева',
  'Арина',
  'Валерия',
  'Ульяна',
  'Кира',
];

/** Russian family names ending in -ов/-ев/-ин (feminine adds -а). */
export const RUSSIAN_SURNAMES = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
  'Орлов',
  'Андреев',
  'Макаров',
  'Никитин',
  'Захаров',
  'Зайцев',
  'Борисов',
  'Яковлев',
  'Григорьев',
  'Романов',
  'Сергеев',
  'Кузьмин',
  'Фролов',
  'Дмитриев',
  'Гусев',
  'Ильин',
  'Максимов',
  'Поляков',
  'Сорокин',
  'Виноградов',
  'Белов',
  'Медведев',
  'Антонов',
  'Тарасов',
  'Жуков',
  'Баранов',
  'Филиппов',
  'Комаров',
  'Давыдов',
  'Беляев',
  'Герасимов',
  'Богданов',
  'Осипов',
  'Сидоров',
  'Матвеев',
  'Титов',
  'Марков',
  'Миронов',
  'Крылов',
  'Куликов',
];

/** Russian fathers' names with the patronymics they give: [father, son's, daughter's]. */
export const RUSSIAN_FATHERS: readonly (readonly [string, string, string])[] = [
  ['Александр', 'Александрович', 'Александровна'],
  ['Сергей', 'Сергеевич', 'Сергеевна'],
  ['Андрей', 'Андреевич', 'Андреевна'],
  ['Дмитрий', 'Дмитриевич', 'Дмитриевна'],
  ['Алексей', 'Алексеевич', 'Алексеевна'],
  ['Владимир', 'Владимирович', 'Владимировна'],
  ['Игорь', 'Игоревич', 'Игоревна'],
  ['Олег', 'Олегович', 'Олеговна'],
  ['Виктор', 'Викторович', 'Викторовна'],
  ['Евгений', 'Евгеньевич', 'Евгеньевна'],
  ['Николай', 'Николаевич', 'Николаевна'],
  ['Павел', 'Павлович', 'Павловна'],
  ['Юрий', 'Юрьевич', 'Юрьевна'],
  ['Михаил', 'Михайлович', 'Михайловна'],
  ['Вадим', 'Вадимович', 'Вадимовна'],
];

export const RUSSIAN_MOTHERS = [
  'Елена',
  'Ольга',
  'Наталья',
  'Татьяна',
  'Ирина',
  'Светлана',
  'Юлия',
  'Анна',
  'Марина',
  'Екатерина',
  'Оксана',
  'Людмила',
  'Надежда',
  'Галина',
  'Виктория',
];

export const UZBEK_BOYS = [
  'Азизбек',
  'Жасур',
  'Шахзод',
  'Абдулазиз',
  'Бобур',
  'Жахонгир',
  'Мухаммадали',
  'Исломбек',
  'Темур',
  'Ойбек',
  'Сардор',
  'Достон',
  'Шерзод',
  'Умид',
  'Мирзохид',
  'Абдурахмон',
  'Хусан',
  'Хасан',
  'Акбар',
  'Фаррух',
];

export const UZBEK_GIRLS = [
  'Мадина',
  'Гулноза',
  'Дилноза',
  'Зилола',
  'Нилуфар',
  'Мохинур',
  'Севинч',
  'Шахзода',
  'Фарзона',
  'Муслима',
  'Сарвиноз',
  'Хадича',
  'Оиша',
  'Ширин',
  'Малика',
  'Камола',
  'Дилафруз',
  'Нигора',
  'Зарина',
  'Фотима',
];

export const UZBEK_SURNAMES = [
  'Азимов',
  'Алимов',
  'Ахмедов',
  'Каримов',
  'Рахимов',
  'Юсупов',
  'Усмонов',
  'Турсунов',
  'Абдуллаев',
  'Мамажонов',
  'Иброхимов',
  'Хамидов',
  'Жалилов',
  'Эргашев',
  'Холматов',
  'Тошматов',
  'Нематов',
  'Собиров',
  'Рашидов',
  'Маматов',
];

export const UZBEK_FATHERS = [
  'Рустам',
  'Бахтиёр',
  'Шухрат',
  'Улугбек',
  'Азамат',
  'Фарход',
  'Равшан',
  'Дилшод',
  'Илхом',
  'Анвар',
];

export const UZBEK_MOTHERS = [
  'Гулчехра',
  'Дилфуза',
  'Мунира',
  'Нодира',
  'Феруза',
  'Шахноза',
  'Зулфия',
  'Мавлюда',
  'Барно',
  'Саида',
];

export interface PersonName {
  lastName: string;
  firstName: string;
  patronymic?: string;
}

export interface Family {
  child: PersonName;
  sex: Sex;
  father: PersonName;
  mother: PersonName;
}

function feminine(surname: string): string {
  return surname + 'а';
}

/** A child with both parents' names, consistent with each other (patronymic from the father's name). */
export function family(rng: Random, ethnicity: Ethnicity, sex: Sex): Family {
  const girl = sex === 'female';
  if (ethnicity === 'ru') {
    const surname = rng.pick(RUSSIAN_SURNAMES);
    const [fatherName, sonPatr, daughterPatr] = rng.pick(RUSSIAN_FATHERS);
    const grandfather = rng.pick(RUSSIAN_FATHERS);
    return {
      sex,
      child: {
        lastName: girl ? feminine(surname) : surname,
        firstName: rng.pick(girl ? RUSSIAN_GIRLS : RUSSIAN_BOYS),
        patronymic: girl ? daughterPatr : sonPatr,
      },
      father: { lastName: surname, firstName: fatherName, patronymic: grandfather[1] },
      mother: {
        lastName: feminine(surname),
        firstName: rng.pick(RUSSIAN_MOTHERS),
        patronymic: rng.pick(RUSSIAN_FATHERS)[2],
      },
    };
  }
  const [surnames, boys, girls, fathers, mothers] =
    ethnicity === 'uz'
      ? [UZBEK_SURNAMES, UZBEK_BOYS, UZBEK_GIRLS, UZBEK_FATHERS, UZBEK_MOTHERS]
      : [KYRGYZ_SURNAMES, KYRGYZ_BOYS, KYRGYZ_GIRLS, KYRGYZ_FATHERS, KYRGYZ_MOTHERS];
  const surname = rng.pick(surnames);
  const fatherName = rng.pick(fathers);
  const firstName = rng.pick(girl ? girls : boys);
  const father: PersonName = { lastName: surname, firstName: fatherName };
  const mother: PersonName = {
    lastName: feminine(rng.pick(surnames)),
    firstName: rng.pick(mothers),
  };
  // Since the 1990s many Kyrgyz families register the father's name with
  // "уулу" (son of) or "кызы" (daughter of) as the child's surname, with no patronymic.
  if (ethnicity === 'ky' && rng.chance(0.2)) {
    return {
      sex,
      child: { lastName: `${fatherName} ${girl ? 'кызы' : 'уулу'}`, firstName },
      father,
      mother,
    };
  }
  const patronymic = `${fatherName}${girl ? 'овна' : 'ович'}`;
  return {
    sex,
    child: { lastName: girl ? feminine(surname) : surname, firstName, patronymic },
    father,
    mother,
  };
}

export function fullName(n: PersonName): string {
  return n.patronymic
    ? `${n.lastName} ${n.firstName} ${n.patronymic}`
    : `${n.lastName} ${n.firstName}`;
}

const LATIN_PAIRS: readonly (readonly [string, string])[] = [
  ['а', 'a'],
  ['б', 'b'],
  ['в', 'v'],
  ['г', 'g'],
  ['д', 'd'],
  ['е', 'e'],
  ['ё', 'yo'],
  ['ж', 'zh'],
  ['з', 'z'],
  ['и', 'i'],
  ['й', 'y'],
  ['к', 'k'],
  ['л', 'l'],
  ['м', 'm'],
  ['н', 'n'],
  ['ң', 'ng'],
  ['о', 'o'],
  ['ө', 'o'],
  ['п', 'p'],
  ['р', 'r'],
  ['с', 's'],
  ['т', 't'],
  ['у', 'u'],
  ['ү', 'u'],
  ['ф', 'f'],
  ['х', 'kh'],
  ['ц', 'ts'],
  ['ч', 'ch'],
  ['ш', 'sh'],
  ['щ', 'sch'],
  ['ъ', ''],
  ['ы', 'y'],
  ['ь', ''],
  ['э', 'e'],
  ['ю', 'yu'],
  ['я', 'ya'],
];
const LATIN = new Map<number, string>(LATIN_PAIRS.map(([c, l]) => [c.charCodeAt(0), l]));

/** The Latin spelling a parent would type for a Cyrillic name (passport-style, lower case). */
export function latin(text: string): string {
  const lower = text.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    const l = LATIN.get(code);
    if (l !== undefined) out += l;
    else if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) out += lower[i];
  }
  return out;
}
