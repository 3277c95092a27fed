// The evaluation set of real residents' messages (tests/fixtures/real-appeals-nso.jsonl, issue 15): every line is
// well formed, routes to a known target, cites a public address, and the set is big and varied enough to evaluate on.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Appeal {
  text: string;
  source: string;
  expected: string;
  url: string;
  place: string | null;
  note: string;
}

const read = (rel: string) => readFileSync(new URL(rel, import.meta.url), 'utf8');
const lines = read('../fixtures/real-appeals-nso.jsonl').split('\n').filter((l) => l.trim() !== '');
const appeals: Appeal[] = lines.map((l) => JSON.parse(l) as Appeal);
const targetIds = new Set((JSON.parse(read('../../resources/targets.json')) as { id: string }[]).map((t) => t.id));

describe('real-appeals-nso fixture', () => {
  it('has at least 150 lines', () => {
    expect(appeals.length).toBeGreaterThanOrEqual(150);
  });

  it('has exactly the six fields on every line, with a known channel', () => {
    for (const a of appeals) {
      expect(Object.keys(a).sort()).toEqual(['expected', 'note', 'place', 'source', 'text', 'url']);
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
