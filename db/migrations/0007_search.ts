import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen in time: this file never imports application code.
// Full-text search over the public record. Each indexed table gets a side index named
// <table>_fts, kept in step by triggers inside the same transaction as every write, so the
// index can never lag behind the record:
// - SQLite: an FTS5 virtual table over the rows (external content);
// - Postgres: a table of weighted tsvectors with a GIN index.
// Drafts, deleted and hidden posts are indexed but filtered out at query time.

interface Indexed {
  table: string;
  columns: string[];
}

const indexed: Indexed[] = [
  { table: "motions", columns: ["title", "summary", "text", "rationale"] },
  { table: "responses", columns: ["summary", "reasons"] },
  { table: "response_actions", columns: ["description", "owner"] },
  { table: "posts", columns: ["body"] },
];

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const { table, columns } of indexed) {
      const fts = `${table}_fts`;
      // Earlier columns weigh more: a word in a motion's title outranks one in its rationale.
      const weights = ["A", "B", "C", "D"];
      const vector = (row: string) =>
        columns
          .map((c, i) => `setweight(to_tsvector('english', coalesce(${row}${c}, '')), '${weights[Math.min(i, 3)]}')`)
          .join(" || ");
      await sql
        .raw(`create table ${fts} (id integer primary key references ${table}(id) on delete cascade, document tsvector not null)`)
        .execute(db);
      await sql.raw(`create index ${fts}_document on ${fts} using gin (document)`).execute(db);
      await sql
        .raw(`create function ${fts}_sync() returns trigger language plpgsql as $$
          begin
            insert into ${fts} (id, document) values (new.id, ${vector("new.")})
            on conflict (id) do update set document = excluded.document;
            return new;
          end $$`)
        .execute(db);
      await sql
        .raw(`create trigger ${fts}_sync after insert or update of ${columns.join(", ")} on ${table}
          for each row execute function ${fts}_sync()`)
        .execute(db);
      // Rows written before this migration.
      await sql.raw(`insert into ${fts} (id, document) select id, ${vector("")} from ${table}`).execute(db);
    }
    return;
  }

  for (const { table, columns } of indexed) {
    const fts = `${table}_fts`;
    const list = columns.join(", ");
    const values = (row: "new" | "old") => columns.map((c) => `${row}.${c}`).join(", ");
    await sql
      .raw(
        `create virtual table ${fts} using fts5(${list}, content='${table}', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')`,
      )
      .execute(db);
    await sql
      .raw(`create trigger ${table}_fts_insert after insert on ${table} begin
        insert into ${fts}(rowid, ${list}) values (new.id, ${values("new")});
      end`)
      .execute(db);
    await sql
      .raw(`create trigger ${table}_fts_delete after delete on ${table} begin
        insert into ${fts}(${fts}, rowid, ${list}) values ('delete', old.id, ${values("old")});
      end`)
      .execute(db);
    await sql
      .raw(`create trigger ${table}_fts_update after update of ${list} on ${table} begin
        insert into ${fts}(${fts}, rowid, ${list}) values ('delete', old.id, ${values("old")});
        insert into ${fts}(rowid, ${list}) values (new.id, ${values("new")});
      end`)
      .execute(db);
    // Rows written before this migration.
    await sql.raw(`insert into ${fts}(${fts}) values ('rebuild')`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const { table } of indexed) {
      await sql.raw(`drop trigger if exists ${table}_fts_sync on ${table}`).execute(db);
      await sql.raw(`drop function if exists ${table}_fts_sync()`).execute(db);
      await sql.raw(`drop table if exists ${table}_fts`).execute(db);
    }
    return;
  }
  for (const { table } of indexed) {
    for (const t of ["insert", "delete", "update"]) await sql.raw(`drop trigger if exists ${table}_fts_${t}`).execute(db);
    await sql.raw(`drop table if exists ${table}_fts`).execute(db);
  }
}
