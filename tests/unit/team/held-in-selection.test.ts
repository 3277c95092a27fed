// The lead's first press on a queue selection that colleagues hold: what the status bar says before the second press.
import { describe, expect, it } from 'vitest';
import { closedSentence, decidedWhileReadingText, heldInSelectionSentence, heldSentence } from '../../../shared/team/held-words.js';

const anna = { id: 'u-operator1', name: 'Оператор 1 — Анна Петрова', since: '2026-12-05T10:00:00.000Z' };
const ivan = { id: 'u-operator2', name: 'Иван Сидоров', since: '2026-12-05T10:01:00.000Z' };

describe('heldInSelectionSentence', () => {
  it('says one held appeal selected alone as the inbox does, with the full name', () => {
    expect(heldInSelectionSentence([anna], 1)).toBe(heldSentence(anna));
    expect(heldInSelectionSentence([anna], 1)).toContain('Анна Петрова');
  });

  it('counts the held ones of a larger selection and names each colleague once, short', () => {
    expect(heldInSelectionSentence([anna, ivan, anna], 7))
      .toBe('3 обращения из выделенных сейчас смотрят коллеги: Анна П., Иван С.');
    expect(heldInSelectionSentence([ivan], 4)).toBe('1 обращение из выделенных сейчас смотрит Иван С.');
    expect(heldInSelectionSentence([anna, anna], 4)).toBe('2 обращения из выделенных сейчас смотрит Анна П.');
  });

  it('says when some of them are already decided, within their undo grace', () => {
    expect(heldInSelectionSentence([anna, { ...ivan, deciding: true }], 2)).toContain('смотрят или уже решили коллеги');
    expect(heldInSelectionSentence([{ ...ivan, deciding: true }], 2)).toBe('1 обращение из выделенных сейчас смотрит или уже решил(а) Иван С.');
  });

  it('names three people and counts the rest', () => {
    const people = ['Анна Петрова', 'Иван Сидоров', 'Олег Бердников', 'Мария Лосева', 'Пётр Ким']
      .map((name, i) => ({ id: `u-${i}`, name, since: anna.since }));
    expect(heldInSelectionSentence(people, 9)).toBe(
      '5 обращений из выделенных сейчас смотрят коллеги: Анна П., Иван С., Олег Б. и ещё 2');
  });
});

describe('closedSentence', () => {
  it('adds the full stop only where the sentence has none (a short name ends with one)', () => {
    expect(closedSentence('Это обращение сейчас смотрит Анна Петрова')).toBe('Это обращение сейчас смотрит Анна Петрова.');
    expect(closedSentence('… коллеги: Анна П.')).toBe('… коллеги: Анна П.');
  });
});

describe('decidedWhileReadingText', () => {
  it('says who took the appeal being read, and where, when the server said so', () => {
    expect(decidedWhileReadingText({ name: 'Оператор 1 — Анна Петрова' }, { status: 'routed', targetName: 'Минздрав НСО' }))
      .toBe('Обращение, которое вы читали, направил(а) Анна П. → Минздрав НСО — выбрано следующее');
    expect(decidedWhileReadingText({ name: 'Иван Сидоров' }, { status: 'rejected', targetName: null }))
      .toBe('Обращение, которое вы читали, отклонил(а) Иван С. — выбрано следующее');
  });

  it('falls back to «разобрано коллегой» without the server\'s word', () => {
    expect(decidedWhileReadingText({ name: 'Иван Сидоров' }, null)).toBe('Обращение, которое вы читали, разобрано коллегой — выбрано следующее');
    expect(decidedWhileReadingText(null, { status: 'routed', targetName: 'x' })).toContain('разобрано коллегой');
  });
});
