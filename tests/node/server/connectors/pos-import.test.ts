// The ПОС import over the API (issue 14 item 5): fixture exports uploaded by a real HTTP client to the real server on
// SQLite (project node) and PostgreSQL (project node-postgres); what each row becomes, both CSV encodings and
// delimiters, XLSX, idempotence on the message number, refusals with row numbers, whole-file refusals, authorisation,
// body cap, and live desks told at once.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../../../../shared/domain/day-bounds.js';
import { MAX_TEXT_LENGTH } from '../../../../shared/domain/appeal.js';
import { formatNumberRu } from '../../../../shared/text/number-ru.js';
import { openLive } from '../live-reader.js';
import { mutationId, startFixture, type Fixture } from '../server-fixture.js';
import { byId, fixtureBytes, posXlsx, pulled, upload, XLSX_TYPE } from './pos-fixture.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.dispose();
  fx = undefined;
});

/** The instant of a wall-clock time in the centre, at the offset the server is configured with (not a literal +07). */
const centre = (wall: string): string => new Date(Date.parse(`${wall}Z`) - DEFAULT_UTC_OFFSET_MINUTES * 60_000).toISOString();
const CHANNEL = 'Госуслуги · Решаем вместе';

describe('ПОС import: what a row becomes', () => {
  it('takes a UTF-8 (BOM) export with «;»: id, channel and its link, author, first line, text as written, local time', async () => {
    fx = await startFixture();
    const lead = await fx.signIn('lead');
    const res = await upload(fx, fixtureBytes('pos-export-utf8-bom.csv'), { token: lead, file: 'pos-export-utf8-bom.csv' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      file: 'pos-export-utf8-bom.csv', format: 'csv', encoding: 'utf-8-bom', delimiter: ';', headerRow: 1,
      columns: { number: 'Номер сообщения', receivedAt: 'Дата поступления', text: 'Текст сообщения', category: 'Категория',
        subcategory: 'Подкатегория', address: 'Адрес', author: 'Заявитель', url: 'Ссылка' },
      ignoredColumns: ['Статус', 'Ответственный', 'Срок ответа'],
      rows: 3, taken: 3, takenAsNow: 0, known: 0, refused: [],
    });
    const appeals = byId((await pulled(fx, lead)).appeals);
    expect(appeals.get('pos:184512307')).toEqual({
      id: 'pos:184512307', source: 'pos',
      channel: { name: CHANNEL, url: 'https://pos.gosuslugi.ru/' },
      author: { name: 'Иванова Ольга Петровна' },
      text: 'Дороги / Ямы на дорогах · Адрес: г. Новосибирск, ул. Ленина, 12\n\nЯма на ул. Ленина у дома 12 уже месяц, машины объезжают по встречке.',
      attachments: [], receivedAt: centre('2025-11-30T14:05:00'),
      status: 'new', targetId: null, rejectReason: null, version: 1, routedBy: null, routedAt: null,
    });
    // Quoted fields keep the delimiter, doubled quotes and newlines; hostile text is stored as written (rendered inert).
    expect(appeals.get('pos:184512308')).toMatchObject({
      channel: { name: CHANNEL, url: 'https://pos.gosuslugi.ru/lkp/messages/184512308' },
      author: { name: 'Петров С. А.' },
      text: 'ЖКХ / Отопление · Адрес: г. Новосибирск, ул. Богдана Хмельницкого, 7; кв. 45\n\n'
        + 'В квартире +14, управляющая компания "УК Север" не отвечает.\nПрошу разобраться; дети болеют.\n<script>alert(1)</script>',
      receivedAt: centre('2025-11-30T16:40:00'),
    });
    // A date with its own offset is taken as written; no category, address or applicant: no first line, a placeholder.
    expect(appeals.get('pos:184512309')).toMatchObject({
      author: { name: 'Пользователь Госуслуг' },
      text: 'Когда откроют поликлинику в Краснообске после ремонта?',
      receivedAt: '2025-11-30T07:15:00.000Z',
    });
  });

  it('takes a Windows-1251 export with «,», its header found by name below a title and a blank row', async () => {
    fx = await startFixture();
    const lead = await fx.signIn('lead');
    const res = await upload(fx, fixtureBytes('pos-export-cp1251.csv'), { token: lead, file: 'pos-export-cp1251.csv' });
    expect(res.body).toMatchObject({ encoding: 'windows-1251', delimiter: ',', headerRow: 3, rows: 3, taken: 3, refused: [],
      columns: { number: '№ сообщения', receivedAt: 'Дата регистрации', text: 'Текст', address: 'Адрес проблемы', author: 'ФИО заявителя' } });
    const appeals = byId((await pulled(fx, lead)).appeals);
    expect(appeals.get('pos:184500001')).toMatchObject({
      text: 'Благоустройство / Вывоз мусора · Адрес: р.п. Кольцово, ул. Молодёжная, 5\n\nНе вывозят мусор с контейнерной площадки, третью неделю.',
      author: { name: 'Сидорова Анна' }, receivedAt: centre('2025-11-29T09:30:00'),
    });
    expect(appeals.get('pos:184500002')?.author.name).toBe('Ёлкин Пётр');
    // A date without a time is the local midnight it begins.
    expect(appeals.get('pos:184500003')).toMatchObject({
      text: 'Транспорт / Общественный транспорт\n\nАвтобус 1226 не ходит по расписанию — ждём по 40 минут на морозе.',
      receivedAt: centre('2025-11-28T00:00:00'),
    });
  });

  it('takes the first sheet of an XLSX: header by name, date cells, serial numbers, a hyperlinked number, rich text', async () => {
    fx = await startFixture();
    const lead = await fx.signIn('lead');
    const res = await upload(fx, await posXlsx(), { token: lead, type: XLSX_TYPE, file: 'soobshcheniya.xlsx' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ format: 'xlsx', sheet: 'Сообщения', headerRow: 3, rows: 3, taken: 3, refused: [], ignoredColumns: ['Статус'] });
    const appeals = byId((await pulled(fx, lead)).appeals);
    expect(appeals.get('pos:184600001')).toMatchObject({
      text: 'Дороги / Светофоры\n\nНе работает светофор на перекрёстке Красного проспекта и Гоголя',
      author: { name: 'Кузнецов Игорь' }, receivedAt: centre('2025-11-30T08:00:00'),
      channel: { url: 'https://pos.gosuslugi.ru/' },
    });
    expect(appeals.get('pos:184600002')).toMatchObject({
      text: 'ЖКХ / Уборка снега\n\nВо дворе не убран снег с понедельника', author: { name: 'Пользователь Госуслуг' },
      receivedAt: centre('2025-11-30T09:15:00'), channel: { url: 'https://pos.gosuslugi.ru/lkp/messages/184600002' },
    });
    expect(appeals.get('pos:184600003')?.receivedAt).toBe(centre('2025-11-30T12:00:00'));
  });

  it('takes UTF-16 with BOM and tabs (Excel\'s «Unicode text»)', async () => {
    fx = await startFixture();
    const lead = await fx.signIn('lead');
    const text = 'Номер сообщения\tДата поступления\tТекст сообщения\r\n184700001\t01.12.2025 10:00\tНет горячей воды в Академгородке\r\n';
    const res = await upload(fx, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), { token: lead });
    expect(res.body).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', taken: 1 });
    expect((await pulled(fx, lead)).appeals[0]).toMatchObject({ id: 'pos:184700001', text: 'Нет горячей воды в Академгородке' });
  });
});

