// Places of Novosibirsk oblast found in a text (inflected: «в Линёво», «из Бердска», «по Красному проспекту»,
// «Кочковская школа», «в Козихе») and the municipality responsible for each. Data: resources/gazetteer.json, built
// by scripts/gazetteer/build-gazetteer.ts from named sources; matching is on Snowball stems through an index built
// once at load (a Map from a word's stem or written form to the names that start with it), so a text costs one Map
// look-up per word.
import gazetteerData from '../../../resources/gazetteer.json' with { type: 'json' };
import { spanText, tokenize, type Token } from './russian-text.js';

interface GazetteerFile {
  region: string[];
  /** Adjectives in general use that are also the adjective of a place («Сибирский», «Майский», «Покровский»). */
  commonAdjectives?: string[];
  municipalities: { targetId: string; names: string[]; places: string[]; selsovets?: string[] }[];
  city: { targetId: string; names: string[]; districts: string[]; microdistricts: string[]; streets: string[];
    genericStreets: string[] };
}

export type PlaceKind = 'municipality' | 'settlement' | 'selsovet' | 'city' | 'city-district' | 'microdistrict'
  | 'street' | 'generic-street' | 'region';

interface Entry {
  /** The name as the gazetteer writes it (shown in reasons). */
  name: string;
  kind: PlaceKind;
  targetIds: string[];
  /**
   * Per word, the forms a text token may match by its stem or its folded form: the word's stem and the word
   * itself (Snowball cuts «Искитим» to «искит» but «в Искитиме» to «искитим»); for a name whose stem is too
   * short to trust («Обь» → «об»), only the written forms.
   */
  keys: string[][];
  /** Per word, the written forms (folded): a match on these alone needs no capital letter («в линево»). */
  written: string[][];
  exact: boolean;
  /** What besides the words themselves says «a place» (see placeLike). */
  needs: Needs;
  /** 1 for the name as written; lower for a form made by rule (an adjective, a village named after its сельсовет). */
  weight: number;
}

/**
 * - `name`: a place name: written with a capital letter inside a sentence, written as the gazetteer writes it, or
 *   after a settlement word;
 * - `common`: also a common word or an adjective in general use («Лекарственное», «Шахта», «Октябрьское»): after a
 *   settlement word, or capitalised inside a sentence right after a preposition of place («в Лекарственном»);
 * - `adjective`: an adjective made by rule («Кочковская» of Кочки): after a settlement word, or before a place noun
 *   («Кочковская школа») — never on a capital letter alone (a Сибирская генерирующая компания is no village);
 * - `settlement-word`: a made adjective that is also one in general use («Майский», «Покровский»): after a
 *   settlement word only.
 */
type Needs = 'name' | 'common' | 'adjective' | 'settlement-word';

export interface PlaceMention {
  name: string;
  kind: PlaceKind;
  /** As written in the text. */
  text: string;
  targetIds: string[];
}

export interface PlaceCandidate {
  targetId: string;
  /** 0…1: 1 for a settlement or district that names one municipality; lower when a name is shared. */
  score: number;
  place: string;
  /** As written in the text. */
  text: string;
}

export interface PlaceDetection {
  mentions: PlaceMention[];
  /** Municipal targets, best first. */
  candidates: PlaceCandidate[];
  /**
   * Every run of words read as a place, [first, end) in the tokens, repeats included: those words name where, not
   * what — «Октябрьский мост», «ул. Школьная», «Ярковский сельсовет», «г. Обь» are no bridge, school, council or river
   * for the competences.
   */
  spans: [number, number][];
}

// Words that say «a settlement's name follows», folded, as the tokenizer cuts them («р.п.» → «р», «п»).
const SETTLEMENT_WORDS = new Set(['с', 'село', 'селе', 'села', 'селом', 'п', 'пос', 'поселок', 'поселке', 'поселка',
  'поселком', 'рп', 'пгт', 'д', 'дер', 'деревня', 'деревне', 'деревни', 'деревней', 'дп', 'ст', 'станция', 'станции',
  'г', 'город', 'городе', 'города', 'мкр', 'микрорайон', 'микрорайоне', 'нп', 'х', 'хутор', 'хуторе', 'аул', 'ауле',
  'рзд', 'разъезд', 'разъезде']);
