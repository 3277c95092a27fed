// Advice that a message is no appeal at all: a thank-you («Спасибо водителю 45-го…») or spam («Заработок без
// вложений, пиши в личку»). Operators close such messages with a reject reason; a target suggested for them (a
// thank-you to a driver ranks «Минтранс» first) is advice in the wrong direction. Rules, not the learned model: the
// region's history of rejections is small and one-sided, and a wrong «похоже на благодарность» on a complaint costs a
// person's appeal a second look, so the rules speak only where nothing in the text complains or asks — a complaint
// that thanks in advance («заранее спасибо») or asks after thanking («спасибо, но…», «?») stays an appeal.
// Measured on real texts nobody here wrote: tests/fixtures/not-appeals-real.jsonl (see its .md) and the real
// complaints of tests/fixtures/real-appeals-nso*.jsonl, which must draw no advice.
import type { RejectAdvice } from '../../../shared/desk-api/routing-contract.js';
import { tokenize, type Token } from './russian-text.js';

/** Gratitude: «спасибо», «благодарю/благодарность/благодарны», «поблагодарить», «признательны». */
const GRATITUDE = /^(спасиб|благодар|поблагодар|отблагодар|признател)/u;

/**
 * A gratitude word that closes a request rather than thanks: «заранее спасибо», «спасибо за внимание», «буду
 * благодарна, если…», «был бы признателен». Read within the gratitude word's sentence: two words before it, three after.
 */
const COURTESY_BEFORE = new Set(['заранее', 'буду', 'будем', 'будет', 'будут', 'бы']);
const COURTESY_AFTER = new Set(['внимание', 'понимание', 'заранее']);

/**
 * What an appeal does and a thank-you does not: asks, demands, complains, or turns («но», «однако») from the thanks to
 * a problem. Lower-case word forms and stems (a stem ends with «*»). One is enough to give no advice.
 */
const PROBLEM_WORDS: readonly string[] = [
  'почему', 'зачем', 'доколе', 'прошу', 'просим', 'просьба', 'требую', 'требуем', 'помогите', 'разберитесь', 'примите',
  'обратите', 'проверьте', 'уберите', 'почините', 'верните', 'решите', 'сделайте', 'накажите', 'жалоб*', 'жалуюсь',
  'возмущ*', 'безобраз*', 'беспредел*', 'невозможно', 'отписк*', 'игнорир*', 'бездейств*', 'нарушен*', 'нарушают',
  'но', 'однако', 'сожалению', 'проблем*', 'неоднократно', 'дозвониться',
];
/** «не» before these: «не работает», «не вывозят», «не отвечают» — a complaint, not a thank-you's «не растерялись». */
const AFTER_NOT = /^(работа|работ[ею]|отвеча|вывоз|убира|убрал|приех|приезжа|дают|дал[аи]?$|чист|реагир|принима|ремонтир|отремонт|сдела|реш|почин|включ)/u;
/** «нет» before these: «нет воды», «нет света», «нет ответа». */
const AFTER_NO = /^(вод|свет|отоплен|газ|тепл|ответ|связ|дорог|врач|автобус)/u;

/** Spam's words, each weighted: two points make spam. Lower-case word forms, a stem ends with «*». */
const SPAM_WORDS: ReadonlyMap<string, number> = new Map([
  ['заработ*', 2], ['вложений', 2], ['подписывайтесь', 2], ['подписывайся', 2], ['подпишись', 2], ['подпишитесь', 1],
  ['переходи', 2], ['переходите', 2], ['жми', 2], ['кликай', 2], ['продам', 2], ['продаю', 2], ['куплю', 2], ['сдам', 2],
  ['сдаю', 2], ['казино', 2], ['букмекер*', 2], ['крипт*', 2], ['биткоин*', 2], ['промокод*', 2], ['пассивн*', 2],
  ['доход*', 1], ['кредит*', 1], ['займ*', 1], ['микрозайм*', 2], ['скидк*', 1], ['акци*', 1], ['канал', 1], ['канале', 1], ['канала', 1], ['каналу', 1],
  ['ссылк*', 1], ['личку', 1], ['лс', 1], ['звоните', 1], ['пишите', 1], ['вакансия', 1], ['вакансии', 1],
  ['удаленн*', 1], ['удалённ*', 1], ['бесплатн*', 1], ['ставк*', 1], ['выигр*', 1], ['недорого', 1], ['ключ', 1],
]);
/** A link, a Telegram handle or an invite: spam's way out of the page. */
const LINK = /(https?:\/\/|www\.|t\.me\/|vk\.cc\/|clck\.ru\/|bit\.ly\/|wa\.me\/|(?:^|\s)@[a-z0-9_]{4,})/iu;
/** A phone number written to be called: «8 913 123-45-67», «+7(383)…». */
const PHONE = /(?:\+7|\b8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\b/u;
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
  for (let j = k - 1; j >= 0 && j >= k - 2; j--) {
    if (SENTENCE_END.test(tokens[j]!.after ?? '')) break;
    if (COURTESY_BEFORE.has(tokens[j]!.norm)) return true;
  }
  for (let j = k + 1; j < tokens.length && j <= k + 3; j++) {
    if (COURTESY_AFTER.has(tokens[j]!.norm)) return true;
    if (SENTENCE_END.test(tokens[j]!.after ?? '')) break;
  }
  return false;
}

/** The words that make `tokens` an appeal rather than a thank-you or spam (asks, complains, turns). */
function problemWords(tokens: readonly Token[]): string[] {
  const found: string[] = [];
  tokens.forEach((token, k) => {
    const next = tokens[k + 1];
    if (matchesWord(PROBLEM_WORDS, token.norm) !== undefined) found.push(token.surface);
    else if (token.norm === 'не' && next && AFTER_NOT.test(next.norm)) found.push(`${token.surface} ${next.surface}`);
    else if (token.norm === 'нет' && next && AFTER_NO.test(next.norm)) found.push(`${token.surface} ${next.surface}`);
  });
  return found;
}

/** `tokens`: the text's, when the caller has them already (suggestTargets tokenizes once for all its readers). */
export function notAnAppeal(text: string, tokens: readonly Token[] = tokenize(text)): RejectAdvice | null {
  if (tokens.length === 0) return null;
  const problems = problemWords(tokens);
  if (problems.length > 0) return null;

  const spamWords: string[] = [];
  let spam = 0;
  if (LINK.test(text)) { spam += 1; spamWords.push(text.match(LINK)![0].trim()); }
  if (PHONE.test(text)) { spam += 1; spamWords.push(text.match(PHONE)![0].trim()); }
  if (MONEY_EMOJI.test(text)) spam += 1;
  for (const token of tokens) {
    const word = matchesWord(SPAM_WORDS.keys(), token.norm);
    if (word !== undefined) { spam += SPAM_WORDS.get(word)!; spamWords.push(token.surface); }
  }
  if (spam >= SPAM_AT) return { reason: 'spam', words: unique(spamWords) };

  // A question is asked of someone: a thank-you that asks («Спасибо! А когда второй этап?») is an appeal.
  if (text.includes('?')) return null;
  const thanks = tokens.flatMap((token, k) => (GRATITUDE.test(token.norm) && !isCourtesy(tokens, k) ? [token.surface] : []));
  return thanks.length > 0 ? { reason: 'thanks', words: unique(thanks) } : null;
}

function unique(words: readonly string[]): string[] {
  return [...new Set(words.map((w) => w.toLowerCase()))].slice(0, MAX_WORDS);
}
