// The scrypt cost the test servers hash their demo accounts with (StartServerOptions.passwordCost): N=2^10 instead
// of people's 2^14, the same algorithm and format. At the real cost, the hashes and sign-in checks of the test
// servers were most of the node tests' CPU. The real cost stays tested: auth-hardening.test.ts (the default hash and
// a server started as `npm run server` starts it), add-user.test.ts (the command IT runs).
import type { PasswordCost } from '../../server/auth.js';

export const TEST_PASSWORD_COST: PasswordCost = { N: 1024, r: 8, p: 1 };
