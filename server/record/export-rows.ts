// The public record of motions, read in batches for the open-data exports. A batch is a keyset
// page of motions by id and then one query per kind of related row for the whole page, so the
// cost of an export grows with the number of batches, never with one query per motion.
import { publicBallot } from "../queries/ballot-view";
import type { Db } from "../services/deps";
import { type RecordBody, type RecordMotion, personRef } from "./record-motion";
import { groupBy } from "../queries/group-by";

export interface BatchOptions {
  /** motions per batch (keyset page) */
  batchSize?: number;
  /** only motions addressed to this body */
  bodyId?: number;
}

export const DEFAULT_BATCH_SIZE = 100;

function motionQuery(db: Db) {
  return db
    .selectFrom("motions")
    .innerJoin("bodies", "bodies.id", "motions.body_id")
    .innerJoin("users", "users.id", "motions.proposer_id")
    .select([
      "motions.id",
      "motions.number",
      "motions.title",
      "motions.text",
      "motions.rationale",
      "motions.summary",
      "motions.status",
      "motions.version",
      "motions.published_at",
      "motions.seconded_at",
      "motions.decided_at",
      "motions.withdrawn_at",
      "motions.withdrawal_reason",
      "motions.response_status",
      "motions.response_due_at",
      "motions.closed_at",
      "motions.closed_reason",
      "motions.proposer_id",
      "bodies.id as body_id",
      "bodies.slug as body_slug",
      "bodies.name as body_name",
      "users.display_name as proposer_name",
      "users.status as proposer_status",
    ])
    // Drafts are their proposer's private work: never part of the record.
    .where("motions.status", "!=", "draft")
    .where("motions.number", "is not", null);
}

type MotionRow = Awaited<ReturnType<ReturnType<typeof motionQuery>["execute"]>>[number];