// One letter is a settlement word only as an abbreviation, with its dot: «с. Козиха», not «проблема с лекарствами».
const ONE_LETTER_NEEDS_DOT = /^[спдгх]$/u;
// Words that say «a street's name follows» (or, right after a name, that the name was a street's: «Станционной
// улице»): «ул. Красноярская» is a street, not the Красноярский сельсовет.
const STREET_WORDS = new Set(['ул', 'улица', 'улице', 'улицы', 'улицу', 'улицей', 'пр', 'пр-т', 'проспект', 'проспекте',
  'проспекта', 'проспекту', 'проспектом', 'пер', 'переулок', 'переулке', 'переулка', 'переулку', 'переулком', 'пл',
  'площадь', 'площади', 'площадью', 'шоссе', 'бульвар', 'бульваре', 'бульвара', 'тракт', 'тракте', 'тракта', 'проезд',
  'проезде', 'проезда', 'тупик', 'тупике']);
// Nouns (stems) that say «an adjective before me names a settlement»: «Кочковская школа», «ордынские школы»,
// «Козихинский ФАП», «Кочковская ЦРБ», «Листвянская сельская администрация».
const PLACE_NOUNS = new Set(['школ', 'сош', 'фап', 'администрац', 'больниц', 'црб', 'амбулатор', 'поликлиник',
  'участок', 'участк', 'сельсовет', 'совет', 'поселен', 'библиотек', 'клуб', 'дк', 'сдк', 'почт', 'детсад', 'садик',
  'интернат', 'гимназ', 'кладбищ', 'котельн', 'водокачк']);
// Adjectives that may stand between the name's adjective and its noun: «Кочковская средняя школа».
const PLACE_NOUN_ADJECTIVES = new Set(['сельск', 'средн', 'район', 'центральн', 'основн', 'общеобразовательн',
  'участков', 'врачебн', 'детск']);
// Prepositions of place: a common word that is also a village's name counts capitalised after one («в Лекарственном»).
const PLACE_PREPOSITIONS = new Set(['в', 'во', 'на', 'из', 'до', 'под', 'около', 'возле', 'близ', 'через']);
// Words written with a dot that ends no sentence: «с. Козиха», «ул. Ленина», «им. Кирова», initials «А. Б.».
const ABBREVIATIONS = new Set(['пос', 'дер', 'рп', 'пгт', 'ст', 'мкр', 'рзд', 'ул', 'пр', 'пер', 'пл', 'им', 'обл',
  'р', 'н', 'кв', 'корп', 'стр', 'тел', 'др', 'св', 'ж', 'т', 'е', 'см', 'ср', 'руб', 'тыс', 'млн', 'каб', 'пом']);
// A word with an adjective's ending: the form that agrees with a noun after it («Станционной улице»).
const ADJECTIVE_ENDING = /(?:ая|яя|ой|ей|ую|юю|ий|ый|ое|ее|ого|его|ому|ему|ым|им|ом|ем|ые|ие|ых|их|ыми|ими)$/u;
const PREFIX = /^(?:г\.|с\.|п\.|рп|дп|д\.|ст\.|рзд\.|х\.|аул|нп|мкр|ул\.|пр\.|пер\.)\s*/u;
const KIND_WEIGHT: Record<PlaceKind, number> = {
  municipality: 1, settlement: 0.95, selsovet: 0.9, city: 1, 'city-district': 0.95, microdistrict: 0.9, street: 0.85,
  'generic-street': 0, region: 0,
};
/** Forms made by rule (adjectives, villages named after a сельсовет) are guesses: they rank under written names. */
const RULE_WEIGHT = 0.8;

function entryKeys(name: string): { keys: string[][]; written: string[][]; exact: boolean } {
  const tokens = tokenize(name.replace(PREFIX, ''));
  const written = tokens.map((t) => [t.norm]);
  // A one-word name whose stem is two letters or less would match prepositions: match its written forms only.
  if (tokens.length === 1 && (tokens[0]?.stem.length ?? 0) <= 2) return { keys: written, written, exact: true };
  // A fleeting vowel drops in the other cases («Академгородок» → «в Академгородке», «Ложок» → «Ложка»).
  const fleeting = (norm: string) => (/[^аеиоуыэюя][ое]к$/u.test(norm) ? [`${norm.slice(0, -2)}к`] : []);
  const keys = tokens.map((t) => [...new Set([t.stem, t.norm, ...fleeting(t.norm)])]);
  return { keys, written, exact: false };
}
const keyText = (keys: string[][]) => keys.map((k) => k[0]).join(' ');

