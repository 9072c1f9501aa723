// The append-only, hash-chained audit log. Every decision-relevant write appends its entry in
// the same transaction, so the record and the log can never disagree.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { AuditEntry, Database } from "../../db/schema";
import { canonicalJson } from "../domain/canonical-json";
import type { Tx } from "./deps";

export const GENESIS_HASH = "0".repeat(64);

export interface NewAuditEntry {
  type: string;
  actorId: string | null;
  subjectType: string;
  subjectId: string | number;
  motionId?: number | null;
  /** public data only: never an email, a password, or a secret ballot choice */
  payload?: Record<string, unknown>;
}

type HashedFields = Omit<AuditEntry, "hash" | "prev_hash">;

/** SHA-256 over the previous hash and the canonical JSON of the entry (payload parsed). */
export function hashEntry(prevHash: string, entry: HashedFields): string {
  const canonical = canonicalJson({
    seq: entry.seq,
    at: entry.at,
    actor_id: entry.actor_id,
    type: entry.type,
    subject_type: entry.subject_type,
    subject_id: entry.subject_id,
    motion_id: entry.motion_id,
    payload: JSON.parse(entry.payload),
  });
  return createHash("sha256").update(prevHash).update(canonical).digest("hex");
}

export async function appendAudit(trx: Tx, at: number, entry: NewAuditEntry): Promise<AuditEntry> {
  const last = await trx
    .selectFrom("audit_log")
    .select(["seq", "hash", "at"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  const fields: HashedFields = {
    seq: (last?.seq ?? 0) + 1,
    // Time never runs back along the log (a write that read the clock just before another, or
    // a clock set back, takes the time of the entry before), so a span of dates is one run of
    // entries: the audit page finds it with two index probes (server/queries/audit-log.ts).
    at: Math.max(at, last?.at ?? at),
    actor_id: entry.actorId,
    type: entry.type,
    subject_type: entry.subjectType,
    subject_id: String(entry.subjectId),
    motion_id: entry.motionId ?? null,
    payload: canonicalJson(entry.payload ?? {}),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row: AuditEntry = { ...fields, prev_hash: prevHash, hash: hashEntry(prevHash, fields) };
  await trx.insertInto("audit_log").values(row).execute();
  return row;
}

export type ChainCheck =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenAt: number; problem: string };

/** Recompute every hash in order; name the first entry that does not follow from the one before. */
export async function verifyAuditChain(db: Kysely<Database>, batchSize = 1000): Promise<ChainCheck> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (let firstPage = true; ; firstPage = false) {
    // The first page has no lower bound, so an entry numbered below 1 cannot hide from the check.
    let page = db.selectFrom("audit_log").selectAll().orderBy("seq").limit(batchSize);
    if (!firstPage) page = page.where("seq", ">=", expectedSeq);
    const rows = await page.execute();
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      const broken = (problem: string) => ({ ok: false as const, checked, brokenAt: row.seq, problem });
      if (row.seq < expectedSeq) return broken("entry numbered before the start of the log");
      if (row.seq !== expectedSeq) return { ok: false, checked, brokenAt: expectedSeq, problem: "entry missing" };
      if (row.prev_hash !== prevHash) return broken("previous hash does not match the entry before");
      let hash: string;
      try {
        // The hash covers the parsed payload, so the stored text must be exactly its canonical
        // form: otherwise the bytes could be rewritten without the chain noticing.
        if (canonicalJson(JSON.parse(row.payload)) !== row.payload) return broken("payload is not stored as canonical JSON");
        hash = hashEntry(prevHash, row);
      } catch {
        return broken("payload is not valid JSON");
      }
      if (hash !== row.hash) return broken("hash does not match the entry's contents");
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
}
