// Lists of motions for the home page, the motions index and a member's own page. Each list is
// one query: the seconds count and the proposer's name come in the same row, never per motion.
import { sql } from "kysely";
import type { MotionStatus, ResponseStatus } from "../../db/schema";
import { awaitingAnswer } from "../domain/accountability";
import type { Db } from "../services/deps";
import { personName } from "./names";

export interface MotionSummary {
  number: string;
  title: string;
  summary: string;
  status: MotionStatus;
  responseStatus: ResponseStatus | null;
  bodyName: string;
  bodySlug: string;
  proposerName: string;
  publishedAt: number;
  decidedAt: number | null;
  responseDueAt: number | null;
  lapsesAt: number | null;
  seconds: number;
  secondersRequired: number;
}

function summaries(db: Db) {
  return db
    .selectFrom("motions")
    .innerJoin("bodies", "bodies.id", "motions.body_id")
    .innerJoin("users as proposer", "proposer.id", "motions.proposer_id")
    .select((eb) => [
      "motions.number",
      "motions.title",
      "motions.summary",
      "motions.status",
      "motions.response_status",
      "motions.published_at",
      "motions.decided_at",
      "motions.response_due_at",
      "motions.lapses_at",
      "motions.seconders_required",
      "bodies.name as body_name",
      "bodies.slug as body_slug",
      "proposer.display_name as proposer_name",
      "proposer.status as proposer_status",
      eb
        .selectFrom("seconds")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("seconds.motion_id", "=", "motions.id")
        .as("seconds"),
    ])
    .where("motions.status", "!=", "draft");
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>["execute"]>>[number];

function toSummary(r: SummaryRow): MotionSummary {
  return {
    number: r.number!,
    title: r.title,
    summary: r.summary,
    status: r.status,
    responseStatus: r.response_status,
    bodyName: r.body_name,
    bodySlug: r.body_slug,
    proposerName: personName(r.proposer_name, r.proposer_status),
    publishedAt: r.published_at!,
    decidedAt: r.decided_at,
    responseDueAt: r.response_due_at,
    lapsesAt: r.lapses_at,
    seconds: Number(r.seconds ?? 0),
    secondersRequired: r.seconders_required,
  };
}

export interface MotionFilter {
  status?: MotionStatus;
  responseStatus?: ResponseStatus;
  bodyId?: number;
  page?: number;
  pageSize?: number;
}

export async function listMotions(db: Db, filter: MotionFilter) {
  const pageSize = filter.pageSize ?? 20;
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  // The page's motions are found on motions alone, in an index that holds the order and the
  // status, and only those twenty are joined to their body, proposer and seconds: a deep page
  // skips thousands of rows without reading them. The count needs no joins either: every
  // motion has its body and proposer.
  let picked = db.selectFrom("motions").select("motions.id").where("motions.status", "!=", "draft");
  let counted = db.selectFrom("motions").select((eb) => eb.fn.countAll<number>().as("n")).where("motions.status", "!=", "draft");
  if (filter.status) {
    picked = picked.where("motions.status", "=", filter.status);
    counted = counted.where("motions.status", "=", filter.status);
  }
  if (filter.responseStatus) {
    picked = picked.where("motions.response_status", "=", filter.responseStatus);
    counted = counted.where("motions.response_status", "=", filter.responseStatus);
  }
  if (filter.bodyId) {
    picked = picked.where("motions.body_id", "=", filter.bodyId);
    counted = counted.where("motions.body_id", "=", filter.bodyId);
  }
  const pageIds = picked
    .orderBy("motions.published_at", "desc")
    .orderBy("motions.id", "desc")
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [rows, total] = await Promise.all([
    summaries(db)
      .where("motions.id", "in", pageIds)
      .orderBy("motions.published_at", "desc")
      .orderBy("motions.id", "desc")
      .execute(),
    counted.executeTakeFirstOrThrow(),
  ]);
  const count = Number(total.n);
  return { motions: rows.map(toSummary), total: count, page, pageSize, pageCount: Math.max(1, Math.ceil(count / pageSize)) };
}

export interface VotingSummary extends MotionSummary {
  /** null for a live ballot, which the chair closes in the sitting */
  closesAt: number | null;
  ballotKind: "recorded" | "secret" | null;
}

const HOME_LIST_LENGTH = 6;

/**
 * The first few rows of several statuses in one order: one query per status, each reading its
 * own stretch of an index, merged here. `status in (…) order by …` would read and sort every
 * row of those statuses (45,000 decisions at 100,000 motions: 86 ms) to show six.
 */
async function firstOfEach<T>(queries: Promise<T[]>[], sortKey: (row: T) => number): Promise<T[]> {
  const rows = (await Promise.all(queries)).flat();
  return rows.sort((a, b) => sortKey(a) - sortKey(b)).slice(0, HOME_LIST_LENGTH);
}

/** What the home page needs: what is open now, what was decided, and what answers are owed. */
export async function getHomeSummary(db: Db) {
  const [votingNow, openForSeconding, recentDecisions, responsesDue] = await Promise.all([
    summaries(db)
      .leftJoin("ballots", (join) => join.onRef("ballots.motion_id", "=", "motions.id").on("ballots.status", "=", "open"))
      .select(["ballots.closes_at", "ballots.kind as ballot_kind"])
      .where("motions.status", "=", "voting")
      // Closing soonest first; live ballots (no closing time) after them on both databases.
      .orderBy(sql`case when ballots.closes_at is null then 1 else 0 end`)
      .orderBy("ballots.closes_at", "asc")
      .orderBy("motions.published_at", "desc")
      .limit(HOME_LIST_LENGTH)
      .execute(),
    // Nearest to lapsing first: those are the ones that need seconders soonest.
    summaries(db).where("motions.status", "=", "open").orderBy("motions.lapses_at", "asc").limit(HOME_LIST_LENGTH).execute(),
    firstOfEach(
      (["carried", "defeated"] as const).map((status) =>
        summaries(db).where("motions.status", "=", status).orderBy("motions.decided_at", "desc").limit(HOME_LIST_LENGTH).execute(),
      ),
      (r) => -(r.decided_at ?? 0),
    ),
    firstOfEach(
      awaitingAnswer.map((status) =>
        summaries(db).where("motions.response_status", "=", status).orderBy("motions.response_due_at", "asc").limit(HOME_LIST_LENGTH).execute(),
      ),
      (r) => r.response_due_at ?? Infinity,
    ),
  ]);
  return {
    votingNow: votingNow.map(
      (r): VotingSummary => ({ ...toSummary(r), closesAt: r.closes_at ?? null, ballotKind: r.ballot_kind ?? null }),
    ),
    openForSeconding: openForSeconding.map(toSummary),
    recentDecisions: recentDecisions.map(toSummary),
    responsesDue: responsesDue.map(toSummary),
  };
}

/** A member's own motions: drafts (private) and what they have published. */
export async function listOwnMotions(db: Db, userId: string) {
  const [drafts, published] = await Promise.all([
    db
      .selectFrom("motions")
      .innerJoin("bodies", "bodies.id", "motions.body_id")
      .select(["motions.id", "motions.title", "motions.updated_at", "bodies.name as body_name"])
      .where("motions.proposer_id", "=", userId)
      .where("motions.status", "=", "draft")
      .orderBy("motions.updated_at", "desc")
      .orderBy("motions.id", "desc")
      .execute(),
    summaries(db)
      .where("motions.proposer_id", "=", userId)
      .orderBy("motions.published_at", "desc")
      .orderBy("motions.id", "desc")
      .execute(),
  ]);
  return {
    drafts: drafts.map((d) => ({ id: d.id, title: d.title, updatedAt: d.updated_at, bodyName: d.body_name })),
    published: published.map(toSummary),
  };
}

export async function listBodies(db: Db) {
  return db.selectFrom("bodies").select(["id", "slug", "name", "description", "response_period_days", "contact"]).orderBy("name").execute();
}
