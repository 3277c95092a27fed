// Places of Novosibirsk oblast found in a text (inflected: «в Линёво», «из Бердска», «по Красному проспекту»,
// «Кочковская школа», «в Козихе») and the municipality responsible for each. Data: resources/gazetteer.json, built
// by scripts/gazetteer/build-gazetteer.ts from named sources; matching is on Snowball stems through an index built
// once at load (a Map from a word's stem or written form to the names that start with it), so a text costs one Map
// look-up per word.
import gazetteerData from '../../../resources/gazetteer.json' with { type: 'json' };
import { tokenize, type Token } from './russian-text.js';

interface GazetteerFile {
  region: string[];
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
  /** Also a common word, or a form made by rule: needs a settlement word before it or a capital letter. */
  needsCapital: boolean;
  /** 1 for the name as written; lower for a form made by rule (an adjective, a village named after its сельсовет). */
  weight: number;
}

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
}

// Words that say «a settlement's name follows», folded, as the tokenizer cuts them («р.п.» → «р», «п»).
const SETTLEMENT_WORDS = new Set(['с', 'село', 'селе', 'села', 'селом', 'п', 'пос', 'поселок', 'поселке', 'поселка',
  'поселком', 'рп', 'пгт', 'д', 'дер', 'деревня', 'деревне', 'деревни', 'деревней', 'дп', 'ст', 'станция', 'станции',
  'г', 'город', 'городе', 'города', 'мкр', 'микрорайон', 'микрорайоне', 'нп', 'х', 'хутор', 'хуторе', 'аул', 'ауле',
  'рзд', 'разъезд', 'разъезде']);
