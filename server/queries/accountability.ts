// "You said, we did": how each commissioning body answers the parliament, and what became of
// each promise. Counted by the database on every request; the figures are never stored.
import { type RawBuilder, type SqlBool, sql } from "kysely";
import { awaitingAnswer, daysBetween, median, openActionStatuses } from "../domain/accountability";
import { clampPage } from "../domain/paging";
import { DAY_MS } from "../domain/time";
import type { Db } from "../services/deps";
import { loadBallotViews } from "./ballot-view";
import { personName } from "./names";
import { groupBy } from "./group-by";

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

  // Counted by the database, and rows read only for what is overdue: a big parliament's whole
  // record (100,000 motions) read into the page took most of a second.
  const count = (condition: RawBuilder<SqlBool>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;
  const carried = sql<SqlBool>`motions.status = 'carried'`;
  const listed = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));
  const outstanding = sql<SqlBool>`${carried} and motions.response_status in (${listed(awaitingAnswer)})`;
  const responseOverdue = sql<SqlBool>`${outstanding} and motions.response_due_at < ${now}`;
  // Open actions on a record the chair closed are no longer owed: neither in progress nor overdue.
  const owed = sql<SqlBool>`coalesce(motions.response_status, '') <> 'closed' and response_actions.status in (${listed(openActionStatuses)})`;
  const actionOverdue = sql<SqlBool>`${owed} and response_actions.due_at < ${now}`;

  const [motionCounts, firstResponses, actionCounts, lateResponses, lateActions] = await Promise.all([
    db
      .selectFrom("motions")
      .select((eb) => [
        "motions.body_id",
        eb.fn.countAll<number>().as("addressed"),
        count(carried).as("carried"),
        count(outstanding).as("outstanding"),
        count(responseOverdue).as("overdue"),
      ])
      .where("motions.status", "!=", "draft")
      .where("motions.body_id", "in", bodyIds)
      .groupBy("motions.body_id")
      .execute(),
    // The first response to each carried motion: on time or late, and how long it took.
    db
      .selectFrom("responses")
      .innerJoin("motions", "motions.id", "responses.motion_id")
      .select(["motions.body_id", "motions.decided_at", "responses.published_at", "responses.due_at"])
      .where("responses.version", "=", 1)
      .where(carried)
      .where("motions.body_id", "in", bodyIds)
      .execute(),
    db
      .selectFrom("response_actions")
      .innerJoin("motions", "motions.id", "response_actions.motion_id")
      .select([
        "motions.body_id",
        count(sql<SqlBool>`response_actions.status = 'done'`).as("done"),
        count(sql<SqlBool>`response_actions.status = 'dropped'`).as("dropped"),
        count(sql<SqlBool>`${owed} and response_actions.due_at >= ${now}`).as("inProgress"),
        count(actionOverdue).as("overdue"),
      ])
      .where("motions.body_id", "in", bodyIds)
      .groupBy("motions.body_id")
      .execute(),
    db
      .selectFrom("motions")
      .select(["motions.body_id", "motions.number", "motions.title", "motions.response_due_at"])
      .where(responseOverdue)
      .where("motions.body_id", "in", bodyIds)
      .orderBy("motions.response_due_at")
      .orderBy("motions.id")
      .execute(),
    db
      .selectFrom("response_actions")
      .innerJoin("motions", "motions.id", "response_actions.motion_id")
      .select(["motions.body_id", "motions.number", "motions.title", "response_actions.description", "response_actions.due_at"])
      .where(actionOverdue)
      .where("motions.body_id", "in", bodyIds)
      .orderBy("response_actions.due_at")
      .orderBy("response_actions.id")
      .execute(),
  ]);

  const motionsOf = new Map(motionCounts.map((c) => [c.body_id, c]));
  const actionsOf = new Map(actionCounts.map((c) => [c.body_id, c]));
  const answeredBy = groupBy(firstResponses, (r) => r.body_id);
  const bodyOf = new Map(bodies.map((b) => [b.id, b]));
  type OverdueRow = { body_id: number; number: string | null; title: string };
  const overdueItem = (kind: OverdueItem["kind"], row: OverdueRow, action: string | null, dueAt: number): OverdueItem => {
    const body = bodyOf.get(row.body_id)!;
    return { kind, bodyName: body.name, bodySlug: body.slug, number: row.number!, title: row.title, action, dueAt, daysOverdue: daysLate(dueAt, now) };
  };
  const overdue = [
    ...lateResponses.map((m) => overdueItem("response", m, null, m.response_due_at!)),
    ...lateActions.map((a) => overdueItem("action", a, a.description, a.due_at)),
  ].sort((a, b) => a.dueAt - b.dueAt);

  const records = bodies.map((body): BodyRecord => {
    const motions = motionsOf.get(body.id);
    const actions = actionsOf.get(body.id);
    const answered = answeredBy.get(body.id) ?? [];
    return {
      id: body.id,
      slug: body.slug,
      name: body.name,
      description: body.description,
      contact: body.contact,
      responsePeriodDays: body.response_period_days,
      addressed: Number(motions?.addressed ?? 0),
      carried: Number(motions?.carried ?? 0),
      responses: {
        onTime: answered.filter((r) => r.due_at === null || r.published_at <= r.due_at).length,
        late: answered.filter((r) => r.due_at !== null && r.published_at > r.due_at).length,
        outstanding: Number(motions?.outstanding ?? 0),
        overdue: Number(motions?.overdue ?? 0),
      },
      medianDaysToRespond: median(answered.flatMap((r) => (r.decided_at ? [daysBetween(r.decided_at, r.published_at)] : []))),
      actions: {
        done: Number(actions?.done ?? 0),
        inProgress: Number(actions?.inProgress ?? 0),
        overdue: Number(actions?.overdue ?? 0),
        dropped: Number(actions?.dropped ?? 0),
      },
    };
  });
  return { bodies: records, overdue };
}

/** One body's page: its record, and one page of the motions addressed to it with their clocks. */
export async function getBodyPage(db: Db, slug: string, now: number, { page, perPage }: { page: number; perPage: number }) {
  const body = await db.selectFrom("bodies").select("id").where("slug", "=", slug).executeTakeFirst();
  if (!body) return null;
  const addressed = db.selectFrom("motions").where("motions.body_id", "=", body.id).where("motions.status", "!=", "draft");
  const [{ bodies, overdue }, { total }] = await Promise.all([
    getAccountability(db, now, body.id),
    addressed.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  const paging = clampPage(page, Number(total), perPage);
  // The first response's times say whether the body answered on time (a revision has its own clock).
  const motions = await addressed
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
    .orderBy("motions.published_at", "desc")
    .orderBy("motions.id", "desc")
    .limit(perPage)
    .offset((paging.page - 1) * perPage)
    .execute();
  return { record: bodies[0], overdue, motions, total: Number(total), ...paging };
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
