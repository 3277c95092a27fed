// Learning from decisions (issue 15 item 5): a decision that corrects the first suggestion counts more than one
// that agrees, a decision the competences contradict counts less, and a weighted decision is taken back exactly.
import { describe, expect, it } from 'vitest';
import { featuresOf } from '../../../electron/core/routing/features.js';
import { CORRECTION_WEIGHT, decisionWeight } from '../../../electron/core/routing/model-store.js';
import { NaiveBayes } from '../../../electron/core/routing/naive-bayes.js';

const pOf = (model: NaiveBayes, text: string, cls: string) =>
  model.classify(featuresOf(text).weights).scores.find((s) => s.cls === cls)?.p ?? 0;

describe('decision weights', () => {
  const text = 'В поликлинике нет талонов к терапевту';
  it('counts a correction of the suggestion more than an agreement', () => {
    const agreed = decisionWeight({ text, cls: 'minzdrav', suggestedCls: 'minzdrav' });
    const corrected = decisionWeight({ text, cls: 'minzdrav', suggestedCls: 'mingkh' });
    expect(agreed).toBe(1);
    expect(corrected).toBe(CORRECTION_WEIGHT);
    expect(corrected).toBeGreaterThan(agreed);
  });

  it('counts less a decision the competences contradict (unless it corrects the suggestion)', () => {
    const contradicted = decisionWeight({ text, cls: 'minsport', suggestedCls: null });
    expect(contradicted).toBeLessThan(1);
    expect(decisionWeight({ text, cls: 'minsport', suggestedCls: 'minzdrav' })).toBe(CORRECTION_WEIGHT);
    // A text that names no concept says nothing against the decision.
    expect(decisionWeight({ text: 'Помогите разобраться', cls: 'minsport', suggestedCls: null })).toBe(1);
  });
});

describe('weighted learning', () => {
  const a = 'на остановке у рынка';
  it('moves the model further for a correction than for an agreement', () => {
    const base = () => {
      const m = new NaiveBayes();
      for (let i = 0; i < 5; i++) m.learn(featuresOf(a).weights, 'mintrans');
      m.learn(featuresOf('новый спортзал в школе').weights, 'minsport');
      return m;
    };
    const agreed = base();
    agreed.learn(featuresOf(a).weights, 'minpromtorg', 1, 1);
    const corrected = base();
    corrected.learn(featuresOf(a).weights, 'minpromtorg', 1, CORRECTION_WEIGHT);
    expect(pOf(corrected, a, 'minpromtorg')).toBeGreaterThan(pOf(agreed, a, 'minpromtorg'));
  });

  it('takes a weighted decision back exactly', () => {
    const m = new NaiveBayes();
    m.learn(featuresOf('сломался лифт').weights, 'mingkh');
    const before = m.toState();
    m.learn(featuresOf(a).weights, 'mintrans', 1, 2.5);
    expect(m.learnedCount).toBe(2); // decisions, each once whatever its weight
    m.learn(featuresOf(a).weights, 'mintrans', -1, 2.5);
    const after = m.toState();
    for (const [feature, row] of Object.entries(after.counts)) {
      expect(row[0], feature).toBeCloseTo(before.counts[feature]?.[0] ?? 0);
      expect(row[1] ?? 0, feature).toBeCloseTo(0);
    }
    expect(after.docs).toEqual([1, 0]);
    expect(m.learnedCount).toBe(1);
  });
});