// ---- forms made by rule ----
// The adjective of a settlement («Кочки» → «Кочковская школа», «Козиха» → «Козихинский», «Андреевка» →
// «Андреевский»): the name without its ending plus the suffixes Russian forms them with, as Snowball stems them.
function adjectiveStems(norm: string): string[] {
  const base = norm.replace(/(?:ое|ая|ий|ый|ой|ые|ие|[аяоеиыьй])$/u, '');
  if (base.length < 4 || base === norm && /ск$/u.test(norm)) return [];
  const stems = [`${base}ск`, `${base}овск`, `${base}инск`, `${base}евск`, `${base}енск`];
  if (/[вн]к$/u.test(base)) stems.push(`${base.slice(0, -1)}ск`); // Андреевка → андреевск
  return stems;
}
// The village a сельсовет is named after, as the adjective's suffix tells: «Козихинский» ← «Козиха» (any case:
// «в Козихе», «из Козихи»), «Андреевский» ← «Андреевка», «Савкинский» ← «Савкино», «Палецкий» ← «Палецкое». A name
// in -ово/-ино is matched only as written with its «о» (it is rarely declined, and «Соколов», «Ильин» are surnames).
function villageFormsOfSelsovet(adjectiveStem: string): { adjectives: string[]; nouns: string[]; written: string[] } {
  const nouns: string[] = [];
  const written: string[] = [];
  const x = adjectiveStem.replace(/ск$/u, '');
  if (/ихин$/u.test(x)) nouns.push(x.slice(0, -2));
  else if (/(?:ин|ов|ев)$/u.test(x)) { nouns.push(`${x}к`); written.push(`${x}о`); }
  const long = (v: string) => v.length >= 5;
  return { adjectives: [adjectiveStem].filter(long), nouns: nouns.filter(long), written: written.filter((v) => v.length >= 6) };
}

function buildEntries(data: GazetteerFile): Entry[] {
  const entries: Entry[] = [];
  const byKeyText = new Map<string, Entry>();
  // Written names merge by kind and words; a form made by rule by its stem alone, so a stem two names share
  // («Ивановка», «Ивановский сельсовет») names every municipality it may mean.
  const push = (e: Omit<Entry, 'targetIds'>, targetId: string | null) => {
    const id = e.weight === 1 ? `${e.kind}|${keyText(e.keys)}` : `rule|${keyText(e.keys)}`;
    const same = byKeyText.get(id);
    if (same) {
      if (targetId && !same.targetIds.includes(targetId)) same.targetIds.push(targetId);
      return;
    }
    const entry: Entry = { ...e, targetIds: targetId ? [targetId] : [] };
    byKeyText.set(id, entry);
    entries.push(entry);
  };
  // Adjectives in general use, by stem: as a made adjective they need a settlement word; a name as written that is
  // one of them («Октябрьское», «Крещенское») is read like a common word.
  const commonAdjectives = new Set((data.commonAdjectives ?? []).flatMap((w) => tokenize(w).map((t) => t.stem)));
  const add = (raw: string, kind: PlaceKind, targetId: string | null) => {
    const name = raw.replace(/\*$/u, '');
    const { keys, written, exact } = entryKeys(name);
    if (keys.length === 0) return;
    const common = raw.endsWith('*') || keys.length === 1 && commonAdjectives.has(keys[0]?.[0] ?? '');
    push({ name: name.replace(PREFIX, ''), kind, keys, written, exact, needs: common ? 'common' : 'name', weight: 1 }, targetId);
    return { words: written };
  };
  // Words of city streets and districts («Ленина», «Советская», «Кировский»): a rule-made form that would read
  // like one of them is not made — «ул. Калинина» is no village.
  const urbanStems = new Set([...data.city.genericStreets, ...data.city.streets, ...data.city.districts]
    .flatMap((s) => tokenize(s.replace(PREFIX, '')).map((t) => t.stem)));
  const ruleForm = (form: string, name: string, kind: PlaceKind, targetId: string, made: 'adjective' | 'noun', exact = false) => {
    if (urbanStems.has(form) || urbanStems.has(form.replace(/о$/u, ''))) return;
    const needs: Needs = made === 'noun' ? 'name' : commonAdjectives.has(form) ? 'settlement-word' : 'adjective';
    push({ name, kind, keys: [[form]], written: [[]], exact, needs, weight: RULE_WEIGHT }, targetId);
  };

  for (const r of data.region) add(r, 'region', null);
  for (const m of data.municipalities) {
    for (const n of m.names) add(n, 'municipality', m.targetId);
    for (const p of m.places) {
      const made = add(p, 'settlement', m.targetId);
      // One-word names only: «Верх-Тула» has no adjective made by this rule.
      const norm = made?.words.length === 1 ? made.words[0]?.[0] : undefined;
      if (norm) {
        const display = p.replace(PREFIX, '').replace(/\*$/u, '');
        for (const adj of adjectiveStems(norm)) ruleForm(adj, display, 'settlement', m.targetId, 'adjective');
      }
    }
    for (const s of m.selsovets ?? []) {
      add(s, 'selsovet', m.targetId);
      const words = tokenize(s).filter((t) => t.norm !== 'сельсовет');
      const last = words[words.length - 1];
      // «Козихинская школа», «в Козихе»; two-word names («Петропавловский 1-й») keep only the full form.
      if (words.length === 1 && last && !urbanStems.has(last.stem)) {
        const village = villageFormsOfSelsovet(last.stem);
        for (const v of village.adjectives) ruleForm(v, s, 'selsovet', m.targetId, 'adjective');
        for (const v of village.nouns) ruleForm(v, s, 'selsovet', m.targetId, 'noun');
        for (const v of village.written) ruleForm(v, s, 'selsovet', m.targetId, 'noun', true);
      }
    }
  }
  const c = data.city;
  for (const n of c.names) add(n, 'city', c.targetId);
  for (const d of c.districts) add(d, 'city-district', c.targetId);
  for (const d of c.microdistricts) add(d, 'microdistrict', c.targetId);
  for (const s of c.streets) add(s, 'street', c.targetId);
  for (const s of c.genericStreets) add(s, 'generic-street', null);
  return entries;
}

