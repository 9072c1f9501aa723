// Members' verdict on a response: "Is this response adequate?" goes to an online ballot when
// the chair puts it, or when enough members ask (the threshold is a standing order).
import { isUniqueViolation } from "../../db/connect";
import { InvalidInput, InvalidState, NotFound } from "../domain/errors";
import { type Viewer, requireRole } from "../domain/permissions";
import { verdictBallotSchema } from "../domain/schemas/accountability";
import { DAY_MS, MINUTE_MS, zonedLocalToEpoch } from "../domain/time";
import { openBallotInScope } from "./ballot-lifecycle";
import type { ServiceDeps } from "./deps";
import { findMotionById } from "./motions";
import { validate } from "./validate";
import { type WriteScope, write } from "./write";

export function createVerdictService(deps: ServiceDeps) {
  const { rules } = deps;

  /** The response members may judge: the latest version, answered, with no verdict ballot yet. */
  async function judgeableResponse(scope: WriteScope, responseId: number) {
    const response = await scope.trx.selectFrom("responses").selectAll().where("id", "=", responseId).executeTakeFirst();
    if (!response) throw new NotFound("There is no such response.");
    const motion = await findMotionById(scope.trx, response.motion_id);
    const latest = await scope.trx
      .selectFrom("responses")
      .select((eb) => eb.fn.max("version").as("version"))
      .where("motion_id", "=", motion.id)
      .executeTakeFirstOrThrow();
    if (Number(latest.version) !== response.version) throw new InvalidState("A newer response has replaced this one; judge that one instead.");
    if (motion.response_status !== "responded") throw new InvalidState("Members judge a response once it is published and while the record is open.");
    // A ballot that missed quorum decided nothing, so members may put the question again.
    const ballots = await scope.trx.selectFrom("ballots").select(["status", "outcome"]).where("response_id", "=", response.id).execute();
    if (ballots.some((b) => b.status === "open")) throw new InvalidState("Members are already voting on this response.");
    if (ballots.some((b) => b.outcome !== "no_quorum")) throw new InvalidState("Members have already judged this response.");
    return { response, motion };
  }

  async function open(scope: WriteScope, responseId: number, openedBy: string, closesAt: number) {
    const { motion } = await judgeableResponse(scope, responseId);
    return openBallotInScope(scope, {
      motion,
      verdictOn: { responseId },
      // Secret by default: members judge the people who fund their services, free of pressure.
      kind: "secret",
      rule: "simple",
      closesAt,
      quorumPercent: rules.quorumPercent,
      openedBy,
    });
  }

  return {
    /** A member asks for a verdict ballot; the request that reaches the threshold opens it. */
    async request(viewer: Viewer, responseId: number): Promise<{ requests: number; needed: number; ballotId: number | null }> {
      requireRole(viewer, ["member"], "ask members to judge a response");
      return write(deps, async (scope) => {
        const { motion } = await judgeableResponse(scope, responseId);
        try {
          await scope.trx.insertInto("verdict_requests").values({ response_id: responseId, member_id: viewer.id, created_at: scope.now }).execute();
        } catch (error) {
          if (isUniqueViolation(error)) throw new InvalidState("You have already asked for a verdict on this response.");
          throw error;
        }
        const row = await scope.trx
          .selectFrom("verdict_requests")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("response_id", "=", responseId)
          .executeTakeFirstOrThrow();
        const requests = Number(row.n);
        await scope.audit({
          type: "verdict.requested",
          actorId: viewer.id,
          subjectType: "response",
          subjectId: responseId,
          motionId: motion.id,
          payload: { number: motion.number, response_id: responseId, requests, needed: rules.verdictRequests },
        });
        let ballotId: number | null = null;
        if (requests >= rules.verdictRequests) {
          ballotId = await open(scope, responseId, viewer.id, scope.now + rules.verdictDays * DAY_MS);
        }
        scope.emit({ type: "motion:changed", motionId: motion.id, number: motion.number });
        return { requests, needed: rules.verdictRequests, ballotId };
      });
    },

    /** The chair puts the question directly, with a closing time. */
    async open(viewer: Viewer, responseId: number, input: unknown): Promise<{ ballotId: number }> {
      requireRole(viewer, ["chair"], "put a response to members' verdict");
      const { closesAt: local } = validate(verdictBallotSchema, input);
      const closesAt = zonedLocalToEpoch(local, rules.timeZone);
      const now = deps.clock.now();
      if (closesAt === null || closesAt < now + 10 * MINUTE_MS || closesAt > now + 60 * DAY_MS) {
        const message = "Choose a closing time between 10 minutes and 60 days from now.";
        throw new InvalidInput(message, { closesAt: [message] });
      }
      return write(deps, async (scope) => ({ ballotId: await open(scope, responseId, viewer.id, closesAt) }));
    },
  };
}

export type VerdictService = ReturnType<typeof createVerdictService>;
