// Turns a topic and a place into a text as citizens really type it: greetings, lowercase starts, missing
// punctuation, typos, CAPS, emoji, one line to several paragraphs.
import type { Place } from './places.js';
import type { Random } from './random.js';
import { NOT_APPEALS, type Topic } from './topics.js';

const GREETINGS = ['Здравствуйте!', 'здравствуйте!!!', 'Добрый день.', 'добрый день', 'Добрый вечер!',
  'Андрей Александрович, здравствуйте!', 'Уважаемый Андрей Александрович!', 'Здравствуйте, уважаемые!',
  'Доброе утро.', 'Помогите пожалуйста!'];
const CLOSINGS = ['Примите меры!!!', 'Сколько можно?', 'Разберитесь пожалуйста.', 'Заранее спасибо.',
  'заранее спасибо', 'Надеюсь на ответ.', 'Жду ответа.', 'отпишитесь кто ответственный',
  'Надеюсь хоть здесь услышат.', 'Писали уже много раз, ответа нет.', 'С уважением, жители.', 'ПОМОГИТЕ'];
const EMOJI = ['😡', '🤬', '🙏', '😢', '😤', '👎', '‼️', '🙏🙏🙏', '😭', '🤦‍♀️'];
const CLINICS = ['поликлинике №7', 'поликлинике №1', 'ГКБ №34', 'Бердской ЦГБ', 'Искитимской ЦГБ',
  'поликлинике №13', 'детской поликлинике №6', 'Ордынской ЦРБ', 'Тогучинской ЦРБ', 'Краснообской поликлинике'];
const ROUTES = ['36', '1010', '45', '8', '13', '127', '1220', '112', '328', '52', '29', '1204', '62', '1104'];
const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
// JS \b is ASCII-only, so Cyrillic word edges are spelled out as lookarounds.
const word = (w: string) => new RegExp(`(?<![а-яё])${w}(?![а-яё])`, 'g');
const SLANG: readonly (readonly [RegExp, string])[] = [
  [word('сейчас'), 'щас'], [word('вообще'), 'ваще'], [word('пожалуйста'), 'пожалуйсто'], [word('когда'), 'када'],
  [word('ничего'), 'ничо'], [word('что'), 'чё'], [/ться(?![а-яё])/g, 'тся'],
];

export interface Vars {
  in: string;
  place: string;
  street: string;
  house: string;
  days: string;
  weeks: string;
  route: string;
  num: string;
  clinic: string;
  temp: string;
  sum: string;
  month: string;
}

export function varsFor(r: Random, place: Place): Vars {
  const house = r.chance(0.2) ? `${r.int(1, 120)}/${r.int(1, 4)}` : String(r.int(1, 180));
  return {
    in: place.in, place: place.name, street: r.pick(place.streets), house,
    days: String(r.int(3, 21)), weeks: String(r.int(2, 6)), route: r.pick(ROUTES), num: String(r.int(1, 212)),
    clinic: r.pick(CLINICS), temp: String(r.int(12, 17)), sum: `${r.int(6, 19)} ${r.int(100, 999)}`,
    month: r.pick(MONTHS),
  };
}

function fill(template: string, vars: Vars): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    (key in vars ? vars[key as keyof Vars] : whole));
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** A typo: two neighbouring letters swapped inside one longer word. */
function typo(r: Random, text: string): string {
  const words = text.split(' ');
  const idx = r.int(0, words.length - 1);
  const w = words[idx];
  if (!w || w.length < 5 || !/^[а-яё]+$/i.test(w)) return text;
  const i = r.int(1, w.length - 3);
  words[idx] = w.slice(0, i) + w.charAt(i + 1) + w.charAt(i) + w.slice(i + 2);
  return words.join(' ');
}

/** Applies the habits of one writer to the sentences of one post. */
function styled(r: Random, sentences: string[]): string[] {
  const careless = r.chance(0.35);
  const out = sentences.map((s) => {
    let t = careless ? lowerFirst(s) : capitalise(s);
    if (careless && r.chance(0.6)) t = t.replace(/[.,](?=\s|$)/g, '');
    if (r.chance(0.08)) t = t.toUpperCase();
    return t;
  });
  if (r.chance(0.25)) {
    const i = r.int(0, out.length - 1);
    out[i] = typo(r, out[i] ?? '');
  }
  if (careless && r.chance(0.3)) {
    for (const [re, to] of SLANG) out.forEach((s, i) => { out[i] = s.replace(re, to); });
  }
  if (r.chance(0.2)) out[out.length - 1] = `${out.at(-1) ?? ''} ${r.pick(EMOJI)}`;
  if (r.chance(0.12)) out[out.length - 1] = (out.at(-1) ?? '').replace(/[.!?]*$/, '!!!');
  return out;
}

export function composeAppealText(r: Random, topic: Topic, vars: Vars): string {
  // A fifth of posts are a single short line.
  if (r.chance(0.2)) {
    const line = fill(r.pick(topic.short), vars);
    const shouted = r.chance(0.1) ? line.toUpperCase() : line;
    return r.chance(0.25) ? `${shouted} ${r.pick(EMOJI)}` : shouted;
  }
  const parts: string[] = [];
  if (r.chance(0.45)) parts.push(r.pick(GREETINGS));
  parts.push(fill(r.pick(topic.openers), vars));
  const extra = r.weighted([[0, 3], [1, 4], [2, 3], [3, 1]] as const);
  const details = [...topic.details];
  for (let i = 0; i < extra && details.length > 0; i++) {
    parts.push(fill(details.splice(r.int(0, details.length - 1), 1)[0] ?? '', vars));
  }
  if (r.chance(0.75)) parts.push(fill(r.pick(topic.asks), vars));
  if (r.chance(0.35)) parts.push(r.pick(CLOSINGS));
  const sentences = styled(r, parts);

  // Longer posts get paragraph breaks where people usually put them: after the greeting, before the request.
  if (sentences.length >= 4 && r.chance(0.5)) {
    const first = sentences[0] ?? '';
    const middle = sentences.slice(1, -1).join(' ');
    const last = sentences.at(-1) ?? '';
    return [first, middle, last].join(r.chance(0.7) ? '\n\n' : '\n');
  }
  return sentences.join(r.chance(0.15) ? '\n' : ' ');
}

export type NotAppealKind = keyof typeof NOT_APPEALS;

export function composeNotAppealText(r: Random, kind: NotAppealKind, vars: Vars): string {
  return fill(r.pick(NOT_APPEALS[kind]), vars);
}