describe('ПОС import: a date ahead of the server\'s clock', () => {
  it('takes a row dated hours ahead as received now (the rule of POST /appeals), counts it, and keeps a few minutes\' skew', async () => {
    // The server's clock, fixed: on PostgreSQL it would otherwise be the database's, like POST /appeals.
    const now = Date.parse(centre('2025-12-01T12:00:00'));
    fx = await startFixture({ server: { clock: () => now } });
    const lead = await fx.signIn('lead');
    const csv = 'Номер сообщения;Дата поступления;Текст сообщения\n'
      + '400000001;01.12.2025 15:00;Через три часа: часы выгрузки или опечатка в часах\n'
      + '400000002;01.12.2025 12:04;Четыре минуты вперёд: разница часов, время как есть\n'
      + '400000003;01.12.2025 11:00;Час назад\n'
      + '400000004;03.12.2025 10:00;Через два дня: перепутаны день и месяц\n';
    const res = await upload(fx, Buffer.from(csv), { token: lead });
    expect(res.body).toMatchObject({ rows: 4, taken: 3, takenAsNow: 1, known: 0,
      refused: [{ row: 5, number: '400000004', reason: 'дата поступления 03.12.2025 ещё не наступила (перепутаны день и месяц?)' }] });
    const appeals = byId((await pulled(fx, lead)).appeals);
    expect(appeals.get('pos:400000001')?.receivedAt).toBe(new Date(now).toISOString());
    expect(appeals.get('pos:400000002')?.receivedAt).toBe(centre('2025-12-01T12:04:00'));
    expect(appeals.get('pos:400000003')?.receivedAt).toBe(centre('2025-12-01T11:00:00'));

    // A re-import takes nothing, so nothing is counted as taken now: the stored time stays.
    expect((await upload(fx, Buffer.from(csv), { token: lead })).body).toMatchObject({ taken: 0, takenAsNow: 0, known: 3 });
  });
});

