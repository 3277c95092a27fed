// Schema version 8 (issue 12): the search index holds text in Unicode NFC. Before, decomposed text («й» as «и» +
// U+0306) was indexed as written and never matched a normally typed query; the folding now normalises
// (foldForSearch), and this re-indexes what caches filled earlier already hold. The schema itself is unchanged.
import { reindexSearch } from '../search-index.js';
import type { Migration } from './migration.js';

export const migration008: Migration = {
  version: 8,
  name: 'search-nfc',
  sql: '',
  data: (db) => reindexSearch(db),
};
