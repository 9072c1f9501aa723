// The connection factory: one SQLite file by default, Postgres when the URL says postgres://.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { readPool } from "./read-pool";
import type { Database } from "./schema";
import { statementCache } from "./statements";

export type DialectName = "sqlite" | "postgres";

export interface DatabaseHandle {
  db: Kysely<Database>;
  /**
   * For long reads (searches, figures over the whole record): on a SQLite file, threads of
   * their own beside the event loop (db/read-pool.ts), started on first use; otherwise `db`.
   */
  reads: Kysely<Database>;
  dialect: DialectName;
  /** where the data lives, without any password: shown in logs */
  description: string;
  close(): Promise<void>;
}

// int8 (bigint) columns hold epoch milliseconds, which fit a JS number exactly.
pg.types.setTypeParser(20, Number);

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** `file:./data/parliament.db`, a plain path, or `:memory:` */
export function sqlitePath(url: string): string {
  return url.startsWith("file:") ? url.slice("file:".length) : url;
}

/** Threads in the read pool unless told otherwise: one per core, up to 4. */
export const defaultReadThreads = Math.min(os.availableParallelism(), 4);

export interface ConnectOptions {
  /** SQLite: threads in the read pool; 0 runs long reads on the main connection */
  readThreads?: number;
}

export function connect(url: string, { readThreads = defaultReadThreads }: ConnectOptions = {}): DatabaseHandle {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection the server closed (a restart, a failover) emits here; the pool has
    // already dropped it and the next query opens a new one, so there is nothing else to do.
    pool.on("error", () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const where = new URL(url);
    return {
      db,
      reads: db,
      dialect: "postgres",
      description: `postgres ${where.hostname}:${where.port || 5432}${where.pathname}`,
      close: () => db.destroy(),
    };
  }

  const file = sqlitePath(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers carry on while one writer commits; the busy timeout makes a second
  // process wait for the lock instead of failing at once.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const database = { prepare: statementCache(sqlite), close: () => sqlite.close() };
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  // A database in memory belongs to its one connection, so it has no readers beside it.
  const reads = file === ":memory:" || readThreads === 0 ? db : readPool(file, readThreads);
  return {
    db,
    reads,
    dialect: "sqlite",
    description: `sqlite ${file}`,
    close: async () => {
      if (reads !== db) await reads.destroy();
      await db.destroy();
    },
  };
}

/** A unique or primary-key constraint refused the write, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === "23505" ||
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}