interface PlaceIndex {
  entries: Entry[];
  /** First word's form → entries starting with it, longest first, so «Новосибирский район» wins over «Новосибирск». */
  byFirstKey: Map<string, Entry[]>;
}

function buildIndex(entries: Entry[]): PlaceIndex {
  const byFirstKey = new Map<string, Entry[]>();
  for (const entry of entries) {
    for (const first of new Set(entry.keys[0] ?? [])) {
      const list = byFirstKey.get(first);
      if (list) list.push(entry);
      else byFirstKey.set(first, [entry]);
    }
  }
  // Longest first; among equals, the name as written before a form made by rule.
  for (const list of byFirstKey.values()) list.sort((a, b) => b.keys.length - a.keys.length || b.weight - a.weight);
  return { entries, byFirstKey };
}

// Built on first use, not at import: stemming every name and the forms made of it costs ~0.15 s of CPU. The desk core
// loads this module at start (through the routing model's store and clustering) but reads places only in clustering's
// first background step after a pull, so its start (the cold open) no longer pays; that step does, once.
let index: PlaceIndex | null = null;
const placeIndex = (): PlaceIndex => (index ??= buildIndex(buildEntries(gazetteerData as GazetteerFile)));

/** Every place name the gazetteer knows (for tests and the README). */
export function gazetteerSize(): { places: number; municipalities: number; settlements: number; selsovets: number } {
  const { entries } = placeIndex();
  const municipalities = new Set(entries.flatMap((e) => e.targetIds)).size;
  const written = entries.filter((e) => e.weight === 1);
  return {
    places: written.filter((e) => e.kind !== 'region').length,
    municipalities,
    settlements: written.filter((e) => e.kind === 'settlement').length,
    selsovets: written.filter((e) => e.kind === 'selsovet').length,
  };
}

function fits(entry: Entry, tokens: Token[], i: number): boolean {
  for (let k = 0; k < entry.keys.length; k++) {
    const t = tokens[i + k];
    const forms = entry.keys[k];
    if (!t || !forms) return false;
    if (!(entry.exact ? forms.includes(t.norm) : forms.includes(t.stem) || forms.includes(t.norm))) return false;
  }
  return true;
}

const isVillage = (entry: Entry) => entry.kind === 'settlement' || entry.kind === 'selsovet';

