// "You said, we did": how each commissioning body answers the parliament, and what became of
// each promise. One query per kind of row; the figures are computed here, never stored.
import { daysBetween, isActionOverdue, median } from "../domain/accountability";
import { DAY_MS } from "../domain/time";
import type { Db } from "../services/deps";
import { loadBallotViews } from "./ballot-view";
import { personName } from "./names";
import { groupBy } from "./group-by";

const waiting = ["awaiting", "revision_requested"] as const;

/** Whole days late, rounded down as on the motion page's clock (an hour late reads "less than a day"). */
const daysLate = (dueAt: number, now: number) => Math.floor((now - dueAt) / DAY_MS);

export interface BodyRecord {
  id: number;
  slug: string;
  name: string;
  description: string;
  contact: string;
  responsePeriodDays: number;
  addressed: number;
  carried: number;
  responses: { onTime: number; late: number; outstanding: number; overdue: number };
  medianDaysToRespond: number | null;
  actions: { done: number; inProgress: number; overdue: number; dropped: number };
}

export interface OverdueItem {
  kind: "response" | "action";
  bodyName: string;
  bodySlug: string;
  number: string;
  title: string;
  /** for actions: what was promised */
  action: string | null;
  dueAt: number;
  daysOverdue: number;
}

/** Every body's record, and everything overdue, longest wait first. */
export async function getAccountability(db: Db, now: number, onlyBodyId?: number) {
  let bodiesQuery = db.selectFrom("bodies").selectAll().orderBy("name");
  if (onlyBodyId) bodiesQuery = bodiesQuery.where("id", "=", onlyBodyId);
  const bodies = await bodiesQuery.execute();
  const bodyIds = bodies.map((b) => b.id);
  if (!bodyIds.length) return { bodies: [] as BodyRecord[], overdue: [] as OverdueItem[] };

  const [motions, firstResponses, actions] = await Promise.all([
    db
      .selectFrom("motions")
      .select(["id", "number", "title", "body_id", "status", "response_status", "decided_at", "response_due_at"])
      .where("status", "!=", "draft")
      .where("body_id", "in", bodyIds)
      .execute(),
    db
      .selectFrom("responses")
      .select(["motion_id", "published_at", "due_at"])
      .where("version", "=", 1)
      .where("body_id", "in", bodyIds)
      .execute(),
    db
      .selectFrom("response_actions")
      .innerJoin("motions", "motions.id", "response_actions.motion_id")
      .select([
        "response_actions.description",
        "response_actions.status",
        "response_actions.due_at",
        "motions.body_id",
        "motions.response_status",
        "motions.number",
        "motions.title",
      ])
      .where("motions.body_id", "in", bodyIds)
      .execute(),
  ]);

  // Grouped once: a body's share of 100,000 motions found by scanning per body (and each
  // response matched to its motion by scanning) took seconds.
  const motionsByBody = groupBy(motions, (m) => m.body_id);
  const actionsByBody = groupBy(actions, (a) => a.body_id);
  const firstResponseOf = new Map(firstResponses.map((r) => [r.motion_id, r]));

  const overdue: OverdueItem[] = [];
  const records = bodies.map((body): BodyRecord => {
    const mine = motionsByBody.get(body.id) ?? [];
    const carried = mine.filter((m) => m.status === "carried");
    const answered = carried.flatMap((m) => {
      const first = firstResponseOf.get(m.id);
      return first ? [{ ...first, decidedAt: m.decided_at }] : [];
    });
    const outstanding = carried.filter((m) => m.response_status && (waiting as readonly string[]).includes(m.response_status));
    for (const m of outstanding) {
      if (m.response_due_at !== null && now > m.response_due_at) {
        overdue.push({
          kind: "response",
          bodyName: body.name,
          bodySlug: body.slug,
          number: m.number!,
          title: m.title,
          action: null,
          dueAt: m.response_due_at,
          daysOverdue: daysLate(m.response_due_at, now),
        });
      }
    }
    // Open actions on a record the chair closed are no longer owed: neither in progress nor overdue.
    const bodyActions = actionsByBody.get(body.id) ?? [];
    const owed = bodyActions.filter((a) => a.response_status !== "closed");
    for (const a of owed) {
      if (isActionOverdue(a, now)) {
        overdue.push({
          kind: "action",
          bodyName: body.name,
          bodySlug: body.slug,
          number: a.number!,
          title: a.title,
          action: a.description,
          dueAt: a.due_at,
          daysOverdue: daysLate(a.due_at, now),
        });
      }
    }
    const daysToRespond = answered.flatMap((r) => (r.decidedAt ? [daysBetween(r.decidedAt, r.published_at)] : []));
    return {
      id: body.id,
      slug: body.slug,
      name: body.name,
      description: body.description,
      contact: body.contact,
      responsePeriodDays: body.response_period_days,
      addressed: mine.length,
      carried: carried.length,
      responses: {
        onTime: answered.filter((r) => r.due_at === null || r.published_at <= r.due_at).length,
        late: answered.filter((r) => r.due_at !== null && r.published_at > r.due_at).length,
        outstanding: outstanding.length,
        overdue: outstanding.filter((m) => m.response_due_at !== null && now > m.response_due_at).length,
      },
      medianDaysToRespond: median(daysToRespond),
      actions: {
        done: bodyActions.filter((a) => a.status === "done").length,
        inProgress: owed.filter((a) => (a.status === "planned" || a.status === "in_progress") && !isActionOverdue(a, now)).length,
        overdue: owed.filter((a) => isActionOverdue(a, now)).length,
        dropped: bodyActions.filter((a) => a.status === "dropped").length,
      },
    };
  });
  overdue.sort((a, b) => a.dueAt - b.dueAt);
  return { bodies: records, overdue };
}

