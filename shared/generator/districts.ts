// The district-level units of Kyrgyzstan that admit first-graders: Bishkek's
// four city districts, the city of Osh, and the oblasts' districts. The order
// is the order `districts: N` takes them in: the capital first, then a mix of
// north and south so a small N still has both Russian- and Uzbek-language streams.

export interface DistrictInfo {
  /** region.district: the prefix of every address code in it, and its `districtId` in the log */
  code: string;
  /** prefix of its school ids */
  short: string;
  /** lower-case Latin name for configuration files: "bishkek-oktyabrsky", "osh", "sokuluk" */
  slug: string;
  name: string;
  nameRu: string;
  nameKy: string;
  /** a city district: every school urban, classes overcrowded */
  city: boolean;
  /** share of schools that also teach in Uzbek (the south) */
  uzbek: number;
  /** Russian-speaking share of families (high in Bishkek and the Chüy valley) */
  russian: number;
  /** relative number of first-graders a year */
  weight: number;
}

const d = (
  code: string,
  short: string,
  name: string,
  nameRu: string,
  nameKy: string,
  weight: number,
  opts: { city?: boolean; uzbek?: number; russian?: number } = {},
): DistrictInfo => ({
  code,
  short,
  slug: slugOf(name),
  name,
  nameRu,
  nameKy,
  weight,
  city: opts.city ?? false,
  uzbek: opts.uzbek ?? 0,
  russian: opts.russian ?? 0.04,
});

function slugOf(name: string): string {
  const bishkek = /^(\w+) district, Bishkek$/.exec(name);
  if (bishkek) return `bishkek-${bishkek[1].toLowerCase()}`;
  if (name === 'City of Osh') return 'osh';
  return name
    .replace(/ district$/, '')
    .toLowerCase()
    .replace(/ö/g, 'o')
    .replace(/ü/g, 'u');
}

