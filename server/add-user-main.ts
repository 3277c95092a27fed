// Command line for IT: adds a person (or a connector account) to the central API's store, or sets a new password.
//   npm run server:add-user -- (--data DIR | --database postgres://…) --login L --name "Имя Фамилия" --role operator
//   npm run server:add-user -- (--data DIR | --database postgres://…) --login L --reset-password
// The password is read from stdin (one line: `… < file`, a pipe from a password manager) or asked for without echo
// on a terminal; never from the command line, which other users of the machine can read. A new password ends that
// person's sessions. Exit 0 done, 1 refused (login taken, no such login, store unreachable), 2 bad arguments.
// Works while the server runs (SQLite waits for its turn; PostgreSQL is shared anyway).
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Role } from '../shared/domain/user.js';
import { hashPasswordAsync } from './auth.js';
import { fail, helpIfAsked, openStoreOrRefuse, refuse, storeLocation } from './cli-exit.js';

/** Long enough that the sign-in delays (login-rate-limit.ts) make guessing hopeless. */
const MIN_PASSWORD_LENGTH = 10;
const USAGE = `usage: npm run server:add-user -- (--data <dir> | --database <postgres://…>) --login <login> --name <name> --role <operator|lead|connector>
       npm run server:add-user -- (--data <dir> | --database <postgres://…>) --login <login> --reset-password
  The password comes from stdin (first line) or is asked for on a terminal; at least ${MIN_PASSWORD_LENGTH} characters.
  The database URL may come from TRIAGE_DESK_DATABASE_URL instead of --database.`;
const LOGIN = /^[a-z0-9][a-z0-9._-]{1,63}$/i;

function readOptions() {
  helpIfAsked(USAGE);
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' }, database: { type: 'string' }, login: { type: 'string' }, name: { type: 'string' },
        role: { type: 'string' }, 'reset-password': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    fail(USAGE, `bad arguments: ${(err as Error).message}`);
  }
  const location = storeLocation(values, USAGE);
  const login = values.login ?? '';
  if (!LOGIN.test(login)) fail(USAGE, '--login: 2–64 latin letters, digits, dots, dashes or underscores, starting with a letter or digit');
  if (values['reset-password']) {
    if (values.name !== undefined || values.role !== undefined) fail(USAGE, '--reset-password takes only --login');
    return { location, login, reset: true as const };
  }
  const name = values.name?.trim() ?? '';
  if (name.length === 0 || name.length > 200) fail(USAGE, '--name: the person\'s name as colleagues should see it (1–200 characters)');
  const role = Role.safeParse(values.role);
  if (!role.success) fail(USAGE, '--role must be operator, lead or connector');
  return { location, login, reset: false as const, name, role: role.data };
}

/** The first line of stdin; on a terminal, asked for twice without echo. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) return line;
    return '';
  }
  const ask = (prompt: string) => new Promise<string>((resolve) => {
    process.stderr.write(prompt);
    const rl = createInterface({ input: process.stdin, terminal: true });
    // Nothing typed is echoed back.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
  const first = await ask('Пароль: ');
  if (first !== await ask('Ещё раз: ')) refuse('the two passwords differ; nothing changed');
  return first;
}

const options = readOptions();
const password = await readPassword();
if (password.length < MIN_PASSWORD_LENGTH) refuse(`the password is shorter than ${MIN_PASSWORD_LENGTH} characters; nothing changed`);
const passwordHash = await hashPasswordAsync(password);

const store = await openStoreOrRefuse(options.location);
try {
  if (options.reset) {
    if (!await store.setPassword(options.login, passwordHash)) refuse(`no user with login ${options.login}; nothing changed`);
    process.stdout.write(`password of ${options.login} changed; their sessions are ended\n`);
  } else {
    if (await store.userByLogin(options.login)) refuse(`login ${options.login} is taken; nothing changed (--reset-password sets a new password)`);
    await store.insertUsers([{ id: `u-${randomUUID()}`, login: options.login, name: options.name, role: options.role, passwordHash }]);
    process.stdout.write(`added ${options.role} ${options.login} (${options.name})\n`);
  }
} finally {
  await store.close();
}
