// What surge clustering compares between two appeals: the places named (gazetteer), the topic, the problem words
// (routing keywords), the content stems and the text's copy key; plus the three similarity rules that put appeals in
// one cluster.
// Words here are Snowball stems (token.stem), not the routing model's lemma keys (features.ts): the keywords are
// Snowball stems, and cluster_features rows cached before keep stems, so new appeals must compare on the same keys.
import { createHash } from 'node:crypto';
import { topicOf } from '../../../shared/topics/topic-of.js';
import { detectPlaces, type PlaceKind } from '../routing/gazetteer.js';
import { RULE_STEMS } from '../routing/ministry-rules.js';
import { STOP_STEMS, tokenize, type Token } from '../routing/russian-text.js';

/** Surge: same problem, same place, received at most this far apart (from any member already in the cluster). */
export const SURGE_WINDOW_MS = 6 * 3_600_000;
/** Duplicates from the same author are looked for this far back and forward. */
export const DUPLICATE_WINDOW_MS = 24 * 3_600_000;
/** Problem words (routing keywords) shared, as a Jaccard index, for «the same problem». */
export const PROBLEM_JACCARD = 0.5;
/** Content stems shared, as a Jaccard index, for «the same problem» when the keywords say nothing. */
export const WORDS_JACCARD = 0.35;
/** Content stems shared by two appeals of one author within 24 h for «a near duplicate». */
export const DUPLICATE_JACCARD = 0.6;
/**
 * A text this long (content stems) or longer written word for word by another author within 24 h is a copy: a
 * template residents were handed («коллективное» by copy-paste) or a bot's comment posted under every page. Shorter
 * texts say the same thing in the same words by chance («тротуары не чищены вообще»).
 */
export const COPY_MIN_STEMS = 8;

// The whole city (1.6 million people) or the region is no «same place»; a street that exists in every town
// («ул. Ленина») says nothing without its town.
const IGNORED_PLACES: ReadonlySet<PlaceKind> = new Set(['city', 'region', 'generic-street']);
const KEYWORDS: ReadonlySet<string> = new Set(Object.values(RULE_STEMS).flat());
const MAX_WORDS = 80;
const DIGITS = /^\d+$/;

export interface ClusterFeatures {
  /** `p:<place>` for each specific place named, `a:<author>` for the author: the lookup keys. */
  places: string[];
  author: string;
  topic: string;
  /** Routing keyword stems found in the text («вод», «горяч», «автобус»), without the place names. */
  problem: string[];
  /** Content stems (stop words and place names removed), at most 80. */
  words: string[];
  /**
   * `t:<hash>` of the text's content stems and numbers in order (case, punctuation and emoji aside), when it has
   * COPY_MIN_STEMS stems or more; absent otherwise and in features cached before it existed. Numbers count: «дом 1»
   * and «дом 2» of one template are two houses, two problems (office-fit's five flooded yards, CI of 5 December).
   */
  copy?: string;
}

export function authorKey(author: { name: string; url?: string | undefined }): string {
  return `a:${(author.url ?? author.name).trim().toLowerCase().replaceAll('ё', 'е')}`;
}

/** A text's copy key (ClusterFeatures.copy): its content stems and numbers in order, hashed; undefined when short. */
export function copyKeyOf(tokens: readonly Token[]): string | undefined {
  const sequence = tokens.map((t) => t.stem).filter((stem) => DIGITS.test(stem) || (stem.length >= 2 && !STOP_STEMS.has(stem)));
  return sequence.filter((stem) => !DIGITS.test(stem)).length >= COPY_MIN_STEMS
    ? `t:${createHash('sha256').update(sequence.join(' ')).digest('base64url').slice(0, 16)}` : undefined;
}

export function clusterFeaturesOf(text: string, author: { name: string; url?: string | undefined }): ClusterFeatures {
  const tokens = tokenize(text);
  const detection = detectPlaces(tokens);
  const places: string[] = [];
  const placeStems = new Set<string>();
  for (const mention of detection.mentions) {
    for (const token of tokenize(mention.text)) placeStems.add(token.stem);
    if (IGNORED_PLACES.has(mention.kind) || mention.targetIds.length === 0) continue;
    const key = `p:${mention.name.toLowerCase().replaceAll('ё', 'е')}`;
    if (!places.includes(key)) places.push(key);
  }
  const words: string[] = [];
  const problem: string[] = [];
  const seen = new Set<string>();
  const copy = copyKeyOf(tokens);
  // The content stems in order of first appearance, as the features before lemma keys gave them.
  for (const { stem } of tokens) {
    if (stem.length < 2 || STOP_STEMS.has(stem) || DIGITS.test(stem) || seen.has(stem)) continue;
    seen.add(stem);
    if (placeStems.has(stem)) continue;
    if (KEYWORDS.has(stem)) problem.push(stem);
    if (words.length < MAX_WORDS) words.push(stem);
  }
  return { places, author: authorKey(author), topic: topicOf(text), problem, words, ...(copy ? { copy } : {}) };
}

export function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  const left = new Set(a);
  let shared = 0;
  const right = new Set(b);
  for (const x of right) if (left.has(x)) shared++;
  return shared / (left.size + right.size - shared);
}

export type ClusterReason = 'surge' | 'duplicate' | 'copy';

type Comparable = Pick<ClusterFeatures, 'places' | 'author' | 'topic' | 'problem' | 'words' | 'copy'> & { receivedMs: number };

/**
 * Why `a` and `b` belong together, or null. Surge: a shared specific place, received within 6 h, the same topic
 * (or one of them unknown), and problem words with Jaccard ≥ 0.5 (or, when either has none, content stems with Jaccard ≥ 0.35). Duplicate:
 * the same author within 24 h and content stems with Jaccard ≥ 0.6 (a re-post, an edited copy), wherever. Copy:
 * another author within 24 h, the same text of COPY_MIN_STEMS or more, wherever.
 */
export function clusterReason(a: Comparable, b: Comparable): ClusterReason | null {
  const apart = Math.abs(a.receivedMs - b.receivedMs);
  if (a.author === b.author && apart <= DUPLICATE_WINDOW_MS && jaccard(a.words, b.words) >= DUPLICATE_JACCARD) {
    return 'duplicate';
  }
  if (a.copy !== undefined && a.copy === b.copy && apart <= DUPLICATE_WINDOW_MS) return 'copy';
  // The topic rules miss many word forms («горячую воду»): an unknown topic does not keep two appeals apart.
  if (apart > SURGE_WINDOW_MS || (a.topic !== b.topic && a.topic !== 'other' && b.topic !== 'other')) return null;
  if (!a.places.some((p) => b.places.includes(p))) return null;
  const sameProblem = a.problem.length > 0 && b.problem.length > 0
    ? jaccard(a.problem, b.problem) >= PROBLEM_JACCARD
    : jaccard(a.words, b.words) >= WORDS_JACCARD;
  return sameProblem ? 'surge' : null;
}
