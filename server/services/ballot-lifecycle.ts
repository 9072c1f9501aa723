// A ballot's life, shared by online, live and verdict ballots: open it with its eligible count
// and quorum fixed, and close it with a computed outcome that then moves the motion or the
// response it was about.
import type { Ballot, BallotKind, BallotOutcome, MajorityRule, Motion } from "../../db/schema";
import { computeOutcome, quorumFor, turnout } from "../domain/ballot-outcome";
import { InvalidState } from "../domain/errors";
import { responseDueAt } from "../domain/response-clock";
import type { Db } from "./deps";
import { findMotionById, moveMotion } from "./motions";
import { notifyCommissioners, notifyFollowers } from "./notifications";
import { findItem, moveItem } from "./sittings";
import type { WriteScope } from "./write";

/** Members who may vote: active members whose membership began before the ballot opened. */
export async function countEligibleMembers(db: Db, at: number): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "member")
    .where("status", "=", "active")
    .where("created_at", "<=", at)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Close a ballot, compute and store its outcome, and move its motion (and, for a live ballot,
 * its agenda item). The one place every ballot closes, whoever or whatever closes it.
 */
export async function closeBallotInScope(scope: WriteScope, ballot: Ballot, closedAt: number, closedBy: string | null) {
  const counts = { for: ballot.count_for, against: ballot.count_against, abstain: ballot.count_abstain };
  const outcome = computeOutcome({ counts, quorum: ballot.quorum, rule: ballot.rule });
  const closed = await scope.trx
    .updateTable("ballots")
    .set({ status: "closed", closed_at: closedAt, closed_by: closedBy, outcome })
    .where("id", "=", ballot.id)
    .where("status", "=", "open")
    .executeTakeFirst();
  if (Number(closed.numUpdatedRows) !== 1) throw new InvalidState("This ballot is already closed.");
  await scope.audit({
    type: "ballot.closed",
    actorId: closedBy,
    subjectType: "ballot",
    subjectId: ballot.id,
    motionId: ballot.motion_id,
    payload: {
      ballot_id: ballot.id,
      kind: ballot.kind,
      rule: ballot.rule,
      eligible: ballot.eligible_count,
      quorum: ballot.quorum,
      for: counts.for,
      against: counts.against,
      abstain: counts.abstain,
      turnout: turnout(counts),
      outcome,
      closed_at: closedAt,
      closed_by: closedBy ? "chair" : "closing time",
    },
  });

  if (ballot.purpose === "verdict") await settleVerdict(scope, ballot, outcome, closedAt, closedBy);
  else await settleMotion(scope, ballot, outcome, closedAt, closedBy);
  if (ballot.agenda_item_id !== null) {
    const item = await findItem(scope.trx, ballot.agenda_item_id);
    await moveItem(scope, item, outcome === "no_quorum" ? "debating" : "decided", closedBy, outcome === "no_quorum" ? {} : { ended_at: closedAt });
  }
  scope.emit({ type: "ballot:closed", motionId: ballot.motion_id, ballotId: ballot.id, outcome });
  return outcome;
}

/** A ballot on a motion decides it: carried (and the response clock starts), defeated, or back without quorum. */
async function settleMotion(scope: WriteScope, ballot: Ballot, outcome: BallotOutcome, closedAt: number, closedBy: string | null) {
  const motion = await findMotionById(scope.trx, ballot.motion_id);
  if (outcome === "carried") {
    const body = await scope.trx
      .selectFrom("bodies")
      .select("response_period_days")
      .where("id", "=", motion.body_id)
      .executeTakeFirstOrThrow();
    await moveMotion(scope, motion, "carried", closedBy, {
      decided_at: closedAt,
      response_status: "awaiting",
      response_due_at: responseDueAt(closedAt, body.response_period_days),
    });
  } else if (outcome === "defeated") {
    await moveMotion(scope, motion, "defeated", closedBy, { decided_at: closedAt });
  } else {
    await moveMotion(scope, motion, ballot.return_status, closedBy, {}, "the ballot did not reach quorum");
  }
}

/**
 * Members' verdict on a response ("Is this response adequate?"): judged inadequate, the
 * motion goes to "revision requested" with a new clock; judged adequate, the response stands.
 */
