// The ranking's fingerprint (electron/core/routing/ranking-version.ts): what suggestTargets returns on the three
// evaluation sets, with no history and with a model learned from the labelled set. When it changes, an upgraded desk
// must score its waiting appeals again, which it does only when RANKING_VERSION changes — so a ranking change that
// does not bump the version fails here. To renew: bump RANKING_VERSION, then record the fingerprint this test prints
// (new rows in the evaluation sets renew it too: the bump then costs one harmless rescoring).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { featuresOf } from '../../../electron/core/routing/features.js';
import { NaiveBayes } from '../../../electron/core/routing/naive-bayes.js';
import { RANKING_VERSION } from '../../../electron/core/routing/ranking-version.js';
import { routingClassOf, suggestTargets } from '../../../electron/core/routing/suggest-targets.js';
import type { Target } from '../../../shared/domain/target.js';

/**
 * The fingerprint of each ranking version, as this test computes it: 15, food words alone became everyday words; 16,
 * «Каинск» in the gazetteer and the town a page names first goes first; 17, the everyday words of riding and of road
 * surfaces count for the municipality too, and a family named by its number of children («шесть детей») is a large family; a reason names the place by its name («Снегири», not «Снегирях»); 18, the public complaints' vocabulary
 * (resources/routing-corpus, corpus-model.ts) speaks beside the competences; 19, the advice that a text is a thank-you or
 * spam (not-an-appeal.ts) is stored with the suggestions; 20, that advice reads a thank-you letter's story before its thanks
 * and spam in two alphabets, and the fingerprint reads tests/fixtures/not-appeals-real.jsonl as well (so the ones before 20 were taken without it);
 * 21, routing reads text as it is shown and matched (routingForm: soft hyphens, zero-widths and stress marks no longer
 * split a word, decomposed letters composed), and the fingerprint reads the labelled set so written as well; 22,
 * «без», «под», «про», «через» are no words of a topic.
 */
const FINGERPRINTS: Readonly<Record<number, string>> = {
  15: 'e2e8119571d71195',
  16: 'bd54fa4a8f80b3e7',
  17: 'ffa0ac706e7ec96c',
  18: 'bfac3ad081dec44c',
  // The same as 18: no line of the three sets reads as a thank-you or spam (they are all appeals), so the advice adds
  // nothing to them; the bump is what makes an upgraded desk rescore its waiting appeals and store their advice.
  19: 'bfac3ad081dec44c',
  20: '85445bb976566bfc',
  21: 'db22b335b3a72b11',
  22: '8bb022080128898c',
};
/** A text as copied from a web page (a soft hyphen inside every longer word) and decomposed (NFD), as macOS writes it. */
const copiedAndDecomposed = (text: string): string =>
  text.replace(/([а-яё]{3})([а-яё]{3,})/giu, '$1\u00AD$2').normalize('NFD');
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}.jsonl`, import.meta.url), 'utf8')
  .split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as { text: string; expected: string; channel?: string });

describe('ranking version', () => {
  it('is bumped whenever the ranking changes', () => {
    const targets = JSON.parse(readFileSync(new URL('../../../resources/targets.json', import.meta.url), 'utf8')) as Target[];
    const labelled = fixture('labelled-appeals');
    // The thank-yous and spam of not-appeals-real (read since 20) make the advice's rules part of the fingerprint too.
    const rows = [...labelled, ...fixture('real-appeals-nso'), ...fixture('real-appeals-nso-holdout'),
      ...fixture('not-appeals-real'), ...labelled.map((row) => ({ ...row, text: copiedAndDecomposed(row.text) }))];
    const learned = new NaiveBayes();
    const kinds = new Map(targets.map((t) => [t.id, t]));
    for (const row of labelled) {
      const target = kinds.get(row.expected);
      if (target) learned.learn(featuresOf(row.text).weights, routingClassOf(target));
    }
    const hash = createHash('sha256');
    for (const model of [new NaiveBayes(), learned]) {
      for (const { text, channel } of rows) {
        // With the page where a line has one: the page's place is part of the ranking too.
        const { suggestions, place, reject } = suggestTargets(text, { model, targets, defaultLocalTargetId: 'meria-nsk',
          keepBelowFloor: true, ...(channel ? { channelName: channel } : {}) });
        hash.update(JSON.stringify(reject ? { suggestions, place, reject } : { suggestions, place })).update('\n');
      }
    }
    const fingerprint = hash.digest('hex').slice(0, 16);
    expect(fingerprint, `the ranking changed: bump RANKING_VERSION (now ${RANKING_VERSION}) and record ${fingerprint}`)
      .toBe(FINGERPRINTS[RANKING_VERSION]);
  });
});
