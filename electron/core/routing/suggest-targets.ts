// Ranks routing targets for one appeal: the bodies' competences (resources/competences, the rules half, which must
// hold alone on a region's first day), the classifier learned from routed history (trusted more as it grows, but
// never enough to drown clear competence evidence: the demo generator's history taught it its own vocabulary) and the
// gazetteer (the municipality of the place named); each suggestion with a checkable reason and a calibrated score.
import type { RejectAdvice } from '../../../shared/desk-api/routing-contract.js';
import { copyKeyOf } from '../clusters/cluster-features.js';
import type { Target } from '../../../shared/domain/target.js';
import { offeredSuggestions } from '../../../shared/routing/suggestion-confidence.js';
import { calibratedScore } from './calibration.js';
import { competenceEvidence } from './competences.js';
import { corpusModel } from './corpus-model.js';
import { featuresOf, featuresOfTokens } from './features.js';
import { detectPlaces, type PlaceCandidate } from './gazetteer.js';
import type { LearnedPlaces } from './learned-places.js';
import type { Token } from './russian-text.js';
import { LOCAL_CLASS } from './ministry-rules.js';
import type { NaiveBayes } from './naive-bayes.js';
import { LEARNED_SPAM_WORDS, notAnAppeal } from './not-an-appeal.js';

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
  /** Advice that the text is a thank-you or spam (not-an-appeal.ts), beside the targets, or null. */
  reject: RejectAdvice | null;
}

export interface SuggestContext {
  model: NaiveBayes;
  targets: readonly Target[];
  /** The municipality most often chosen when the text names no place (the city hall, in practice). */
  defaultLocalTargetId?: string;
  /**
   * The page the message was written on (`appeal.channel.name`: a VK community, an OK group, a Telegram chat). A
   * message under a district administration's post or in a town's public often names no place at all — the page
   * says where it is — so when the text names none, the page's municipality stands in for it, before the default.
   */
  channelName?: string;
  /**
   * The place the author's own profile names (`appeal.author.place`: a VK profile's city). Where the author lives is
   * not always where the matter is, so it stands in only when neither the text nor the page names a place — for the
   * default, not before anything read.
   */
  authorPlace?: string;
  /**
   * The places learned from decisions (learned-places.ts): a village the gazetteer does not know, named in the text
   * («д. Родькино»), goes where the appeals naming it were routed — when the gazetteer reads no place in the text.
   */
  places?: LearnedPlaces;
  /** The public complaints' model (corpus-model.ts) by default; tests of the competences alone pass an empty one. */
  corpus?: NaiveBayes;
  /**
   * Whether an appeal with this copy key (cluster-features.ts) was rejected as spam on this desk: a bot's comment that
   * comes again word for word after its wave was rejected gets «Спам?» though the rules read nothing in it. The
   * training worker answers from the cache; without it, only the rules advise.
   */
  rejectedAsSpam?: (copyKey: string) => boolean;
  /** Keep candidates under SUGGESTION_FLOOR (measurement only: `npm run suggest -- --all`); the desk never does. */
  keepBelowFloor?: boolean;
  /** The ranking's raw shares instead of calibrated scores (fitting the calibration only: `npm run suggest:eval -- --fit`). */
  rawScores?: boolean;
}

const TOP = 3;
/**
 * When a local matter names no place, the municipality most often chosen (the city hall) is likely but not sure:
 * about half the oblast lives in Novosibirsk, and a village writer often names no village.
 */
const DEFAULT_PLACE_SCORE = 0.8;
/**
 * The page's municipality when the text names no place: likelier than the default (the writer chose that page), less
 * sure than a place written in the text (people also write to a neighbouring town's or a news page).
 */
const CHANNEL_PLACE_SCORE = 0.9;
/**
 * The municipality of the author's profile place when nothing else names one: as sure as the default (most writers
 * write about where they live; some about their dacha, their parents' village, the city they work in).
 */
const AUTHOR_PLACE_SCORE = 0.8;
/**
 * A place the gazetteer does not know but the operators' decisions do: named in the text, so (from LEARNED_PLACE_SURE
 * decisions on) it goes before the page and the profile as a place the gazetteer reads does, a little less sure (a
 * word learned from a few decisions may have been a neighbour's name).
 */
