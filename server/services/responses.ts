// Commissioners answer carried motions addressed to their body, in public and against a
// clock: responses (kept as versions), holding replies when late, and the actions promised.
import type { Motion } from "../../db/schema";
import { InvalidInput, InvalidState, NotAllowed } from "../domain/errors";
import { type Actor, type Viewer, isCommissionerFor, requireRole } from "../domain/permissions";
import { calendarDate, closeRecordSchema, holdingReplySchema, responseSchemaFor } from "../domain/schemas/accountability";
import { positionLabels } from "../domain/schemas/response";
import { zonedLocalToEpoch } from "../domain/time";
import type { Db, ServiceDeps } from "./deps";
import { findMotionById } from "./motions";
import { notifyFollowers } from "./notifications";
import { validate } from "./validate";
import { type WriteScope, write } from "./write";

/** A calendar date typed into a form ("2027-03-31") is the end of that day in the parliament's zone. */
export function endOfDay(date: string, timeZone: string, field: string): number {
  const start = zonedLocalToEpoch(`${date}T00:00`, timeZone);
  if (start === null) throw new InvalidInput("That is not a real date.", { [field]: ["That is not a real date."] });
  return (zonedLocalToEpoch(`${date}T23:59`, timeZone) ?? start) + 59_999;
}

export function assertOwnBody(viewer: Actor, motion: Pick<Motion, "body_id">, doing: string) {
  if (!isCommissionerFor(viewer, motion.body_id)) {
    throw new NotAllowed(`Only commissioners of the body this motion is addressed to can ${doing}.`);
  }
}

export function awaitingAnswer(motion: Motion): boolean {
  return motion.response_status === "awaiting" || motion.response_status === "revision_requested";
}

