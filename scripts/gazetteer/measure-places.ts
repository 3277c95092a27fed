// Place detection measured on real residents' messages (tests/fixtures/real-appeals-nso.jsonl): for every message
// whose `place` (written by the collector, not by us) lies in one municipality, does detectPlaces on the message
// text find that municipality — first, among the candidates, or not at all? The expected municipality is read from
// the `place` label only (district named in it, or the town it names), never from the gazetteer, so the figure can
// fall as well as rise. Usage: npx tsx scripts/gazetteer/measure-places.ts [--misses]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectPlaces } from '../../electron/core/routing/gazetteer.js';
import { tokenize } from '../../electron/core/routing/russian-text.js';
import targets from '../../resources/targets.json' with { type: 'json' };

interface Row { text: string; place?: string }
// A file path, not URL.pathname (percent-encoded for spaces and Cyrillic).
const root = fileURLToPath(new URL('../../', import.meta.url));
const rows = readFileSync(`${root}tests/fixtures/real-appeals-nso.jsonl`, 'utf8').split('\n').filter(Boolean)
  .map((l) => JSON.parse(l) as Row);

// District names as the labels write them («Колыванский район», «Коченёвский район»), ё folded.
const fold = (s: string) => s.toLowerCase().replaceAll('ё', 'е');
const DISTRICTS = (targets as { id: string; shortName: string }[]).filter((t) => t.id.startsWith('mr-'))
  .map((t) => ({ id: t.id, name: fold(t.shortName) }));
// Towns the labels name without their district: the okrugs and the district towns (a fact about the label, the
// measurement's own key — the gazetteer does not read it).
const TOWNS: [RegExp, string][] = [
  [/новосибирск(?!ий|ая|ой|ого)/u, 'meria-nsk'], [/бердск/u, 'go-berdsk'], [/(^|[^а-я])искитим(?!ский)/u, 'go-iskitim'],
  [/(^|[^а-я])обь(?!гэс)/u, 'go-ob'], [/кольцово/u, 'go-koltsovo'], [/барабинск/u, 'mr-barabinsky'],
  [/куйбышев(?!ский)/u, 'mr-kuibyshevsky'], [/тогучин(?!ский)/u, 'mr-toguchinsky'], [/чулым(?!ский)/u, 'mr-chulymsky'],
  [/каргат(?!ский)/u, 'mr-kargatsky'], [/черепаново/u, 'mr-cherepanovsky'], [/татарск(?!ий)/u, 'mr-tatarsky'],
  [/карасук(?!ский)/u, 'mr-karasuksky'], [/купино/u, 'mr-kupinsky'], [/болотное/u, 'mr-bolotninsky'],
];

export function expectedMunicipality(place: string): string | null {
  const p = fold(place);
  const district = DISTRICTS.find((d) => p.includes(d.name));
  // «Дзержинский район (Новосибирск)» is a city district: the city's own label wins over a district name.
  if (/\(новосибирск\)|новосибирск,/u.test(p)) return 'meria-nsk';
  if (district) return district.id;
  for (const [re, id] of TOWNS) if (re.test(p)) return id;
  return null;
}

/**
 * Does the text name the labelled place at all? Its head word («Козиха» of «с. Козиха, Ордынский район»), cut to
 * five letters so inflection does not matter, must begin a word of the text. Crude, and independent of the gazetteer.
 */
export function namedInText(place: string, text: string): boolean {
  const head = fold(place).replace(/^(?:г\.|с\.|д\.|п\.|р\.п\.|рп|пгт|ст\.|микрорайон)\s*/u, '').split(/[ ,(]/u)[0] ?? '';
  if (head.length < 3) return false;
  const stem = head.slice(0, Math.min(5, head.length));
  return new RegExp(`(^|[^а-я])${stem}`, 'u').test(fold(text));
}

const showMisses = process.argv.includes('--misses');
let labelled = 0, first = 0, among = 0, wrongFirst = 0, nothing = 0, named = 0, namedFirst = 0, namedAmong = 0;
const started = performance.now();
for (const row of rows) {
  const expected = row.place ? expectedMunicipality(row.place) : null;
  if (!expected) continue;
  labelled++;
  const ids = detectPlaces(row.text).candidates.map((c) => c.targetId);
  if (namedInText(row.place ?? '', row.text)) {
    named++;
    if (ids[0] === expected) namedFirst++;
    if (ids.includes(expected)) namedAmong++;
  }
  if (ids[0] === expected) first++;
  if (ids.includes(expected)) among++;
  if (ids.length === 0) nothing++;
  else if (ids[0] !== expected) wrongFirst++;
  if (showMisses && ids[0] !== expected) {
    console.log(`${expected.padEnd(16)} ← ${(ids.slice(0, 3).join(',') || '—').padEnd(34)} | ${row.place} | ${row.text.slice(0, 90)}`);
  }
}
const ms = performance.now() - started;
// The suggest hot path passes tokens it already has: time detection alone, warm, over the same texts.
const tokenized = rows.map((r) => tokenize(r.text));
const warmStart = performance.now();
for (let round = 0; round < 20; round++) for (const tokens of tokenized) detectPlaces(tokens);
const warmMs = (performance.now() - warmStart) / (20 * tokenized.length);
const pct = (n: number) => `${(100 * n / labelled).toFixed(1)}%`;
console.log(`messages with a municipal place label: ${labelled} of ${rows.length}`);
console.log(`of them naming the place in the text: ${named}; right first ${namedFirst}, among candidates ${namedAmong}`);
console.log(`right municipality first: ${first} (${pct(first)}); among candidates: ${among} (${pct(among)}); `
  + `wrong first: ${wrongFirst}; nothing found: ${nothing}; first pass (tokenizing, cold caches) ${(ms / labelled).toFixed(3)} ms a message, detection on tokens ${(warmMs * 1000).toFixed(1)} µs a message`);