/** One body's page: its record, and the motions addressed to it with their clocks. */
export async function getBodyPage(db: Db, slug: string, now: number) {
  const body = await db.selectFrom("bodies").select("id").where("slug", "=", slug).executeTakeFirst();
  if (!body) return null;
  const [{ bodies, overdue }, motions] = await Promise.all([
    getAccountability(db, now, body.id),
    // The first response's times say whether the body answered on time (a revision has its own clock).
    db
      .selectFrom("motions")
      .leftJoin("responses", (join) => join.onRef("responses.motion_id", "=", "motions.id").on("responses.version", "=", 1))
      .select([
        "motions.number",
        "motions.title",
        "motions.status",
        "motions.response_status",
        "motions.decided_at",
        "motions.response_due_at",
        "motions.closed_at",
        "responses.published_at as first_response_at",
        "responses.due_at as first_response_due_at",
      ])
      .where("motions.body_id", "=", body.id)
      .where("motions.status", "!=", "draft")
      .orderBy("motions.published_at", "desc")
      .orderBy("motions.id", "desc")
      .execute(),
  ]);
  return { record: bodies[0], overdue, motions };
}

/** The whole story of one carried motion on one page: the motion, the vote, the answer, the actions. */
export async function getYouSaidWeDid(db: Db, number: string) {
  const motion = await db
    .selectFrom("motions")
    .innerJoin("bodies", "bodies.id", "motions.body_id")
    .select([
      "motions.id",
      "motions.number",
      "motions.title",
      "motions.text",
      "motions.summary",
      "motions.status",
      "motions.response_status",
      "motions.decided_at",
      "motions.response_due_at",
      "motions.closed_at",
      "motions.closed_reason",
      "bodies.name as body_name",
      "bodies.slug as body_slug",
    ])
    .where("motions.number", "=", number)
    .executeTakeFirst();
  if (!motion || motion.status === "draft") return null;
  const [ballots, responses, holdingReplies, actions] = await Promise.all([
    db.selectFrom("ballots").selectAll().where("motion_id", "=", motion.id).orderBy("id").execute(),
    loadResponses(db, motion.id),
    loadHoldingReplies(db, motion.id),
    loadActions(db, motion.id),
  ]);
  const ballotViews = await loadBallotViews(db, ballots, null);
  return {
    motion,
    decision: ballotViews.filter((b) => ballots.find((x) => x.id === b.id)?.purpose === "motion"),
    verdicts: ballotViews.filter((b) => ballots.find((x) => x.id === b.id)?.purpose === "verdict"),
    responses,
    holdingReplies,
    actions,
  };
}

