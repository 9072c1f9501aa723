import type { Kysely } from "kysely";

// Frozen in time: this file never imports application code.
// The public audit page filters the log by kind of entry, by kind of subject and by dates, and
// shows the newest fifty that match. Without an index for each, a filter walked the whole log
// from its newest entry until fifty matched: 0.5 to 0.7 s at 3.2 million entries for a rare
// kind or a year long ago (npm run bench:record's record), with the server able to do nothing
// else meanwhile. Each index keeps seq, so a kind's entries come out newest first; a date range
// becomes a range of seq with two probes of the time index (server/queries/audit-log.ts).
// The price is paid by every append, a vote's included: 58 µs instead of 38 at 3.2 million
// entries, against about 600 µs of server time for a whole vote.
const indexes = [
  { name: "audit_log_type", columns: ["type", "seq"] },
  { name: "audit_log_subject_type", columns: ["subject_type", "seq"] },
  { name: "audit_log_at", columns: ["at", "seq"] },
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const { name, columns } of indexes) await db.schema.createIndex(name).ifNotExists().on("audit_log").columns(columns).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { name } of indexes) await db.schema.dropIndex(name).ifExists().execute();
}