export const DISTRICTS: readonly DistrictInfo[] = [
  d(
    'BISH.LEN',
    'LEN',
    'Leninsky district, Bishkek',
    'Ленинский район г. Бишкек',
    'Бишкек ш. Ленин району',
    38,
    { city: true, russian: 0.22 },
  ),
  d(
    'BISH.SVE',
    'SVE',
    'Sverdlovsky district, Bishkek',
    'Свердловский район г. Бишкек',
    'Бишкек ш. Свердлов району',
    34,
    { city: true, russian: 0.2 },
  ),
  d(
    'BISH.PER',
    'PER',
    'Pervomaisky district, Bishkek',
    'Первомайский район г. Бишкек',
    'Бишкек ш. Биринчи Май району',
    24,
    { city: true, russian: 0.24 },
  ),
  d(
    'BISH.OKT',
    'OKT',
    'Oktyabrsky district, Bishkek',
    'Октябрьский район г. Бишкек',
    'Бишкек ш. Октябрь району',
    30,
    { city: true, russian: 0.2 },
  ),
  d('OSHC.OSH', 'OSH', 'City of Osh', 'г. Ош', 'Ош шаары', 45, {
    city: true,
    uzbek: 0.35,
    russian: 0.05,
  }),
  d('CHUY.SOK', 'SOK', 'Sokuluk district', 'Сокулукский район', 'Сокулук району', 40, {
    russian: 0.14,
  }),
  d('OSH.KSU', 'KSU', 'Kara-Suu district', 'Кара-Суйский район', 'Кара-Суу району', 60, {
    uzbek: 0.4,
  }),
  d('CHUY.ALA', 'ALA', 'Alamüdün district', 'Аламудунский район', 'Аламүдүн району', 40, {
    russian: 0.16,
  }),
  d('JA.SUZ', 'SUZ', 'Suzak district', 'Сузакский район', 'Сузак району', 50, { uzbek: 0.4 }),
  d('CHUY.YSA', 'YSA', 'Ysyk-Ata district', 'Иссык-Атинский район', 'Ысык-Ата району', 25, {
    russian: 0.12,
  }),
  d('OSH.OZG', 'OZG', 'Özgön district', 'Узгенский район', 'Өзгөн району', 45, { uzbek: 0.35 }),
  d('OSH.NOO', 'NOO', 'Nookat district', 'Ноокатский район', 'Ноокат району', 40, { uzbek: 0.2 }),
  d('OSH.ARA', 'ARA', 'Aravan district', 'Араванский район', 'Араван району', 30, { uzbek: 0.5 }),
  d('BTK.KAD', 'KAD', 'Kadamjay district', 'Кадамжайский район', 'Кадамжай району', 40, {
    uzbek: 0.2,
  }),
  d('CHUY.JAY', 'JAY', 'Jayyl district', 'Жайылский район', 'Жайыл району', 20, { russian: 0.1 }),
  d('JA.BZK', 'BZK', 'Bazar-Korgon district', 'Базар-Коргонский район', 'Базар-Коргон району', 30, {
    uzbek: 0.35,
  }),
  d('JA.NKN', 'NKN', 'Nooken district', 'Ноокенский район', 'Ноокен району', 25, { uzbek: 0.25 }),
  d('CHUY.MOS', 'MOS', 'Moskva district', 'Московский район', 'Москва району', 15, {
    russian: 0.15,
  }),
  d('JA.AKY', 'AKY', 'Aksy district', 'Аксыйский район', 'Аксы району', 22, { uzbek: 0.05 }),
  d('JA.ALB', 'ALB', 'Ala-Buka district', 'Ала-Букинский район', 'Ала-Бука району', 20, {
    uzbek: 0.2,
  }),
  d('YK.YSK', 'YSK', 'Ysyk-Köl district', 'Иссык-Кульский район', 'Ысык-Көл району', 15, {
    russian: 0.08,
  }),
  d('OSH.ALY', 'ALY', 'Alay district', 'Алайский район', 'Алай району', 20, { uzbek: 0.02 }),
  d('BTK.LEY', 'LEY', 'Leylek district', 'Лейлекский район', 'Лейлек району', 25, { uzbek: 0.1 }),
  d('BTK.BAT', 'BAT', 'Batken district', 'Баткенский район', 'Баткен району', 15, { uzbek: 0.15 }),
  d('JA.TKT', 'TKT', 'Toktogul district', 'Токтогульский район', 'Токтогул району', 15),
  d('CHUY.PAN', 'PAN', 'Panfilov district', 'Панфиловский район', 'Панфилов району', 10, {
    russian: 0.1,
  }),
  d('CHUY.CHU', 'CHU', 'Chüy district', 'Чуйский район', 'Чүй району', 10, { russian: 0.12 }),
  d('CHUY.KEM', 'KEM', 'Kemin district', 'Кеминский район', 'Кемин району', 10, { russian: 0.1 }),
  d('OSH.KKU', 'KKU', 'Kara-Kulja district', 'Кара-Кульджинский район', 'Кара-Кулжа району', 20),
  d('YK.AKS', 'AKS', 'Ak-Suu district', 'Ак-Суйский район', 'Ак-Суу району', 12, { russian: 0.06 }),
  d('YK.JOG', 'JOG', 'Jeti-Ögüz district', 'Джети-Огузский район', 'Жети-Өгүз району', 10),
  d('YK.TUP', 'TUP', 'Tüp district', 'Тюпский район', 'Түп району', 10),
  d('YK.TON', 'TON', 'Ton district', 'Тонский район', 'Тоң району', 8),
  d('TLS.TAL', 'TAL', 'Talas district', 'Таласский район', 'Талас району', 12),
  d('NRN.KOC', 'KOC', 'Kochkor district', 'Кочкорский район', 'Кочкор району', 10),
  d('NRN.ATB', 'ATB', 'At-Bashy district', 'Ат-Башинский район', 'Ат-Башы району', 10),
  d('NRN.NAR', 'NAR', 'Naryn district', 'Нарынский район', 'Нарын району', 8),
  d('TLS.BAK', 'BAK', 'Bakay-Ata district', 'Бакай-Атинский район', 'Бакай-Ата району', 6),
  d('TLS.KAB', 'KAB', 'Kara-Buura district', 'Кара-Бууринский район', 'Кара-Буура району', 6),
  d('TLS.MAN', 'MAN', 'Manas district', 'Манасский район', 'Манас району', 6),
  d('NRN.JUM', 'JUM', 'Jumgal district', 'Жумгальский район', 'Жумгал району', 6),
  d('NRN.ATL', 'ATL', 'Ak-Talaa district', 'Ак-Талинский район', 'Ак-Талаа району', 6),
  d('OSH.CHA', 'CHA', 'Chong-Alay district', 'Чон-Алайский район', 'Чоң-Алай району', 8),
  d('JA.TGT', 'TGT', 'Toguz-Toro district', 'Тогуз-Тороуский район', 'Тогуз-Торо району', 5),
  d('JA.CHT', 'CHT', 'Chatkal district', 'Чаткальский район', 'Чаткал району', 5),
];

