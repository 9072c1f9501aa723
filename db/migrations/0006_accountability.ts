import { type Kysely, PostgresAdapter } from "kysely";

// Frozen in time: this file never imports application code.
// Accountability: holding replies, actions with dated progress, members' verdicts on a
// response, follows and notifications, and the reminders already sent to commissioners.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const serial = pg ? "serial" : "integer";
  const autoIncrement = <T extends { primaryKey(): T; autoIncrement(): T }>(c: T) =>
    pg ? c.primaryKey() : c.primaryKey().autoIncrement();

  await db.schema.alterTable("motions").addColumn("closed_at", "bigint").execute();
  await db.schema.alterTable("motions").addColumn("closed_reason", "text").execute();
  await db.schema.alterTable("ballots").addColumn("response_id", "integer", (c) => c.references("responses.id")).execute();
  // The deadline a response was measured against when it was published (on time or late).
  await db.schema.alterTable("responses").addColumn("due_at", "bigint").execute();

  await db.schema
    .createTable("holding_replies")
    .addColumn("id", serial, autoIncrement)
    .addColumn("motion_id", "integer", (c) => c.notNull().references("motions.id"))
    .addColumn("body_id", "integer", (c) => c.notNull().references("bodies.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("expected_at", "bigint", (c) => c.notNull())
    .addColumn("published_at", "bigint", (c) => c.notNull())
    .addColumn("published_by", "text", (c) => c.notNull().references("users.id"))
    .execute();
  await db.schema.createIndex("holding_replies_motion").on("holding_replies").column("motion_id").execute();

  await db.schema
    .createTable("response_actions")
    .addColumn("id", serial, autoIncrement)
    .addColumn("motion_id", "integer", (c) => c.notNull().references("motions.id"))
    .addColumn("response_id", "integer", (c) => c.notNull().references("responses.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("due_at", "bigint", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("progress", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("drop_reason", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("response_actions_motion").on("response_actions").column("motion_id").execute();
  await db.schema.createIndex("response_actions_due").on("response_actions").columns(["status", "due_at"]).execute();

  await db.schema
    .createTable("action_updates")
    .addColumn("id", serial, autoIncrement)
    .addColumn("action_id", "integer", (c) => c.notNull().references("response_actions.id"))
    .addColumn("author_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("at", "bigint", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("progress", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("action_updates_action").on("action_updates").column("action_id").execute();

  // Members asking for a verdict ballot on a response: once each, counted by the primary key.
  await db.schema
    .createTable("verdict_requests")
    .addColumn("response_id", "integer", (c) => c.notNull().references("responses.id"))
    .addColumn("member_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("verdict_requests_pk", ["response_id", "member_id"])
    .execute();

  await db.schema
    .createTable("follows")
    .addColumn("motion_id", "integer", (c) => c.notNull().references("motions.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("follows_pk", ["motion_id", "user_id"])
    .execute();
  await db.schema.createIndex("follows_user").on("follows").column("user_id").execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", serial, autoIncrement)
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("motion_id", "integer", (c) => c.references("motions.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("read_at", "bigint")
    .execute();
  await db.schema.createIndex("notifications_user").on("notifications").columns(["user_id", "read_at", "id"]).execute();

  // A reminder is sent once per motion, kind and due date (a revision starts a new clock).
  await db.schema
    .createTable("response_reminders")
    .addColumn("motion_id", "integer", (c) => c.notNull().references("motions.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("due_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("response_reminders_pk", ["motion_id", "kind", "due_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "response_reminders",
    "notifications",
    "follows",
    "verdict_requests",
    "action_updates",
    "response_actions",
    "holding_replies",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("responses").dropColumn("due_at").execute();
  await db.schema.alterTable("ballots").dropColumn("response_id").execute();
  await db.schema.alterTable("motions").dropColumn("closed_reason").execute();
  await db.schema.alterTable("motions").dropColumn("closed_at").execute();
}
