// Full-text search over every cached appeal (FTS5, migration 003) with filters: words ranked by BM25 (text
// counts most, then author, then channel), newest first among equals; filters alone list newest first. Words
// that find nothing are tried once more as typed on the other keyboard layout («ghbdtn» → «привет»).
import { MAX_SEARCH_IDS, type SearchQuery, type SearchResult } from '../../../shared/search/search-query.js';
import { ftsExpression, searchPrefix, searchTerms } from '../../../shared/search/search-fold.js';
import { stemOf } from '../routing/russian-text.js';
import { DEFAULT_UTC_OFFSET_MINUTES, periodBoundsMs } from '../../../shared/domain/day-bounds.js';
import type { Target } from '../../../shared/domain/target.js';
import { otherLayoutReading } from '../../../shared/text/keyboard-layout.js';
import type { CacheDb } from './open-cache.js';

/** How a search runs besides the query: its «now» (overdue), a cap on ids, and the centre's offset for the days. */
export interface SearchOptions {
  nowMs?: number;
  limit?: number;
  /** The working calendar's offset (shared/domain/day-bounds.ts); the days «с»/«по» are the centre's days. */
  utcOffsetMinutes?: number;
}

// BM25 weights per column (body, author, channel): a word in the text matters more than the same word in a name.
const RANK = 'bm25(search_fts, 1.0, 0.6, 0.3)';

export class SearchStore {
  private readonly db: CacheDb;
  private readonly statements = new Map<string, ReturnType<CacheDb['prepare']>>();

  constructor(db: CacheDb) {
    this.db = db;
  }

  /**
   * The index's own words from `prefix` (FTS5's vocabulary, a temp table of this connection): a short stem is matched
   * with the forms the index holds, not every ending (shared/search/search-fold.ts). Bounded: a stem is 3–5 letters.
   */
  private vocabReady = false;
  private readonly indexTermsFrom = (prefix: string): readonly string[] => {
    if (!this.vocabReady) {
      this.db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, search_fts, 'row')");
      this.vocabReady = true;
    }
    return (this.prepared('SELECT term FROM temp.search_vocab WHERE term >= @lo AND term < @hi LIMIT 2000')
      .all({ lo: prefix, hi: `${prefix}\uffff` }) as { term: string }[]).map((row) => row.term);
  };

  private prepared(sql: string): ReturnType<CacheDb['prepare']> {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /** The filters as SQL over `a` (appeals) with named parameters. */
  private filters(query: SearchQuery, targets: readonly Target[], nowMs: number, utcOffsetMinutes: number):
  { where: string[]; params: Record<string, unknown> } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    const list = (name: string, values: readonly string[]): string =>
      values.map((value, i) => { params[`${name}${i}`] = value; return `@${name}${i}`; }).join(', ');
    if (query.sources.length > 0) where.push(`a.source IN (${list('src', query.sources)})`);
    if (query.statuses.length > 0) where.push(`a.local_status IN (${list('st', query.statuses)})`);
    if (query.targetId !== null) {
      where.push('a.local_target_id = @target');
      params.target = query.targetId;
    }
    if (query.municipalityId !== null) {
      // Until appeals carry their place: routed to the municipality, or written on its administration's page.
      const municipality = targets.find((t) => t.id === query.municipalityId);
      where.push('(a.local_target_id = @muni OR a.channel_name = @muniName)');
      params.muni = query.municipalityId;
      params.muniName = municipality?.name ?? '';
    }
    const { fromMs, toMs } = periodBoundsMs(query.fromDay, query.toDay, utcOffsetMinutes);
    if (fromMs !== null) {
      where.push('a.received_ms >= @fromMs');
      params.fromMs = fromMs;
    }
    if (toMs !== null) {
      where.push('a.received_ms < @toMs');
      params.toMs = toMs;
    }
    if (query.overdue) {
      // route_due_ms: migration 006; appeals whose deadline is not filled yet (NULL) are not overdue.
      where.push(`a.local_status = 'new' AND a.route_due_ms < @nowMs`);
      params.nowMs = nowMs;
    }
    return { where, params };
  }

  /**
   * The query's results; when its words find nothing, the results of their other-layout reading, if that finds
   * anything, with `usedText` saying so. (The typed text found nothing, so «typed OR other reading» is the other
   * reading alone.)
   */
  search(query: SearchQuery, targets: readonly Target[], options: SearchOptions = {}): SearchResult {
    const typed = this.searchText(query, targets, options);
    if (typed.total > 0 || typed.terms.length === 0) return typed;
    const reading = otherLayoutReading(query.text);
    if (reading === null || ftsExpression(reading, stemOf, this.indexTermsFrom) === null) return typed;
    const other = this.searchText({ ...query, text: reading }, targets, options);
    return other.total > 0 ? { ...other, usedText: reading } : typed;
  }

  private searchText(query: SearchQuery, targets: readonly Target[], options: SearchOptions): SearchResult {
    const { nowMs = Date.now(), limit = MAX_SEARCH_IDS, utcOffsetMinutes = DEFAULT_UTC_OFFSET_MINUTES } = options;
    const { where, params } = this.filters(query, targets, nowMs, utcOffsetMinutes);
    const match = ftsExpression(query.text, stemOf, this.indexTermsFrom);
    // What the grid marks: the start each word's forms share, so «школе» is marked for «школа».
    const terms = searchTerms(query.text).map((term) => searchPrefix(term, stemOf));
    const filterSql = where.length > 0 ? ` AND ${where.join(' AND ')}` : '';
    params.limit = limit;
    let ids: string[];
    let countSql: string;
    if (match === null) {
      const base = `FROM appeals a WHERE 1 = 1${filterSql}`;
      ids = (this.prepared(`SELECT a.id ${base} ORDER BY a.received_ms DESC, a.id LIMIT @limit`).all(params) as { id: string }[])
        .map((row) => row.id);
      countSql = `SELECT count(*) AS n ${base}`;
    } else {
      params.match = match;
      if (where.length === 0) {
        // Words only: rank and cut inside FTS5, then look up ids for the top rows only — joining every hit to
        // appeals before sorting cost ~10x on a broad prefix («дорог» over 100,000 appeals).
        ids = (this.prepared(`SELECT d.appeal_id AS id FROM (SELECT rowid, ${RANK} AS score FROM search_fts
            WHERE search_fts MATCH @match ORDER BY score LIMIT @limit) f JOIN search_docs d ON d.doc_id = f.rowid
          ORDER BY f.score`).all(params) as { id: string }[]).map((row) => row.id);
        countSql = 'SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH @match';
      } else {
        const base = `FROM search_fts JOIN search_docs d ON d.doc_id = search_fts.rowid JOIN appeals a ON a.id = d.appeal_id
          WHERE search_fts MATCH @match${filterSql}`;
        ids = (this.prepared(`SELECT a.id ${base} ORDER BY ${RANK}, a.received_ms DESC, a.id LIMIT @limit`).all(params) as { id: string }[])
          .map((row) => row.id);
        countSql = `SELECT count(*) AS n ${base}`;
      }
    }
    const total = ids.length < limit ? ids.length : (this.prepared(countSql).get(params) as { n: number }).n;
    return { ids, total, terms };
  }
}
