// The speakers queue of a sitting: members ask to speak, ask a question or raise a point of
// order on the item being debated; the chair gives and takes the floor. Part of the sittings
// service (see services/index.ts); split out only to keep each file to one idea.
import type { AgendaItem } from "../../db/schema";
import { InvalidState, NotAllowed, NotFound } from "../domain/errors";
import { type Viewer, requireRole } from "../domain/permissions";
import { agendaItemSchema, speakerIdSchema, speakerRequestSchema } from "../domain/schemas/sitting";
import { isActiveItem, queueOrder } from "../domain/sitting-rules";
import type { ServiceDeps } from "./deps";
import { assertInSession, assertNotClosed, endCurrentSpeech, findItem, findSitting } from "./sittings";
import { validate } from "./validate";
import { type WriteScope, write } from "./write";

/**
 * Who the chair gives the floor to, or takes it from, is part of the sitting's record. The entry
 * names the request, not the member, and stays off the motion's timeline.
 */
async function auditSpeaker(
  scope: WriteScope,
  type: "speaker.called" | "speaker.ended" | "speaker.removed",
  actorId: string,
  item: AgendaItem,
  request: { id: number; kind: string },
) {
  await scope.audit({
    type,
    actorId,
    subjectType: "speaker_request",
    subjectId: request.id,
    payload: { sitting_id: item.sitting_id, item_id: item.id, request_id: request.id, kind: request.kind },
  });
}

export function createSpeakerQueue(deps: ServiceDeps) {
  return {
    /** A member asks to speak, ask a question, or raises a point of order on the active item. */
    async requestToSpeak(viewer: Viewer, input: unknown): Promise<{ requestId: number }> {
      requireRole(viewer, ["member"], "ask to speak");
      const { itemId, kind } = validate(speakerRequestSchema, input);
      return write(deps, async (scope) => {
        const item = await findItem(scope.trx, itemId);
        assertInSession(await findSitting(scope.trx, item.sitting_id), "ask to speak");
        if (!isActiveItem(item.status)) throw new InvalidState("You can ask to speak only on the item being debated now.");
        const already = await scope.trx
          .selectFrom("speaker_requests")
          .select("id")
          .where("item_id", "=", item.id)
          .where("member_id", "=", viewer.id)
          .where("kind", "=", kind)
          .where("status", "in", ["waiting", "speaking"])
          .executeTakeFirst();
        if (already) throw new InvalidState("You are already in the queue for this. You can withdraw your request instead.");
        const row = await scope.trx
          .insertInto("speaker_requests")
          .values({ item_id: item.id, member_id: viewer.id, kind, status: "waiting", requested_at: scope.now })
          .returning("id")
          .executeTakeFirstOrThrow();
        scope.emit({ type: "sitting:changed", sittingId: item.sitting_id });
        return { requestId: row.id };
      });
    },

    /** A member withdraws their own waiting request; the chair removes anyone's. */
    async withdrawRequest(viewer: Viewer, input: unknown): Promise<void> {
      requireRole(viewer, ["member", "chair"], "change the speakers queue");
      const { requestId } = validate(speakerIdSchema, input);
      await write(deps, async (scope) => {
        const request = await scope.trx.selectFrom("speaker_requests").selectAll().where("id", "=", requestId).executeTakeFirst();
        if (!request) throw new NotFound("There is no such request to speak.");
        const byChair = viewer.role === "chair";
        if (!byChair && request.member_id !== viewer.id) throw new NotAllowed("You can withdraw only your own request to speak.");
        if (request.status !== "waiting") throw new InvalidState("This request is no longer waiting.");
        const item = await findItem(scope.trx, request.item_id);
        assertNotClosed(await findSitting(scope.trx, item.sitting_id));
        await scope.trx
          .updateTable("speaker_requests")
          .set({ status: byChair ? "removed" : "withdrawn", ended_at: scope.now })
          .where("id", "=", request.id)
          .execute();
        if (byChair) await auditSpeaker(scope, "speaker.removed", viewer.id, item, request);
        scope.emit({ type: "sitting:changed", sittingId: item.sitting_id });
      });
    },

    /** The chair ends the current speech (if any) and calls the next person in the queue. */
    async callNextSpeaker(viewer: Viewer, input: unknown): Promise<{ requestId: number | null }> {
      requireRole(viewer, ["chair"], "call speakers");
      const { itemId } = validate(agendaItemSchema, input);
      return write(deps, async (scope) => {
        const item = await findItem(scope.trx, itemId);
        assertInSession(await findSitting(scope.trx, item.sitting_id), "be called to speak");
        if (!isActiveItem(item.status)) throw new InvalidState("This item is not being debated.");
        const ended = await endCurrentSpeech(scope, item.id);
        const waiting = await scope.trx
          .selectFrom("speaker_requests")
          .select(["id", "kind", "status", "requested_at"])
          .where("item_id", "=", item.id)
          .where("status", "=", "waiting")
          .execute();
        const next = queueOrder(waiting)[0];
        if (next) {
          await scope.trx
            .updateTable("speaker_requests")
            .set({ status: "speaking", called_at: scope.now })
            .where("id", "=", next.id)
            .execute();
          await auditSpeaker(scope, "speaker.called", viewer.id, item, next);
        } else if (ended) {
          await auditSpeaker(scope, "speaker.ended", viewer.id, item, ended);
        }
        scope.emit({ type: "sitting:changed", sittingId: item.sitting_id });
        return { requestId: next?.id ?? null };
      });
    },

    async endSpeech(viewer: Viewer, input: unknown): Promise<void> {
      requireRole(viewer, ["chair"], "manage speakers");
      const { itemId } = validate(agendaItemSchema, input);
      await write(deps, async (scope) => {
        const item = await findItem(scope.trx, itemId);
        const ended = await endCurrentSpeech(scope, item.id);
        if (ended) await auditSpeaker(scope, "speaker.ended", viewer.id, item, ended);
        scope.emit({ type: "sitting:changed", sittingId: item.sitting_id });
      });
    },
  };
}
