// Lists of motions for the home page, the motions index and a member's own page.
import type { MotionStatus, ResponseStatus } from "../../db/schema";
import type { Db } from "../services/deps";

export interface MotionSummary {
  number: string;
  title: string;
  summary: string;
  status: MotionStatus;
  responseStatus: ResponseStatus | null;
  bodyName: string;
  bodySlug: string;
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
  const page = Math.max(1, filter.page ?? 1);
  let query = summaries(db);
  if (filter.status) query = query.where("motions.status", "=", filter.status);
  if (filter.responseStatus) query = query.where("motions.response_status", "=", filter.responseStatus);
  if (filter.bodyId) query = query.where("motions.body_id", "=", filter.bodyId);
  const [rows, total] = await Promise.all([
    query.orderBy("motions.published_at", "desc").orderBy("motions.id", "desc").limit(pageSize).offset((page - 1) * pageSize).execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  const count = Number(total.n);
  return { motions: rows.map(toSummary), total: count, page, pageCount: Math.max(1, Math.ceil(count / pageSize)) };
}

/** What the home page needs: what is open now, what was decided, and what answers are owed. */
export async function getHomeSummary(db: Db) {
  const [openForSeconding, votingNow, recentDecisions, responsesDue] = await Promise.all([
    summaries(db).where("motions.status", "in", ["open", "seconded"]).orderBy("motions.published_at", "desc").limit(6).execute(),
    summaries(db).where("motions.status", "=", "voting").orderBy("motions.published_at", "desc").limit(6).execute(),
    summaries(db).where("motions.status", "in", ["carried", "defeated"]).orderBy("motions.decided_at", "desc").limit(6).execute(),
    summaries(db)
      .where("motions.response_status", "in", ["awaiting", "revision_requested"])
      .orderBy("motions.response_due_at", "asc")
      .limit(6)
      .execute(),
  ]);
  const ballots = await db
    .selectFrom("ballots")
    .innerJoin("motions", "motions.id", "ballots.motion_id")
    .select(["motions.number", "ballots.closes_at", "ballots.kind"])
    .where("ballots.status", "=", "open")
    .execute();
  return {
    openForSeconding: openForSeconding.map(toSummary),
    votingNow: votingNow.map((r) => ({ ...toSummary(r), ballot: ballots.find((b) => b.number === r.number) ?? null })),
    recentDecisions: recentDecisions.map(toSummary),
    responsesDue: responsesDue.map(toSummary),
  };
}

/** A member's own motions, drafts first. */
export async function listOwnMotions(db: Db, userId: string) {
  const [drafts, published] = await Promise.all([
    db
      .selectFrom("motions")
      .select(["id", "title", "updated_at"])
      .where("proposer_id", "=", userId)
      .where("status", "=", "draft")
      .orderBy("updated_at", "desc")
      .execute(),
    summaries(db).where("motions.proposer_id", "=", userId).orderBy("motions.published_at", "desc").execute(),
  ]);
  return { drafts, published: published.map(toSummary) };
}

export async function listBodies(db: Db) {
  return db.selectFrom("bodies").select(["id", "slug", "name", "description", "response_period_days", "contact"]).orderBy("name").execute();
}
