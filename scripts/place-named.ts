// Whether a message itself names the place its evaluation label was decided by (the `place` note of a real-set line,
// «Сурково (Тогучинский район)»), judged without the gazetteer — so the evaluation can say how much of the
// place-decided part any text-only router could get: a quote whose place was only in the article that quoted it
// («Почему дрова подорожали в два раза?» of a village in Сузунский район) cannot be routed to its municipality from
// its words. A name counts when its stem (all but its last two letters, at least four) is in the text; the words
// that only say what kind of place it is («район», «улица», «с.») are no name.
const KIND_WORDS = new Set(['район', 'района', 'районе', 'сельсовет', 'сельсовета', 'улица', 'улицы', 'переулок',
  'проспект', 'микрорайон', 'микрорайоны', 'поселок', 'посёлок', 'деревня', 'село', 'город', 'центр', 'берег', 'реки',
  'частный', 'сектор', 'маршрут', 'площадь']);

const fold = (s: string): string => s.toLowerCase().replaceAll('ё', 'е');

/** A part of a note that names a street, not a place: a street says nothing without its town (README, gazetteer). */
const STREET_PART = /^(?:\d+-?[йяе]?\s+)?(?:ул\.|улиц|пер\.|переул|просп|пр\.|пр-т|проезд|перекр|бульв|шоссе|площад|набережн|тракт|мкр\.?\s|дом\s|д\.\s*\d)/i;

/**
 * The stems of the names in a place note: capitalised words of four letters or more that are not kind words, from its
 * parts (split at commas, brackets, «/») that do not name a street.
 */
export function placeStems(note: string): string[] {
  const stems = new Set<string>();
  const places = note.split(/[,()/;]|\s+и\s+/).map((part) => part.trim()).filter((part) => part !== '' && !STREET_PART.test(part));
  for (const word of places.join(' ').match(/[А-ЯЁ][а-яё-]{3,}/g) ?? []) {
    const folded = fold(word);
    if (KIND_WORDS.has(folded)) continue;
    stems.add(folded.slice(0, Math.max(4, folded.length - 2)));
  }
  return [...stems];
}

/** Does the text name any place of the note? */
export function placeNamed(text: string, note: string): boolean {
  const folded = fold(text);
  return placeStems(note).some((stem) => folded.includes(stem));
}
