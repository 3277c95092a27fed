// Features of an appeal text for the classifier: word lemma keys (weight 1; lemma-ru.ts, so «учительницы» and
// «учителя» are one feature) and character trigrams of the longer words (weight 0.25), which carry a typo
// («поликлинника») or an unseen form of a known word.
import { lemmaKey } from './lemma-ru.js';
import { STOP_STEMS, tokenize, type Token } from './russian-text.js';

export const NGRAM_WEIGHT = 0.25;

export interface Features {
  /** feature → weight within this text. */
  weights: Map<string, number>;
  /** lemma key → the first way the text writes it (for reasons). */
  surfaces: Map<string, string>;
  tokens: Token[];
}

const gramCache = new Map<string, string[]>();

/** Character trigrams of a stem with word-edge marks, cached: the vocabulary is small next to the text. */
function gramsOf(stem: string): string[] {
  let grams = gramCache.get(stem);
  if (grams === undefined) {
    const padded = `^${stem}$`;
    grams = [];
    for (let i = 0; i + 3 <= padded.length; i++) grams.push(`g:${padded.slice(i, i + 3)}`);
    if (gramCache.size >= 200_000) gramCache.clear();
    gramCache.set(stem, grams);
  }
  return grams;
}

const DIGITS = /^\d+$/;

export function featuresOf(text: string): Features {
  const tokens = tokenize(text);
  return { ...featuresOfTokens(tokens), tokens };
}

/** The weights and surfaces of these tokens (a text's, or a text's with the words of its places blanked out). */
export function featuresOfTokens(tokens: readonly Token[]): Omit<Features, 'tokens'> {
  const weights = new Map<string, number>();
  const surfaces = new Map<string, string>();
  for (const token of tokens) {
    const stem = lemmaKey(token.norm);
    if (stem.length < 2 || STOP_STEMS.has(stem) || DIGITS.test(stem)) continue;
    const key = `w:${stem}`;
    weights.set(key, (weights.get(key) ?? 0) + 1);
    if (!surfaces.has(stem)) surfaces.set(stem, token.norm);
    if (stem.length >= 5) {
      for (const gram of gramsOf(stem)) weights.set(gram, (weights.get(gram) ?? 0) + NGRAM_WEIGHT);
    }
  }
  return { weights, surfaces };
}
