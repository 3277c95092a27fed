// The statistics' topic of an appeal (shared/topics/topic-of.ts): the first rule whose stem the text holds, read as
// the text is matched everywhere, so a web page's soft hyphens or a decomposed letter do not move an appeal to «Другое».
import { describe, expect, it } from 'vitest';
import { topicOf } from '../../../shared/topics/topic-of.js';

describe('topicOf', () => {
  it.each([
    ['Огромные ямы на дороге у школы', 'roads'],
    ['В поликлинике нет талонов к терапевту', 'health'],
    ['Третий день нет отопления, батареи холодные', 'housing'],
    ['Ёлку во дворе не убрали, мусор не вывозят', 'waste'],
    ['Стая бездомных собак бегает по улице', 'animals'],
    ['Спасибо за праздник', 'other'],
  ])('%s → %s', (text, topic) => {
    expect(topicOf(text)).toBe(topic);
    expect(topicOf(text.replace(/([а-яё]{3})([а-яё]{3,})/giu, '$1\u00AD$2')), 'soft hyphens').toBe(topic);
    expect(topicOf(text.normalize('NFD')), 'decomposed').toBe(topic);
  });
});
