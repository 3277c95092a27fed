// Lemma keys for Russian words: what the routing matches on, so «школе», «школы», «в школу» meet, and so do
// «учителя» and «учительницы», «рынок» and «рынка», «дети» and «ребёнок». A key is the Snowball stem of the word's
// dictionary form: Snowball handles the regular endings; this module adds what it cannot — suppletive and irregular
// forms (дети → ребенок, люди → человек), feminine and diminutive derivations that name the same thing
// (учительница → учитель, садик → сад), fleeting vowels (рынок/рынка: the concept side indexes both) — and Latin
// transliteration («shkola», «uchitel»). Measured against a full morphological analyser, Az.js 0.2.3 (MIT, the
// pymorphy2/OpenCorpora dictionaries: 12 MB unpacked, 0.33 s asynchronous dictionary load, ~13 µs a word), on the
// same competences with no history (2026-12-02): dev real set top-1 51.0 % here against 51.7 % with Az lemmas (one
// appeal of 151), top-3 66.2 % both, labelled set 89.1 % / 97.3 % both. Not worth a 12 MB dependency whose
// dictionaries must ship as files beside the bundle and load asynchronously before the first suggestion.
import { stemOf } from './russian-text.js';

/** Forms Snowball cannot bring together: the written (folded) form → its dictionary form. */
const IRREGULAR: Readonly<Record<string, string>> = {
  дети: 'ребенок', детей: 'ребенок', детям: 'ребенок', детьми: 'ребенок', детях: 'ребенок', детки: 'ребенок',
  деток: 'ребенок', ребята: 'ребенок', ребятишки: 'ребенок', ребятишек: 'ребенок',
  люди: 'человек', людей: 'человек', людям: 'человек', людьми: 'человек', людях: 'человек',
  матери: 'мать', матерей: 'мать', дочери: 'дочь', дочерей: 'дочь',
 
  врачиха: 'врач', врачихи: 'врач', докторша: 'доктор',
  садика: 'сад', садике: 'сад', садики: 'сад', садиков: 'сад', садику: 'сад', садик: 'сад',
  детсадик: 'детсад', детсадика: 'детсад', детсадике: 'детсад',
  батарей: 'батарея', батареи: 'батарея', батарею: 'батарея',
  ям: 'яма', ямы: 'яма', ямка: 'яма', ямки: 'яма', ямок: 'яма', ямищи: 'яма',
  денег: 'деньги', деньгам: 'деньги',
  лифте: 'лифт', лифтом: 'лифт',
  вышке: 'вышка', вышки: 'вышка', вышек: 'вышка',
  цены: 'цена', цен: 'цена', ценам: 'цена', ценах: 'цена',
  автобусы: 'автобус', автобусов: 'автобус',
  сотка: 'сотовый',
  интернета: 'интернет', инета: 'интернет', инет: 'интернет',
  комуналка: 'коммуналка', комуналку: 'коммуналка', коммуналку: 'коммуналка', комуналки: 'коммуналка',
  копейки: 'копейка', копеек: 'копейка',
  // «скорая» is the ambulance; its stem «скор» would also be «скоро», «скорость».
  скорая: 'скорая·помощь', скорой: 'скорая·помощь', скорую: 'скорая·помощь', скорые: 'скорая·помощь',
};

/**
 * Derivations that name the same thing for routing (feminine, diminutive, colloquial), on stems: the derived
 * stem → the stem of the base word.
 */
const STEM_ALIASES: Readonly<Record<string, string>> = {
  учительниц: 'учител', воспитательниц: 'воспитател', преподавательниц: 'преподавател',
  руководительниц: 'руководител', учениц: 'ученик', школьниц: 'школьник', студентк: 'студент',
  продавщиц: 'продавц', кассирш: 'кассир', пенсионерк: 'пенсионер', спортсменк: 'спортсмен',
  медсестричк: 'медсестр', фельдшериц: 'фельдшер', педиатриц: 'педиатр', врачих: 'врач', садик: 'сад',
  поликлинник: 'поликлиник', больничк: 'больниц', аптечк: 'аптек', школк: 'школ', автобусик: 'автобус',
  маршрутчик: 'маршрутк', фонарик: 'фонар', дорожк: 'дорог', улочк: 'улиц', магазинчик: 'магазин',
  ларьк: 'ларек', ларечк: 'ларек', дровишк: 'дров', водичк: 'вод', светик: 'свет',
  доктор: 'врач', докторш: 'врач', педагог: 'учител',
};

// Latin → Cyrillic, longest first: «shkola» → «школа», «uchitel» → «учитель», «bolnica» → «болница».
const TRANSLIT: readonly [string, string][] = [
  ['shch', 'щ'], ['sch', 'щ'], ['yo', 'ё'], ['zh', 'ж'], ['kh', 'х'], ['ts', 'ц'], ['ch', 'ч'], ['sh', 'ш'],
  ['yu', 'ю'], ['ya', 'я'], ['ye', 'е'], ['iy', 'ий'], ['a', 'а'], ['b', 'б'], ['v', 'в'], ['w', 'в'], ['g', 'г'],
  ['d', 'д'], ['e', 'е'], ['z', 'з'], ['i', 'и'], ['j', 'й'], ['y', 'ы'], ['k', 'к'], ['l', 'л'], ['m', 'м'],
  ['n', 'н'], ['o', 'о'], ['p', 'п'], ['r', 'р'], ['s', 'с'], ['t', 'т'], ['u', 'у'], ['f', 'ф'], ['h', 'х'],
  ['c', 'ц'], ['x', 'кс'], ['q', 'к'], ["'", 'ь'],
];