/** Finds a district by its code, short code or English or Russian name, case-insensitively. */
export function findDistrict(key: string): DistrictInfo | undefined {
  const k = key.trim().toLowerCase();
  return DISTRICTS.find(
    (x) =>
      x.code.toLowerCase() === k ||
      x.short.toLowerCase() === k ||
      x.slug === k ||
      x.name.toLowerCase() === k ||
      x.name.toLowerCase().split(/[ ,]/)[0] === k ||
      x.nameRu.toLowerCase() === k,
  );
}

/** Villages and small towns, for naming rural schools. */
export const VILLAGES = [
  'Ак-Суу',
  'Кара-Суу',
  'Жаңы-Жер',
  'Ак-Таш',
  'Көк-Жар',
  'Талды-Булак',
  'Сары-Булак',
  'Чоң-Таш',
  'Кашка-Суу',
  'Байтик',
  'Ала-Тоо',
  'Боз-Булак',
  'Кара-Булак',
  'Ак-Булак',
  'Жерге-Тал',
  'Кызыл-Туу',
  'Орто-Сай',
  'Кара-Ой',
  'Төлөк',
  'Көк-Сай',
  'Беш-Күнгөй',
  'Кош-Дөбө',
  'Ак-Кыя',
  'Жаңы-Арык',
  'Тоголок',
  'Ак-Жол',
  'Алга',
  'Достук',
  'Ынтымак',
  'Эркин-Тоо',
  'Кызыл-Жар',
  'Арал',
  'Бирлик',
  'Кеңеш',
  'Жийде',
  'Кара-Көл',
  'Үч-Коргон',
  'Жар-Башы',
  'Кайыңды',
  'Ак-Чий',
  'Кара-Жыгач',
  'Чоң-Кемин',
  'Кең-Суу',
  'Ак-Терек',
  'Кара-Кужур',
  'Сары-Могол',
  'Ак-Муз',
  'Тогуз-Булак',
  'Жаңы-Талап',
  'Курманжан-Датка',
];

/** People schools are named after ("... атындагы орто мектеби"). */
export const NAMESAKES = [
  'Т. Сатылганов',
  'Ч. Айтматов',
  'Ж. Баласагын',
  'Курманжан Датка',
  'А. Осмонов',
  'Тоголок Молдо',
  'Ж. Бөкөнбаев',
  'К. Тыныстанов',
  'Токтогул',
  'А. Токомбаев',
  'Т. Үмөталиев',
  'Б. Бейшеналиева',
  'С. Орозбаков',
  'Ы. Абдрахманов',
];

/** Names of private schools. */
export const PRIVATE_BRANDS = [
  'Билимкана',
  'Сапат',
  'Айчүрөк',
  'Илим',
  'Эрудит',
  'Нур',
  'Мурас',
  'Каныкей',
  'Элдик',
  'Дарын',
];
