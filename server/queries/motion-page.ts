// Everything one motion's page shows, in one query per kind of row (never one per row).
import type { Motion } from "../../db/schema";
import { canEditText, canSecond, canWithdraw } from "../domain/motion-state";
import { type Viewer, isChair, isCommissionerFor, isMember, mayPostOn } from "../domain/permissions";
import type { Db } from "../services/deps";
import { loadActions, loadHoldingReplies, loadResponses, loadVerdictState } from "./accountability";
import { type BallotView, loadBallotViews } from "./ballot-view";
import { personName } from "./names";

export interface TimelineEntry {
  seq: number;
  at: number;
  type: string;
  actorName: string | null;
  payload: Record<string, unknown>;
}

export interface PostView {
  id: number;
  parentId: number | null;
  depth: number;
  authorId: string;
  authorName: string;
  authorRole: string;
  stance: string;
  /** empty when deleted or hidden: the text is never sent to the page */
  body: string;
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
  hidden: { at: number; reason: string; byName: string } | null;
  revisions: { stance: string; body: string; replacedAt: number }[];
  openReports: number;
  /** the viewer wrote it: they may edit or delete it, not report it */
  mine: boolean;
  /** the viewer has reported it (one report per person per post), so the page says so instead of offering the form again */
  reportedByMe: boolean;
}

export type { BallotView };

async function loadPosts(db: Db, motionId: number, viewer: Viewer): Promise<PostView[]> {
  const rows = await db
    .selectFrom("posts")
    .innerJoin("users as author", "author.id", "posts.author_id")
    .leftJoin("users as hider", "hider.id", "posts.hidden_by")
    .select([
      "posts.id",
      "posts.parent_id",
      "posts.depth",
      "posts.author_id",
      "posts.stance",
      "posts.body",
      "posts.created_at",
      "posts.edited_at",
      "posts.deleted_at",
      "posts.hidden_at",
      "posts.hidden_reason",
      "author.display_name as author_name",
      "author.status as author_status",
      "author.role as author_role",
      "hider.display_name as hider_name",
    ])
    .where("posts.motion_id", "=", motionId)
    .orderBy("posts.id")
    .execute();
  // Joined on the motion, not an IN list of post ids: a long thread never hits a parameter limit.
  const [revisions, mineReported, reports] = await Promise.all([
    db
      .selectFrom("post_revisions")
      .innerJoin("posts", "posts.id", "post_revisions.post_id")
      .select(["post_revisions.post_id", "post_revisions.stance", "post_revisions.body", "post_revisions.replaced_at"])
      .where("posts.motion_id", "=", motionId)
      .orderBy("post_revisions.id")
      .execute(),
    viewer
      ? db
          .selectFrom("post_reports")
          .innerJoin("posts", "posts.id", "post_reports.post_id")
          .select("post_reports.post_id")
          .where("posts.motion_id", "=", motionId)
          .where("post_reports.reporter_id", "=", viewer.id)
          .execute()
      : Promise.resolve([]),
    isChair(viewer)
      ? db
          .selectFrom("post_reports")
          .innerJoin("posts", "posts.id", "post_reports.post_id")
          .select(["post_reports.post_id", (eb) => eb.fn.countAll<number>().as("n")])
          .where("posts.motion_id", "=", motionId)
          .where("post_reports.resolved_at", "is", null)
          .groupBy("post_reports.post_id")
          .execute()
      : Promise.resolve([]),
  ]);
  const revisionsOf = new Map<number, PostView["revisions"]>();
  for (const v of revisions) {
    const list = revisionsOf.get(v.post_id) ?? [];
    list.push({ stance: v.stance, body: v.body, replacedAt: v.replaced_at });
    revisionsOf.set(v.post_id, list);
  }
  const reportCount = new Map(reports.map((x) => [x.post_id, Number(x.n)]));
  // Any report by the viewer, resolved or not: the database allows one report per person per post.
  const reportedByViewer = new Set(mineReported.map((x) => x.post_id));
  return rows.map((r) => {
    const deleted = r.deleted_at !== null;
    const concealed = deleted || r.hidden_at !== null;
    return {
      id: r.id,
      parentId: r.parent_id,
      depth: r.depth,
      // An author who deleted their post took back their words; the tombstone does not name them.
      authorId: deleted ? "" : r.author_id,
      authorName: deleted ? "" : personName(r.author_name, r.author_status),
      authorRole: r.author_role,
      stance: r.stance,
      body: concealed ? "" : r.body,
      createdAt: r.created_at,
      editedAt: r.edited_at,
      deletedAt: r.deleted_at,
      hidden: r.hidden_at ? { at: r.hidden_at, reason: r.hidden_reason ?? "", byName: r.hider_name ?? "The chair" } : null,
      revisions: concealed ? [] : (revisionsOf.get(r.id) ?? []),
      openReports: reportCount.get(r.id) ?? 0,
      mine: viewer !== null && r.author_id === viewer.id,
      reportedByMe: reportedByViewer.has(r.id),
    };
  });
}

/** A ballot on the page, saying whether it decides the motion or judges a response (and which). */
export type MotionBallotView = BallotView & { purpose: "motion" | "verdict"; responseId: number | null };

async function loadBallots(db: Db, motionId: number, viewer: Viewer): Promise<MotionBallotView[]> {
  const ballots = await db.selectFrom("ballots").selectAll().where("motion_id", "=", motionId).orderBy("id").execute();
  const views = await loadBallotViews(db, ballots, viewer);
  return views.map((v, i) => ({ ...v, purpose: ballots[i].purpose, responseId: ballots[i].response_id }));
}

