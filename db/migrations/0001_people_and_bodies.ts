import { type Kysely, PostgresAdapter } from "kysely";

// Frozen in time: this file never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const serial = pg ? "serial" : "integer";
  const autoIncrement = <T extends { primaryKey(): T; autoIncrement(): T }>(c: T) =>
    pg ? c.primaryKey() : c.primaryKey().autoIncrement();

  await db.schema
    .createTable("bodies")
    .addColumn("id", serial, autoIncrement)
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("response_period_days", "integer", (c) => c.notNull().defaultTo(56))
    .addColumn("contact", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("display_name_key", "text", (c) => c.notNull().unique())
    .addColumn("email", "text", (c) => c.unique())
    .addColumn("password_hash", "text")
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("body_id", "integer", (c) => c.references("bodies.id"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("invitations")
    .addColumn("id", serial, autoIncrement)
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("body_id", "integer", (c) => c.references("bodies.id"))
    .addColumn("label", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.references("users.id")) // null: made from the command line
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("used_at", "bigint")
    .addColumn("used_by", "text", (c) => c.references("users.id"))
    .addColumn("revoked_at", "bigint")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["invitations", "sessions", "users", "bodies"]) {
    await db.schema.dropTable(table).execute();
  }
}
