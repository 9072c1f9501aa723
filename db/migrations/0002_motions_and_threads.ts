import { type Kysely, PostgresAdapter } from "kysely";

// Frozen in time: this file never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const serial = pg ? "serial" : "integer";
  const autoIncrement = <T extends { primaryKey(): T; autoIncrement(): T }>(c: T) =>
    pg ? c.primaryKey() : c.primaryKey().autoIncrement();

  await db.schema
    .createTable("motion_counters")
    .addColumn("year", "integer", (c) => c.primaryKey())
    .addColumn("last", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("motions")
    .addColumn("id", serial, autoIncrement)
    .addColumn("number", "text", (c) => c.unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("rationale", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("body_id", "integer", (c) => c.notNull().references("bodies.id"))
    .addColumn("proposer_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("response_status", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("seconders_required", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("published_at", "bigint")
    .addColumn("lapses_at", "bigint")
    .addColumn("seconded_at", "bigint")
    .addColumn("decided_at", "bigint")
    .addColumn("withdrawn_at", "bigint")
    .addColumn("withdrawal_reason", "text")
    .addColumn("response_due_at", "bigint")
    .execute();
  await db.schema.createIndex("motions_status").on("motions").columns(["status", "published_at"]).execute();
  await db.schema.createIndex("motions_body").on("motions").columns(["body_id", "published_at"]).execute();
  await db.schema.createIndex("motions_proposer").on("motions").column("proposer_id").execute();

  await db.schema
    .createTable("motion_versions")
    .addColumn("id", serial, autoIncrement)
    .addColumn("motion_id", "integer", (c) => c.notNull().references("motions.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("rationale", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addUniqueConstraint("motion_versions_once", ["motion_id", "version"])
    .execute();

  await db.schema
    .createTable("motion_topics")
    .addColumn("motion_id", "integer", (c) => c.notNull().references("motions.id").onDelete("cascade"))
    .addColumn("topic", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("motion_topics_pk", ["motion_id", "topic"])
    .execute();
  await db.schema.createIndex("motion_topics_topic").on("motion_topics").column("topic").execute();

  // One member seconds a motion at most once: the primary key says so, not the UI.
  await db.schema
    .createTable("seconds")
    .addColumn("motion_id", "integer", (c) => c.notNull().references("motions.id").onDelete("cascade"))
    .addColumn("member_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("seconds_pk", ["motion_id", "member_id"])
    .execute();

  await db.schema
    .createTable("posts")
    .addColumn("id", serial, autoIncrement)
    .addColumn("motion_id", "integer", (c) => c.notNull().references("motions.id").onDelete("cascade"))
    .addColumn("parent_id", "integer", (c) => c.references("posts.id"))
    .addColumn("depth", "integer", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("stance", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("edited_at", "bigint")
    .addColumn("deleted_at", "bigint")
    .addColumn("hidden_at", "bigint")
    .addColumn("hidden_by", "text", (c) => c.references("users.id"))
    .addColumn("hidden_reason", "text")
    .execute();
  await db.schema.createIndex("posts_motion").on("posts").columns(["motion_id", "id"]).execute();

  await db.schema
    .createTable("post_revisions")
    .addColumn("id", serial, autoIncrement)
    .addColumn("post_id", "integer", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("stance", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("replaced_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("post_revisions_post").on("post_revisions").column("post_id").execute();

  await db.schema
    .createTable("post_reports")
    .addColumn("id", serial, autoIncrement)
    .addColumn("post_id", "integer", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("reporter_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("resolved_at", "bigint")
    .addColumn("resolved_by", "text", (c) => c.references("users.id"))
    .addUniqueConstraint("post_reports_once", ["post_id", "reporter_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "post_reports",
    "post_revisions",
    "posts",
    "seconds",
    "motion_topics",
    "motion_versions",
    "motions",
    "motion_counters",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
