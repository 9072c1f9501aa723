import type { Kysely } from "kysely";

// Frozen in time: this file never imports application code.
// Indexes the public record needs at 100,000 motions (measured with npm run bench:record):
// the motions list in publication order and its counts, the response clock, and a response's
// verdict ballot.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("motions_published").ifNotExists().on("motions").column("published_at").execute();
  await db.schema.createIndex("motions_body_status").ifNotExists().on("motions").columns(["body_id", "status"]).execute();
  await db.schema.createIndex("motions_response").ifNotExists().on("motions").columns(["response_status", "response_due_at"]).execute();
  await db.schema.createIndex("ballots_response").ifNotExists().on("ballots").column("response_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ["ballots_response", "motions_response", "motions_body_status", "motions_published"]) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
}
