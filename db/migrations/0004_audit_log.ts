import type { Kysely } from "kysely";

// Frozen in time: this file never imports application code.
// The audit log is append-only: the application never updates or deletes its rows, and each
// row's hash covers the previous row's hash, so any later edit breaks the chain.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("audit_log")
    .addColumn("seq", "integer", (c) => c.primaryKey())
    .addColumn("at", "bigint", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("motion_id", "integer")
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull().unique())
    .execute();
  await db.schema.createIndex("audit_log_motion").on("audit_log").columns(["motion_id", "seq"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_log").execute();
}