/** «с. Козиха», «село Козиха», «р.п. Линёво»: a one-letter abbreviation counts with its dot only. */
function settlementWord(token: Token | undefined): boolean {
  if (!token || !SETTLEMENT_WORDS.has(token.norm)) return false;
  return !ONE_LETTER_NEEDS_DOT.test(token.norm) || (token.after?.startsWith('.') ?? false);
}

/**
 * The first word of a sentence is capitalised whatever it is, so its capital says nothing about a name: the first
 * word of the text, or one after «.», «!», «?», «…» or a line break — unless the dot is an abbreviation's.
 */
function sentenceStart(tokens: readonly Token[], i: number): boolean {
  const before = tokens[i - 1];
  if (!before) return true;
  const marks = before.after;
  if (!marks) return false;
  if (/[!?…\n]/u.test(marks)) return true;
  return marks.includes('.') && before.norm.length > 1 && !ABBREVIATIONS.has(before.norm) && !SETTLEMENT_WORDS.has(before.norm);
}

/** A place noun right after `j` («Кочковская школа»), or after one adjective more («Кочковская средняя школа»). */
function placeNounAt(tokens: Token[], j: number): boolean {
  const next = tokens[j];
  if (!next) return false;
  if (PLACE_NOUNS.has(next.stem)) return true;
  return PLACE_NOUN_ADJECTIVES.has(next.stem) && PLACE_NOUNS.has(tokens[j + 1]?.stem ?? '');
}

/** Written as a place is written, or after a settlement word, or before a place noun: a place, not a word that looks like one. */
function placeLike(entry: Entry, tokens: Token[], i: number): boolean {
  const token = tokens[i];
  if (!token) return false;
  const before = tokens[i - 1];
  const end = i + entry.keys.length;
  const last = tokens[end - 1];
  const village = isVillage(entry);
  if (village && before && STREET_WORDS.has(before.norm)) return false;
  if (settlementWord(before)) return true;
  // «Станционной улице», «Промышленная улица»: an adjective agreeing with the street word after it names the street.
  if (village && last && !last.after && ADJECTIVE_ENDING.test(last.norm) && STREET_WORDS.has(tokens[end]?.norm ?? '')) {
    return false;
  }
  switch (entry.needs) {
    case 'settlement-word': return false;
    case 'adjective': return placeNounAt(tokens, end);
    case 'common':
      return token.capital && before !== undefined && PLACE_PREPOSITIONS.has(before.norm) && !sentenceStart(tokens, i);
    case 'name': break;
  }
  if (token.capital && !sentenceStart(tokens, i)) return true;
  // A street named by an adjective («Широкая», «Выборная») is that street in lower case only beside a street word:
  // «колёса широкие» is no address, nor «школьный автобус» ул. Школьная (a street name many towns share).
  if ((entry.kind === 'street' || entry.kind === 'generic-street') && entry.keys.length === 1 && ADJECTIVE_ENDING.test(token.norm)
    && !STREET_WORDS.has(before?.norm ?? '') && !STREET_WORDS.has(tokens[end]?.norm ?? '')) return false;
  // Districts, the city and its streets are named in lower case too («новосибирский район»); a village only as
  // written («в линево»), never by a stem a common word shares («половину» is not Половинное) — or as an adjective
  // before a place noun («ордынские школы» of Ордынское).
  if (!village) return true;
  if (entry.written.every((forms, k) => forms.includes(tokens[i + k]?.norm ?? ''))) return true;
  return entry.keys.length === 1 && ADJECTIVE_ENDING.test(token.norm) && placeNounAt(tokens, end);
}

/**
 * Every entry the words at `i` may be, best first (longest, then a name as written before a form made by rule), or
 * null: a name two entries share («Павловка» as written in one district, the village of a Павловский сельсовет in
 * another) names every municipality either does.
 */
function matchAt(tokens: Token[], i: number): Entry[] | null {
  const token = tokens[i];
  if (!token) return null;
  const { byFirstKey } = placeIndex();
  const byStem = byFirstKey.get(token.stem);
  const byNorm = token.norm === token.stem ? undefined : byFirstKey.get(token.norm);
  let best: Entry | null = null;
  for (const list of [byStem, byNorm]) {
    if (!list) continue;
    for (const entry of list) {
      if (best && (entry.keys.length < best.keys.length
        || entry.keys.length === best.keys.length && entry.weight <= best.weight)) break;
      if (fits(entry, tokens, i) && placeLike(entry, tokens, i)) { best = entry; break; }
    }
  }
  if (!best) return null;
  const group = [best];
  for (const list of [byStem, byNorm]) {
    if (!list) continue;
    for (const entry of list) {
      if (entry.keys.length < best.keys.length) break;
      if (group.includes(entry) || entry.keys.length !== best.keys.length || !fits(entry, tokens, i)) continue;
      // The words are a place already: another village named so is one too. A made adjective answers for itself
      // («из Татарска» is the town, not the adjective of Татарка).
      const sameKind = isVillage(best) && isVillage(entry) && (entry.needs === 'name' || entry.needs === 'common');
      if (sameKind || placeLike(entry, tokens, i)) group.push(entry);
    }
  }
  return group;
}

