import type SQLite from "better-sqlite3";

/**
 * Prepared statements kept for reuse, the most recently used 500: Kysely's SQLite driver
 * prepares every query afresh, and IN lists of different lengths make different SQL.
 */
export function statementCache(sqlite: SQLite.Database, size = 500) {
  const statements = new Map<string, SQLite.Statement>();
  return function prepare(text: string): SQLite.Statement {
    let statement = statements.get(text);
    if (statement) {
      statements.delete(text);
    } else {
      statement = sqlite.prepare(text);
      if (statements.size >= size) statements.delete(statements.keys().next().value!);
    }
    statements.set(text, statement);
    return statement;
  };
}