/** A motion's audit entries in order: its timeline. On SQLite it reads one index alone (migration 0010). */
export const timelineQuery = (db: Db, motionId: number) =>
  db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .select(["audit_log.seq", "audit_log.at", "audit_log.type", "audit_log.payload", "users.display_name", "users.status"])
    .where("audit_log.motion_id", "=", motionId)
    .orderBy("audit_log.seq");

async function loadTimeline(db: Db, motionId: number): Promise<TimelineEntry[]> {
  const rows = await timelineQuery(db, motionId).execute();
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    type: r.type,
    actorName: r.display_name ? personName(r.display_name, r.status) : null,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
  }));
}

async function loadMotionCore(db: Db, motion: Motion) {
  const [body, proposer, topics, seconders, versions, responses] = await Promise.all([
    db.selectFrom("bodies").select(["id", "slug", "name", "response_period_days"]).where("id", "=", motion.body_id).executeTakeFirstOrThrow(),
    db.selectFrom("users").select(["id", "display_name", "status"]).where("id", "=", motion.proposer_id).executeTakeFirstOrThrow(),
    db.selectFrom("motion_topics").select("topic").where("motion_id", "=", motion.id).orderBy("topic").execute(),
    db
      .selectFrom("seconds")
      .innerJoin("users", "users.id", "seconds.member_id")
      .select(["users.id", "users.display_name", "users.status", "seconds.created_at"])
      .where("seconds.motion_id", "=", motion.id)
      .orderBy("seconds.created_at")
      .execute(),
    db.selectFrom("motion_versions").selectAll().where("motion_id", "=", motion.id).orderBy("version").execute(),
    loadResponses(db, motion.id),
  ]);
  return {
    body,
    proposer: { id: proposer.id, name: personName(proposer.display_name, proposer.status) },
    topics: topics.map((t) => t.topic),
    seconders: seconders.map((s) => ({ id: s.id, name: personName(s.display_name, s.status), at: s.created_at })),
    versions: versions.map((v) => ({
      version: v.version,
      title: v.title,
      text: v.text,
      rationale: v.rationale,
      summary: v.summary,
      createdAt: v.created_at,
    })),
    responses,
  };
}

/** The public page of a published motion, shaped for the viewer (their vote, what they may do). */
export async function getMotionPage(db: Db, number: string, viewer: Viewer) {
  const motion = await db.selectFrom("motions").selectAll().where("number", "=", number).executeTakeFirst();
  if (!motion || motion.status === "draft") return null;
  const [core, posts, ballots, timeline, holdingReplies, actions, verdict, following] = await Promise.all([
    loadMotionCore(db, motion),
    loadPosts(db, motion.id, viewer),
    loadBallots(db, motion.id, viewer),
    loadTimeline(db, motion.id),
    loadHoldingReplies(db, motion.id),
    loadActions(db, motion.id),
    loadVerdictState(db, motion.id, viewer?.id ?? null),
    viewer
      ? db.selectFrom("follows").select("motion_id").where("motion_id", "=", motion.id).where("user_id", "=", viewer.id).executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const isProposer = viewer?.id === motion.proposer_id;
  const hasSeconded = core.seconders.some((s) => s.id === viewer?.id);
  const openBallot = ballots.find((b) => b.status === "open") ?? null;
  const recordOpen = motion.status === "carried" && motion.response_status !== null && motion.response_status !== "closed";
  // A verdict ballot that missed quorum decided nothing, so members may ask again.
  const verdictPossible =
    motion.response_status === "responded" && verdict !== null && (verdict.ballot === null || verdict.ballot.outcome === "no_quorum");
  return {
    motion,
    ...core,
    posts,
    ballots,
    timeline,
    holdingReplies,
    actions,
    verdict,
    following: Boolean(following),
    can: {
      second: isMember(viewer) && !isProposer && !hasSeconded && canSecond(motion.status),
      edit: isProposer && canEditText(motion.status, core.seconders.length),
      withdraw: isProposer && canWithdraw(motion.status),
      post: mayPostOn(viewer, motion) && motion.status !== "withdrawn" && motion.status !== "lapsed",
      report: viewer !== null,
      moderate: isChair(viewer),
      openBallot: isChair(viewer) && motion.status === "seconded",
      closeBallot: isChair(viewer) && openBallot !== null,
      vote: isMember(viewer) && openBallot !== null,
      respond:
        isCommissionerFor(viewer, motion.body_id) &&
        (motion.response_status === "awaiting" || motion.response_status === "revision_requested"),
      holdingReply:
        isCommissionerFor(viewer, motion.body_id) &&
        (motion.response_status === "awaiting" || motion.response_status === "revision_requested"),
      updateActions: isCommissionerFor(viewer, motion.body_id) && recordOpen,
      requestVerdict: isMember(viewer) && verdictPossible && !verdict?.requestedByViewer,
      openVerdict: isChair(viewer) && verdictPossible,
      closeRecord: isChair(viewer) && recordOpen,
      follow: viewer !== null,
    },
    viewerHasSeconded: hasSeconded,
    viewerIsProposer: isProposer,
  };
}

export type MotionPage = NonNullable<Awaited<ReturnType<typeof getMotionPage>>>;

/** A draft, for its proposer only. */
export async function getDraft(db: Db, id: number, viewer: Viewer) {
  const motion = await db.selectFrom("motions").selectAll().where("id", "=", id).executeTakeFirst();
  if (!motion || motion.status !== "draft" || motion.proposer_id !== viewer?.id) return null;
  const topics = await db.selectFrom("motion_topics").select("topic").where("motion_id", "=", id).orderBy("topic").execute();
  return { motion, topics: topics.map((t) => t.topic) };
}
