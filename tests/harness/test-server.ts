// The reference server as the tests start it: `startTestServer` is `startServer` with the demo accounts hashed at the
// test cost. TEST_PASSWORD_COST is scrypt N=2^10 instead of people's 2^14, the same algorithm and format: at the real
// cost, the hashes and sign-in checks of the test servers were most of the node tests' CPU. The real cost stays tested
// where it is the point: auth-hardening.test.ts (the default hash, and a server started as `npm run server` starts it)
// and add-user.test.ts (the command IT runs) call `startServer` themselves.
import type { PasswordCost } from '../../server/auth.js';
import { startServer, type RunningServer, type StartServerOptions } from '../../server/start-server.js';

export const TEST_PASSWORD_COST: PasswordCost = { N: 1024, r: 8, p: 1 };

/** A reference server at the test cost; `options` as for `startServer` (a cost given there wins). */
export function startTestServer(options: StartServerOptions): Promise<RunningServer> {
  return startServer({ passwordCost: TEST_PASSWORD_COST, ...options });
}
