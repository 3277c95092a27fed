// Where the demo citizens live: Novosibirsk city districts and microdistricts, oblast towns and villages,
// each with the prepositional form people write («в Бердске») and the administration page they complain to.

export interface Place {
  /** As written in a text: «Бердск», «Кировский район», «с. Завьялово». */
  name: string;
  /** Prepositional phrase: «в Бердске», «на Родниках». */
  in: string;
  city: boolean;
  /** The municipal page (district or urban okrug administration, or the city hall) for this place. */
  page: { name: string; slug: string };
  streets: readonly string[];
}

const MERIA = { name: 'Мэрия города Новосибирска', slug: 'mer_nsk' };
const CITY_STREETS = [
  'ул. Ленина', 'ул. Кирова', 'ул. Титова', 'ул. Станиславского', 'ул. Петухова', 'ул. Бориса Богаткова',
  'ул. Гоголя', 'ул. Дуси Ковальчук', 'ул. Фрунзе', 'Красный проспект', 'ул. Мичурина', 'ул. Троллейная',
  'ул. Полтавская', 'ул. Зорге', 'ул. Первомайская', 'ул. Выборная', 'ул. Народная', 'ул. Немировича-Данченко',
  'ул. Сибиряков-Гвардейцев', 'ул. Танкистов', 'ул. Ватутина', 'ул. Курчатова', 'ул. Связистов', 'ул. Блюхера',
  'ул. Плахотного', 'ул. Есенина', 'ул. Гребенщикова', 'ул. Объединения', 'ул. Учительская', 'ул. Линейная',
  'ул. Кошурникова', 'ул. Бардина', 'ул. Кочубея', 'ул. Твардовского', 'Морской проспект', 'ул. Ильича',
];
const TOWN_STREETS = [
  'ул. Ленина', 'ул. Советская', 'ул. Октябрьская', 'ул. Школьная', 'ул. Молодёжная', 'ул. Садовая', 'ул. Мира',
  'ул. Чкалова', 'ул. Вокзальная', 'ул. Первомайская', 'ул. Комсомольская', 'ул. Гагарина', 'ул. Рабочая',
  'ул. Набережная', 'ул. Заводская', 'ул. Пушкина', 'ул. Кирова', 'ул. Лесная', 'ул. Новая', 'ул. Победы',
];
const VILLAGE_STREETS = [
  'ул. Центральная', 'ул. Школьная', 'ул. Молодёжная', 'ул. Набережная', 'ул. Лесная', 'ул. Новая',
  'ул. Степная', 'ул. Полевая', 'ул. Береговая', 'пер. Почтовый', 'ул. Зелёная', 'ул. Совхозная',
];

const cityDistricts: Place[] = [
  ['Дзержинский район', 'в Дзержинском районе'], ['Железнодорожный район', 'в Железнодорожном районе'],
  ['Заельцовский район', 'в Заельцовском районе'], ['Калининский район', 'в Калининском районе'],
  ['Кировский район', 'в Кировском районе'], ['Ленинский район', 'в Ленинском районе'],
  ['Октябрьский район', 'в Октябрьском районе'], ['Первомайский район', 'в Первомайском районе'],
  ['Советский район', 'в Советском районе'], ['Центральный район', 'в Центральном районе'],
  ['Академгородок', 'в Академгородке'], ['Родники', 'на Родниках'], ['Затулинка', 'на Затулинке'],
  ['Плющихинский', 'в Плющихинском'], ['Пашино', 'в Пашино'], ['Шлюз', 'на Шлюзе'], ['Снегири', 'в Снегирях'],
  ['Горский', 'на Горском'], ['Чистая Слобода', 'в Чистой Слободе'], ['Башня', 'на Башне'],
].map(([name, inPlace]) => ({ name: name!, in: inPlace!, city: true, page: MERIA, streets: CITY_STREETS }));

const district = (genitive: string, slug: string) => ({ name: `Администрация ${genitive} района`, slug });
const okrug = (name: string, slug: string) => ({ name, slug });

