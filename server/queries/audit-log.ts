// The public audit log, read two ways: a page of entries for people (newest first, filtered,
// keyset-paged by seq so pages never shift as entries are appended), and the stored rows in
// chain order for the export, exactly as they were hashed.
import { type SelectQueryBuilder, sql } from "kysely";
import type { AuditEntry, Database } from "../../db/schema";
import type { Db } from "../services/deps";
import { personName } from "./names";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditLogQuery {
  type?: string;
  subjectType?: string;
  motionNumber?: string;
  /** epoch ms, inclusive */
  fromAt?: number;
  /** epoch ms, exclusive */
  untilAt?: number;
  /** entries older than this seq (the "older" link) */
  before?: number;
  /** entries newer than this seq (the "newer" link); ignored when `before` is set */
  after?: number;
  pageSize?: number;
}

export interface AuditLogItem {
  seq: number;
  at: number;
  type: string;
  subjectType: string;
  subjectId: string;
  /** the motion's public number, for the link to its timeline */
  motionNumber: string | null;
  /** a body entry's slug, for the link to its motions */
  bodySlug: string | null;
  /** null: nobody acted in person (a closing time, or a secret vote) */
  actorName: string | null;
  /** a user entry's subject, by pseudonym */
  subjectName: string | null;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditLogPage {
  entries: AuditLogItem[];
  /** seq for `?after=` when newer matching entries exist */
  newerAfter: number | null;
  /** seq for `?before=` when older matching entries exist */
  olderBefore: number | null;
  /** the newest entry in the whole log: what a reader notes down to spot truncation later */
  head: { seq: number; hash: string } | null;
}

type LogQuery<O> = SelectQueryBuilder<Database, "audit_log", O>;

/** The entries of the query's dates, as the first and last seq of the run they make. */
interface SeqRange {
  first?: number;
  last?: number;
}

/**
 * An entry's time never runs back along the log (appendAudit), so the entries of a span of
 * dates are one run of seq, found with two probes of the time index. The page then walks seq
 * newest first, as it does without dates, instead of sorting every entry of the span.
 */
async function seqRangeOf(db: Db, q: AuditLogQuery): Promise<SeqRange> {
  const [first, last] = await Promise.all([
    q.fromAt === undefined
      ? null
      : db.selectFrom("audit_log").select("seq").where("at", ">=", q.fromAt).orderBy("at").orderBy("seq").limit(1).executeTakeFirst(),
    q.untilAt === undefined
      ? null
      : db.selectFrom("audit_log").select("seq").where("at", "<", q.untilAt).orderBy("at", "desc").orderBy("seq", "desc").limit(1).executeTakeFirst(),
  ]);
  // No entry on or after the start, or none before the end: the run is empty.
  if (first === undefined || last === undefined) return { first: 1, last: 0 };
  return { first: first?.seq, last: last?.seq };
}

function filtered<O>(query: LogQuery<O>, q: AuditLogQuery, range: SeqRange): LogQuery<O> {
  let out = query;
  if (q.type) out = out.where("audit_log.type", "=", q.type);
  if (q.subjectType) out = out.where("audit_log.subject_type", "=", q.subjectType);
  if (q.fromAt !== undefined) out = out.where("audit_log.at", ">=", q.fromAt);
  if (q.untilAt !== undefined) out = out.where("audit_log.at", "<", q.untilAt);
  if (range.first !== undefined) out = out.where("audit_log.seq", ">=", range.first);
  if (range.last !== undefined) out = out.where("audit_log.seq", "<=", range.last);
  if (q.motionNumber) {
    const number = q.motionNumber;
    // Drafts have no number, so this only ever finds published motions.
    out = out.where("audit_log.motion_id", "in", (eb) => eb.selectFrom("motions").select("motions.id").where("motions.number", "=", number));
  }
  return out;
}

export async function listAuditLog(db: Db, q: AuditLogQuery): Promise<AuditLogPage> {
  const pageSize = q.pageSize ?? AUDIT_PAGE_SIZE;
  const goingNewer = q.before === undefined && q.after !== undefined;
  const range = await seqRangeOf(db, q);
  let page = filtered(db.selectFrom("audit_log"), q, range)
    .leftJoin("motions", "motions.id", "audit_log.motion_id")
    .leftJoin("bodies", (join) =>
      join.on("audit_log.subject_type", "=", "body").on(sql`cast(bodies.id as text)`, "=", sql.ref("audit_log.subject_id")),
    )
    .select([
      "audit_log.seq",
      "audit_log.at",
      "audit_log.actor_id",
      "audit_log.type",
      "audit_log.subject_type",
      "audit_log.subject_id",
      "audit_log.payload",
      "audit_log.prev_hash",
      "audit_log.hash",
      "motions.number as motion_number",
      "bodies.slug as body_slug",
    ])
    // One extra row says whether there is a further page in the direction of travel.
    .limit(pageSize + 1);
  if (q.before !== undefined) page = page.where("audit_log.seq", "<", q.before);
  if (goingNewer) page = page.where("audit_log.seq", ">", q.after!);
  page = page.orderBy("audit_log.seq", goingNewer ? "asc" : "desc");

  // Whether anything lies on the side we came from: an index probe, not a count.
  const backProbe =
    q.before !== undefined
      ? filtered(db.selectFrom("audit_log"), q, range).select("audit_log.seq").where("audit_log.seq", ">=", q.before).limit(1).executeTakeFirst()
      : goingNewer
        ? filtered(db.selectFrom("audit_log"), q, range).select("audit_log.seq").where("audit_log.seq", "<=", q.after!).limit(1).executeTakeFirst()
        : Promise.resolve(undefined);
  const [rows, back, head] = await Promise.all([
    page.execute(),
    backProbe,
    db.selectFrom("audit_log").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst(),
  ]);

  const further = rows.length > pageSize;
  const shown = rows.slice(0, pageSize);
  if (goingNewer) shown.reverse();
  const names = await namesOf(
    db,
    shown.flatMap((r) => [r.actor_id, r.subject_type === "user" ? r.subject_id : null]),
  );
  const entries = shown.map(
    (r): AuditLogItem => ({
      seq: r.seq,
      at: r.at,
      type: r.type,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      motionNumber: r.motion_number ?? null,
      bodySlug: r.body_slug ?? null,
      actorName: r.actor_id ? (names.get(r.actor_id) ?? "Former member") : null,
      subjectName: r.subject_type === "user" ? (names.get(r.subject_id) ?? "Former member") : null,
      payload: parsePayload(r.payload),
      prevHash: r.prev_hash,
      hash: r.hash,
    }),
  );

  const newest = entries[0]?.seq;
  const oldest = entries[entries.length - 1]?.seq;
  const hasNewer = goingNewer ? further : Boolean(back);
  const hasOlder = goingNewer ? Boolean(back) : further;
  // With nothing on this page, the links continue from the cursor itself.
  const newerAfter = hasNewer ? (newest ?? (q.before !== undefined ? q.before - 1 : null)) : null;
  const olderBefore = hasOlder ? (oldest ?? (q.after !== undefined ? q.after + 1 : null)) : null;
  return { entries, newerAfter, olderBefore, head: head ?? null };
}

/** Pseudonyms for the people on a page, in one query; a deleted account reads "Former member". */
async function namesOf(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom("users").select(["id", "display_name", "status"]).where("id", "in", wanted).execute();
  return new Map(rows.map((r) => [r.id, personName(r.display_name, r.status)]));
}

function parsePayload(text: string): Record<string, unknown> {
  // A tampered row must not take the page down: the chain check is where it gets reported.
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Stored entries in chain order, `limit` at a time, exactly as hashed: the export reads the log
 * with this. `afterSeq` null means from the very start, with no lower bound, so an entry
 * numbered below 1 is exported (and so caught by anyone verifying) rather than hidden.
 */
export function readAuditEntries(db: Db, afterSeq: number | null, limit: number): Promise<AuditEntry[]> {
  let query = db.selectFrom("audit_log").selectAll().orderBy("seq").limit(limit);
  if (afterSeq !== null) query = query.where("seq", ">", afterSeq);
  return query.execute();
}