describe('ПОС import: idempotent on the message number', () => {
  it('changes nothing on a re-import, also of an appeal decided meanwhile, and takes only the new rows of an overlapping export', async () => {
    fx = await startFixture();
    const lead = await fx.signIn('lead');
    const bytes = fixtureBytes('pos-export-utf8-bom.csv');
    expect((await upload(fx, bytes, { token: lead })).body).toMatchObject({ taken: 3, known: 0 });
    const operator = await fx.signIn('operator1');
    const decided = await fx.call('POST', '/mutations', { token: operator, body: { mutations: [
      { id: mutationId(), appealId: 'pos:184512307', baseVersion: 1, createdAt: new Date().toISOString(), type: 'route', targetId: 'mintrans' }] } });
    expect(decided.body).toMatchObject({ results: [{ status: 'applied' }] });
    const before = await pulled(fx, lead);

    expect((await upload(fx, bytes, { token: lead })).body).toMatchObject({ rows: 3, taken: 0, known: 3, refused: [] });
    const after = await pulled(fx, lead);
    expect(after.head).toBe(before.head);
    expect(after.appeals).toEqual(before.appeals);
    expect(byId(after.appeals).get('pos:184512307')).toMatchObject({ status: 'routed', targetId: 'mintrans', version: 2 });

    // The next export overlaps the last one: the known message is skipped, the new one taken.
    const overlap = 'Номер сообщения;Дата поступления;Текст сообщения\n184512309;30.11.2025 14:15;Другой текст под тем же номером\n184512400;01.12.2025 09:00;Новое сообщение\n';
    expect((await upload(fx, Buffer.from(overlap), { token: lead })).body).toMatchObject({ rows: 2, taken: 1, known: 1 });
    const last = byId((await pulled(fx, lead)).appeals);
    expect(last.get('pos:184512309')?.text).toBe('Когда откроют поликлинику в Краснообске после ремонта?');
    expect(last.size).toBe(4);
  });
});

describe('ПОС import: refusals', () => {
  it('reports each refused row with its number and reason in Russian, and stores only whole good rows', async () => {
    fx = await startFixture();
    const lead = await fx.signIn('lead');
    const res = await upload(fx, fixtureBytes('pos-export-bad-rows.csv'), { token: lead, file: 'pos-export-bad-rows.csv' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 9, taken: 2, known: 0 });
    expect((res.body as { refused: unknown[] }).refused).toEqual([
      { row: 2, reason: 'нет номера сообщения' },
      { row: 3, number: '200000001', reason: 'дата «32.13.2025» не распознана (ожидается ДД.ММ.ГГГГ чч:мм)' },
      { row: 4, number: '200000002', reason: 'пустой текст сообщения' },
      { row: 6, number: '200000003', reason: 'номер 200000003 повторяется в файле: он уже в строке 5' },
      { row: 8, reason: 'номер «abc def!» не похож на номер сообщения ПОС' },
      { row: 9, number: '200000005', reason: 'нет даты поступления' },
      { row: 10, number: '200000006', reason: 'дата поступления 15.12.2099 ещё не наступила (перепутаны день и месяц?)' },
    ]);
    const appeals = (await pulled(fx, lead)).appeals;
    expect(appeals.map((a) => a.id).sort()).toEqual(['pos:200000003', 'pos:200000004']);
    expect(byId(appeals).get('pos:200000003')?.text).toBe('Первое сообщение с этим номером');
  });

  it('refuses a text over the appeal limit (with its row) instead of cutting it', async () => {
    fx = await startFixture();
    const lead = await fx.signIn('lead');
    const long = 'я'.repeat(MAX_TEXT_LENGTH + 1);
    const csv = `Номер сообщения;Дата поступления;Текст сообщения\n300000001;30.11.2025 10:00;${long}\n300000002;30.11.2025 10:01;Короткое\n`;
    const res = await upload(fx, Buffer.from(csv), { token: lead });
    expect(res.body).toMatchObject({ taken: 1, refused: [{ row: 2, number: '300000001', reason: `текст длиннее допустимого: ${formatNumberRu(MAX_TEXT_LENGTH + 1)} символ при пределе ${formatNumberRu(MAX_TEXT_LENGTH)} символов` }] });
    expect((await pulled(fx, lead)).appeals.map((a) => a.id)).toEqual(['pos:300000002']);
  });

  it('refuses a file that is not an export as a whole (422), naming the file and the headers it found; stores nothing', async () => {
    fx = await startFixture();
    const lead = await fx.signIn('lead');
    const other = await upload(fx, fixtureBytes('not-a-pos-export.csv'), { token: lead, file: 'not-a-pos-export.csv' });
    expect(other.status).toBe(422);
    expect(other.body).toEqual({ error: { code: 'pos_file_refused', message: 'not-a-pos-export.csv: не найдена строка заголовков выгрузки ПОС '
      + '(CSV (utf-8, разделитель «;»)): нужны столбцы «Номер сообщения», «Дата поступления», «Текст сообщения»; '
      + 'в строке 1 найдены заголовки: «Показатель», «Значение», «Период»' } });
    const partial = await upload(fx, Buffer.from('Номер сообщения;Текст сообщения;Статус\n1;текст;новое\n'), { token: lead, file: 'bez-daty.csv' });
    expect((partial.body as { error: { message: string } }).error.message).toContain('не хватает «Дата поступления»; в строке 1 найдены заголовки: «Номер сообщения», «Текст сообщения», «Статус»');

    const cases: [string, Buffer, string][] = [
      ['report.pdf', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), 'report.pdf: это PDF, а не таблица CSV или XLSX'],
      ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'old.xls: это файл Excel 97–2003 (XLS)'],
      ['photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'photo.png: двоичный файл'],
      ['page.xls', Buffer.from('<html><body><table><tr><td>Номер</td></tr></table></body></html>'), 'page.xls: это HTML или XML'],
      ['empty.csv', Buffer.alloc(0), 'empty.csv: файл пуст'],
      ['broken.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]), 'broken.xlsx: ZIP-архив, но не книга XLSX'],
    ];
    for (const [file, bytes, message] of cases) {
      const res = await upload(fx, bytes, { token: lead, file, type: 'application/octet-stream' });
      expect(res.status, file).toBe(422);
      expect((res.body as { error: { message: string } }).error.message, file).toContain(message);
    }
    expect((await pulled(fx, lead)).appeals).toEqual([]);
  });
});