const LEARNED_PLACE_SCORE = 0.85;
/** The decisions behind a learned place from which it goes before the page written on. */
const LEARNED_PLACE_SURE = 2;
/** A page name is shown in the reason up to this length (a page may call itself anything, up to 500 characters). */
const CHANNEL_REASON_LENGTH = 60;
/** How much the learned model is trusted: grows with the routed history it has seen, up to a cap. */
const trustInModel = (learned: number) => MODEL_CAP * learned / (learned + 300);
/** The learned model's share never passes this (issue 15: a region's history may teach another vocabulary). */
const MODEL_CAP = 0.5;
/**
 * How much the public complaints' vocabulary (corpus-model.ts) is trusted at most: a fixed voice beside the competences
 * (the same on every desk, day one included), less the surer the competences are and the less of the text it knows.
 */
const CORPUS_TRUST = 0.35;
/** How much of a text the corpus must know to speak fully (feature weight: words count 1, their n-grams less). */
const corpusCoverage = (mass: number) => 1 - Math.exp(-mass / 4);
/** How sure the competences are, from the weight of the concepts found (3 = one decisive concept). */
const ruleStrength = (evidence: number) => 1 - Math.exp(-evidence / 2.5);
/** Sharpens the competence shares: one decisive concept outweighs two everyday words. */
const RULE_POWER = 1.5;

export function routingClassOf(target: Pick<Target, 'id' | 'kind'>): string {
  return target.kind === 'municipality' ? LOCAL_CLASS : target.id;
}

type Classified = ReturnType<NaiveBayes['classify']>;

/**
 * Raw class shares (0…1, summing to at most 1) from the competences, the region's learned model and the public
 * complaints' model (`corpus`): the ranking's core.
 */
export function classShares(features: ReturnType<typeof featuresOf>, model: NaiveBayes,
  placeSpans: readonly (readonly [number, number])[] = [], corpus: NaiveBayes = corpusModel()): {
  shares: Map<string, number>; ruleWords: Map<string, string[]>; classified: Classified | null;
  trust: number; fromCorpus: Classified | null; corpusTrust: number;
} {
  const placeless = withoutPlaces(features.tokens, placeSpans);
  const evidence = competenceEvidence(placeless);
  let total = 0;
  let powered = 0;
  for (const e of evidence.values()) { total += e.score; powered += e.score ** RULE_POWER; }
  const learned = model.learnedCount;
  const classified = learned > 0 ? model.classify(features.weights) : null;
  const strength = ruleStrength(total);
  // The model's weight: all of its trust when the text names no concept, less the surer the competences are.
  const trust = classified ? trustInModel(learned) * (1 - 0.6 * strength) : 0;
  // Like the competences, the corpus reads the text without its places' names: «ул. Школьная» is no school.
  const corpusWeights = placeSpans.length === 0 ? features.weights : featuresOfTokens(placeless).weights;
  const corpusMass = corpus.learnedCount > 0 ? corpus.knownMass(corpusWeights) : 0;
  const fromCorpus = corpusMass > 0 ? corpus.classify(corpusWeights) : null;
  const corpusTrust = fromCorpus ? CORPUS_TRUST * corpusCoverage(corpusMass) * (1 - 0.6 * strength) : 0;
  const ruleWeight = total > 0 ? strength : 0;
  const norm = ruleWeight + trust + corpusTrust;
  const shares = new Map<string, number>();
  const ruleWords = new Map<string, string[]>();
  if (norm === 0) return { shares, ruleWords, classified, trust, fromCorpus, corpusTrust };
  // Without a concept the model's posterior stands alone but is still worth only its trust (a fresh model is not sure).
  // With concepts the shares sum to at most the evidence's own weight: one decisive word («суррогат», «лифт») alone is
  // not certainty — on real text a lone concept is right about half the time, so its raw share must stay below that of
  // a text with several (the calibration maps raw shares to «right this often»).
  const scale = total > 0 ? Math.min(1, norm) / norm : 1;
  for (const { cls, p } of classified?.scores ?? []) shares.set(cls, scale * trust * p);
  for (const { cls, p } of fromCorpus?.scores ?? []) shares.set(cls, (shares.get(cls) ?? 0) + scale * corpusTrust * p);
  for (const [cls, e] of evidence) {
    shares.set(cls, (shares.get(cls) ?? 0) + scale * ruleWeight * (e.score ** RULE_POWER / powered));
    ruleWords.set(cls, e.words);
  }
  return { shares, ruleWords, classified, trust: trust * scale, fromCorpus, corpusTrust: corpusTrust * scale };
}

// Stands in for a word of a place's name: no concept has this key, and it keeps the words around it apart.
const PLACE_WORD: Token = { surface: '', norm: '', stem: '', capital: false };

/** The tokens with the words of the places read replaced, so a name is not taken for what it names. */
function withoutPlaces(tokens: readonly Token[], spans: readonly (readonly [number, number])[]): readonly Token[] {
  if (spans.length === 0) return tokens;
  const out = [...tokens];
  for (const [from, to] of spans) out.fill(PLACE_WORD, from, to);
  return out;
}

