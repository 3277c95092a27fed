// Ranks routing targets for one appeal: the classifier learned from routed history, keyword rules per
// ministry and the gazetteer (the municipality of the place named), each suggestion with a checkable reason.
import type { Target } from '../../../shared/domain/target.js';
import { offeredSuggestions } from '../../../shared/routing/suggestion-confidence.js';
import { featuresOf } from './features.js';
import { detectPlaces, type PlaceCandidate } from './gazetteer.js';
import { LOCAL_CLASS, RULE_STEMS } from './ministry-rules.js';
import type { NaiveBayes } from './naive-bayes.js';

export interface TargetSuggestion {
  targetId: string;
  name: string;
  score: number;
  reason: string;
}

export interface SuggestResult {
  suggestions: TargetSuggestion[];
  /** The place found in the text, if any, with its municipality: «Линёво → Искитимский район». */
  place: { name: string; text: string; targetId: string } | null;
}

export interface SuggestContext {
  model: NaiveBayes;
  targets: readonly Target[];
  /** The municipality most often chosen when the text names no place (the city hall, in practice). */
  defaultLocalTargetId?: string;
  /** Keep candidates under SUGGESTION_FLOOR (measurement only: `npm run suggest -- --all`); the desk never does. */
  keepBelowFloor?: boolean;
}

const TOP = 3;
/** How much the learned model is trusted against the rules: grows with the routed history it has seen. */
const trustInModel = (learned: number) => learned / (learned + 150);

export function routingClassOf(target: Pick<Target, 'id' | 'kind'>): string {
  return target.kind === 'municipality' ? LOCAL_CLASS : target.id;
}

const STEM_TO_RULE_CLASSES = new Map<string, string[]>();
for (const [cls, stems] of Object.entries(RULE_STEMS)) {
  for (const stem of stems) STEM_TO_RULE_CLASSES.set(stem, [...(STEM_TO_RULE_CLASSES.get(stem) ?? []), cls]);
}

export function suggestTargets(text: string, ctx: SuggestContext): SuggestResult {
  const features = featuresOf(text);
  const byId = new Map(ctx.targets.map((t) => [t.id, t]));

  // Rules: hits per class, and the words that hit.
  const ruleHits = new Map<string, string[]>();
  for (const [stem, surface] of features.surfaces) {
    for (const cls of STEM_TO_RULE_CLASSES.get(stem) ?? []) {
      const words = ruleHits.get(cls) ?? [];
      if (!words.includes(surface)) words.push(surface);
      ruleHits.set(cls, words);
    }
  }
  let hitTotal = 0;
  for (const words of ruleHits.values()) hitTotal += words.length;

  const learned = ctx.model.learnedCount;
  const trust = trustInModel(learned);
  const classified = learned > 0 ? ctx.model.classify(features.weights) : null;
  const classScore = new Map<string, number>();
  for (const { cls, p } of classified?.scores ?? []) classScore.set(cls, trust * p);
  for (const [cls, words] of ruleHits) {
    classScore.set(cls, (classScore.get(cls) ?? 0) + (1 - trust) * (words.length / (hitTotal + 0.5)));
  }

  const reasonCache = new Map<string, string>();
  const reasonFor = (cls: string): string => {
    const known = reasonCache.get(cls);
    if (known !== undefined) return known;
    const words: string[] = [];
    if (classified && trust > 0.2) {
      const contribution = classified.contribution(cls);
      const best = [...contribution].filter(([f, v]) => f.startsWith('w:') && v > 0.5).sort((a, b) => b[1] - a[1]);
      for (const [feature] of best) {
        const surface = features.surfaces.get(feature.slice(2));
        if (surface && !words.includes(surface)) words.push(surface);
        if (words.length >= 3) break;
      }
    }
    for (const w of ruleHits.get(cls) ?? []) if (words.length < 3 && !words.includes(w)) words.push(w);
    const reason = words.length > 0 ? `слова: ${words.join(', ')}` : 'похожие обращения в истории';
    reasonCache.set(cls, reason);
    return reason;
  };

  const places = detectPlaces(features.tokens);
  const topPlace = places.candidates[0];
  // Reasons are worked out for the three shown only: the contribution of every word is the costly part.
  const ranked: (Omit<TargetSuggestion, 'reason'> & { reason: () => string })[] = [];
  const localMass = classScore.get(LOCAL_CLASS) ?? 0;
  for (const [cls, score] of classScore) {
    if (cls === LOCAL_CLASS) continue;
    const target = byId.get(cls);
    if (target && score > 0) ranked.push({ targetId: cls, name: target.shortName, score, reason: () => reasonFor(cls) });
  }
  // The local class goes to the municipality of the place named; a named place is always worth a look.
  const localCandidates: PlaceCandidate[] = places.candidates.length > 0 ? places.candidates
    : ctx.defaultLocalTargetId ? [{ targetId: ctx.defaultLocalTargetId, score: 0.5, place: '', text: '' }] : [];
  for (const candidate of localCandidates) {
    const target = byId.get(candidate.targetId);
    if (!target) continue;
    const score = Math.max(localMass, 0.12) * candidate.score;
    const where = candidate.place ? `место: ${candidate.text} → ${target.shortName}` : 'место не названо';
    const reason = () => {
      const localWords = localMass >= 0.2 ? reasonFor(LOCAL_CLASS) : '';
      return localWords.startsWith('слова') ? `${where}; ${localWords}` : where;
    };
    const known = ranked.find((r) => r.targetId === candidate.targetId);
    if (known) known.score += score;
    else ranked.push({ targetId: candidate.targetId, name: target.shortName, score, reason });
  }
  ranked.sort((a, b) => b.score - a.score || a.targetId.localeCompare(b.targetId));
  // A 0 % candidate is no suggestion (#13 item 7): under the floor it is not shown nor offered on Q/W.
  const rounded = ranked.slice(0, TOP).map((s) => ({ ...s, score: Math.round(Math.min(1, s.score) * 100) / 100 }));
  const top = (ctx.keepBelowFloor ? rounded : offeredSuggestions(rounded)).map((s) => ({
    targetId: s.targetId, name: s.name, score: s.score, reason: s.reason(),
  }));
  const placeTarget = topPlace ? byId.get(topPlace.targetId) : undefined;
  return {
    suggestions: top,
    place: topPlace && placeTarget ? { name: topPlace.place, text: topPlace.text, targetId: topPlace.targetId } : null,
  };
}
