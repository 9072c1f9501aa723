// Commissioners answer carried motions addressed to their body, in public.
import { InvalidState, NotAllowed } from "../domain/errors";
import { type Viewer, isCommissionerFor, requireRole } from "../domain/permissions";
import { responseSchema } from "../domain/schemas/response";
import type { ServiceDeps } from "./deps";
import { findMotionById } from "./motions";
import { validate } from "./validate";
import { write } from "./write";

export function createResponseService(deps: ServiceDeps) {
  return {
    async publish(viewer: Viewer, motionId: number, input: unknown): Promise<{ responseId: number; version: number }> {
      requireRole(viewer, ["commissioner"], "publish a response");
      const fields = validate(responseSchema, input);
      return write(deps, async (scope) => {
        const motion = await findMotionById(scope.trx, motionId);
        if (!isCommissionerFor(viewer, motion.body_id)) {
          throw new NotAllowed("Only commissioners of the body this motion is addressed to can respond to it.");
        }
        if (motion.response_status !== "awaiting" && motion.response_status !== "revision_requested") {
          throw new InvalidState(
            motion.status === "carried"
              ? "This motion has already been answered."
              : "Only a carried motion awaiting a response can be answered.",
          );
        }
        const previous = await scope.trx
          .selectFrom("responses")
          .select((eb) => eb.fn.max("version").as("version"))
          .where("motion_id", "=", motion.id)
          .executeTakeFirst();
        const version = Number(previous?.version ?? 0) + 1;
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
          })
          .returning("id")
          .executeTakeFirstOrThrow();
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
            due_at: motion.response_due_at,
            on_time: motion.response_due_at === null || scope.now <= motion.response_due_at,
          },
        });
        scope.emit({ type: "response:published", motionId: motion.id, responseId: row.id });
        return { responseId: row.id, version };
      });
    },
  };
}

export type ResponseService = ReturnType<typeof createResponseService>;
