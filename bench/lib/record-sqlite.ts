// Bulk loading into SQLite, bypassing the services (which audit and check every row one at a
// time): prepared statements in large transactions, with secondary indexes and the search
// triggers set aside while loading and put back afterwards exactly as the migrations made
// them. The full-text indexes are then built in one pass each ('rebuild').
import SQLite from "better-sqlite3";

/** Each table's columns, in the order rows are given. */
export const columns = {
  bodies: ["id", "slug", "name", "description", "response_period_days", "contact", "created_at"],
  users: ["id", "display_name", "display_name_key", "email", "password_hash", "role", "body_id", "status", "created_at"],
  invitations: ["id", "token_hash", "role", "body_id", "label", "created_by", "created_at", "expires_at", "used_at", "used_by", "revoked_at"],
  motions: [
    "id", "number", "title", "text", "rationale", "summary", "body_id", "proposer_id", "status", "response_status", "version",
    "seconders_required", "created_at", "updated_at", "published_at", "lapses_at", "seconded_at", "decided_at", "withdrawn_at",
    "withdrawal_reason", "response_due_at", "closed_at", "closed_reason",
  ],
  motion_versions: ["motion_id", "version", "title", "text", "rationale", "summary", "created_at"],
  motion_topics: ["motion_id", "topic"],
  motion_counters: ["year", "last"],
  seconds: ["motion_id", "member_id", "created_at"],
  posts: ["id", "motion_id", "parent_id", "depth", "author_id", "stance", "body", "created_at", "edited_at", "deleted_at", "hidden_at", "hidden_by", "hidden_reason"],
  post_revisions: ["post_id", "stance", "body", "replaced_at"],
  post_reports: ["post_id", "reporter_id", "reason", "created_at", "resolved_at", "resolved_by"],
  ballots: [
    "id", "motion_id", "purpose", "question", "kind", "rule", "mode", "status", "opened_at", "opened_by", "closes_at", "closed_at",
    "closed_by", "return_status", "eligible_count", "quorum", "count_for", "count_against", "count_abstain", "outcome", "sitting_id",
    "agenda_item_id", "response_id",
  ],
  recorded_votes: ["ballot_id", "member_id", "choice", "cast_at", "changed_at"],
  secret_voters: ["ballot_id", "member_id"],
  responses: ["id", "motion_id", "body_id", "version", "position", "reasons", "summary", "published_at", "published_by", "due_at"],
  holding_replies: ["motion_id", "body_id", "reason", "expected_at", "published_at", "published_by"],
  response_actions: ["id", "motion_id", "response_id", "position", "description", "owner", "due_at", "status", "progress", "drop_reason", "created_at", "updated_at"],
  action_updates: ["action_id", "author_id", "at", "note", "status", "progress"],
  verdict_requests: ["response_id", "member_id", "created_at"],
  response_reminders: ["motion_id", "kind", "due_at"],
  sittings: ["id", "title", "starts_at", "place", "online_link", "status", "speaking_seconds", "created_by", "created_at", "opened_at", "closed_at", "gallery_peak"],
  agenda_items: ["id", "sitting_id", "motion_id", "position", "status", "started_at", "ended_at"],
  audit_log: ["seq", "at", "actor_id", "type", "subject_type", "subject_id", "motion_id", "payload", "prev_hash", "hash"],
} as const;

export type Table = keyof typeof columns;
export type Value = string | number | null;

const COMMIT_EVERY = 200_000;

export class BulkWriter {
  readonly db: SQLite.Database;
  private readonly statements = new Map<Table, SQLite.Statement>();
  private pending = 0;
  readonly counts: Partial<Record<Table, number>> = {};
  private savedIndexes: { name: string; sql: string }[] = [];
  private savedTriggers: { name: string; sql: string }[] = [];

  constructor(file: string) {
    this.db = new SQLite(file);
    // Loading only: nothing else has the file open, and a crash just means generating again.
    this.db.pragma("journal_mode = OFF");
    this.db.pragma("synchronous = OFF");
    this.db.pragma("foreign_keys = OFF");
    this.db.pragma("locking_mode = EXCLUSIVE");
    this.db.pragma("temp_store = MEMORY");
    this.db.pragma("cache_size = -1000000");
  }

  /** Secondary indexes and the search triggers go aside until `finish`. */
  setAside() {
    this.savedIndexes = this.db.prepare("select name, sql from sqlite_master where type = 'index' and sql is not null").all() as { name: string; sql: string }[];
    this.savedTriggers = this.db.prepare("select name, sql from sqlite_master where type = 'trigger'").all() as { name: string; sql: string }[];
    for (const { name } of this.savedTriggers) this.db.exec(`drop trigger "${name}"`);
    for (const { name } of this.savedIndexes) this.db.exec(`drop index "${name}"`);
    this.db.exec("begin");
  }

  insert(table: Table, row: Value[]) {
    let statement = this.statements.get(table);
    if (!statement) {
      const list = columns[table];
      statement = this.db.prepare(`insert into ${table} (${list.join(", ")}) values (${list.map(() => "?").join(", ")})`);
      this.statements.set(table, statement);
    }
    statement.run(row);
    this.counts[table] = (this.counts[table] ?? 0) + 1;
    if (++this.pending >= COMMIT_EVERY) {
      this.db.exec("commit; begin");
      this.pending = 0;
    }
  }

  commit() {
    this.db.exec("commit");
  }

  /** Put back the indexes, build the search indexes, then the triggers. */
  *finish(): Generator<{ step: string; seconds: number }> {
    for (const { name, sql } of this.savedIndexes) {
      const t = performance.now();
      this.db.exec(sql);
      yield { step: `index ${name}`, seconds: (performance.now() - t) / 1000 };
    }
    const ftsTables = (this.db.prepare("select name from sqlite_master where type = 'table' and name like '%\\_fts' escape '\\' and sql like 'create virtual table%'").all() as { name: string }[]).map((r) => r.name);
    for (const fts of ftsTables) {
      const t = performance.now();
      this.db.exec(`insert into ${fts}(${fts}) values ('rebuild')`);
      yield { step: `search index ${fts}`, seconds: (performance.now() - t) / 1000 };
    }
    for (const { sql } of this.savedTriggers) this.db.exec(sql);
    const triggers = this.db.prepare("select count(*) as n from sqlite_master where type = 'trigger'").get() as { n: number };
    if (triggers.n !== this.savedTriggers.length) throw new Error(`expected ${this.savedTriggers.length} triggers after loading, found ${triggers.n}`);
  }

  /** Every foreign key holds (a consistency check of the generator itself). */
  foreignKeyViolations(): number {
    return (this.db.prepare("pragma foreign_key_check").all() as unknown[]).length;
  }

  /** How many steps `finish` yields: one per index and per full-text index. */
  finishSteps(): number {
    const fts = this.db.prepare("select count(*) as n from sqlite_master where type = 'table' and name like '%\\_fts' escape '\\' and sql like 'create virtual table%'").get() as { n: number };
    return this.savedIndexes.length + fts.n;
  }

  triggerNames(): string[] {
    return this.savedTriggers.map((t) => t.name);
  }

  close() {
    this.db.pragma("locking_mode = NORMAL");
    this.db.pragma("journal_mode = WAL");
    this.db.close();
  }
}