const LATIN = /^[a-z']+$/;

/** A Latin word written for a Russian one, in Cyrillic; other words unchanged. */
export function detransliterate(norm: string): string {
  if (!LATIN.test(norm) || norm.length < 3) return norm;
  let out = '';
  let i = 0;
  outer: while (i < norm.length) {
    for (const [lat, cyr] of TRANSLIT) {
      if (norm.startsWith(lat, i)) {
        out += cyr;
        i += lat.length;
        continue outer;
      }
    }
    i++;
  }
  return out.replaceAll('ё', 'е');
}

/**
 * Short words whose Snowball stem is also the stem of a concept (почти/почта, могу/могила, ста/стая, полу/полив):
 * kept apart by a key no concept has.
 */
const OWN_KEY: ReadonlySet<string> = new Set(['почти', 'ста', 'сто', 'стоит', 'стоят', 'стоял', 'стояла', 'полу', 'могу',
  'может', 'могут', 'мог', 'могла', 'могли', 'горы', 'гор', 'горе', 'лицо', 'лица', 'лицом', 'лице', 'одна', 'одни',
  'одно', 'одну', 'одной', 'кости', 'об', 'обе', 'обо', 'до', 'пол', 'пола', 'полу', 'поле']);

const keyCache = new Map<string, string>();
const KEY_CACHE_LIMIT = 200_000;

/** The lemma key of a folded word (lower case, ё → е): the Snowball stem of its dictionary form. */
export function lemmaKey(norm: string): string {
  let key = keyCache.get(norm);
  if (key === undefined) {
    const cyr = detransliterate(norm);
    if (OWN_KEY.has(cyr)) {
      keyCache.set(norm, `=${cyr}`);
      return `=${cyr}`;
    }
    const lemma = IRREGULAR[cyr] ?? cyr;
    const stem = stemOf(lemma);
    key = STEM_ALIASES[stem] ?? stem;
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    keyCache.set(norm, key);
  }
  return key;
}

/**
 * Every key a dictionary form may show up under in a text: its own, and with a fleeting vowel dropped
 * (рынок → рынк- as in «рынка», ларёк → ларьк-, продавец → продавц-, ремень → ремн-). For the concept side only.
 */
export function conceptKeys(lemma: string): string[] {
  const keys = new Set([lemmaKey(lemma)]);
  const fleeting: [RegExp, string[]][] = [
    [/([бвгджзклмнпрстфхцчшщ])ок$/u, ['$1к']], [/([бвгджзклмнпрстфхцчшщ])ек$/u, ['$1к', '$1ьк']],
    [/([бвгджзклмнпрстфхцчшщ])ец$/u, ['$1ц', '$1ьц']], [/([бвгджзклмнпрстфхцчшщ])ень$/u, ['$1н']],
    [/([бвгджзклмнпрстфхцчшщ])ел$/u, ['$1л']],
  ];
  for (const [pattern, replacements] of fleeting) {
    if (!pattern.test(lemma)) continue;
    for (const r of replacements) {
      const form = lemma.replace(pattern, r);
      keys.add(STEM_ALIASES[form] ?? form);
    }
  }
  return [...keys];
}

const ADJECTIVE_ENDING = /(?:ий|ый|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ых|их|ыми|ими)$/;
// The suffixes that make a relational adjective of a noun, longest first: «поликлинический», «фельдшерский»,
// «школьный», «лифтовой», «дорожный».
const RELATIONAL_SUFFIXES = ['ическ', 'еск', 'ск', 'н', 'ов', 'ев'];
// The consonant a noun's stem ends in before the suffix alternates: аптечный ← аптека, больничный ← больница,
// дорожный ← дорога, снежный ← снег.
const ALTERNATIONS: Readonly<Record<string, string[]>> = { ч: ['к', 'ц'], ж: ['г', 'з'], ш: ['х', 'с'] };
const RELATIONAL_BASE_MIN = 4;
// Adjectives that look made of a concept's noun but are not about it: «главный» is no head of a district, «крупный»
// no groats, «метровый» no metro, «соседний дом» no neighbours' quarrel.
const NOT_RELATIONAL: ReadonlySet<string> = new Set(['главн', 'крупн', 'метров', 'соседн', 'сантиметров', 'километров']);

/**
 * The noun keys a relational adjective may be made from («фельдшерский пункт» is the feldsher's, «школьный автобус»
 * the school's): for matching an adjective against one-word noun concepts when it is no concept itself. Empty for a
 * word that is no such adjective. A superset is harmless: only keys a concept has are looked up.
 */
export function relationalBases(norm: string): string[] {
  if (!ADJECTIVE_ENDING.test(norm)) return [];
  const key = lemmaKey(norm);
  if (NOT_RELATIONAL.has(key)) return [];
  const bases = new Set<string>();
  for (const suffix of RELATIONAL_SUFFIXES) {
    if (!key.endsWith(suffix)) continue;
    const stem = key.slice(0, -suffix.length).replace(/ь$/, '');
    if (stem.length < RELATIONAL_BASE_MIN) continue;
    bases.add(stem);
    for (const other of ALTERNATIONS[stem.at(-1) ?? ''] ?? []) bases.add(stem.slice(0, -1) + other);
  }
  return [...bases].map((b) => STEM_ALIASES[b] ?? b);
}
