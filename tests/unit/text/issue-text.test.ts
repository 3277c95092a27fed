// What was wrong with an input, said in Russian (shared/text/issue-text.ts): zod's messages in its Russian locale for a
// parse given RUSSIAN_ISSUES, the path or the named root, at most `limit` issues and how many more — never the value.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues, RUSSIAN_ISSUES } from '../../../shared/text/issue-text.js';

const Body = z.object({ text: z.string().max(5), kind: z.enum(['vk', 'ok']), n: z.number().int() });

describe('issue text', () => {
  it('says each issue in Russian with its path, and no value given', () => {
    const parsed = Body.safeParse({ text: 'секретный текст жителя', kind: 'mail', n: 1.5 }, RUSSIAN_ISSUES);
    expect(parsed.success).toBe(false);
    const text = describeIssues(parsed.error!);
    expect(text.split('; ').map((part) => part.split(':')[0])).toEqual(['text', 'kind', 'n']);
    expect(text).not.toMatch(/Too big|Invalid|expected/u);
    expect(text).toContain('Слишком большое значение');
    expect(text).not.toContain('секретный');
    expect(text).not.toContain('mail');
  });

  it('names both types of a wrong type in Russian (zod\'s locale left them English)', () => {
    const said = (schema: z.ZodType, input: unknown): string => schema.safeParse(input, RUSSIAN_ISSUES).error!.issues[0]!.message;
    expect(said(z.number(), 'x')).toBe('Неверный ввод: ожидался тип «число», получен «строка»');
    expect(said(z.string(), 5)).toBe('Неверный ввод: ожидался тип «строка», получен «число»');
    expect(said(z.object({}), [])).toBe('Неверный ввод: ожидался тип «объект», получен «массив»');
    expect(said(z.boolean(), null)).toBe('Неверный ввод: ожидался тип «да/нет», получен «null»');
    expect(said(z.number(), undefined)).toBe('Нет значения: ожидался тип «число»');
    expect(said(z.number(), Number.NaN)).toBe('Неверный ввод: ожидался тип «число», получен «NaN»');
  });

  it('names the input itself by its root, and counts the issues not shown', () => {
    const parsed = Body.safeParse('строка', RUSSIAN_ISSUES);
    expect(describeIssues(parsed.error!, '(тело)')).toMatch(/^\(тело\): Неверный ввод/u);
    const many = Body.safeParse({}, RUSSIAN_ISSUES);
    expect(describeIssues(many.error!, 'ввод', 1)).toMatch(/^text: .+ \(и ещё 2\)$/u);
  });

  it('leaves zod\'s process-wide language alone (the server\'s log and IT\'s config errors stay English)', () => {
    expect(Body.safeParse({}).error?.issues[0]?.message).toMatch(/^Invalid input/u);
  });
});
