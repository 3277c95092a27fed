// The evaluation sets of real residents' messages (issue 15): tests/fixtures/real-appeals-nso.jsonl (the development
// set the routing is tuned on) and tests/fixtures/real-appeals-nso-holdout.jsonl (the held-out set nobody tunes on).
// Every line is well formed, routes to a known target, cites a public address, each set is big and varied enough to
// evaluate on, and the held-out set shares no text and no page with the development set — otherwise it would not
// measure anything the tuners have not seen.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Appeal {
  text: string;
  source: string;
  /** The page the message was written on, where the source names it (as an appeal's channel.name). */
  channel?: string;
  expected: string;
  url: string;
  place: string | null;
  note: string;
}

const read = (rel: string) => readFileSync(new URL(rel, import.meta.url), 'utf8');
const load = (rel: string): Appeal[] =>
  read(rel)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Appeal);
const targets = JSON.parse(read('../../resources/targets.json')) as { id: string; kind: string }[];
const targetIds = new Set(targets.map((t) => t.id));

// Texts compare after case, ё/е, punctuation and spacing are folded away, so a re-quoted message with other quotes
// or dashes still counts as the same; addresses compare without scheme, «www.» and a trailing slash.
const foldText = (s: string) =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^а-яa-z0-9]+/g, ' ')
    .trim();
const foldUrl = (u: string) =>
  u
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/#.*$/, '')
    .replace(/\/+$/, '')
    .toLowerCase();

// The held-out set's floor started at the minimum of 120 lines and is raised to 140 now that a second round of
// collection brought it to 144; its aim of 160 is not reached because the search index the two sets were drawn from is
// largely used up by the development set (see real-appeals-nso-holdout.md). Raise it as lines are added.
const sets = [
  { name: 'real-appeals-nso', file: '../fixtures/real-appeals-nso.jsonl', minLines: 150 },
  { name: 'real-appeals-nso-holdout', file: '../fixtures/real-appeals-nso-holdout.jsonl', minLines: 140 },
] as const;

for (const set of sets) {
  const appeals = load(set.file);

  describe(`${set.name} fixture`, () => {
    it(`has at least ${set.minLines} lines`, () => {
      expect(appeals.length).toBeGreaterThanOrEqual(set.minLines);
    });

    it('has exactly the six fields on every line (and the page where the source names it), with a known channel', () => {
      for (const a of appeals) {
        const keys = Object.keys(a).filter((k) => k !== 'channel').sort();
        expect(keys).toEqual(['expected', 'note', 'place', 'source', 'text', 'url']);
        // The page is one the note records from the source page, never a guess: it must be named there.
        if (a.channel !== undefined) expect(a.note, a.text).toContain(`«${a.channel}»`);
        expect(['vk', 'ok', 'telegram', 'pos']).toContain(a.source);
        expect(a.text.trim().length).toBeGreaterThan(0);
        expect(a.text.length).toBeLessThanOrEqual(600);
        expect(a.note.trim().length).toBeGreaterThan(0);
      }
    });

    it('routes every message to a target id from resources/targets.json', () => {
      const unknown = appeals.filter((a) => !targetIds.has(a.expected)).map((a) => a.expected);
      expect(unknown).toEqual([]);
    });

    it('cites an http(s) address for every message', () => {
      const bad = appeals.filter((a) => !/^https?:\/\/\S+$/.test(a.url)).map((a) => a.url);
      expect(bad).toEqual([]);
    });

    it('has no duplicate texts', () => {
      const seen = new Set<string>();
      const dupes = appeals.map((a) => a.text).filter((t) => (seen.has(t) ? true : (seen.add(t), false)));
      expect(dupes).toEqual([]);
    });

    it('names at least 25 different places', () => {
      const places = new Set(appeals.map((a) => a.place).filter((p): p is string => p !== null && p.trim() !== ''));
      expect(places.size).toBeGreaterThanOrEqual(25);
    });
  });
}

describe('real-appeals-nso-holdout is held out from real-appeals-nso', () => {
  const dev = load(sets[0].file);
  const holdout = load(sets[1].file);

  it('shares no page address with the development set', () => {
    const devUrls = new Set(dev.map((a) => foldUrl(a.url)));
    expect(holdout.filter((a) => devUrls.has(foldUrl(a.url))).map((a) => a.url)).toEqual([]);
  });

  it('shares no text with the development set, and repeats none of its own, once spelling noise is folded away', () => {
    const devTexts = new Set(dev.map((a) => foldText(a.text)));
    const seen = new Set<string>();
    const clashes = holdout
      .map((a) => foldText(a.text))
      .filter((t) => (devTexts.has(t) || seen.has(t) ? true : (seen.add(t), false)));
    expect(clashes).toEqual([]);
  });
});
