// The shape of one schema migration: version N takes a database at N-1 to N.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