// Words that say «a street's name follows»: «ул. Красноярская» is a street, not the Красноярский сельсовет.
const STREET_WORDS = new Set(['ул', 'улица', 'улице', 'улицы', 'улицу', 'пр', 'пр-т', 'проспект', 'проспекте', 'пер',
  'переулок', 'переулке', 'пл', 'площадь', 'площади', 'шоссе', 'бульвар', 'бульваре', 'тракт', 'тракте', 'проезд']);
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
function villageFormsOfSelsovet(adjectiveStem: string): { stems: string[]; written: string[] } {
  const stems = [adjectiveStem];
  const written: string[] = [];
  const x = adjectiveStem.replace(/ск$/u, '');
  if (/ихин$/u.test(x)) stems.push(x.slice(0, -2));
  else if (/(?:ин|ов|ев)$/u.test(x)) { stems.push(`${x}к`); written.push(`${x}о`); }
  return { stems: stems.filter((v) => v.length >= 5), written: written.filter((v) => v.length >= 6) };
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
  const add = (raw: string, kind: PlaceKind, targetId: string | null) => {
    const commonWord = raw.endsWith('*');
    const name = raw.replace(/\*$/u, '');
    const { keys, written, exact } = entryKeys(name);
    if (keys.length === 0) return;
    push({ name: name.replace(PREFIX, ''), kind, keys, written, exact, needsCapital: commonWord, weight: 1 }, targetId);
    return { words: written };
  };
  // Words of city streets and districts («Ленина», «Советская», «Кировский»): a rule-made form that would read
  // like one of them is not made — «ул. Калинина» is no village.
  const urbanStems = new Set([...data.city.genericStreets, ...data.city.streets, ...data.city.districts]
    .flatMap((s) => tokenize(s.replace(PREFIX, '')).map((t) => t.stem)));
  const ruleForm = (form: string, name: string, kind: PlaceKind, targetId: string, exact = false) => {
    if (urbanStems.has(form) || urbanStems.has(form.replace(/о$/u, ''))) return;
    push({ name, kind, keys: [[form]], written: [[]], exact, needsCapital: true, weight: RULE_WEIGHT }, targetId);
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
        for (const adj of adjectiveStems(norm)) ruleForm(adj, display, 'settlement', m.targetId);
      }
    }
    for (const s of m.selsovets ?? []) {
      add(s, 'selsovet', m.targetId);
      const words = tokenize(s).filter((t) => t.norm !== 'сельсовет');
      const last = words[words.length - 1];
      // «Козихинская школа», «в Козихе»; two-word names («Петропавловский 1-й») keep only the full form.
      if (words.length === 1 && last && !urbanStems.has(last.stem)) {
        const village = villageFormsOfSelsovet(last.stem);
        for (const v of village.stems) ruleForm(v, s, 'selsovet', m.targetId);
        for (const v of village.written) ruleForm(v, s, 'selsovet', m.targetId, true);
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

const ENTRIES = buildEntries(gazetteerData as GazetteerFile);
/** First word's form → entries starting with it, longest first, so «Новосибирский район» wins over «Новосибирск». */
const BY_FIRST_KEY = new Map<string, Entry[]>();
for (const entry of ENTRIES) {
  for (const first of new Set(entry.keys[0] ?? [])) {
    const list = BY_FIRST_KEY.get(first);
    if (list) list.push(entry);
    else BY_FIRST_KEY.set(first, [entry]);
  }
}
// Longest first; among equals, the name as written before a form made by rule.
for (const list of BY_FIRST_KEY.values()) list.sort((a, b) => b.keys.length - a.keys.length || b.weight - a.weight);

/** Every place name the gazetteer knows (for tests and the README). */
export function gazetteerSize(): { places: number; municipalities: number; settlements: number; selsovets: number } {
  const municipalities = new Set(ENTRIES.flatMap((e) => e.targetIds)).size;
  const written = ENTRIES.filter((e) => e.weight === 1);
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

/** Written as its name is written, or capitalised, or after a settlement word: a place, not a word that looks like one. */
function placeLike(entry: Entry, tokens: Token[], i: number): boolean {
  const token = tokens[i];
  if (!token) return false;
  const before = tokens[i - 1];
  const village = entry.kind === 'settlement' || entry.kind === 'selsovet';
  if (village && before && STREET_WORDS.has(before.norm)) return false;
  if (token.capital) return true;
  if (before && SETTLEMENT_WORDS.has(before.norm)) return true;
  if (entry.needsCapital) return false;
  // Districts, the city and its streets are named in lower case too («новосибирский район»); a village only as
  // written («в линево»), never by a stem a common word shares («половину» is not Половинное).
  if (!village) return true;
  return entry.written.every((forms, k) => forms.includes(tokens[i + k]?.norm ?? ''));
}

function matchAt(tokens: Token[], i: number): Entry | null {
  const token = tokens[i];
  if (!token) return null;
  const byStem = BY_FIRST_KEY.get(token.stem);
  const byNorm = token.norm === token.stem ? undefined : BY_FIRST_KEY.get(token.norm);
  let best: Entry | null = null;
  for (const list of [byStem, byNorm]) {
    if (!list) continue;
    for (const entry of list) {
      if (best && (entry.keys.length < best.keys.length
        || entry.keys.length === best.keys.length && entry.weight <= best.weight)) break;
      if (fits(entry, tokens, i) && placeLike(entry, tokens, i)) { best = entry; break; }
    }
  }
  return best;
}

export function detectPlaces(textOrTokens: string | Token[]): PlaceDetection {
  const tokens = typeof textOrTokens === 'string' ? tokenize(textOrTokens) : textOrTokens;
  const found: { entry: Entry; text: string }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const entry = matchAt(tokens, i);
    if (!entry) continue;
    const text = tokens.slice(i, i + entry.keys.length).map((t) => t.surface).join(' ');
    if (entry.kind !== 'region' && !found.some((f) => f.entry.name === entry.name && f.entry.kind === entry.kind)) {
      found.push({ entry, text });
    }
    i += entry.keys.length - 1;
  }
  const best = new Map<string, PlaceCandidate>();
  for (const { entry, text } of found) {
    // A name shared by n municipalities gives each of them a lower score.
    const share = entry.targetIds.length > 1 ? 0.6 / entry.targetIds.length + 0.1 : 1;
    const score = KIND_WEIGHT[entry.kind] * entry.weight * share;
    for (const targetId of entry.targetIds) {
      const known = best.get(targetId);
      if (!known || known.score < score) best.set(targetId, { targetId, score, place: entry.name, text });
      else if (known.score < 1) known.score = Math.min(1, known.score + 0.1); // a second mention of the same area
    }
  }
  const candidates = [...best.values()].sort((a, b) => b.score - a.score);
  const mentions = found.map(({ entry, text }) => ({ name: entry.name, kind: entry.kind, text, targetIds: entry.targetIds }));
  return { mentions, candidates };
}
