// Commissioners report progress on the actions they promised, with dated updates. When every
// action is done or dropped, the motion's record closes by itself.
import { allActionsSettled, checkActionUpdate, isActionOpen } from "../domain/accountability";
import { actionStatusLabels } from "../domain/accountability";
import { InvalidState, NotFound } from "../domain/errors";
import { type Viewer, requireRole } from "../domain/permissions";
import { actionUpdateSchema } from "../domain/schemas/accountability";
import type { ServiceDeps } from "./deps";
import { findMotionById } from "./motions";
import { notifyFollowers } from "./notifications";
import { assertOwnBody, createResponseService } from "./responses";
import { validate } from "./validate";
import { write } from "./write";

export function createActionService(deps: ServiceDeps) {
  const responses = createResponseService(deps);

  return {
    async update(viewer: Viewer, input: unknown): Promise<{ closed: boolean }> {
      requireRole(viewer, ["commissioner"], "report progress on actions");
      const fields = validate(actionUpdateSchema, input);
      const progress = checkActionUpdate(fields);
      return write(deps, async (scope) => {
        const action = await scope.trx.selectFrom("response_actions").selectAll().where("id", "=", fields.actionId).executeTakeFirst();
        if (!action) throw new NotFound("There is no such action.");
        const motion = await findMotionById(scope.trx, action.motion_id);
        assertOwnBody(viewer, motion, "report progress on its actions");
        if (!isActionOpen(action.status)) {
          throw new InvalidState(`This action is ${actionStatusLabels[action.status].toLowerCase()}; its record is complete.`);
        }
        if (motion.response_status === "closed") throw new InvalidState("This motion's record is closed.");
        await scope.trx
          .insertInto("action_updates")
          .values({ action_id: action.id, author_id: viewer.id, at: scope.now, note: fields.note, status: fields.status, progress })
          .execute();
        await scope.trx
          .updateTable("response_actions")
          .set({
            status: fields.status,
            progress,
            drop_reason: fields.status === "dropped" ? fields.dropReason : null,
            updated_at: scope.now,
          })
          .where("id", "=", action.id)
          .execute();
        await scope.audit({
          type: "action.updated",
          actorId: viewer.id,
          subjectType: "action",
          subjectId: action.id,
          motionId: motion.id,
          payload: {
            number: motion.number,
            action_id: action.id,
            from: action.status,
            to: fields.status,
            progress,
            note: fields.note,
            drop_reason: fields.status === "dropped" ? fields.dropReason : undefined,
          },
        });
        await notifyFollowers(
          scope,
          motion,
          "action_moved",
          `An action on ${motion.number} is now ${actionStatusLabels[fields.status].toLowerCase()} (${progress}%): ${action.description}`,
          viewer.id,
        );
        scope.emit({ type: "motion:changed", motionId: motion.id, number: motion.number });

        const all = await scope.trx.selectFrom("response_actions").select("status").where("motion_id", "=", motion.id).execute();
        if (motion.response_status === "responded" && allActionsSettled(all)) {
          await responses.closeRecordInScope(scope, motion, null, "every promised action is done or dropped", viewer.id);
          return { closed: true };
        }
        return { closed: false };
      });
    },
  };
}

export type ActionService = ReturnType<typeof createActionService>;
