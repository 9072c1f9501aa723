import { type Kysely, PostgresAdapter } from "kysely";

// Frozen in time: this file never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const serial = pg ? "serial" : "integer";
  const autoIncrement = <T extends { primaryKey(): T; autoIncrement(): T }>(c: T) =>
    pg ? c.primaryKey() : c.primaryKey().autoIncrement();

  await db.schema
    .createTable("ballots")
    .addColumn("id", serial, autoIncrement)
    .addColumn("motion_id", "integer", (c) => c.notNull().references("motions.id"))
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("opened_at", "bigint", (c) => c.notNull())
    .addColumn("opened_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("closes_at", "bigint")
    .addColumn("closed_at", "bigint")
    .addColumn("closed_by", "text", (c) => c.references("users.id"))
    .addColumn("return_status", "text", (c) => c.notNull())
    .addColumn("eligible_count", "integer", (c) => c.notNull())
    .addColumn("quorum", "integer", (c) => c.notNull())
    .addColumn("count_for", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("count_against", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("count_abstain", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("outcome", "text")
    .execute();
  await db.schema.createIndex("ballots_motion").on("ballots").column("motion_id").execute();
  await db.schema.createIndex("ballots_due").on("ballots").columns(["status", "closes_at"]).execute();

  // One member, one vote: both primary keys enforce it whatever the client does.
  await db.schema
    .createTable("recorded_votes")
    .addColumn("ballot_id", "integer", (c) => c.notNull().references("ballots.id"))
    .addColumn("member_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("choice", "text", (c) => c.notNull())
    .addColumn("cast_at", "bigint", (c) => c.notNull())
    .addColumn("changed_at", "bigint")
    .addPrimaryKeyConstraint("recorded_votes_pk", ["ballot_id", "member_id"])
    .execute();

  // Deliberately no time and no choice: nothing here can be joined to how anyone voted.
  await db.schema
    .createTable("secret_voters")
    .addColumn("ballot_id", "integer", (c) => c.notNull().references("ballots.id"))
    .addColumn("member_id", "text", (c) => c.notNull().references("users.id"))
    .addPrimaryKeyConstraint("secret_voters_pk", ["ballot_id", "member_id"])
    .execute();

  await db.schema
    .createTable("responses")
    .addColumn("id", serial, autoIncrement)
    .addColumn("motion_id", "integer", (c) => c.notNull().references("motions.id"))
    .addColumn("body_id", "integer", (c) => c.notNull().references("bodies.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("position", "text", (c) => c.notNull())
    .addColumn("reasons", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("published_at", "bigint", (c) => c.notNull())
    .addColumn("published_by", "text", (c) => c.notNull().references("users.id"))
    .addUniqueConstraint("responses_version_once", ["motion_id", "version"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["responses", "secret_voters", "recorded_votes", "ballots"]) {
    await db.schema.dropTable(table).execute();
  }
}
