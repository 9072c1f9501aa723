import { type Kysely, type Migration, Migrator } from "kysely";
import * as m0001 from "./migrations/0001_people_and_bodies";
import * as m0002 from "./migrations/0002_motions_and_threads";
import * as m0003 from "./migrations/0003_ballots_and_responses";
import * as m0004 from "./migrations/0004_audit_log";
import * as m0005 from "./migrations/0005_sittings";
import * as m0006 from "./migrations/0006_accountability";
import * as m0007 from "./migrations/0007_search";
import * as m0008 from "./migrations/0008_record_indexes";
import * as m0009 from "./migrations/0009_motion_list_index";
import * as m0010 from "./migrations/0010_audit_timeline_index";
import * as m0011 from "./migrations/0011_decided_order_index";
import * as m0012 from "./migrations/0012_accountability_indexes";
import * as m0013 from "./migrations/0013_feed_indexes";
import * as m0014 from "./migrations/0014_audit_filter_indexes";

// Listed here rather than read from disk, so the same code runs under tsx, Vitest and a bundle.
const migrations: Record<string, Migration> = {
  "0001_people_and_bodies": m0001,
  "0002_motions_and_threads": m0002,
  "0003_ballots_and_responses": m0003,
  "0004_audit_log": m0004,
  "0005_sittings": m0005,
  "0006_accountability": m0006,
  "0007_search": m0007,
  "0008_record_indexes": m0008,
  "0009_motion_list_index": m0009,
  "0010_audit_timeline_index": m0010,
  "0011_decided_order_index": m0011,
  "0012_accountability_indexes": m0012,
  "0013_feed_indexes": m0013,
  "0014_audit_filter_indexes": m0014,
};

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(
      `Database migration ${failed?.migrationName ?? ""} failed: ${(error as Error)?.message ?? error}`,
    );
  }
}
