// `npm run server:add-user` on the engine under test: adds a person who can then sign in (password from stdin,
// never the command line), refuses a taken login, a short password and bad arguments, and --reset-password sets a
// new password and ends that person's sessions — while the server runs.
import { afterEach, describe, expect, it } from 'vitest';
import { runServerCli, storeArgs, type CliRun } from './cli-run.js';
import { startFixture, TEST_ENGINE, type Fixture } from './server-fixture.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.dispose();
  fx = undefined;
});

const addUser = (args: string[], stdin: string): Promise<CliRun> => runServerCli('server/add-user-main.ts', args, stdin);

describe('npm run server:add-user', () => {
  it('adds a person who signs in with that password; refuses a taken login, a short password and bad arguments', async () => {
    fx = await startFixture();
    const where = await storeArgs(fx);

    const added = await addUser([...where, '--login', 'i.petrova', '--name', 'Ирина Петрова', '--role', 'operator'], 'длинный-пароль-1\n');
    expect(added, added.stderr).toMatchObject({ code: 0, stdout: 'added operator i.petrova (Ирина Петрова)\n' });
    const ok = await fx.call('POST', '/session', { body: { login: 'i.petrova', password: 'длинный-пароль-1' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ user: { name: 'Ирина Петрова', role: 'operator' } });
    const token = (ok.body as { token: string }).token;

    const taken = await addUser([...where, '--login', 'i.petrova', '--name', 'Другая', '--role', 'lead'], 'ещё-один-пароль\n');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('login i.petrova is taken');
    const short = await addUser([...where, '--login', 'a.short', '--name', 'Кратко', '--role', 'operator'], 'short\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('shorter than 10');
    for (const args of [[...where, '--login', 'x y', '--name', 'N', '--role', 'operator'], [...where, '--login', 'bob', '--name', 'N', '--role', 'admin'],
      ['--login', 'bob', '--name', 'N', '--role', 'operator'], [...where, '--login', 'bob', '--role', 'operator', '--password', 'x']]) {
      const bad = await addUser(args, 'длинный-пароль-1\n');
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stderr).toContain('usage:');
    }

    // A new password: the old one and the old session stop working at once.
    const reset = await addUser([...where, '--login', 'i.petrova', '--reset-password'], 'новый-пароль-22\n');
    expect(reset, reset.stderr).toMatchObject({ code: 0, stdout: 'password of i.petrova changed; their sessions are ended\n' });
    expect((await fx.call('GET', '/changes', { token })).status).toBe(401);
    expect((await fx.call('POST', '/session', { body: { login: 'i.petrova', password: 'длинный-пароль-1' } })).status).toBe(401);
    expect((await fx.call('POST', '/session', { body: { login: 'i.petrova', password: 'новый-пароль-22' } })).status).toBe(200);
    const nobody = await addUser([...where, '--login', 'nobody', '--reset-password'], 'новый-пароль-22\n');
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('no user with login nobody');
    if (TEST_ENGINE === 'postgres') expect(`${added.stdout}${added.stderr}`).not.toContain('postgres://');
  }, 60_000);
});
