// The store's files hold password and session hashes: central.sqlite, -wal and -shm are 0600 (and the data folder it
// creates 0700) whatever the umask, and an older database left 0644 is tightened when the server opens it.
import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../server/store/sqlite-store.js';
import { incoming, startFixture, type Fixture } from './server-fixture.js';

const modeOf = (file: string): string => (statSync(file).mode & 0o777).toString(8);
const dbFiles = (fx: Fixture) => ['', '-wal', '-shm'].map((suffix) => join(fx.dir, 'data', DB_FILE_NAME + suffix));

let fx: Fixture | undefined;
let umask: number | undefined;
afterEach(async () => {
  if (umask !== undefined) process.umask(umask);
  umask = undefined;
  await fx?.dispose();
  fx = undefined;
});

describe('database file modes', () => {
  it('creates central.sqlite, its -wal and -shm 0600 and the data folder 0700, even under umask 000', async () => {
    umask = process.umask(0o000);
    fx = await startFixture();
    const connector = await fx.signIn('connector');
    expect((await fx.call('POST', '/appeals', { token: connector, body: { appeals: [incoming('vk-1')] } })).status).toBe(200);
    expect(Object.fromEntries(dbFiles(fx).map((file) => [file.slice(file.lastIndexOf('/') + 1), modeOf(file)]))).toEqual({
      [DB_FILE_NAME]: '600', [`${DB_FILE_NAME}-wal`]: '600', [`${DB_FILE_NAME}-shm`]: '600',
    });
    expect(modeOf(join(fx.dir, 'data'))).toBe('700');
  });

  it('tightens a database of an older server left 0644 when it opens it', async () => {
    fx = await startFixture();
    await fx.server.close();
    // A clean close checkpoints and removes -wal and -shm; SQLite recreates them with the database file's mode.
    chmodSync(join(fx.dir, 'data', DB_FILE_NAME), 0o644);
    await fx.restart();
    await fx.signIn('operator1');
    for (const file of dbFiles(fx)) expect(modeOf(file), file).toBe('600');
  });
});
