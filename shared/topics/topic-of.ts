// The topic of an appeal, derived from its text by a small keyword rule list (first matching rule wins; word
// stems, lower case, ё folded to е, the text as matched: matchForm). Used by the statistics, so it works for appeals
// not yet routed.
import { matchForm } from '../text/inert-text.js';

export const TOPIC_RULES: readonly { key: string; label: string; stems: readonly string[] }[] = [
  { key: 'roads', label: 'Дороги', stems: ['дорог', 'ямы', 'яма ', 'яму', 'ямой', 'асфальт', 'тротуар', 'обочин'] },
  { key: 'transport', label: 'Общественный транспорт', stems: ['автобус', 'маршрут', 'остановк', 'троллейбус', 'трамва', 'электричк', 'маршрутк'] },
  { key: 'health', label: 'Здравоохранение', stems: ['поликлиник', 'больниц', 'врач', 'скорая', 'скорую', 'лекарств', 'фап', 'терапевт', 'запись к', 'талон'] },
  { key: 'housing', label: 'ЖКХ', stems: ['отоплен', 'батаре', 'горячей вод', 'горячая вод', 'воды нет', 'нет воды', 'водопровод', 'канализац', 'управляющ', 'ук ', 'квитанц', 'тариф', 'подъезд', 'крыш', 'капремонт'] },
  { key: 'waste', label: 'Мусор и благоустройство', stems: ['мусор', 'свалк', 'контейнер', 'тко', 'освещен', 'фонар', 'снег', 'гололёд', 'гололед', 'наледь', 'сосульк', 'двор'] },
  { key: 'education', label: 'Образование', stems: ['школ', 'детск', 'садик', 'сад ', 'учител', 'питани', 'кружк'] },
  { key: 'social', label: 'Соцзащита и выплаты', stems: ['выплат', 'пособи', 'пенси', 'льгот', 'соцзащит', 'многодет'] },
  { key: 'animals', label: 'Животные', stems: ['собак', 'бездомн', 'стая', 'стаи', 'отлов'] },
  { key: 'connectivity', label: 'Связь и интернет', stems: ['интернет', 'связи нет', 'нет связи', 'сотов', 'вышк'] },
  { key: 'other', label: 'Другое', stems: [] },
];

export const TOPIC_LABELS: Readonly<Record<string, string>> = Object.fromEntries(TOPIC_RULES.map((r) => [r.key, r.label]));

export function topicOf(text: string): string {
  const folded = `${matchForm(text).toLowerCase().replace(/ё/g, 'е')} `;
  for (const rule of TOPIC_RULES) {
    if (rule.stems.some((stem) => folded.includes(stem.replace(/ё/g, 'е')))) return rule.key;
  }
  return 'other';
}
