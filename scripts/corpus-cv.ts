// `npm run suggest:corpus-cv`: how the ranking's class choice holds on the public complaints of
// resources/routing-corpus/ (residents' messages from across Russia, labelled by the kind of body), which the
// competences were never written against: once with the competences alone, once with the corpus model learned on
// four fifths of the corpus and tested on the fifth left out (five folds by page, each text tested once; the corpus's
// share in the ranking was chosen on this figure too, so it is no held-out measure). Class level only —
// a ministry, 'gov' or '@local' (a municipality's matter; which municipality is the gazetteer's part). Prints top-1
// and top-3 per setting and top-1 per class.
import corpusData from '../resources/routing-corpus/public-complaints.json' with { type: 'json' };
import { corpusClassOf, corpusModel, type CorpusItem } from '../electron/core/routing/corpus-model.js';
import { featuresOf } from '../electron/core/routing/features.js';
import { NaiveBayes } from '../electron/core/routing/naive-bayes.js';
import { classShares } from '../electron/core/routing/suggest-targets.js';

const items = (corpusData as { items: CorpusItem[] }).items;
const FOLDS = 5;
/** A text's fold, by its page: two quotes of one page are never one in training and one in the test. */
const foldOf = (item: CorpusItem): number => {
  let h = 0;
  for (const ch of item.url) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % FOLDS;
};

function measure(name: string, corpusFor: (train: CorpusItem[]) => NaiveBayes): void {
  let top1 = 0;
  let top3 = 0;
  const perClass = new Map<string, { n: number; top1: number }>();
  for (let fold = 0; fold < FOLDS; fold++) {
    const corpus = corpusFor(items.filter((item) => foldOf(item) !== fold));
    for (const item of items.filter((item) => foldOf(item) === fold)) {
      const { shares } = classShares(featuresOf(item.text), new NaiveBayes(), [], corpus);
      const ranked = [...shares].sort((a, b) => b[1] - a[1]).map(([cls]) => cls);
      const expected = corpusClassOf(item.label);
      const row = perClass.get(expected) ?? { n: 0, top1: 0 };
      row.n += 1;
      if (ranked[0] === expected) { top1 += 1; row.top1 += 1; }
      if (ranked.slice(0, 3).includes(expected)) top3 += 1;
      perClass.set(expected, row);
    }
  }
  const pct = (part: number, whole: number) => `${(100 * part / whole).toFixed(1)}%`;
  process.stdout.write(`${name}: ${items.length} texts, top-1 ${pct(top1, items.length)}  top-3 ${pct(top3, items.length)}\n`);
  const classes = [...perClass].sort((a, b) => b[1].n - a[1].n);
  process.stdout.write(`  ${classes.map(([cls, r]) => `${cls} ${r.top1}/${r.n}`).join(' · ')}\n`);
}

measure('competences alone', () => new NaiveBayes());
measure(`competences + corpus model (${FOLDS}-fold: learned without the text tested)`, (train) => corpusModel(train));
