// Wrong keyboard layout (issue 13, item 6): operators type on Russian ЙЦУКЕН and often forget to switch, so
// «vby» arrives for «мин» and «рщьу» for «home». This module owns the key-for-key mapping between the standard
// Russian ЙЦУКЕН and US QWERTY layouts and the one judgement of when a text is plausibly typed on the wrong one;
// the target picker and the search both ask it.

// The same physical keys, unshifted and shifted, in the same order on both layouts. Besides the letters, the
// punctuation keys that carry Russian letters: [ ] ; ' , . ` → х ъ ж э б ю ё (and their shifted { } : " < > ~).
// Other keys (digits, / ? and the like) are left alone: their Russian meaning is punctuation either way.
const QWERTY_LOWER = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
const QWERTY_UPPER = 'QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>~';
const JCUKEN_LOWER = 'йцукенгшщзхъфывапролджэячсмитьбюё';
const JCUKEN_UPPER = 'ЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁ';

function table(from: string, to: string): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i < from.length; i++) map.set(from[i] ?? '', to[i] ?? '');
  return map;
}

const TO_RUSSIAN = new Map([...table(QWERTY_LOWER, JCUKEN_LOWER), ...table(QWERTY_UPPER, JCUKEN_UPPER)]);
const TO_LATIN = new Map([...table(JCUKEN_LOWER, QWERTY_LOWER), ...table(JCUKEN_UPPER, QWERTY_UPPER)]);

const convert = (text: string, map: ReadonlyMap<string, string>): string =>
  Array.from(text, (ch) => map.get(ch) ?? ch).join('');

/** The text as if the same keys had been pressed on ЙЦУКЕН: «ghbdtn» → «привет», «[kt,» → «хлеб». Case kept. */
export function latinToRussian(text: string): string {
  return convert(text, TO_RUSSIAN);
}

/** The text as if the same keys had been pressed on QWERTY: «рщьу» → «home», «хлеб» → «[kt,». Case kept. */
export function russianToLatin(text: string): string {
  return convert(text, TO_LATIN);
}

const LATIN_LETTER = /[A-Za-z]/;
const CYRILLIC_LETTER = /[А-Яа-яЁё]/;
// A Latin word as the search and the picker see it: letters and inner apostrophes («don't»).
const PLAUSIBLE_LATIN = /^[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*$/;

/**
 * The other-layout reading of a query, or null when there is none worth trying: no letters, letters of both
 * scripts (a mixed text was typed on purpose), or a result that is no text at all. Latin text is read as if typed on
 * ЙЦУКЕН («vby» → «мин»); Cyrillic text as if typed on QWERTY («рщьу» → «home»), but only when every word comes out
 * as a plausible Latin word — «хлеб» would give «[kt,», which nobody meant.
 */
export function otherLayoutReading(query: string): string | null {
  const text = query.normalize('NFC');
  const hasLatin = LATIN_LETTER.test(text);
  const hasCyrillic = CYRILLIC_LETTER.test(text);
  if (hasLatin === hasCyrillic) return null;
  if (hasLatin) {
    const russian = latinToRussian(text);
    return russian === text ? null : russian;
  }
  const latin = russianToLatin(text);
  if (latin === text) return null;
  // Only words with Russian letters are judged; punctuation after a word that the Russian layout types as such
  // (. , ! ?) stays out of the judgement.
  const judged = text.split(/\s+/).filter((word) => CYRILLIC_LETTER.test(word));
  return judged.every((word) => PLAUSIBLE_LATIN.test(russianToLatin(word).replace(/[.,!?]+$/, ''))) ? latin : null;
}
