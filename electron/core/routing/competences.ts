// What each routing class is responsible for, as data (resources/competences/competences.json, from the bodies'
// statutes and 131-ФЗ): concepts with weights, indexed by lemma key, and the evidence a text gives each class —
// the rules half of the ranking, which must hold alone on a region's first day (no routed history yet).
import competenceData from '../../../resources/competences/competences.json' with { type: 'json' };
import { conceptKeys, lemmaKey, relationalBases } from './lemma-ru.js';
import { spanText, tokenize, type Token } from './russian-text.js';

interface CompetenceGroup {
  source: string;
  topic: string;
  weight: number;
  concepts: string[];
}

interface CompetenceFile {
  classes: Record<string, CompetenceGroup[]>;
}

export interface Concept {
  /** As the competences file writes it. */
  text: string;
  cls: string;
  weight: number;
  /** Per word, the keys a text token may match by its lemma key. */
  keys: string[][];
  /**
   * For a one-word concept whose stem is too short to trust (Snowball cuts «могила» to «мог», «стая» to «ста»,
   * «костыли» to «кост»; abbreviations «доу», «одн»), the written forms a token must be instead.
   */
  forms?: string[];
  /**
   * Of `forms`, those that match only when written in capitals («ОДНа», not «одна»): an abbreviation the file writes
   * in capitals declines into common words — «ОДН» into «одна», «одну», «одном»; «ЕДВ» into «едва» — and «Одна
   * упаковка оказалась…» scored housing (the dev set's food complaint, 3 December).
   */
  capitalsOnly?: string[];
}

export interface ClassEvidence {
  /** Sum of the weights of the concepts found (a repeat adds a little). */
  score: number;
  /** The words of the text that matched, as written (for the reason shown). */
  words: string[];
}

const FUZZY_MIN = 6;
const FUZZY_FACTOR = 0.6;
const RELATIONAL_FACTOR = 0.8;
const REPEAT_FACTOR = 0.3;
const WEAK_CAP = 3;

const DATA = competenceData as CompetenceFile;

const VOWEL = /[аеиоуыэюя]/;
const ENDINGS = ['', 'а', 'я', 'ы', 'и', 'у', 'ю', 'е', 'ой', 'ей', 'ом', 'ем', 'ам', 'ям', 'ах', 'ях', 'ами', 'ями', 'ов',
  'ев', 'ь', 'й'];

// Present/future and past endings after the infinitive's stem, by conjugation; a superset is harmless (only these
// exact words match). Consonant alternations of the first person (топлю, езжу) are left out: rare in complaints.
const I_CONJUGATION = ['ить', 'ю', 'у', 'ишь', 'ит', 'им', 'ите', 'ят', 'ат', 'ил', 'ила', 'ило', 'или', 'ив', 'и',
  'ен', 'ена', 'ено', 'ены', 'енный', 'енные'];
const E_CONJUGATION = ['ть', 'ю', 'ешь', 'ет', 'ем', 'ете', 'ют', 'л', 'ла', 'ло', 'ли', 'в', 'й', 'йте', 'нный',
  'нные', 'н', 'на', 'но', 'ны'];
// The reflexive particle is «-сь» after a vowel, «-ся» after a consonant.
const reflexiveOf = (form: string): string => `${form}${/[аеиоуыэюя]$/.test(form) ? 'сь' : 'ся'}`;

/** Nouns that end as an infinitive does: «нет сети» must meet «сеть», and «сна» (сон) must not. */
const NOUNS_IN_TI: ReadonlySet<string> = new Set(['сеть', 'мать', 'нить', 'треть', 'плеть', 'медь', 'кровать', 'печать',
  'память', 'благодать', 'рать', 'гать', 'знать', 'пядь']);

/**
 * The finite forms of a verb whose stem is too short to match by key («лечить» → «лечился», «лечат»; «отключить» →
 * «отключили», «отключат»; «купаться» → «купаются»): the noun endings would never meet them.
 */
function verbFormsOf(infinitive: string): string[] | null {
  if (NOUNS_IN_TI.has(infinitive)) return null;
  const bare = /(ться|тись)$/.test(infinitive) ? infinitive.slice(0, -2) : infinitive;
  let endings: string[];
  let base: string;
  if (bare.endsWith('ить')) {
    base = bare.slice(0, -3);
    endings = I_CONJUGATION;
  } else if (/[аяе]ть$/.test(bare)) {
    base = bare.slice(0, -2);
    endings = E_CONJUGATION;
  } else {
    return null;
  }
  // Both voices whichever the file writes: «лечить» is also «лечился», «учиться» also «учат».
  const forms = new Set<string>([infinitive]);
  for (const ending of endings) {
    forms.add(base + ending);
    // Passive participles take no particle («лечен», never «леченся»).
    if (!/^е?нн?/.test(ending)) forms.add(reflexiveOf(base + ending));
  }
  return [...forms];
}