// Prepositions after which a capitalised word is read as a place the gazetteer may not know: those of place, and
// «от», «у» of distances and neighbours («в трёх километрах от Бакмасихи», «у Кудряшей»).
const UNKNOWN_PLACE_PREPOSITIONS = new Set([...PLACE_PREPOSITIONS, 'от', 'у']);
const TITLE_CASE = /^[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]*)*$/u;

/**
 * The words written as a settlement's or a street's name that no known place covers: capitalised (not in capitals:
 * «МУП» is no place), inside a sentence, right after a settlement word («д. Родькино», «в деревне Родькино») or a
 * preposition of place («от Бакмасихи», «на Ипподромской»). The gazetteer lacks most villages of the oblast; these
 * are what the places learned from the operators' decisions are keyed by (learned-places.ts). Token indexes.
 */
export function unknownPlaceWords(tokens: readonly Token[], spans: readonly (readonly [number, number])[] = []): number[] {
  const out: number[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i]!;
    const before = tokens[i - 1]!;
    // Right after its word, with nothing between but an abbreviation's dot («д. Родькино»): «из города. Надеемся…»
    // ends a sentence, «на «Богатырь»» quotes an enterprise's name. (Cheapest test first: this runs on every word of
    // every routed appeal the model learns.)
    const afterPreposition = UNKNOWN_PLACE_PREPOSITIONS.has(before.norm) && !before.after;
    if (!afterPreposition && !(settlementWord(before) && (!before.after || before.after === '.' && before.norm.length <= 3))) continue;
    if (!token.capital || token.norm.length < 4 || !TITLE_CASE.test(token.surface) || sentenceStart(tokens, i)) continue;
    if (spans.some(([from, to]) => i >= from && i < to)) continue;
    out.push(i);
  }
  return out;
}

export function detectPlaces(textOrTokens: string | Token[]): PlaceDetection {
  const tokens = typeof textOrTokens === 'string' ? tokenize(textOrTokens) : textOrTokens;
  const found: { entry: Entry; group: Entry[]; targetIds: string[]; text: string }[] = [];
  const spans: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const group = matchAt(tokens, i);
    const entry = group?.[0];
    if (!group || !entry) continue;
    spans.push([i, i + entry.keys.length]);
    const text = spanText(tokens, i, i + entry.keys.length);
    if (entry.kind !== 'region' && !found.some((f) => f.entry.name === entry.name && f.entry.kind === entry.kind)) {
      const targetIds = group.length === 1 ? entry.targetIds : [...new Set(group.flatMap((e) => e.targetIds))];
      found.push({ entry, group, targetIds, text });
    }
    i += entry.keys.length - 1;
  }
  const best = new Map<string, PlaceCandidate>();
  for (const { entry, group, targetIds, text } of found) {
    // A name shared by n municipalities gives each of them a lower score; each scored by the entry that names it.
    const share = targetIds.length > 1 ? 0.6 / targetIds.length + 0.1 : 1;
    const scores = new Map<string, number>();
    for (const e of group) {
      const score = KIND_WEIGHT[e.kind] * e.weight * share;
      for (const targetId of e.targetIds) if ((scores.get(targetId) ?? -1) < score) scores.set(targetId, score);
    }
    for (const [targetId, score] of scores) {
      const known = best.get(targetId);
      if (!known || known.score < score) best.set(targetId, { targetId, score, place: entry.name, text });
      else if (known.score < 1) known.score = Math.min(1, known.score + 0.1); // a second mention of the same area
    }
  }
  const candidates = [...best.values()].sort((a, b) => b.score - a.score);
  const mentions = found.map(({ entry, targetIds, text }) => ({ name: entry.name, kind: entry.kind, text, targetIds }));
  return { mentions, candidates, spans };
}