export type YouSaidWeDid = NonNullable<Awaited<ReturnType<typeof getYouSaidWeDid>>>;

/** Every version of a motion's response, oldest first, each with who published it. */
export async function loadResponses(db: Db, motionId: number) {
  const rows = await db
    .selectFrom("responses")
    .innerJoin("users", "users.id", "responses.published_by")
    .select([
      "responses.id",
      "responses.version",
      "responses.position",
      "responses.reasons",
      "responses.summary",
      "responses.published_at",
      "responses.due_at",
      "users.display_name",
      "users.status",
    ])
    .where("responses.motion_id", "=", motionId)
    .orderBy("responses.version")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    position: r.position,
    reasons: r.reasons,
    summary: r.summary,
    publishedAt: r.published_at,
    /** the deadline this version answered against: "on time" or "late" never changes later */
    dueAt: r.due_at,
    onTime: r.due_at === null || r.published_at <= r.due_at,
    publishedBy: personName(r.display_name, r.status),
  }));
}

export async function loadHoldingReplies(db: Db, motionId: number) {
  const rows = await db.selectFrom("holding_replies").selectAll().where("motion_id", "=", motionId).orderBy("id").execute();
  return rows.map((h) => ({ id: h.id, reason: h.reason, expectedAt: h.expected_at, publishedAt: h.published_at }));
}

/** A motion's promised actions, each with its dated progress updates. */
export async function loadActions(db: Db, motionId: number) {
  const [actions, updates] = await Promise.all([
    db.selectFrom("response_actions").selectAll().where("motion_id", "=", motionId).orderBy("position").execute(),
    db
      .selectFrom("action_updates")
      .innerJoin("response_actions", "response_actions.id", "action_updates.action_id")
      .select(["action_updates.action_id", "action_updates.at", "action_updates.note", "action_updates.status", "action_updates.progress"])
      .where("response_actions.motion_id", "=", motionId)
      .orderBy("action_updates.id")
      .execute(),
  ]);
  return actions.map((a) => ({
    id: a.id,
    responseId: a.response_id,
    description: a.description,
    owner: a.owner,
    dueAt: a.due_at,
    status: a.status,
    progress: a.progress,
    dropReason: a.drop_reason,
    updates: updates.filter((u) => u.action_id === a.id).map((u) => ({ at: u.at, note: u.note, status: u.status, progress: u.progress })),
  }));
}

export type ActionView = Awaited<ReturnType<typeof loadActions>>[number];

/** Where members' verdict on the latest response stands, and whether this viewer asked. */
export async function loadVerdictState(db: Db, motionId: number, viewerId: string | null) {
  const latest = await db
    .selectFrom("responses")
    .select(["id", "version"])
    .where("motion_id", "=", motionId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!latest) return null;
  const [requests, mine, ballot] = await Promise.all([
    db.selectFrom("verdict_requests").select((eb) => eb.fn.countAll<number>().as("n")).where("response_id", "=", latest.id).executeTakeFirstOrThrow(),
    viewerId
      ? db.selectFrom("verdict_requests").select("member_id").where("response_id", "=", latest.id).where("member_id", "=", viewerId).executeTakeFirst()
      : Promise.resolve(undefined),
    // The latest: after a ballot without quorum, members may have put the question again.
    db.selectFrom("ballots").select(["id", "status", "outcome"]).where("response_id", "=", latest.id).orderBy("id", "desc").limit(1).executeTakeFirst(),
  ]);
  return {
    responseId: latest.id,
    version: latest.version,
    requests: Number(requests.n),
    requestedByViewer: Boolean(mine),
    ballot: ballot ?? null,
  };
}
