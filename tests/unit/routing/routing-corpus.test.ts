// The public complaints the routing learns residents' vocabulary from (resources/routing-corpus/, corpus-model.ts):
// well formed, every label a routing class, every text with its page, enough of each class to learn from — and
// nothing of the evaluation sets, whose figures would otherwise measure what the model was shown.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusClassOf, corpusModel, type CorpusItem } from '../../../electron/core/routing/corpus-model.js';
import { featuresOf } from '../../../electron/core/routing/features.js';
import { COMPETENCE_CLASSES } from '../../../electron/core/routing/competences.js';

const read = (rel: string) => readFileSync(new URL(rel, import.meta.url), 'utf8');
const corpus = JSON.parse(read('../../../resources/routing-corpus/public-complaints.json')) as { about: string; items: CorpusItem[] };
const evaluation = ['../../fixtures/real-appeals-nso.jsonl', '../../fixtures/real-appeals-nso-holdout.jsonl']
  .flatMap((file) => read(file).split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { text: string; url: string }));

const words = (s: string) => s.toLowerCase().replace(/ё/g, 'е').match(/[а-яa-z0-9]+/g) ?? [];
/** Runs of six words: a text quoted again with other punctuation or cut differently still shares them. */
const shingles = (s: string) => {
  const w = words(s);
  return Array.from({ length: Math.max(0, w.length - 5) }, (_, i) => w.slice(i, i + 6).join(' '));
};
/**
 * A page's address as its copies share it: no scheme, «www.», «m.» or «amp.» host, AMP path, tracking parameters
 * (utm_…) or fragment; other parameters stay (on many sites «?p=137919» is the page itself).
 */
const foldUrl = (u: string) => {
  const url = new URL(u.toLowerCase());
  for (const key of [...url.searchParams.keys()]) if (key.startsWith('utm_')) url.searchParams.delete(key);
  const host = url.hostname.replace(/^(www|m|amp)\./, '');
  const path = url.pathname.replace(/\/amp(?=\/|$)/g, '').replace(/\/+$/, '');
  return `${host}${path}${url.search}`;
};

describe('routing corpus (public complaints)', () => {
  it('labels every text with a routing class, cites its page, and keeps each text once', () => {
    const classes = new Set(COMPETENCE_CLASSES);
    for (const item of corpus.items) {
      expect(classes.has(corpusClassOf(item.label)), item.label).toBe(true);
      expect(item.url).toMatch(/^https?:\/\/\S+$/);
      expect(['resident', 'reported']).toContain(item.kind);
      expect(item.text.trim().length).toBeGreaterThanOrEqual(20);
    }
    expect(new Set(corpus.items.map((i) => words(i.text).join(' '))).size).toBe(corpus.items.length);
  });

  it('has at least 15 texts of every class the competences know', () => {
    const perClass = new Map<string, number>();
    for (const item of corpus.items) perClass.set(corpusClassOf(item.label), (perClass.get(corpusClassOf(item.label)) ?? 0) + 1);
    for (const cls of COMPETENCE_CLASSES) expect(perClass.get(cls) ?? 0, cls).toBeGreaterThanOrEqual(15);
  });

  it('folds a page\'s mobile, AMP and tracked copies to one address', () => {
    expect(foldUrl('https://m.sib.fm/amp/news/2024/x/?utm_source=rss')).toBe(foldUrl('http://www.sib.fm/news/2024/x'));
    expect(foldUrl('https://novos.mk.ru/amp/social/a.html')).toBe(foldUrl('https://novos.mk.ru/social/a.html'));
    expect(foldUrl('http://pn14.info/?p=137919')).not.toBe(foldUrl('https://pn14.info/?p=206742'));
  });

  it('shares no page and no six-word run with either evaluation set', () => {
    const evalUrls = new Set(evaluation.map((e) => foldUrl(e.url)));
    const evalRuns = new Set(evaluation.flatMap((e) => shingles(e.text)));
    expect(corpus.items.filter((i) => evalUrls.has(foldUrl(i.url))).map((i) => i.url)).toEqual([]);
    expect(corpus.items.filter((i) => shingles(i.text).some((s) => evalRuns.has(s))).map((i) => i.text)).toEqual([]);
  });

  it('learns each class as the same number of documents, whatever its share of the corpus', () => {
    const items: CorpusItem[] = [
      ...Array.from({ length: 9 }, (_, i) => ({ text: `В поликлинике нет врача ${i}`, label: 'minzdrav', url: 'https://a.example', kind: 'reported' as const })),
      { text: 'В школе нет учителя', label: 'minobr', url: 'https://b.example', kind: 'reported' },
    ];
    const state = corpusModel(items).toState();
    expect(state.docs.map((d) => Math.round(d * 100) / 100)).toEqual([5, 5]);
    // A word known to both classes pulls each the same way as its counts say, not by how many texts each class has.
    const scores = corpusModel(items).classify(featuresOf('нет').weights).scores;
    expect(Math.abs(scores[0]!.p - scores[1]!.p)).toBeLessThan(0.2);
  });
});