async function settleVerdict(scope: WriteScope, ballot: Ballot, outcome: BallotOutcome, closedAt: number, closedBy: string | null) {
  const motion = await findMotionById(scope.trx, ballot.motion_id);
  const name = `${motion.number}: ${motion.title}`;
  // Judged inadequate takes more against than for: a tie "defeats" the question, but asking the
  // commissioners to start again is a change, and a change needs a majority, so the response stands.
  const inadequate = outcome === "defeated" && ballot.count_against > ballot.count_for;
  if (inadequate && motion.response_status !== "responded") {
    // The record closed while members were voting (the chair closed it, or every action was
    // delivered): the verdict is on the record, but it does not reopen what is closed.
    await notifyFollowers(scope, motion, "voted", `Members judged the response to ${name} inadequate, but its record had already closed.`, closedBy);
  } else if (inadequate) {
    const body = await scope.trx
      .selectFrom("bodies")
      .select("response_period_days")
      .where("id", "=", motion.body_id)
      .executeTakeFirstOrThrow();
    const dueAt = responseDueAt(closedAt, body.response_period_days);
    await scope.trx
      .updateTable("motions")
      .set({ response_status: "revision_requested", response_due_at: dueAt, updated_at: scope.now })
      .where("id", "=", motion.id)
      .execute();
    await scope.audit({
      type: "response.revision_requested",
      actorId: closedBy,
      subjectType: "response",
      subjectId: ballot.response_id ?? 0,
      motionId: motion.id,
      payload: { number: motion.number, ballot_id: ballot.id, response_id: ballot.response_id, due_at: dueAt },
    });
    await notifyFollowers(scope, motion, "revision_requested", `Members judged the response to ${name} inadequate; a revised response is due.`, closedBy);
    await notifyCommissioners(scope, motion.body_id, motion.id, "revision_requested", `Members judged your response to ${name} inadequate. Please publish a revised response.`);
  } else if (outcome === "defeated") {
    await notifyFollowers(scope, motion, "voted", `The verdict ballot on the response to ${name} was tied, so the response stands.`, closedBy);
  } else if (outcome === "carried") {
    await scope.audit({
      type: "response.judged_adequate",
      actorId: closedBy,
      subjectType: "response",
      subjectId: ballot.response_id ?? 0,
      motionId: motion.id,
      payload: { number: motion.number, ballot_id: ballot.id, response_id: ballot.response_id },
    });
    await notifyFollowers(scope, motion, "voted", `Members judged the response to ${name} adequate.`, closedBy);
  } else {
    await notifyFollowers(scope, motion, "voted", `The verdict ballot on the response to ${name} did not reach quorum.`, closedBy);
  }
  scope.emit({ type: "motion:changed", motionId: motion.id, number: motion.number });
}

export interface NewBallot {
  motion: Motion;
  /** a verdict ballot judges this response; otherwise the ballot decides the motion */
  verdictOn?: { responseId: number };
  kind: BallotKind;
  rule: MajorityRule;
  /** online ballots close themselves at this time; live ones (null) are closed by the chair */
  closesAt: number | null;
  quorumPercent: number;
  openedBy: string;
  live?: { sittingId: number; itemId: number };
}

/** Open a ballot on a motion, with its eligible count and quorum fixed now, and start voting. */
export async function openBallotInScope(scope: WriteScope, b: NewBallot): Promise<number> {
  const eligible = await countEligibleMembers(scope.trx, scope.now);
  const quorum = quorumFor(eligible, b.quorumPercent);
  const row = await scope.trx
    .insertInto("ballots")
    .values({
      motion_id: b.motion.id,
      purpose: b.verdictOn ? "verdict" : "motion",
      question: b.verdictOn
        ? `Is the commissioners' response to motion ${b.motion.number} adequate? (For: adequate. Against: ask for a revised response.)`
        : `Should the parliament adopt motion ${b.motion.number}: ${b.motion.title}?`,
      kind: b.kind,
      rule: b.rule,
      mode: b.live ? "live" : "online",
      status: "open",
      opened_at: scope.now,
      opened_by: b.openedBy,
      closes_at: b.closesAt,
      return_status: b.motion.status,
      eligible_count: eligible,
      quorum,
      sitting_id: b.live?.sittingId ?? null,
      agenda_item_id: b.live?.itemId ?? null,
      response_id: b.verdictOn?.responseId ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await scope.audit({
    type: "ballot.opened",
    actorId: b.openedBy,
    subjectType: "ballot",
    subjectId: row.id,
    motionId: b.motion.id,
    payload: {
      ballot_id: row.id,
      kind: b.kind,
      rule: b.rule,
      eligible,
      quorum,
      closes_at: b.closesAt,
      sitting_id: b.live?.sittingId,
      purpose: b.verdictOn ? "verdict" : undefined,
      response_id: b.verdictOn?.responseId,
    },
  });
  // A verdict leaves the motion carried; only a ballot on the motion puts it to a vote.
  if (!b.verdictOn) await moveMotion(scope, b.motion, "voting", b.openedBy);
  scope.emit({ type: "ballot:opened", motionId: b.motion.id, ballotId: row.id });
  return row.id;
}

