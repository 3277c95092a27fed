// Places learned from the operators' decisions: a settlement or street the gazetteer does not know («д. Родькино»,
// «от Бакмасихи») counted against the municipality each appeal naming it was routed to, so the next appeal naming it
// goes there too. The gazetteer holds ~350 of the oblast's ~1,500 settlements (the full ОКТМО list was not reachable,
// resources/gazetteer-source/README.md); a region's own routing fills in the rest as it works. Kept with the model.
import { competenceEvidence } from './competences.js';
import { unknownPlaceWords } from './gazetteer.js';
import type { Token } from './russian-text.js';

/** name key (the word's stem) → municipality id → decisions (a decision taken back subtracts its one). */
export type LearnedPlacesState = Record<string, Record<string, number>>;

export interface LearnedPlace {
  targetId: string;
  /** Of the decisions routed to a municipality that named this word, the share that went to this one. */
  share: number;
  /** How many decisions back it (the word's count for this municipality). */
  decisions: number;
  /** As written in the text. */
  text: string;
}

/**
 * Below this share the word names no one place: a street every town has («на Советской»), an institution written with
 * a capital («в Администрацию») routed to a different district each time.
 */
const MIN_SHARE = 0.75;
/**
 * Bodies written with a capital after a preposition («в Министерство», «в Прокуратуру», «в Департамент»): no place,
 * whichever municipality the appeal went to. Stems; the competences' own words are left out by their evidence.
 */
const INSTITUTIONS = new Set(['министерств', 'администрац', 'мэр', 'мэри', 'правительств', 'прокуратур', 'управлен',
  'департамент', 'комитет', 'отдел', 'суд', 'полиц', 'дум', 'совет', 'фонд', 'центр', 'компан', 'инспекц', 'служб',
  'редакц', 'губернатор', 'президент', 'госуслуг']);
/** Longer «names» are not names (the tokenizer keeps words up to 40 letters). */
const MAX_KEY = 30;

/** The words of a text read as unknown place names, each once, with its key; a competence's word is no place. */
function namesIn(tokens: readonly Token[], spans: readonly (readonly [number, number])[]): { key: string; text: string }[] {
  const names: { key: string; text: string }[] = [];
  for (const i of unknownPlaceWords(tokens, spans)) {
    const token = tokens[i]!;
    const key = token.stem;
    if (key.length > MAX_KEY || INSTITUTIONS.has(key) || names.some((n) => n.key === key)) continue;
    // «в Минздрав», «в Администрацию», «на Госуслугах» are written as names and are bodies, not places.
    if (competenceEvidence([token]).size > 0) continue;
    names.push({ key, text: token.surface });
  }
  return names;
}

export class LearnedPlaces {
  private readonly counts: Map<string, Map<string, number>>;

  constructor(state?: LearnedPlacesState) {
    this.counts = new Map(Object.entries(state ?? {}).map(([key, byTarget]) => [key, new Map(Object.entries(byTarget))]));
  }

  /** Names learned. */
  get size(): number {
    return this.counts.size;
  }

  /**
   * Learns a decision that routed this text to `municipalityId`: every unknown place word of the text is counted
   * (which of them is the village, the next decisions tell). Returns the keys counted, which the caller keeps with the
   * decision: taking it back must subtract exactly those, whatever a later build reads as a place.
   */
  learn(tokens: readonly Token[], municipalityId: string): string[] {
    const keys = namesIn(tokens, []).map((n) => n.key);
    this.count(keys, municipalityId, 1);
    return keys;
  }

  /** Takes back a decision learned with these keys (as `learn` returned them) for this municipality. */
  forget(keys: readonly string[], municipalityId: string): void {
    this.count(keys, municipalityId, -1);
  }

  private count(keys: readonly string[], municipalityId: string, sign: 1 | -1): void {
    for (const key of keys) {
      let byTarget = this.counts.get(key);
      if (!byTarget) {
        if (sign < 0) continue;
        byTarget = new Map();
        this.counts.set(key, byTarget);
      }
      const n = (byTarget.get(municipalityId) ?? 0) + sign;
      if (n > 0) byTarget.set(municipalityId, n);
      else byTarget.delete(municipalityId);
      if (byTarget.size === 0) this.counts.delete(key);
    }
  }

  /**
   * The municipalities the text's unknown place words were routed to before, best first: one per word, when at least
   * MIN_SHARE of that word's decisions went there. `spans` are the known places read (their words are not unknown).
   */
  placesIn(tokens: readonly Token[], spans: readonly (readonly [number, number])[]): LearnedPlace[] {
    if (this.counts.size === 0) return [];
    const found: LearnedPlace[] = [];
    for (const { key, text } of namesIn(tokens, spans)) {
      const byTarget = this.counts.get(key);
      if (!byTarget) continue;
      let total = 0;
      let best: [string, number] | null = null;
      for (const [targetId, n] of byTarget) {
        total += n;
        if (!best || n > best[1] || n === best[1] && targetId < best[0]) best = [targetId, n];
      }
      if (!best || best[1] / total < MIN_SHARE) continue;
      const known = found.find((p) => p.targetId === best[0]);
      if (known) known.decisions = Math.max(known.decisions, best[1]);
      else found.push({ targetId: best[0], share: best[1] / total, decisions: best[1], text });
    }
    return found.sort((a, b) => b.share - a.share || b.decisions - a.decisions);
  }

  toState(): LearnedPlacesState {
    const state: LearnedPlacesState = {};
    for (const [key, byTarget] of this.counts) state[key] = Object.fromEntries(byTarget);
    return state;
  }
}