/** The case forms of a noun, roughly (a superset is harmless: only these exact words match). */
function formsOf(lemma: string): string[] {
  const verb = /(ть|ться|тись)$/.test(lemma) ? verbFormsOf(lemma) : null;
  if (verb) return verb;
  // An abbreviation read as a word declines as a hard-stem noun («ФАП», «в ФАПе», «нет ФАПа»); others stay as written.
  if (lemma.length === 3 && /^[а-я]{2}[бвгджзклмнпрстфхцчшщ]$/.test(lemma) && VOWEL.test(lemma)) {
    return [lemma, ...['а', 'у', 'е', 'ом', 'ы', 'ов', 'ам', 'ах'].map((e) => lemma + e)];
  }
  if (lemma.length <= 3 || !VOWEL.test(lemma)) return [lemma];
  const vowelEnd = /[аяоеьйы]$/.test(lemma);
  const base = vowelEnd ? lemma.slice(0, -1) : lemma;
  const forms = new Set([lemma]);
  for (const ending of ENDINGS) if (!(vowelEnd && ending === '')) forms.add(base + ending);
  return [...forms];
}

function buildConcepts(data: CompetenceFile): Concept[] {
  const concepts: Concept[] = [];
  for (const [cls, groups] of Object.entries(data.classes)) {
    for (const group of groups) {
      for (const text of group.concepts) {
        const tokens = tokenize(text);
        const keys = tokens.map((t) => conceptKeys(t.norm));
        if (keys.length === 0) continue;
        const only = tokens.length === 1 ? tokens[0]! : null;
        const key = keys[0]![0]!;
        if (only && (key.length <= 3 || only.norm.length - key.length >= 3 || !VOWEL.test(only.norm))) {
          const forms = formsOf(only.norm);
          const capitals = /^[А-ЯЁ]{2,}$/.test(text) ? { capitalsOnly: forms.filter((f) => f !== only.norm) } : {};
          concepts.push({ text, cls, weight: group.weight, keys, forms, ...capitals });
        } else {
          concepts.push({ text, cls, weight: group.weight, keys });
        }
      }
    }
  }
  return concepts;
}

/** The classes the competences describe. */
export const COMPETENCE_CLASSES: readonly string[] = Object.keys(DATA.classes);

interface ConceptIndex {
  concepts: readonly Concept[];
  /** First key → concepts starting with it, longest first (a multi-word term wins over its words). */
  byFirst: Map<string, Concept[]>;
  /** Written form → the one-word concepts matched by form only. */
  byForm: Map<string, Concept[]>;
  /**
   * One-letter deletions of the longer one-word keys → those keys: a typo that drops or doubles a letter
   * («поликлинника», «аптка») still meets its concept. A letter changed is not taken: «родитель» is not «водитель».
   */
  byDeletion: Map<string, string[]>;
}

function deletionsOf(key: string): string[] {
  const out: string[] = [];
  for (let i = 2; i < key.length; i++) out.push(key.slice(0, i) + key.slice(i + 1));
  return out;
}