const placeCache = new Map<string, PlaceCandidate[]>();

/** The municipalities a text outside the message names, each scored `scale` of what the gazetteer gives it. */
function placesNamedBy(text: string, scale: number): PlaceCandidate[] {
  const key = `${scale}\n${text}`;
  let found = placeCache.get(key);
  if (found === undefined) {
    found = detectPlaces(featuresOf(text).tokens).candidates.map((c) => ({ ...c, score: c.score * scale }));
    // A desk sees a few hundred pages and places at most; the bound only guards against a flood of made-up ones.
    if (placeCache.size >= 10_000) placeCache.clear();
    placeCache.set(key, found);
  }
  return found;
}

/** The municipalities a page's name names («Администрация Колыванского района», «Подслушано Бердск»), page-scored. */
const channelPlaces = (channelName: string | undefined): PlaceCandidate[] =>
  (channelName ? placesNamedBy(channelName, CHANNEL_PLACE_SCORE) : []);

/**
 * The municipality of a profile's place («Бердск», «Кочки»): a settlement's name on its own, so read as one after a
 * settlement word (alone, «Кочки» is also a common word and a first word's capital says nothing).
 */
const authorPlaces = (place: string | undefined): PlaceCandidate[] =>
  (place && place.trim() !== '' ? placesNamedBy(`с. ${place.trim()}`, AUTHOR_PLACE_SCORE) : []);

const pageLabel = (name: string): string => {
  // By code point, so a cut never splits a surrogate pair.
  const chars = [...name.replace(/\s+/g, ' ').trim()];
  return chars.length > CHANNEL_REASON_LENGTH ? `${chars.slice(0, CHANNEL_REASON_LENGTH - 1).join('')}…` : chars.join('');
};

/** The spam advice of a text rejected as spam before (SuggestContext.rejectedAsSpam), by its copy key. */
function learnedSpam(tokens: readonly Token[], rejectedAsSpam: SuggestContext['rejectedAsSpam']): RejectAdvice | null {
  if (!rejectedAsSpam) return null;
  const key = copyKeyOf(tokens);
  return key !== undefined && rejectedAsSpam(key) ? { reason: 'spam', words: [LEARNED_SPAM_WORDS] } : null;
}

