// Advice that a message is no appeal at all: a thank-you («Спасибо водителю 45-го…») or spam («Заработок без
// вложений, пиши в личку»). Operators close such messages with a reject reason; a target suggested for them (a
// thank-you to a driver ranks «Минтранс» first) is advice in the wrong direction. Rules, not the learned model: the
// region's history of rejections is small and one-sided, and a wrong «похоже на благодарность» on a complaint is
// costly — Enter opens the reject dialog on the advised reason (enter-choice.ts), so a complaint could be rejected with
// Enter, Enter by an operator who reads neither the dialog's «похоже: …» nor the text — so the rules speak only where
// nothing in the text complains or asks: a complaint that thanks in advance («заранее спасибо») or asks after thanking
// («спасибо, но…», «?») stays an appeal. On the real sets (6 December) the advice was right 72 times of 72, and none
// of the 295 real complaints of real-appeals-nso*.jsonl nor the 43 appeals among the not-appeal lines drew any.
// Measured on real texts nobody here wrote: tests/fixtures/not-appeals-real.jsonl (see its .md) and the real
// complaints of tests/fixtures/real-appeals-nso*.jsonl, which must draw no advice.
import type { RejectAdvice } from '../../../shared/desk-api/routing-contract.js';
import { tokenize, type Token } from './russian-text.js';

/**
 * The advice's words when the text itself was rejected as spam before (suggest-targets.ts, by the copy key): the dialog
 * says «похоже: уже отклонён как спам».
 */
export const LEARNED_SPAM_WORDS = 'уже отклонён как спам';

/** Gratitude: «спасибо», «благодарю/благодарность/благодарны», «поблагодарить», «признательны», «низкий поклон». */
const GRATITUDE = /^(спасиб|благодар|поблагодар|отблагодар|признател|поклон$)/u;
/** What a letter asks a paper or an office to pass on: «просим поблагодарить», «прошу передать благодарность». */
const PASSED_ON = /^(поблагодар|благодарност)/u;

/**
 * A gratitude word that closes a request rather than thanks: «заранее спасибо», «спасибо за внимание», «буду
 * благодарна, если…», «был бы признателен», «если сможете…, будем благодарны». Read within the gratitude word's
 * sentence: two words before it (any «если» before it), three after.
 */
const COURTESY_BEFORE = new Set(['заранее', 'буду', 'будем', 'будет', 'будут', 'бы']);
const COURTESY_AFTER = new Set(['внимание', 'понимание', 'заранее']);

/**
 * What an appeal does and a thank-you does not: asks, demands or complains. Lower-case word forms and stems (a stem
 * ends with «*»). One is enough to give no advice, wherever it stands.
 */
const ASKS: readonly string[] = [
  'почему', 'зачем', 'доколе', 'прошу', 'помочь', 'просим', 'просят', 'просит', 'просьба', 'требую', 'требуем', 'помогите',
  'разберитесь', 'примите', 'обратите', 'проверьте', 'уберите', 'почините', 'верните', 'решите', 'сделайте', 'накажите',
  'жалоб*', 'жалуюсь', 'возмущ*', 'безобраз*', 'беспредел*', 'невозможно', 'отписк*', 'игнорир*', 'бездейств*',
  'нарушен*', 'нарушают', 'дозвониться',
];
/**
 * A turn from the thanks to a trouble: «Спасибо за ремонт, но ямы остались». After the last thanks it makes an appeal;
 * before it, it is the story a thank-you letter tells («свет дали не сразу, но энергетики…, низкий поклон»), and the
 * thanks must then be a sentence of its own weight — a bare closing «Спасибо.» after a trouble is a complaint's courtesy.
 */
const TURNS: readonly string[] = ['но', 'однако', 'сожалению', 'проблем*', 'неоднократно'];
/** The turns that are words of turning, wherever they stand; the others («проблема») turn only in a later sentence. */
const TURN_WORDS: ReadonlySet<string> = new Set(['но', 'однако', 'сожалению']);
/** «не» before these: «не работает», «не вывозят», «не отвечают» — a complaint, not a thank-you's «не растерялись». */
const AFTER_NOT = /^(работа|работ[ею]|отвеча|вывоз|убира|убрал|приех|приезжа|дают|дал[аи]?$|чист|реагир|принима|ремонтир|отремонт|сдела|реш|почин|включ|получ)/u;
/** «нет» before these: «нет воды», «нет света», «нет ответа». */
const AFTER_NO = /^(вод|свет|отоплен|газ|тепл|ответ|связ|дорог|врач|автобус)/u;