describe('ПОС import: the API route', () => {
  it('asks for a lead\'s or connector account\'s token: 401 without, 403 for an operator, 200 for a lead and a connector', async () => {
    fx = await startFixture();
    const bytes = fixtureBytes('pos-export-utf8-bom.csv');
    const none = await upload(fx, bytes);
    expect(none).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect((await upload(fx, bytes, { token: 'f'.repeat(64) })).status).toBe(401);
    const operator = await upload(fx, bytes, { token: await fx.signIn('operator1') });
    expect(operator).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    const lead = await fx.signIn('lead');
    expect((await pulled(fx, lead)).appeals).toEqual([]);
    expect((await upload(fx, bytes, { token: lead })).status).toBe(200);
    expect((await upload(fx, bytes, { token: await fx.signIn('connector') })).body).toMatchObject({ taken: 0, known: 3 });
  });

  it('refuses another content type (415), another method (405), a body over 20 MB (413), an unknown path (404)', async () => {
    fx = await startFixture();
    const lead = await fx.signIn('lead');
    const bytes = fixtureBytes('pos-export-utf8-bom.csv');
    expect((await upload(fx, bytes, { token: lead, type: 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await upload(fx, bytes, { token: lead, type: 'text/plain' })).status).toBe(415);
    const get = await fetch(`${fx.server.url}/api/v1/connectors/pos/import`, { headers: { authorization: `Bearer ${lead}` } });
    expect(get.status).toBe(405);
    const huge = await upload(fx, Buffer.alloc(20 * 1024 * 1024 + 1, 0x41), { token: lead });
    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
    const elsewhere = await fetch(`${fx.server.url}/api/v1/connectors/pos/upload`, { method: 'POST', headers: { authorization: `Bearer ${lead}` } });
    expect(elsewhere.status).toBe(404);
    expect((await pulled(fx, lead)).appeals).toEqual([]);
  });

  it('tells live desks at once: a `changes` event follows an import that took something, none follows a re-import', async () => {
    fx = await startFixture();
    const lead = await fx.signIn('lead');
    const stream = await openLive(fx.server.url, await fx.signIn('operator1'));
    try {
      await stream.nextEvent('hello', 2000);
      expect((await upload(fx, fixtureBytes('pos-export-cp1251.csv'), { token: lead })).body).toMatchObject({ taken: 3 });
      expect(await stream.nextEvent('changes', 2000)).toMatchObject({ head: '3' });
      expect((await upload(fx, fixtureBytes('pos-export-cp1251.csv'), { token: lead })).body).toMatchObject({ known: 3 });
      expect((await upload(fx, fixtureBytes('pos-export-utf8-bom.csv'), { token: lead })).body).toMatchObject({ taken: 3 });
      // The next `changes` is the third import's: the re-import between them wrote nothing and told nobody.
      expect(await stream.nextEvent('changes', 2000)).toMatchObject({ head: '6' });
    } finally {
      stream.close();
    }
  });
});
