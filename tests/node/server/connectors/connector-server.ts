// What the platform fixtures (telegram-, vk-, ok-fixture.ts) share: the real reference server started with a
// connectors file written for the test (its log kept, its appeals read back as a desk pulls them), the platforms'
// recorded payloads under tests/fixtures/connectors, and a fake platform API listening on loopback. Each fixture keeps
// what is its platform's own: the config entry, the secrets in the environment, how the platform posts.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { StartServerOptions } from '../../../../server/start-server.js';
import { ChangesResponse } from '../../../../shared/central-api/contract.js';
import type { Appeal } from '../../../../shared/domain/appeal.js';
import { startFixture, tempDir, type Fixture } from '../server-fixture.js';

const FIXTURES = new URL('../../../fixtures/connectors/', import.meta.url);

/** A recorded payload from tests/fixtures/connectors/<platform>, parsed (a fresh copy each time). */
export function connectorPayload<T>(platform: 'telegram' | 'vk' | 'ok', name: string): T {
  return JSON.parse(readFileSync(new URL(`${platform}/${name}.json`, FIXTURES), 'utf8')) as T;
}

export interface ConnectorServer {
  fx: Fixture;
  /** Every line the server logged. */
  log: string[];
  /** Every appeal the server holds, as a desk pulls them. */
  appeals(): Promise<Appeal[]>;
}

/**
 * The reference server (SQLite or PostgreSQL, as server-fixture.ts) with `config` as its connectors file (owner-only,
 * as the server demands) and `connectors` as the rest of its connector options: the secrets' environment, fake API
 * addresses, timings.
 */
export async function startConnectorServer(config: Record<string, unknown>,
  connectors: Omit<NonNullable<StartServerOptions['connectors']>, 'file'>): Promise<ConnectorServer> {
  const log: string[] = [];
  const dir = tempDir();
  const file = join(dir, 'connectors.json');
  writeFileSync(file, JSON.stringify(config), { mode: 0o600 });
  const fx = await startFixture({ dir, server: { log: (line) => log.push(line), connectors: { file, ...connectors } } });
  let lead: string | undefined;
  return {
    fx, log,
    async appeals() {
      lead ??= await fx.signIn('lead');
      return ChangesResponse.parse((await fx.call('GET', '/changes?limit=1000', { token: lead })).body).appeals;
    },
  };
}

/** A fake platform API's http server listening on 127.0.0.1 (a free port): its address, and a close that cuts every connection. */
export async function listenOnLoopback(server: Server): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
