// Ballots: opening, voting (one member, one vote), closing, and the computed outcome.
import type { Ballot, Choice } from "../../db/schema";
import { isUniqueViolation } from "../../db/connect";
import { InvalidInput, InvalidState, NotAllowed, NotFound } from "../domain/errors";
import { type Viewer, requireRole } from "../domain/permissions";
import { openBallotSchema, voteSchema } from "../domain/schemas/ballot";
import { MINUTE_MS, DAY_MS, zonedLocalToEpoch } from "../domain/time";
import type { Db, ServiceDeps } from "./deps";
import { closeBallotInScope, openBallotInScope } from "./ballot-lifecycle";
import { findMotionById } from "./motions";
import { validate } from "./validate";
import { type WriteScope, createGroupCommit, settleEach, write } from "./write";

const MIN_VOTING_PERIOD_MS = 10 * MINUTE_MS;
const MAX_VOTING_PERIOD_MS = 60 * DAY_MS;

const countColumn = { for: "count_for", against: "count_against", abstain: "count_abstain" } as const;

async function findBallot(db: Db, ballotId: number): Promise<Ballot> {
  const ballot = await db.selectFrom("ballots").selectAll().where("id", "=", ballotId).executeTakeFirst();
  if (!ballot) throw new NotFound("There is no such ballot.");
  return ballot;
}

export { closeBallotInScope, countEligibleMembers, openBallotInScope } from "./ballot-lifecycle";

export function createBallotService(deps: ServiceDeps) {
  // Votes arrive in bursts in a big sitting; they commit together (see createGroupCommit).
  const votes = createGroupCommit(deps);
  const { rules } = deps;

  return {
    /** The chair opens an online ballot on a seconded motion. */
    async open(viewer: Viewer, motionId: number, input: unknown): Promise<{ ballotId: number }> {
      requireRole(viewer, ["chair"], "open a ballot");
      const fields = validate(openBallotSchema, input);
      const now = deps.clock.now();
      const closesAt = zonedLocalToEpoch(fields.closesAt, rules.timeZone);
      if (closesAt === null) throw new InvalidInput("That closing time is not a real date.", { closesAt: ["That closing time is not a real date."] });
      if (closesAt < now + MIN_VOTING_PERIOD_MS) {
        const message = "Voting must stay open for at least 10 minutes; choose a later closing time.";
        throw new InvalidInput(message, { closesAt: [message] });
      }
      if (closesAt > now + MAX_VOTING_PERIOD_MS) {
        const message = "Voting can stay open for at most 60 days; choose an earlier closing time.";
        throw new InvalidInput(message, { closesAt: [message] });
      }
      return write(deps, async (scope) => {
        const motion = await findMotionById(scope.trx, motionId);
        if (motion.status !== "seconded") {
          throw new InvalidState("A ballot can be opened only on a seconded motion that is not already being voted on.");
        }
        const ballotId = await openBallotInScope(scope, {
          motion,
          kind: fields.kind,
          rule: fields.rule,
          closesAt,
          quorumPercent: rules.quorumPercent,
          openedBy: viewer.id,
        });
        return { ballotId };
      });
    },

    /**
     * A member votes. Recorded votes may change until close; secret votes are cast once and
     * leave no trace of the choice except in the ballot's counts.
     */
    async vote(viewer: Viewer, ballotId: number, input: unknown): Promise<{ changed: boolean }> {
      requireRole(viewer, ["member"], "vote");
      const { choice } = validate(voteSchema, input);
      return votes.run(async (scope) => {
        const ballot = await findBallot(scope.trx, ballotId);
        if (ballot.status !== "open" || (ballot.closes_at !== null && ballot.closes_at <= scope.now)) {
          throw new InvalidState("This ballot has closed, so votes can no longer be cast.");
        }
        const member = await scope.trx
          .selectFrom("users")
          .select("created_at")
          .where("id", "=", viewer.id)
          .executeTakeFirstOrThrow();
        if (member.created_at > ballot.opened_at) {
          throw new NotAllowed("You joined after this ballot opened, so you cannot vote in it. You can vote in the next one.");
        }
        const changed = ballot.kind === "secret"
          ? await castSecret(scope, ballot, viewer.id, choice)
          : await castRecorded(scope, ballot, viewer.id, choice);
        scope.emit({ type: "ballot:tally", motionId: ballot.motion_id, ballotId: ballot.id });
        return { changed };
      });
    },

    /** The chair closes a ballot early. */
    async close(viewer: Viewer, ballotId: number) {
      requireRole(viewer, ["chair"], "close a ballot");
      return write(deps, async (scope) => {
        const ballot = await findBallot(scope.trx, ballotId);
        if (ballot.status !== "open") throw new InvalidState("This ballot is already closed.");
        // Past its closing time the ballot already closed itself (no vote is accepted after it);
        // the chair's click only catches up, so the record and the response clock keep that time.
        if (ballot.closes_at !== null && ballot.closes_at <= scope.now) {
          return closeBallotInScope(scope, ballot, ballot.closes_at, null);
        }
        return closeBallotInScope(scope, ballot, scope.now, viewer.id);
      });
    },

    /** Close every online ballot whose time has come, at that time (also after a restart). */
    async closeDue(): Promise<number> {
      const due = await deps.db
        .selectFrom("ballots")
        .select("id")
        .where("status", "=", "open")
        .where("closes_at", "<=", deps.clock.now())
        .execute();
      await settleEach(due, "ballot closing(s)", ({ id }) =>
        write(deps, async (scope) => {
          const ballot = await findBallot(scope.trx, id);
          if (ballot.status !== "open" || ballot.closes_at === null) return;
          await closeBallotInScope(scope, ballot, ballot.closes_at, null);
        }),
      );
      return due.length;
    },
  };
}