/** Everything public about these motions, one query per kind of row. */
async function withRelatedRows(db: Db, motions: MotionRow[]): Promise<RecordMotion[]> {
  if (!motions.length) return [];
  const ids = motions.map((m) => m.id);
  // Sequential on purpose: one export holds one connection at a time, leaving the pool to pages.
  const topics = await db.selectFrom("motion_topics").select(["motion_id", "topic"]).where("motion_id", "in", ids).orderBy("topic").execute();
  const seconds = await db
    .selectFrom("seconds")
    .innerJoin("users", "users.id", "seconds.member_id")
    .select(["seconds.motion_id", "seconds.member_id", "seconds.created_at", "users.display_name", "users.status"])
    .where("seconds.motion_id", "in", ids)
    .orderBy("seconds.created_at")
    .execute();
  const ballots = await db.selectFrom("ballots").selectAll().where("motion_id", "in", ids).orderBy("id").execute();
  // Only recorded ballots, and only once closed: a secret ballot's choices are never stored
  // against anyone, and a recorded vote may still change while the ballot is open. Picked from
  // the ballots already read, so the query goes straight to their votes.
  const countedIds = ballots.filter((b) => b.kind === "recorded" && b.status === "closed").map((b) => b.id);
  const votes = countedIds.length
    ? await db
        .selectFrom("recorded_votes")
        .innerJoin("users", "users.id", "recorded_votes.member_id")
        .select(["recorded_votes.ballot_id", "recorded_votes.member_id", "recorded_votes.choice", "users.display_name", "users.status"])
        .where("recorded_votes.ballot_id", "in", countedIds)
        .orderBy("users.display_name_key")
        .execute()
    : [];
  const responses = await db
    .selectFrom("responses")
    .select(["id", "motion_id", "version", "position", "summary", "reasons", "published_at", "due_at"])
    .where("motion_id", "in", ids)
    .orderBy("version")
    .execute();
  const holding = await db
    .selectFrom("holding_replies")
    .select(["id", "motion_id", "reason", "expected_at", "published_at"])
    .where("motion_id", "in", ids)
    .orderBy("id")
    .execute();
  const actions = await db
    .selectFrom("response_actions")
    .select(["id", "motion_id", "response_id", "position", "description", "owner", "due_at", "status", "progress", "drop_reason"])
    .where("motion_id", "in", ids)
    .orderBy("position")
    .execute();
  const updates = await db
    .selectFrom("action_updates")
    .innerJoin("response_actions", "response_actions.id", "action_updates.action_id")
    .select(["action_updates.id", "action_updates.action_id", "action_updates.at", "action_updates.note", "action_updates.status", "action_updates.progress"])
    .where("response_actions.motion_id", "in", ids)
    .orderBy("action_updates.id")
    .execute();

  const topicsOf = groupBy(topics, (t) => t.motion_id);
  const secondsOf = groupBy(seconds, (s) => s.motion_id);
  const ballotsOf = groupBy(ballots, (b) => b.motion_id);
  const votesOf = groupBy(votes, (v) => v.ballot_id);
  const responsesOf = groupBy(responses, (r) => r.motion_id);
  const holdingOf = groupBy(holding, (h) => h.motion_id);
  const actionsOf = groupBy(actions, (a) => a.motion_id);
  const updatesOf = groupBy(updates, (u) => u.action_id);

  return motions.map((m) => ({
    id: m.id,
    number: m.number!,
    title: m.title,
    text: m.text,
    rationale: m.rationale,
    summary: m.summary,
    status: m.status,
    version: m.version,
    topics: (topicsOf.get(m.id) ?? []).map((t) => t.topic),
    body: { id: m.body_id, slug: m.body_slug, name: m.body_name },
    proposer: personRef(m.proposer_id, m.proposer_name, m.proposer_status),
    seconders: (secondsOf.get(m.id) ?? []).map((s) => ({ ...personRef(s.member_id, s.display_name, s.status), at: s.created_at })),
    publishedAt: m.published_at,
    secondedAt: m.seconded_at,
    decidedAt: m.decided_at,
    withdrawnAt: m.withdrawn_at,
    withdrawalReason: m.withdrawal_reason,
    responseStatus: m.response_status,
    responseDueAt: m.response_due_at,
    closedAt: m.closed_at,
    closedReason: m.closed_reason,
    ballots: (ballotsOf.get(m.id) ?? []).map((b) => ({
      id: b.id,
      purpose: b.purpose,
      responseId: b.response_id,
      // The same as the motion page shows: counts hidden while a secret ballot is open.
      ...publicBallot(b),
      votes:
        b.kind === "recorded" && b.status === "closed"
          ? (votesOf.get(b.id) ?? []).map((v) => ({ voter: personRef(v.member_id, v.display_name, v.status), choice: v.choice }))
          : null,
      sittingId: b.sitting_id,
    })),
    responses: (responsesOf.get(m.id) ?? []).map((r) => ({
      id: r.id,
      version: r.version,
      position: r.position,
      summary: r.summary,
      reasons: r.reasons,
      publishedAt: r.published_at,
      dueAt: r.due_at,
    })),
    holdingReplies: (holdingOf.get(m.id) ?? []).map((h) => ({ id: h.id, reason: h.reason, expectedAt: h.expected_at, publishedAt: h.published_at })),
    actions: (actionsOf.get(m.id) ?? []).map((a) => ({
      id: a.id,
      responseId: a.response_id,
      position: a.position,
      description: a.description,
      owner: a.owner,
      dueAt: a.due_at,
      status: a.status,
      progress: a.progress,
      dropReason: a.drop_reason,
      updates: (updatesOf.get(a.id) ?? []).map((u) => ({ id: u.id, at: u.at, note: u.note, status: u.status, progress: u.progress })),
    })),
  }));
}

/**
 * Every public motion, oldest first, a batch at a time. The next batch is read only when the
 * consumer asks for it, so a slow download reads slowly and a stopped one stops reading.
 */
export async function* readMotionBatches(db: Db, options: BatchOptions = {}): AsyncGenerator<RecordMotion[]> {
  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let after = 0;
  for (;;) {
    let query = motionQuery(db).where("motions.id", ">", after);
    if (options.bodyId !== undefined) query = query.where("motions.body_id", "=", options.bodyId);
    const page = await query.orderBy("motions.id").limit(size).execute();
    if (!page.length) return;
    yield await withRelatedRows(db, page);
    if (page.length < size) return;
    after = page[page.length - 1].id;
  }
}

/** One public motion by its number, or null for an unknown number or a draft. */
export async function readMotion(db: Db, number: string): Promise<RecordMotion | null> {
  const row = await motionQuery(db).where("motions.number", "=", number).executeTakeFirst();
  if (!row) return null;
  const [motion] = await withRelatedRows(db, [row]);
  return motion;
}


export async function readBodies(db: Db): Promise<RecordBody[]> {
  const rows = await db.selectFrom("bodies").select(["id", "slug", "name", "description", "contact", "response_period_days"]).orderBy("name").execute();
  return rows.map((b) => ({ ...b, responsePeriodDays: b.response_period_days }));
}

export async function readBody(db: Db, slug: string): Promise<RecordBody | null> {
  const b = await db
    .selectFrom("bodies")
    .select(["id", "slug", "name", "description", "contact", "response_period_days"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  return b ? { ...b, responsePeriodDays: b.response_period_days } : null;
}
