// The team bench's side door to the reference server: the connector ingests appeals (the backlog, the live stream),
// the shift lead reads back every appeal as the server holds it (who decided what, and when the server applied it).
// Appeal texts come from the demo generator (realistic Russian posts), with ids of their own.
import type { Appeal } from '../../shared/domain/appeal.js';
import { API_PREFIX, IngestResponse, SessionResponse, type IncomingAppeal } from '../../shared/central-api/contract.js';
import { generateDemoAppeals } from '../../server/demo/generate-appeals.js';
import { readAllAppeals } from '../harness/server-read-back.js';

export class CentralClient {
  private readonly tokens = new Map<string, string>();
  constructor(readonly url: string) {}

  async token(login: string): Promise<string> {
    const known = this.tokens.get(login);
    if (known) return known;
    const response = await fetch(`${this.url}${API_PREFIX}/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: login }),
    });
    if (!response.ok) throw new Error(`sign-in as ${login}: HTTP ${response.status}`);
    const token = SessionResponse.parse(await response.json()).token;
    this.tokens.set(login, token);
    return token;
  }

  /** POST /appeals as the connector, in batches the contract allows. */
  async ingest(appeals: readonly IncomingAppeal[]): Promise<number> {
    const token = await this.token('connector');
    let accepted = 0;
    for (let i = 0; i < appeals.length; i += 1000) {
      const response = await fetch(`${this.url}${API_PREFIX}/appeals`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ appeals: appeals.slice(i, i + 1000) }),
      });
      if (!response.ok) throw new Error(`ingest: HTTP ${response.status}: ${await response.text()}`);
      accepted += IngestResponse.parse(await response.json()).accepted;
    }
    return accepted;
  }

  /** Every appeal as the server holds it now (the lead's view through /changes). */
  async allAppeals(): Promise<Map<string, Appeal>> {
    return readAllAppeals(this.url, await this.token('lead'));
  }
}

function incoming(appeal: Appeal, id: string, receivedAt: string): IncomingAppeal {
  return { id, source: appeal.source, channel: appeal.channel, author: appeal.author, text: appeal.text,
    attachments: appeal.attachments, receivedAt };
}

/** A backlog of waiting appeals received over the last 30 days (the demo generator's spread), newest first. */
export function backlogAppeals(count: number, seed: number): IncomingAppeal[] {
  return generateDemoAppeals(count, { now: new Date(), seed }).map((appeal, i) =>
    incoming(appeal, `${appeal.source}-b${seed}-${String(i).padStart(5, '0')}`, appeal.receivedAt));
}

/** New posts for the live stream: texts from the generator, received now (stamped when each is sent). */
export function streamTexts(count: number, seed: number): Appeal[] {
  return generateDemoAppeals(count, { now: new Date(), seed });
}

export function streamAppeal(template: Appeal, index: number, seed: number, at: Date): IncomingAppeal {
  return incoming(template, `${template.source}-s${seed}-${String(index).padStart(5, '0')}`, at.toISOString());
}
