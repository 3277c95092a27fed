// The routing classes' vocabulary as residents write it, learned from public complaints (resources/routing-corpus/:
// residents' messages quoted on public pages across Russia, each with its page and the body kind it belongs to). The
// competences hold what each body's statute names; these hold the everyday words around it («лежачий», «зябко»,
// «рецепт не отоварить») that no statute lists. A region's own history (model-store.ts) is another model: this one is
// the same on every desk, read from the resource at first use, and never learns from decisions.
import corpusData from '../../../resources/routing-corpus/public-complaints.json' with { type: 'json' };
import { featuresOf } from './features.js';
import { LOCAL_CLASS } from './ministry-rules.js';
import { NaiveBayes } from './naive-bayes.js';

export interface CorpusItem {
  text: string;
  /** A ministry id of resources/targets.json, 'gov', or 'local' (a municipality's matter: the router's '@local'). */
  label: string;
  url: string;
  kind: 'resident' | 'reported';
}

interface CorpusFile {
  items: CorpusItem[];
}

export const corpusClassOf = (label: string): string => (label === 'local' ? LOCAL_CLASS : label);

let model: NaiveBayes | null = null;

/**
 * The model of the corpus, learned once per process. Each class counts as the same number of documents whatever
 * its share of the corpus (how many texts were found per body says nothing about how often residents write to it).
 */
export function corpusModel(items: readonly CorpusItem[] = (corpusData as CorpusFile).items): NaiveBayes {
  if (model !== null && items === (corpusData as CorpusFile).items) return model;
  const perClass = new Map<string, number>();
  for (const item of items) perClass.set(item.label, (perClass.get(item.label) ?? 0) + 1);
  const mean = items.length / Math.max(1, perClass.size);
  const built = new NaiveBayes();
  for (const item of items) built.learn(featuresOf(item.text).weights, corpusClassOf(item.label), 1, mean / perClass.get(item.label)!);
  if (items === (corpusData as CorpusFile).items) model = built;
  return built;
}
