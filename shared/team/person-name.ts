// How a colleague is named where space is short (grid marks, the status bar): «Анна Петрова» → «Анна П.».
// One source for every place that shows who holds an appeal.

/**
 * First name and the initial of the last one; a single word (or an odd login) stays as it is. A name written as
 * «Оператор 1 — Анна Петрова» (a post, then the person) is shortened to the person.
 */
export function shortPersonName(name: string): string {
  const person = name.split(' — ').at(-1) ?? name;
  const words = person.trim().split(/\s+/).filter(Boolean);
  const [first, last] = words;
  if (first === undefined) return '—';
  if (last === undefined || words.length > 3) return first.slice(0, 40);
  const initial = [...last][0] ?? '';
  return `${first.slice(0, 40)} ${initial}.`;
}