async function castSecret(scope: WriteScope, ballot: Ballot, memberId: string, choice: Choice): Promise<boolean> {
  try {
    await scope.trx.insertInto("secret_voters").values({ ballot_id: ballot.id, member_id: memberId }).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new InvalidState("You have already voted in this secret ballot. Secret votes cannot be changed.");
    throw error;
  }
  await bumpCount(scope, ballot.id, choice, +1);
  // No actor and no choice: the log records only that a vote was cast.
  await scope.audit({
    type: "vote.cast",
    actorId: null,
    subjectType: "ballot",
    subjectId: ballot.id,
    motionId: ballot.motion_id,
    payload: { ballot_id: ballot.id, kind: "secret" },
  });
  return false;
}

async function castRecorded(scope: WriteScope, ballot: Ballot, memberId: string, choice: Choice): Promise<boolean> {
  const previous = await scope.trx
    .selectFrom("recorded_votes")
    .select("choice")
    .where("ballot_id", "=", ballot.id)
    .where("member_id", "=", memberId)
    .executeTakeFirst();
  if (previous?.choice === choice) return false;
  if (previous) {
    await scope.trx
      .updateTable("recorded_votes")
      .set({ choice, changed_at: scope.now })
      .where("ballot_id", "=", ballot.id)
      .where("member_id", "=", memberId)
      .execute();
    await bumpCount(scope, ballot.id, previous.choice, -1);
  } else {
    try {
      await scope.trx
        .insertInto("recorded_votes")
        .values({ ballot_id: ballot.id, member_id: memberId, choice, cast_at: scope.now })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new InvalidState("Your vote was already recorded. Reload to see it.");
      throw error;
    }
  }
  await bumpCount(scope, ballot.id, choice, +1);
  await scope.audit({
    type: previous ? "vote.changed" : "vote.cast",
    actorId: memberId,
    subjectType: "ballot",
    subjectId: ballot.id,
    motionId: ballot.motion_id,
    payload: { ballot_id: ballot.id, kind: "recorded", choice, from: previous?.choice },
  });
  return Boolean(previous);
}

async function bumpCount(scope: WriteScope, ballotId: number, choice: Choice, delta: 1 | -1) {
  const column = countColumn[choice];
  await scope.trx
    .updateTable("ballots")
    .set((eb) => ({ [column]: eb(column, "+", delta) }))
    .where("id", "=", ballotId)
    .execute();
}

export type BallotService = ReturnType<typeof createBallotService>;
