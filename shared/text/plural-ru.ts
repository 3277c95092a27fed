// Russian plural forms, chosen by the language's own rules (Intl.PluralRules 'ru'), in one place for every count
// the app writes out: «1 обращение», «3 обращения», «25 обращений», «1,5 обращения».
import { formatNumberRu } from './number-ru.js';

/** The word forms for a count: one (1, 21), few (2–4, 22), many (0, 5–20, 25); other is for fractions. */
export interface RuForms {
  one: string;
  few: string;
  many: string;
  /** Fractions (1,5): the genitive singular, which for nouns is the «few» form; given only where it differs. */
  other?: string;
}
const RULES = new Intl.PluralRules('ru');

/** The form of the word that goes with `n`. */
export function pluralRu(n: number, forms: RuForms): string {
  switch (RULES.select(n)) {
    case 'one': return forms.one;
    case 'few': return forms.few;
    case 'many': return forms.many;
    default: return forms.other ?? forms.few;
  }
}

/** «1 234 обращения»: the count in Russian digit grouping, then the word in its form. */
export function countRu(n: number, forms: RuForms): string {
  return `${formatNumberRu(n)} ${pluralRu(n, forms)}`;
}

export const APPEAL_FORMS: RuForms = { one: 'обращение', few: 'обращения', many: 'обращений' };
/** «1 новое обращение», «3 новых обращения», «5 новых обращений». */
export const NEW_APPEAL_FORMS: RuForms = { one: 'новое обращение', few: 'новых обращения', many: 'новых обращений' };
/** «1 новое», «2 новых»: the same count where the noun is understood (the inbox's cue in the «Текст» header). */
export const NEW_FORMS: RuForms = { one: 'новое', few: 'новых', many: 'новых' };
export const DECISION_FORMS: RuForms = { one: 'решение', few: 'решения', many: 'решений' };
export const CONFLICT_FORMS: RuForms = { one: 'конфликт', few: 'конфликта', many: 'конфликтов' };
export const TARGET_FORMS: RuForms = { one: 'адресат', few: 'адресата', many: 'адресатов' };
/** After «между»: «между 2 операторами», «между 21 оператором». */
export const OPERATOR_BETWEEN_FORMS: RuForms = { one: 'оператором', few: 'операторами', many: 'операторами' };
/** A report file written to the exports folder: «1 выгрузка … будет удалена», «3 выгрузки … будут удалены». */
export const EXPORT_FORMS: RuForms = { one: 'выгрузка', few: 'выгрузки', many: 'выгрузок' };
export const WILL_BE_DELETED_F_FORMS: RuForms = { one: 'будет удалена', few: 'будут удалены', many: 'будут удалены' };
/**
 * What refers back to a count of decisions: «1 решение … оставив его … оно уйдёт», «3 решения … их … они уйдут» (a
 * second trial of 5 December read «1 решение … оставив их … они уйдут»). Pick with `referRu`, by the number itself:
 * a pronoun referring back to «21 решение» is plural, and a clause with no numeral in it reads «его» as one.
 */
export const IT_FORMS: RuForms = { one: 'его', few: 'их', many: 'их' };
export const THEY_FORMS: RuForms = { one: 'оно', few: 'они', many: 'они' };
export const GO_FORMS: RuForms = { one: 'уйдёт', few: 'уйдут', many: 'уйдут' };
export const IT_WAITS_FORMS: RuForms = { one: 'ждёт отправки решение', few: 'ждут отправки решения', many: 'ждут отправки решения' };

/** The `one` form for exactly one, else `many`: words referring back to a count, not counting (IT_FORMS …). */
export function referRu(n: number, forms: RuForms): string {
  return n === 1 ? forms.one : forms.many;
}
