// Places of Novosibirsk oblast found in a text (inflected: «в Линёво», «из Бердска», «по Красному проспекту»)
// and the municipality responsible for each. Data: resources/gazetteer.json; matching is on Snowball stems.
import gazetteerData from '../../../resources/gazetteer.json' with { type: 'json' };
import { tokenize, type Token } from './russian-text.js';

interface GazetteerFile {
  region: string[];
  municipalities: { targetId: string; names: string[]; places: string[] }[];
  city: { targetId: string; names: string[]; districts: string[]; microdistricts: string[]; streets: string[];
    genericStreets: string[] };
}

export type PlaceKind = 'municipality' | 'settlement' | 'city' | 'city-district' | 'microdistrict' | 'street'
  | 'generic-street' | 'region';

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
  exact: boolean;
  /** Also a common word: needs a settlement word before it or a capital letter. */
  commonWord: boolean;
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

const SETTLEMENT_WORDS = new Set(['с', 'село', 'селе', 'села', 'п', 'пос', 'поселок', 'поселке', 'поселка', 'рп',
  'д', 'деревня', 'деревне', 'деревни', 'дп', 'ст', 'станция', 'станции', 'г', 'город', 'городе', 'города', 'мкр',
  'микрорайон', 'микрорайоне', 'нп']);
const PREFIX = /^(?:г\.|с\.|п\.|рп|дп|д\.|мкр|ул\.|пр\.|пер\.)\s*/u;
const KIND_WEIGHT: Record<PlaceKind, number> = {
  municipality: 1, settlement: 0.95, city: 1, 'city-district': 0.95, microdistrict: 0.9, street: 0.85,
  'generic-street': 0, region: 0,
};

function entryKeys(name: string): { keys: string[][]; exact: boolean } {
  const tokens = tokenize(name.replace(PREFIX, ''));
  // A one-word name whose stem is two letters or less would match prepositions: match its written forms only.
  if (tokens.length === 1 && (tokens[0]?.stem.length ?? 0) <= 2) return { keys: [[tokens[0]?.norm ?? '']], exact: true };
  return { keys: tokens.map((t) => (t.stem === t.norm ? [t.stem] : [t.stem, t.norm])), exact: false };
}
const keyText = (keys: string[][]) => keys.map((k) => k[0]).join(' ');

function buildEntries(data: GazetteerFile): Entry[] {
  const entries: Entry[] = [];
  const add = (raw: string, kind: PlaceKind, targetId: string | null) => {
    const commonWord = raw.endsWith('*');
    const name = raw.replace(/\*$/, '');
    const { keys, exact } = entryKeys(name);
    if (keys.length === 0) return;
    const display = name.replace(PREFIX, '');
    const same = entries.find((e) => e.kind === kind && keyText(e.keys) === keyText(keys));
    if (same) {
      if (targetId && !same.targetIds.includes(targetId)) same.targetIds.push(targetId);
      return;
    }
    entries.push({ name: display, kind, targetIds: targetId ? [targetId] : [], keys, exact, commonWord });
  };
  for (const r of data.region) add(r, 'region', null);
  for (const m of data.municipalities) {
    for (const n of m.names) add(n, 'municipality', m.targetId);
    for (const p of m.places) add(p, 'settlement', m.targetId);
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
/** First key → entries, longest first, so «Новосибирский район» wins over «Новосибирск». */
const BY_FIRST_KEY = new Map<string, Entry[]>();
for (const entry of ENTRIES) {
  for (const first of entry.keys[0] ?? []) {
    const list = BY_FIRST_KEY.get(first) ?? [];
    list.push(entry);
    list.sort((a, b) => b.keys.length - a.keys.length);
    BY_FIRST_KEY.set(first, list);
  }
}

/** Every place name the gazetteer knows (for tests and the README). */
export function gazetteerSize(): { places: number; municipalities: number } {
  const municipalities = new Set(ENTRIES.flatMap((e) => e.targetIds)).size;
  return { places: ENTRIES.filter((e) => e.kind !== 'region').length, municipalities };
}

function matchAt(tokens: Token[], i: number): Entry | null {
  const token = tokens[i];
  if (!token) return null;
  const candidates = [...(BY_FIRST_KEY.get(token.stem) ?? []), ...(BY_FIRST_KEY.get(token.norm) ?? [])]
    .sort((a, b) => b.keys.length - a.keys.length);
  for (const entry of candidates) {
    const fits = entry.keys.every((forms, k) => {
      const t = tokens[i + k];
      return t !== undefined && (entry.exact ? forms.includes(t.norm) : forms.includes(t.stem) || forms.includes(t.norm));
    });
    if (!fits) continue;
    if (entry.commonWord) {
      const before = tokens[i - 1];
      if (!token.capital && !(before && SETTLEMENT_WORDS.has(before.norm))) continue;
    }
    return entry;
  }
  return null;
}

export function detectPlaces(textOrTokens: string | Token[]): PlaceDetection {
  const tokens = typeof textOrTokens === 'string' ? tokenize(textOrTokens) : textOrTokens;
  const mentions: PlaceMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const entry = matchAt(tokens, i);
    if (!entry) continue;
    const text = tokens.slice(i, i + entry.keys.length).map((t) => t.surface).join(' ');
    if (entry.kind !== 'region' && !mentions.some((m) => m.name === entry.name && m.kind === entry.kind)) {
      mentions.push({ name: entry.name, kind: entry.kind, text, targetIds: entry.targetIds });
    }
    i += entry.keys.length - 1;
  }
  const best = new Map<string, PlaceCandidate>();
  for (const m of mentions) {
    // A name shared by n municipalities gives each of them a lower score.
    const share = m.targetIds.length > 1 ? 0.6 / m.targetIds.length + 0.1 : 1;
    const score = KIND_WEIGHT[m.kind] * share;
    for (const targetId of m.targetIds) {
      const known = best.get(targetId);
      if (!known || known.score < score) best.set(targetId, { targetId, score, place: m.name, text: m.text });
      else if (known.score < 1) known.score = Math.min(1, known.score + 0.1); // a second mention of the same area
    }
  }
  const candidates = [...best.values()].sort((a, b) => b.score - a.score);
  return { mentions, candidates };
}