function buildIndex(concepts: readonly Concept[]): ConceptIndex {
  const byFirst = new Map<string, Concept[]>();
  const byForm = new Map<string, Concept[]>();
  for (const concept of concepts) {
    if (concept.forms) {
      for (const form of concept.forms) byForm.set(form, [...(byForm.get(form) ?? []), concept]);
      continue;
    }
    for (const first of concept.keys[0] ?? []) {
      const list = byFirst.get(first) ?? [];
      // The same word written twice in one class (in two groups) counts once, with its higher weight.
      const same = list.findIndex((c) => c.cls === concept.cls && c.keys.length === concept.keys.length
        && c.keys.every((k, i) => k[0] === concept.keys[i]?.[0]));
      if (same >= 0) {
        if ((list[same]?.weight ?? 0) < concept.weight) list[same] = concept;
      } else {
        list.push(concept);
      }
      byFirst.set(first, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  const byDeletion = new Map<string, string[]>();
  for (const [first, list] of byFirst) {
    if (first.length < FUZZY_MIN || !list.some((c) => c.keys.length === 1)) continue;
    for (const variant of deletionsOf(first)) {
      const keys = byDeletion.get(variant) ?? [];
      if (!keys.includes(first)) keys.push(first);
      byDeletion.set(variant, keys);
    }
  }
  return { concepts, byFirst, byForm, byDeletion };
}

// Built on first use, not at import: stemming every concept costs ~0.2 s of CPU, and the desk core imports this
// module (through model-store) without ever matching a text — only the routing worker does. Paid at load, it
// lengthened every desk's cold open.
let index: ConceptIndex | null = null;
const conceptIndex = (): ConceptIndex => (index ??= buildIndex(buildConcepts(DATA)));

/** Every concept of the competences, built on first use. */
export function allConcepts(): readonly Concept[] {
  return conceptIndex().concepts;
}

const CYRILLIC = /[а-я]/;
/** «ОДН», «ФАПе»: an abbreviation keeps its capitals when declined; «Одна» at a sentence's start is a word. */
const WRITTEN_IN_CAPITALS = /^[А-ЯЁ]{2}/;
const fuzzyCache = new Map<string, string | null>();

/** A known one-word key one edit away from this one (the first found), or null. */
function fuzzyKey(key: string): string | null {
  let found = fuzzyCache.get(key);
  if (found !== undefined) return found;
  found = null;
  if (key.length >= FUZZY_MIN - 1 && CYRILLIC.test(key)) {
    // A letter missing from the text: the key is a deletion of a known one.
    found = conceptIndex().byDeletion.get(key)?.[0] ?? null;
    // A letter too many: a deletion of the key is a known one.
    if (found === null && key.length > FUZZY_MIN) {
      for (const variant of deletionsOf(key)) {
        const known = conceptIndex().byFirst.get(variant);
        if (known?.some((c) => c.keys.length === 1)) { found = variant; break; }
      }
    }
  }
  if (fuzzyCache.size >= 100_000) fuzzyCache.clear();
  fuzzyCache.set(key, found);
  return found;
}

const relationalCache = new Map<string, Concept[] | null>();

/** The one-word noun concepts a relational adjective is made of, or undefined (remembered per word, as fuzzy keys are). */
function relationalConcepts(norm: string): Concept[] | undefined {
  let found = relationalCache.get(norm);
  if (found === undefined) {
    const concepts: Concept[] = [];
    for (const base of relationalBases(norm)) {
      for (const concept of conceptIndex().byFirst.get(base) ?? []) {
        if (concept.keys.length === 1 && !concepts.includes(concept)) concepts.push(concept);
      }
    }
    found = concepts.length > 0 ? concepts : null;
    if (relationalCache.size >= 100_000) relationalCache.clear();
    relationalCache.set(norm, found);
  }
  return found ?? undefined;
}

/**
 * Adds the longest concepts of `list` (longest first) that fit the keys from `i` on; the length taken, 0 for none.
 */
function matchAt(list: readonly Concept[], keys: readonly string[], i: number,
  add: (concept: Concept, end: number) => void): number {
  let length = 0;
  for (const concept of list) {
    if (length > 0 && concept.keys.length < length) break;
    const fits = concept.keys.every((alternatives, k) => k === 0 || alternatives.includes(keys[i + k] ?? ''));
    if (!fits) continue;
    length = concept.keys.length;
    add(concept, i + length);
  }
  return length;
}

/** The concepts a text (or its tokens) contains, per class. */
export function competenceEvidence(textOrTokens: string | readonly Token[]): Map<string, ClassEvidence> {
  const tokens = typeof textOrTokens === 'string' ? tokenize(textOrTokens) : textOrTokens;
  const keys = tokens.map((t) => lemmaKey(t.norm));
  const seen = new Set<Concept>();
  const weak = new Map<string, number>();
  const evidence = new Map<string, ClassEvidence>();
  const add = (concept: Concept, surface: string, factor: number) => {
    const entry = evidence.get(concept.cls) ?? { score: 0, words: [] };
    evidence.set(concept.cls, entry);
    const repeat = seen.has(concept);
    seen.add(concept);
    const gain = concept.weight * factor * (repeat ? REPEAT_FACTOR : 1);
    // Everyday words add up to at most WEAK_CAP: many of them do not make one statute's concept.
    if (concept.weight < 2) {
      const room = Math.max(0, WEAK_CAP - (weak.get(concept.cls) ?? 0));
      weak.set(concept.cls, (weak.get(concept.cls) ?? 0) + Math.min(room, gain));
      entry.score += Math.min(room, gain);
    } else {
      entry.score += gain;
    }
    if (!entry.words.includes(surface)) entry.words.push(surface);
  };
  const { byFirst, byForm: formIndex } = conceptIndex();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const token = tokens[i]!;
    const byForm = formIndex.get(token.norm)
      ?.filter((c) => !c.capitalsOnly?.includes(token.norm) || WRITTEN_IN_CAPITALS.test(token.surface));
    let list = byFirst.get(key);
    if (byForm) list = list ? [...list, ...byForm].sort((a, b) => b.keys.length - a.keys.length) : byForm;
    let factor = 1;
    if (!list) {
      const near = fuzzyKey(key);
      list = near === null ? undefined : byFirst.get(near)?.filter((c) => c.keys.length === 1);
      factor = FUZZY_FACTOR;
    }
    let length = list ? matchAt(list, keys, i, (concept, end) => add(concept, spanText(tokens, i, end), factor)) : 0;
    if (length === 0) {
      // «фельдшерский пункт», «школьный автобус»: an adjective made of a noun concept says the same thing, a little
      // less surely than the noun — when the word starts no concept of its own.
      const made = relationalConcepts(token.norm);
      if (made) length = matchAt(made, keys, i, (concept, end) => add(concept, spanText(tokens, i, end), RELATIONAL_FACTOR));
    }
    if (length > 1) i += length - 1;
  }
  return evidence;
}
