import { type Kysely, PostgresAdapter } from "kysely";

// Frozen in time: this file never imports application code.
// Live sittings: an agenda of motions, a speakers queue per item, presence, and live ballots.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const serial = pg ? "serial" : "integer";
  const autoIncrement = <T extends { primaryKey(): T; autoIncrement(): T }>(c: T) =>
    pg ? c.primaryKey() : c.primaryKey().autoIncrement();

  await db.schema
    .createTable("sittings")
    .addColumn("id", serial, autoIncrement)
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("starts_at", "bigint", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("online_link", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("speaking_seconds", "integer")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("opened_at", "bigint")
    .addColumn("closed_at", "bigint")
    .addColumn("gallery_peak", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("sittings_starts").on("sittings").columns(["status", "starts_at"]).execute();

  await db.schema
    .createTable("agenda_items")
    .addColumn("id", serial, autoIncrement)
    .addColumn("sitting_id", "integer", (c) => c.notNull().references("sittings.id"))
    .addColumn("motion_id", "integer", (c) => c.notNull().references("motions.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("started_at", "bigint")
    .addColumn("ended_at", "bigint")
    .addUniqueConstraint("agenda_items_once", ["sitting_id", "motion_id"])
    .execute();
  await db.schema.createIndex("agenda_items_motion").on("agenda_items").column("motion_id").execute();

  await db.schema
    .createTable("speaker_requests")
    .addColumn("id", serial, autoIncrement)
    .addColumn("item_id", "integer", (c) => c.notNull().references("agenda_items.id"))
    .addColumn("member_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("requested_at", "bigint", (c) => c.notNull())
    .addColumn("called_at", "bigint")
    .addColumn("ended_at", "bigint")
    .execute();
  await db.schema.createIndex("speaker_requests_item").on("speaker_requests").columns(["item_id", "status"]).execute();

  // Who is in the room. A member is present while a socket is connected, or for a grace
  // period after the last page view or disconnection.
  await db.schema
    .createTable("sitting_presence")
    .addColumn("sitting_id", "integer", (c) => c.notNull().references("sittings.id"))
    .addColumn("member_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("first_seen_at", "bigint", (c) => c.notNull())
    .addColumn("last_seen_at", "bigint", (c) => c.notNull())
    .addColumn("last_via", "text", (c) => c.notNull())
    .addColumn("connections", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("sitting_presence_pk", ["sitting_id", "member_id"])
    .execute();

  await db.schema.alterTable("ballots").addColumn("sitting_id", "integer", (c) => c.references("sittings.id")).execute();
  await db.schema.alterTable("ballots").addColumn("agenda_item_id", "integer", (c) => c.references("agenda_items.id")).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("ballots").dropColumn("agenda_item_id").execute();
  await db.schema.alterTable("ballots").dropColumn("sitting_id").execute();
  for (const table of ["sitting_presence", "speaker_requests", "agenda_items", "sittings"]) {
    await db.schema.dropTable(table).execute();
  }
}