const towns: Place[] = ([
  ['Бердск', 'в Бердске', okrug('Администрация города Бердска', 'berdsk_adm')],
  ['Искитим', 'в Искитиме', okrug('Администрация города Искитима', 'iskitim_gorod')],
  ['Обь', 'в Оби', okrug('Администрация города Оби', 'gorod_ob')],
  ['Кольцово', 'в Кольцово', okrug('Администрация рабочего посёлка Кольцово', 'koltsovo_adm')],
  ['Линёво', 'в Линёво', district('Искитимского', 'iskitimsky_rayon')],
  ['Колывань', 'в Колывани', district('Колыванского', 'kolyvan_rayon')],
  ['Тогучин', 'в Тогучине', district('Тогучинского', 'toguchin_rayon')],
  ['Купино', 'в Купино', district('Купинского', 'kupino_rayon')],
  ['Карасук', 'в Карасуке', district('Карасукского', 'karasuk_rayon')],
  ['Барабинск', 'в Барабинске', district('Барабинского', 'barabinsk_rayon')],
  ['Куйбышев', 'в Куйбышеве', district('Куйбышевского', 'kuibyshev_rayon')],
  ['Ордынское', 'в Ордынском', district('Ордынского', 'ordynsk_rayon')],
  ['Краснообск', 'в Краснообске', district('Новосибирского', 'nsk_rayon')],
  ['Черепаново', 'в Черепаново', district('Черепановского', 'cherepanovo_rayon')],
  ['Маслянино', 'в Маслянино', district('Маслянинского', 'maslyanino_rayon')],
  ['Сузун', 'в Сузуне', district('Сузунского', 'suzun_rayon')],
  ['Болотное', 'в Болотном', district('Болотнинского', 'bolotnoe_rayon')],
  ['Татарск', 'в Татарске', district('Татарского', 'tatarsk_rayon')],
  ['Чулым', 'в Чулыме', district('Чулымского', 'chulym_rayon')],
  ['Коченёво', 'в Коченёво', district('Коченёвского', 'kochenevo_rayon')],
  ['Мошково', 'в Мошково', district('Мошковского', 'moshkovo_rayon')],
  ['Каргат', 'в Каргате', district('Каргатского', 'kargat_rayon')],
  ['Здвинск', 'в Здвинске', district('Здвинского', 'zdvinsk_rayon')],
  ['Баган', 'в Багане', district('Баганского', 'bagan_rayon')],
  ['Венгерово', 'в Венгерово', district('Венгеровского', 'vengerovo_rayon')],
  ['Чаны', 'в Чанах', district('Чановского', 'chany_rayon')],
  ['Довольное', 'в Довольном', district('Доволенского', 'dovolnoe_rayon')],
  ['Краснозёрское', 'в Краснозёрском', district('Краснозёрского', 'krasnozerka_rayon')],
  ['Кочки', 'в Кочках', district('Кочковского', 'kochki_rayon')],
  ['Убинское', 'в Убинском', district('Убинского', 'ubinsk_rayon')],
] as const).map(([name, inPlace, page]) => ({ name, in: inPlace, city: false, page, streets: TOWN_STREETS }));

const villages: Place[] = ([
  ['с. Завьялово', 'в Завьялово', district('Искитимского', 'iskitimsky_rayon')],
  ['с. Боровое', 'в Боровом', district('Новосибирского', 'nsk_rayon')],
  ['п. Раздольное', 'в Раздольном', district('Новосибирского', 'nsk_rayon')],
  ['с. Верх-Тула', 'в Верх-Туле', district('Новосибирского', 'nsk_rayon')],
  ['с. Прокудское', 'в Прокудском', district('Коченёвского', 'kochenevo_rayon')],
  ['с. Вьюны', 'во Вьюнах', district('Колыванского', 'kolyvan_rayon')],
  ['с. Кыштовка', 'в Кыштовке', district('Кыштовского', 'kyshtovka_rayon')],
  ['с. Северное', 'в Северном', district('Северного', 'severnoe_rayon')],
  ['с. Усть-Тарка', 'в Усть-Тарке', district('Усть-Таркского', 'ust_tarka_rayon')],
  ['р. п. Чистоозёрное', 'в Чистоозёрном', district('Чистоозёрного', 'chistoozernoe_rayon')],
  ['с. Легостаево', 'в Легостаево', district('Искитимского', 'iskitimsky_rayon')],
  ['с. Берёзовка', 'в Берёзовке', district('Новосибирского', 'nsk_rayon')],
  ['п. Озёрный', 'в Озёрном', district('Тогучинского', 'toguchin_rayon')],
  ['с. Новоключи', 'в Новоключах', district('Сузунского', 'suzun_rayon')],
  ['с. Пеньково', 'в Пеньково', district('Маслянинского', 'maslyanino_rayon')],
] as const).map(([name, inPlace, page]) => ({ name, in: inPlace, city: false, page, streets: VILLAGE_STREETS }));

/** About half of the appeals come from the city itself, as in the real flow. */
export const PLACES: readonly (readonly [readonly Place[], number])[] = [
  [cityDistricts, 50],
  [towns, 38],
  [villages, 12],
];
