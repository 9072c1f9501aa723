import type { Kysely } from "kysely";

// Frozen in time: this file never imports application code.
// The accountability page counts every body's motions, responses and actions on each request.
// These indexes hold the columns those counts read, so they are answered from the indexes and
// not from the motions themselves, whose rows carry their whole text (at 100,000 motions the
// counts took 600 ms through the tables and about 100 ms this way; npm run bench:record's record).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("motions_accountability")
    .ifNotExists()
    .on("motions")
    .columns(["body_id", "status", "response_status", "response_due_at", "decided_at"])
    .execute();
  await db.schema.createIndex("response_actions_progress").ifNotExists().on("response_actions").columns(["motion_id", "status", "due_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ["response_actions_progress", "motions_accountability"]) await db.schema.dropIndex(name).ifExists().execute();
}