async function latestVersion(db: Db, motionId: number): Promise<number> {
  const row = await db
    .selectFrom("responses")
    .select((eb) => eb.fn.max("version").as("version"))
    .where("motion_id", "=", motionId)
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

export function createResponseService(deps: ServiceDeps) {
  const { rules } = deps;

  /**
   * Close the accountability record: every action settled, or the chair's decision. `notifyExcept`
   * is whoever caused it (the commissioner whose update settled the last action), who needs no notice.
   */
  async function closeRecord(scope: WriteScope, motion: Motion, actorId: string | null, reason: string, notifyExcept = actorId) {
    await scope.trx
      .updateTable("motions")
      .set({ response_status: "closed", closed_at: scope.now, closed_reason: reason, updated_at: scope.now })
      .where("id", "=", motion.id)
      .execute();
    await scope.audit({
      type: "response.record_closed",
      actorId,
      subjectType: "motion",
      subjectId: motion.id,
      motionId: motion.id,
      payload: { number: motion.number, reason },
    });
    await notifyFollowers(scope, motion, "closed", `The record of ${motion.number} is closed: ${reason}`, notifyExcept);
    scope.emit({ type: "motion:changed", motionId: motion.id, number: motion.number });
  }

  return {
    closeRecordInScope: closeRecord,

    /**
     * A commissioner publishes the body's response: a position, reasons, a plain summary and,
     * unless declining, the actions that will follow. A revised response is a new version.
     */
    async publish(viewer: Viewer, motionId: number, input: unknown): Promise<{ responseId: number; version: number }> {
      requireRole(viewer, ["commissioner"], "publish a response");
      // Like a holding reply's date, an action's due date is checked against today by the clock.
      const fields = validate(responseSchemaFor(calendarDate(deps.clock.now(), rules.timeZone)), input);
      const dueDates = fields.actions.map((a, i) => endOfDay(a.dueDate, rules.timeZone, `actions[${i}].dueDate`));
      return write(deps, async (scope) => {
        const motion = await findMotionById(scope.trx, motionId);
        assertOwnBody(viewer, motion, "respond to it");
        if (motion.response_status === "closed") throw new InvalidState("This motion's record is closed.");
        if (!awaitingAnswer(motion)) {
          throw new InvalidState(
            motion.status === "carried"
              ? "This motion has already been answered. A revised response is possible only after members ask for one."
              : "Only a carried motion awaiting a response can be answered.",
          );
        }
        const previous = await latestVersion(scope.trx, motion.id);
        const version = previous + 1;
        const row = await scope.trx
          .insertInto("responses")
          .values({
            motion_id: motion.id,
            body_id: motion.body_id,
            version,
            position: fields.position,
            reasons: fields.reasons,
            summary: fields.summary,
            published_at: scope.now,
            published_by: viewer.id,
            due_at: motion.response_due_at,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        if (fields.actions.length) {
          const last = await scope.trx
            .selectFrom("response_actions")
            .select((eb) => eb.fn.max("position").as("position"))
            .where("motion_id", "=", motion.id)
            .executeTakeFirst();
          const start = Number(last?.position ?? 0);
          await scope.trx
            .insertInto("response_actions")
            .values(
              fields.actions.map((a, i) => ({
                motion_id: motion.id,
                response_id: row.id,
                position: start + i + 1,
                description: a.description,
                owner: a.owner,
                due_at: dueDates[i],
                status: "planned" as const,
                progress: 0,
                created_at: scope.now,
                updated_at: scope.now,
              })),
            )
            .execute();
        }
        await scope.trx
          .updateTable("motions")
          .set({ response_status: "responded", updated_at: scope.now })
          .where("id", "=", motion.id)
          .execute();
        await scope.audit({
          type: "response.published",
          actorId: viewer.id,
          subjectType: "response",
          subjectId: row.id,
          motionId: motion.id,
          payload: {
            number: motion.number,
            body_id: motion.body_id,
            version,
            position: fields.position,
            actions: fields.actions.map((a, i) => ({ description: a.description, owner: a.owner, due_at: dueDates[i] })),
            due_at: motion.response_due_at,
            on_time: motion.response_due_at === null || scope.now <= motion.response_due_at,
          },
        });
        const position = positionLabels[fields.position].toLowerCase();
        await notifyFollowers(
          scope,
          motion,
          version > 1 ? "revised" : "answered",
          version > 1
            ? `A revised response to ${motion.number} was published (${position}).`
            : `The commissioners answered ${motion.number}: ${position}.`,
          viewer.id,
        );
        scope.emit({ type: "response:published", motionId: motion.id, responseId: row.id });
        return { responseId: row.id, version };
      });
    },

    /** A late (or soon late) commissioner says why and when; the clock keeps running. */
    async holdingReply(viewer: Viewer, motionId: number, input: unknown): Promise<{ holdingReplyId: number }> {
      requireRole(viewer, ["commissioner"], "post a holding reply");
      const fields = validate(holdingReplySchema, input);
      const expectedAt = endOfDay(fields.expectedDate, rules.timeZone, "expectedDate");
      return write(deps, async (scope) => {
        const motion = await findMotionById(scope.trx, motionId);
        assertOwnBody(viewer, motion, "post a holding reply");
        if (!awaitingAnswer(motion)) throw new InvalidState("A holding reply is for a motion still waiting for its response.");
        if (expectedAt < scope.now) {
          const message = "The expected date must be today or later.";
          throw new InvalidInput(message, { expectedDate: [message] });
        }
        const row = await scope.trx
          .insertInto("holding_replies")
          .values({
            motion_id: motion.id,
            body_id: motion.body_id,
            reason: fields.reason,
            expected_at: expectedAt,
            published_at: scope.now,
            published_by: viewer.id,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await scope.audit({
          type: "response.holding_reply",
          actorId: viewer.id,
          subjectType: "motion",
          subjectId: motion.id,
          motionId: motion.id,
          payload: { number: motion.number, reason: fields.reason, expected_at: expectedAt, due_at: motion.response_due_at },
        });
        await notifyFollowers(scope, motion, "holding_reply", `The commissioners posted a holding reply on ${motion.number}.`, viewer.id);
        scope.emit({ type: "motion:changed", motionId: motion.id, number: motion.number });
        return { holdingReplyId: row.id };
      });
    },

    /** The chair closes a motion's accountability record, with a reason everyone can read. */
    async close(viewer: Viewer, motionId: number, input: unknown): Promise<void> {
      requireRole(viewer, ["chair"], "close a motion's record");
      const { reason } = validate(closeRecordSchema, input);
      await write(deps, async (scope) => {
        const motion = await findMotionById(scope.trx, motionId);
        if (motion.status !== "carried" || motion.response_status === null) {
          throw new InvalidState("Only a carried motion has a record of responses and actions to close.");
        }
        if (motion.response_status === "closed") throw new InvalidState("This motion's record is already closed.");
        await closeRecord(scope, motion, viewer.id, reason);
      });
    },
  };
}

export type ResponseService = ReturnType<typeof createResponseService>;
