// `npm run server:import-pos` on the engine under test, spawned with tsx against the store of a running server: the
// report printed, exit 0 when something was taken or known, 1 for a file refused as a whole, 2 for bad arguments;
// a re-run changes nothing; a desk pulls what it took.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../../../../shared/domain/day-bounds.js';
import { runServerCli, storeArgs, type CliRun } from '../cli-run.js';
import { startFixture, type Fixture } from '../server-fixture.js';
import { fixturePath, pulled } from './pos-fixture.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.dispose();
  fx = undefined;
});

const importPos = (args: string[]): Promise<CliRun> => runServerCli('server/import-pos-main.ts', args);

describe('npm run server:import-pos', () => {
  it('imports an export and prints the report; a re-run skips every row as known; a desk pulls the appeals', async () => {
    fx = await startFixture();
    const where = await storeArgs(fx);

    const first = await importPos([...where, fixturePath('pos-export-bad-rows.csv')]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.split('\n')).toEqual([
      'pos-export-bad-rows.csv: CSV, utf-8, разделитель «;», заголовки в строке 1',
      'столбцы: «Номер сообщения», «Дата поступления», «Текст сообщения»',
      'строк с данными: 9; принято: 2; уже были: 0; отклонено: 7',
      '  строка 2: нет номера сообщения',
      '  строка 3 (№ 200000001): дата «32.13.2025» не распознана (ожидается ДД.ММ.ГГГГ чч:мм)',
      '  строка 4 (№ 200000002): пустой текст сообщения',
      '  строка 6 (№ 200000003): номер 200000003 повторяется в файле: он уже в строке 5',
      '  строка 8: номер «abc def!» не похож на номер сообщения ПОС',
      '  строка 9 (№ 200000005): нет даты поступления',
      '  строка 10 (№ 200000006): дата поступления 15.12.2099 ещё не наступила (перепутаны день и месяц?)',
      '',
    ]);
    const again = await importPos([...where, fixturePath('pos-export-bad-rows.csv')]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('строк с данными: 9; принято: 0; уже были: 2; отклонено: 7');

    const cp1251 = await importPos([...where, fixturePath('pos-export-cp1251.csv')]);
    expect(cp1251.stdout).toContain('pos-export-cp1251.csv: CSV, windows-1251, разделитель «,», заголовки в строке 3');
    const lead = await fx.signIn('lead');
    expect((await pulled(fx, lead)).appeals.map((a) => a.id).sort())
      .toEqual(['pos:184500001', 'pos:184500002', 'pos:184500003', 'pos:200000003', 'pos:200000004']);
  });

  it('exits 1 for a file refused as a whole, with every row refused, or unreadable; stores nothing', async () => {
    fx = await startFixture();
    const where = await storeArgs(fx);

    const other = await importPos([...where, fixturePath('not-a-pos-export.csv')]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('not-a-pos-export.csv: не найдена строка заголовков выгрузки ПОС');
    expect(other.stderr).toContain('найдены заголовки: «Показатель», «Значение», «Период»');
    const allBad = join(fx.dir, 'all-bad.csv');
    writeFileSync(allBad, 'Номер сообщения;Дата поступления;Текст сообщения\n;30.11.2025 10:00;без номера\n');
    const none = await importPos([...where, allBad]);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('  строка 2: нет номера сообщения');
    expect(none.stderr).toContain('all-bad.csv: ни одна строка не принята');
    const missing = await importPos([...where, fixturePath('no-such-file.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no-such-file.csv: cannot read');

    expect((await pulled(fx, await fx.signIn('lead'))).appeals).toEqual([]);
  });

  it('exits 2 for bad arguments, before touching the store', async () => {
    fx = await startFixture();
    const where = await storeArgs(fx);
    for (const args of [[fixturePath('pos-export-cp1251.csv')], [...where, 'a.csv', 'b.csv'],
      [...where, '--utc-offset-minutes', '+07:00', fixturePath('pos-export-cp1251.csv')]]) {
      const bad = await importPos(args);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stderr).toContain('usage:');
    }
    expect((await pulled(fx, await fx.signIn('lead'))).appeals).toEqual([]);
  });

  it('takes a row dated ahead of the server\'s clock as imported now, and says how many in the summary', async () => {
    fx = await startFixture();
    const where = await storeArgs(fx);
    // The CLI has no fake clock: three hours ahead of this machine's (the database's on PostgreSQL), in the centre's time.
    const ahead = new Date(Date.now() + 3 * 3_600_000 + DEFAULT_UTC_OFFSET_MINUTES * 60_000).toISOString();
    const wall = `${ahead.slice(8, 10)}.${ahead.slice(5, 7)}.${ahead.slice(0, 4)} ${ahead.slice(11, 16)}`;
    const file = join(fx.dir, 'ahead.csv');
    writeFileSync(file, `Номер сообщения;Дата поступления;Текст сообщения\n500000001;${wall};Дата впереди часов сервера\n500000002;30.11.2025 10:00;Вчерашнее\n`);
    const before = Date.now();
    const run = await importPos([...where, file]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('строк с данными: 2; принято: 2; уже были: 0; отклонено: 0; из них с датой позже часов сервера, принято с временем импорта: 1\n');
    const appeals = (await pulled(fx, await fx.signIn('lead'))).appeals;
    const received = Date.parse(appeals.find((a) => a.id === 'pos:500000001')?.receivedAt ?? '');
    expect(received).toBeGreaterThanOrEqual(before - 2_000);
    expect(received).toBeLessThanOrEqual(Date.now() + 2_000);
    // Nothing said when nothing was taken so.
    expect((await importPos([...where, file])).stdout).toContain('строк с данными: 2; принято: 0; уже были: 2; отклонено: 0\n');
  });

  it('reads dates at the offset it is given (--utc-offset-minutes), for a centre in another zone', async () => {
    fx = await startFixture();
    const where = await storeArgs(fx);
    const run = await importPos([...where, '--utc-offset-minutes', '180', fixturePath('pos-export-cp1251.csv')]);
    expect(run.code, run.stderr).toBe(0);
    const appeals = (await pulled(fx, await fx.signIn('lead'))).appeals;
    expect(appeals.find((a) => a.id === 'pos:184500001')?.receivedAt).toBe('2025-11-29T06:30:00.000Z');
  });
});
