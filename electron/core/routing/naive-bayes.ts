// Multinomial naive Bayes over text features, learned incrementally (add and take back one appeal at a time)
// and serialisable to JSON for the cache. Classes are routing classes (a ministry id, 'gov' or '@local').
export interface NaiveBayesState {
  classes: string[];
  /** Appeals learned per class. */
  docs: number[];
  /** Sum of feature weights per class. */
  totals: number[];
  /** feature → weight per class (index = class index). */
  counts: Record<string, number[]>;
  /** Decisions learned, each once whatever its weight (absent in models saved before weights: the sum of docs). */
  decisions?: number;
}

export interface ClassScore {
  cls: string;
  /** Posterior probability, tempered (naive Bayes is overconfident on long texts). */
  p: number;
}

const ALPHA = 0.1;

export class NaiveBayes {
  private readonly classes: string[];
  private readonly docs: number[];
  private readonly totals: number[];
  private readonly counts: Map<string, number[]>;
  private decisions: number;

  constructor(state?: NaiveBayesState) {
    this.classes = state ? [...state.classes] : [];
    this.docs = state ? [...state.docs] : [];
    this.totals = state ? [...state.totals] : [];
    this.counts = new Map(state ? Object.entries(state.counts) : []);
    this.decisions = state?.decisions ?? Math.round(this.docs.reduce((a, b) => a + b, 0));
  }

  /** Decisions learned, each counted once (a correction weighs more in the counts, not here). */
  get learnedCount(): number {
    return this.decisions;
  }

  get vocabularySize(): number {
    return this.counts.size;
  }

  classIndex(cls: string, create: boolean): number {
    let index = this.classes.indexOf(cls);
    if (index < 0 && create) {
      index = this.classes.push(cls) - 1;
      this.docs.push(0);
      this.totals.push(0);
      for (const row of this.counts.values()) row.push(0);
    }
    return index;
  }

  /**
   * sign +1 learns an appeal, -1 takes it back (its target changed after a conflict); `weight` is how much this one
   * decision counts (a correction of the suggestion counts more, one that contradicts the competences less) and must
   * be the same when it is taken back.
   */
  learn(weights: Map<string, number>, cls: string, sign: 1 | -1 = 1, weight = 1): void {
    const c = this.classIndex(cls, sign > 0);
    if (c < 0) return;
    const step = sign * weight;
    this.decisions = Math.max(0, this.decisions + sign);
    this.docs[c] = Math.max(0, (this.docs[c] ?? 0) + step);
    const width = this.classes.length;
    for (const [feature, w] of weights) {
      let row = this.counts.get(feature);
      if (!row) {
        if (sign < 0) continue;
        row = new Array<number>(width).fill(0);
        this.counts.set(feature, row);
      }
      row[c] = Math.max(0, (row[c] ?? 0) + step * w);
      this.totals[c] = Math.max(0, (this.totals[c] ?? 0) + step * w);
    }
  }

  /**
   * Posterior per class; `contributions` gets, per class, how much each present feature pulled toward it
   * (log-likelihood above the average class), for the reasons shown to the operator.
   */
  classify(weights: Map<string, number>): { scores: ClassScore[]; contribution(cls: string): Map<string, number> } {
    const n = this.classes.length;
    const total = this.docs.reduce((a, b) => a + b, 0);
    const vocab = Math.max(1, this.counts.size);
    const log = new Float64Array(n);
    const denominators = new Float64Array(n);
    for (let c = 0; c < n; c++) {
      log[c] = Math.log(((this.docs[c] ?? 0) + 1) / (total + n));
      denominators[c] = Math.log((this.totals[c] ?? 0) + ALPHA * vocab);
    }
    const present: [string, number, number[]][] = [];
    let mass = 0;
    for (const [feature, w] of weights) {
      const row = this.counts.get(feature);
      if (!row) continue;
      present.push([feature, w, row]);
      mass += w;
      for (let c = 0; c < n; c++) log[c]! += w * (Math.log((row[c] ?? 0) + ALPHA) - denominators[c]!);
    }
    // Temper: divide by the square root of the evidence so a long text does not make every score 0 or 1.
    const temper = Math.max(1, Math.sqrt(mass));
    let max = -Infinity;
    for (let c = 0; c < n; c++) max = Math.max(max, log[c]! / temper);
    let sum = 0;
    const exp = new Float64Array(n);
    for (let c = 0; c < n; c++) { exp[c] = Math.exp(log[c]! / temper - max); sum += exp[c]!; }
    const scores = this.classes.map((cls, c) => ({ cls, p: sum > 0 ? exp[c]! / sum : 0 }));
    return {
      scores,
      contribution: (cls) => {
        const c = this.classes.indexOf(cls);
        const result = new Map<string, number>();
        if (c < 0) return result;
        for (const [feature, w, row] of present) {
          let mean = 0;
          for (let k = 0; k < n; k++) mean += Math.log((row[k] ?? 0) + ALPHA) - denominators[k]!;
          mean /= n;
          result.set(feature, w * (Math.log((row[c] ?? 0) + ALPHA) - denominators[c]! - mean));
        }
        return result;
      },
    };
  }

  /** The weight of the features this model has seen (how much of a text it can speak for at all). */
  knownMass(weights: Map<string, number>): number {
    let mass = 0;
    for (const [feature, w] of weights) if (this.counts.has(feature)) mass += w;
    return mass;
  }

  toState(): NaiveBayesState {
    return {
      classes: [...this.classes], docs: [...this.docs], totals: [...this.totals], counts: Object.fromEntries(this.counts),
      decisions: this.decisions,
    };
  }
}