/** Spam's words, each weighted: two points make spam. Lower-case word forms, a stem ends with «*». */
const SPAM_WORDS: ReadonlyMap<string, number> = new Map([
  ['заработ*', 2], ['вложений', 2], ['подписывайтесь', 2], ['подписывайся', 2], ['подпишись', 2], ['подпишитесь', 1],
  ['переходи', 2], ['переходите', 2], ['жми', 2], ['кликай', 2], ['продам', 2], ['продаю', 2], ['куплю', 2], ['сдам', 2],
  ['сдаю', 2], ['казино', 2], ['букмекер*', 2], ['крипт*', 2], ['биткоин*', 2], ['промокод*', 2], ['пассивн*', 2],
  ['доход*', 1], ['кредит*', 1], ['займ*', 1], ['микрозайм*', 2], ['скидк*', 1], ['акци*', 1], ['канал', 1], ['канале', 1], ['канала', 1], ['каналу', 1],
  ['ссылк*', 1], ['личку', 1], ['лс', 1], ['звоните', 1], ['пишите', 1], ['пиши', 1], ['подработ*', 2], ['удаленк*', 1],
  ['трейдинг*', 2], ['вакансия', 1], ['вакансии', 1],
  ['удаленн*', 1], ['удалённ*', 1], ['бесплатн*', 1], ['ставк*', 1], ['выигр*', 1], ['недорого', 1], ['ключ', 1],
]);
/** A link, a Telegram handle or an invite: spam's way out of the page. */
const LINK = /(https?:\/\/|www\.|t\.me\/|vk\.cc\/|clck\.ru\/|bit\.ly\/|wa\.me\/|(?:^|\s)@[a-z0-9_]{4,})/iu;
/** A phone number written to be called: «8 913 123-45-67», «+7(383)…». */
const PHONE = /(?:\+7|\b8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\b/u;
/** «+ в лс», «ставь + в личку»: the answer spam asks for. */
const PLUS_ME = /(?:^|\s)\+\s*(?:в\s*)?(?:лс|личк)/iu;
/** A word written in both alphabets: «Нaбuрaю», «Paботa». */
const MIXED_SCRIPT = /(?=.*[a-z])(?=.*[а-я])^[a-zа-я]+$/u;
/** Latin letters that pass for Cyrillic ones (lower case: tokens are folded), and what they pass for. */
const CYRILLIC_OF: Readonly<Record<string, string>> = {
  a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', u: 'и', x: 'х', y: 'у',
};
const LOOK_ALIKE = /[abcehkmoptuxy]/gu;
/** Money in emoji: 💰💸🤑💵. */
const MONEY_EMOJI = /[\u{1F4B0}\u{1F4B8}\u{1F911}\u{1F4B5}\u{1F4B2}]/u;

const SPAM_AT = 2;
const MAX_WORDS = 3;

function matchesWord(list: Iterable<string>, norm: string): string | undefined {
  for (const word of list) {
    if (word.endsWith('*') ? norm.startsWith(word.slice(0, -1)) : norm === word) return word;
  }
  return undefined;
}

const SENTENCE_END = /[.!?…\n]/u;

/** The courtesy formula a gratitude word at `k` stands in (its sentence only), if any. */
function isCourtesy(tokens: readonly Token[], k: number): boolean {
  for (let j = k - 1; j >= 0; j--) {
    if (SENTENCE_END.test(tokens[j]!.after ?? '')) break;
    // «Если есть возможность…, будем благодарны»: thanks on a condition closes a request, however far the «если».
    if (tokens[j]!.norm === 'если' || j >= k - 2 && COURTESY_BEFORE.has(tokens[j]!.norm)) return true;
  }
  for (let j = k + 1; j < tokens.length && j <= k + 3; j++) {
    if (COURTESY_AFTER.has(tokens[j]!.norm)) return true;
    if (SENTENCE_END.test(tokens[j]!.after ?? '')) break;
  }
  return false;
}

/** The words that make `tokens` an appeal rather than a thank-you or spam (asks, demands, complains). */
function asks(tokens: readonly Token[]): string[] {
  const found: string[] = [];
  tokens.forEach((token, k) => {
    const next = tokens[k + 1];
    if (matchesWord(ASKS, token.norm) !== undefined) {
      if (!asksToThank(tokens, k)) found.push(token.surface);
    }
    else if (token.norm === 'не' && next && AFTER_NOT.test(next.norm)) found.push(`${token.surface} ${next.surface}`);
    else if (token.norm === 'нет' && next && AFTER_NO.test(next.norm)) found.push(`${token.surface} ${next.surface}`);
  });
  return found;
}

/** «Просим поблагодарить…», «прошу через газету передать благодарность»: the ask is the thanks, in its clause. */
function asksToThank(tokens: readonly Token[], k: number): boolean {
  for (let j = k + 1; j < tokens.length && j <= k + 4; j++) {
    if (PASSED_ON.test(tokens[j]!.norm)) return true;
    if (tokens[j - 1]!.after !== undefined) return false;
  }
  return false;
}

/** How many words the sentence of the word at `k` has. */
function sentenceLength(tokens: readonly Token[], k: number): number {
  let from = k;
  while (from > 0 && !SENTENCE_END.test(tokens[from - 1]!.after ?? '')) from--;
  let to = k;
  while (to < tokens.length - 1 && !SENTENCE_END.test(tokens[to]!.after ?? '')) to++;
  return to - from + 1;
}

function crossesSentence(tokens: readonly Token[], from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (SENTENCE_END.test(tokens[j]!.after ?? '')) return true;
  return false;
}

/** «Спасибо!» alone is a closing; «Спасибо пожарным за дом» is what the message is for. */
const WEIGHTY_SENTENCE = 3;

/** `tokens`: the text's, when the caller has them already (suggestTargets tokenizes once for all its readers). */
export function notAnAppeal(text: string, tokens: readonly Token[] = tokenize(text)): RejectAdvice | null {
  if (tokens.length === 0) return null;
  if (asks(tokens).length > 0) return null;

  const turns = tokens.flatMap((token, k) => (matchesWord(TURNS, token.norm) !== undefined ? [k] : []));
  // Spam does not argue: a text that turns («но», «однако», «проблема») is a person's, whatever it advertises.
  const spam = spamMarks(text, tokens);
  if (turns.length === 0 && spam.points >= SPAM_AT) return { reason: 'spam', words: unique(spam.words) };

  // A question is asked of someone: a thank-you that asks («Спасибо! А когда второй этап?») is an appeal. Thank-you
  // letters ask rhetorically too («Чем я могу отблагодарить их?»); they are left to the operator.
  if (text.includes('?')) return null;
  const thanks = tokens.flatMap((token, k) => (GRATITUDE.test(token.norm) && !isCourtesy(tokens, k) ? [k] : []));
  if (thanks.length === 0) return null;
  const last = thanks.at(-1)!;
  // «Спасибо за ремонт, но…» turns in the thanks' own sentence; «за решение наших проблем» is what is thanked for.
  if (turns.some((k) => k > last && (TURN_WORDS.has(tokens[k]!.norm) || crossesSentence(tokens, last, k)))) return null;
  if (turns.length > 0 && !thanks.some((k) => sentenceLength(tokens, k) >= WEIGHTY_SENTENCE)) return null;
  return { reason: 'thanks', words: unique(thanks.map((k) => tokens[k]!.surface)) };
}

/**
 * Spam's marks and their points. Words are read with Latin look-alike letters made Cyrillic («Paботa» → «работа»):
 * spammers mix the two alphabets to pass word filters, and a word that mixes them is itself a mark.
 */
function spamMarks(text: string, tokens: readonly Token[]): { points: number; words: string[] } {
  const words: string[] = [];
  let points = 0;
  const mark = (found: RegExpMatchArray | null) => {
    if (found) { points += 1; words.push(found[0].trim()); }
  };
  mark(text.match(LINK));
  mark(text.match(PHONE));
  mark(text.match(PLUS_ME));
  if (MONEY_EMOJI.test(text)) points += 1;
  let mixed = 0;
  for (const token of tokens) {
    const isMixed = MIXED_SCRIPT.test(token.norm);
    const norm = isMixed ? token.norm.replace(LOOK_ALIKE, (c) => CYRILLIC_OF[c]!) : token.norm;
    if (isMixed && mixed++ < 2) { points += 1; words.push(token.surface); }
    const word = matchesWord(SPAM_WORDS.keys(), norm);
    if (word !== undefined) { points += SPAM_WORDS.get(word)!; words.push(token.surface); }
  }
  return { points, words };
}

function unique(words: readonly string[]): string[] {
  return [...new Set(words.map((w) => w.toLowerCase()))].slice(0, MAX_WORDS);
}
