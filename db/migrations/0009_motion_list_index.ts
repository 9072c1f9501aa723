import type { Kysely } from "kysely";

// Frozen in time: this file never imports application code.
// The motions list pages through every public motion, newest first. An index holding the order
// (published_at, id) and the status lets a deep page skip its thousands of earlier rows inside
// the index, without reading each motion to see whether it is a draft (measured with
// npm run bench:record: page 2,500 of 5,000 took 57 ms through the table).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("motions_list_order").ifNotExists().on("motions").columns(["published_at", "id", "status"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("motions_list_order").ifExists().execute();
}