export function suggestTargets(text: string, ctx: SuggestContext): SuggestResult {
  const features = featuresOf(text);
  const byId = new Map(ctx.targets.map((t) => [t.id, t]));

  const places = detectPlaces(features.tokens);
  const { shares: classScore, ruleWords: ruleHits, classified, trust, fromCorpus, corpusTrust } =
    classShares(features, ctx.model, places.spans, ctx.corpus);

  const reasonCache = new Map<string, string>();
  const reasonFor = (cls: string): string => {
    const known = reasonCache.get(cls);
    if (known !== undefined) return known;
    const words: string[] = [];
    // The words that pulled toward the class in a model worth a say.
    // A word of the corpus must pull harder to be named: its texts share everyday words («прям», «месяц») with every class.
    const modelWords = (scores: Classified | null, weight: number, pull = 0.5): void => {
      if (!scores || weight <= 0.15) return;
      const best = [...scores.contribution(cls)].filter(([f, v]) => f.startsWith('w:') && v > pull).sort((a, b) => b[1] - a[1]);
      for (const [feature] of best) {
        if (words.length >= 3) break;
        const surface = features.surfaces.get(feature.slice(2));
        if (surface && !words.includes(surface)) words.push(surface);
      }
    };
    // The region's own history, the statutes' concepts, then the public complaints' everyday words.
    modelWords(classified, trust);
    for (const w of ruleHits.get(cls) ?? []) if (words.length < 3 && !words.includes(w)) words.push(w);
    modelWords(fromCorpus, corpusTrust, 1.5);
    const reason = words.length > 0 ? `слова: ${words.join(', ')}` : 'похожие обращения в истории';
    reasonCache.set(cls, reason);
    return reason;
  };

  const topPlace = places.candidates[0];
  // Reasons are worked out for the three shown only: the contribution of every word is the costly part.
  const ranked: (Omit<TargetSuggestion, 'reason'> & { reason: () => string; named?: boolean; mention?: number })[] = [];
  const localMass = classScore.get(LOCAL_CLASS) ?? 0;
  for (const [cls, score] of classScore) {
    if (cls === LOCAL_CLASS) continue;
    const target = byId.get(cls);
    if (target && score > 0) ranked.push({ targetId: cls, name: target.shortName, score, reason: () => reasonFor(cls) });
  }
  // The local class goes to the municipality of the place named, else of a place named that the decisions taught,
  // else to the page's, else to the author's profile's, else to the default; a named place is always worth a look.
  const textNamesPlace = places.candidates.length > 0;
  const learned = textNamesPlace || !ctx.places ? [] : ctx.places.placesIn(features.tokens, places.spans);
  const learnedPlaces: PlaceCandidate[] = learned
    .map((p) => ({ targetId: p.targetId, score: LEARNED_PLACE_SCORE, place: p.text, text: p.text }));
  // One decision may have taught a brand or a surname («в Сбербанке», «у Петровой»): it is offered beside the page's
  // place; from two on it stands for the place named, before the page and the profile.
  const learnedSure = learned.some((p) => p.decisions >= LEARNED_PLACE_SURE);
  const pagePlaces = textNamesPlace || learnedSure ? [] : channelPlaces(ctx.channelName);
  const profilePlaces = textNamesPlace || learnedPlaces.length > 0 || pagePlaces.length > 0 ? [] : authorPlaces(ctx.authorPlace);
  const localCandidates: PlaceCandidate[] = textNamesPlace ? places.candidates
    : learnedPlaces.length > 0 ? [...learnedPlaces, ...pagePlaces]
    : pagePlaces.length > 0 ? pagePlaces
    : profilePlaces.length > 0 ? profilePlaces
    : ctx.defaultLocalTargetId ? [{ targetId: ctx.defaultLocalTargetId, score: DEFAULT_PLACE_SCORE, place: '', text: '' }] : [];
  for (const [mention, candidate] of localCandidates.entries()) {
    const target = byId.get(candidate.targetId);
    if (!target) continue;
    const score = Math.max(localMass, 0.12) * candidate.score;
    const where = pagePlaces.includes(candidate) ? `страница: ${pageLabel(ctx.channelName ?? '')} → ${target.shortName}`
      : profilePlaces.includes(candidate) ? `профиль автора: ${pageLabel(ctx.authorPlace ?? '')} → ${target.shortName}`
      : learnedPlaces.includes(candidate) ? `место: ${candidate.text} → ${target.shortName} (по прежним решениям)`
      // The place by its name, not in the case the text put it in («Снегири», not «Снегирях»: trial of 4 December).
      : candidate.place ? `место: ${candidate.place} → ${target.shortName}` : 'место не названо';
    const reason = () => {
      const localWords = localMass >= 0.2 ? reasonFor(LOCAL_CLASS) : '';
      return localWords.startsWith('слова') ? `${where}; ${localWords}` : where;
    };
    const named = candidate.place !== '' && !pagePlaces.includes(candidate) && !profilePlaces.includes(candidate);
    const known = ranked.find((r) => r.targetId === candidate.targetId);
    if (known) known.score += score;
    else ranked.push({ targetId: candidate.targetId, name: target.shortName, score, reason, named, mention });
  }
  // On equal evidence the municipality of a place the writer named goes first: the name is one more sign of where
  // the matter belongs («вода из крана в селе Сурково Тогучинского района»: the housing ministry's words and the
  // district's are the same words). Of two municipalities on equal evidence, the one named first («Новости дня Каинск
  // Барабинск»: the page's own town comes first in its name); the candidates come in the order they were read.
  ranked.sort((a, b) => b.score - a.score || Number(b.named ?? false) - Number(a.named ?? false)
    || (a.mention !== undefined && b.mention !== undefined ? a.mention - b.mention : 0)
    || a.targetId.localeCompare(b.targetId));
  // A 0 % candidate is no suggestion (#13 item 7): under the floor it is not shown nor offered on Q/W.
  const rounded = ranked.slice(0, TOP).map((s) => ({ ...s, score: Math.round((ctx.rawScores ? Math.min(1, s.score) : calibratedScore(s.score)) * 100) / 100 }));
  const top = (ctx.keepBelowFloor ? rounded : offeredSuggestions(rounded)).map((s) => ({
    targetId: s.targetId, name: s.name, score: s.score, reason: s.reason(),
  }));
  // The place the detail pane names: the gazetteer's, else a learned one (by the word as the text writes it).
  const shownPlace = topPlace ?? learnedPlaces[0];
  const placeTarget = shownPlace ? byId.get(shownPlace.targetId) : undefined;
  return {
    suggestions: top,
    place: shownPlace && placeTarget ? { name: shownPlace.place, text: shownPlace.text, targetId: shownPlace.targetId } : null,
    reject: notAnAppeal(text, features.tokens) ?? learnedSpam(features.tokens, ctx.rejectedAsSpam),
  };
}
