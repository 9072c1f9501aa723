// Live sittings: the chair schedules a sitting, builds its agenda from seconded motions, opens
// it, and works through the items. The speakers queue is in speakers.ts, live ballots in
// live-ballots.ts.
import type { AgendaItem, Sitting } from "../../db/schema";
import { InvalidInput, InvalidState, NotFound } from "../domain/errors";
import { type Viewer, requireRole } from "../domain/permissions";
import {
  agendaAddSchema,
  agendaItemSchema,
  agendaMoveSchema,
  scheduleSittingSchema,
} from "../domain/schemas/sitting";
import { assertItemTransition, assertSittingTransition } from "../domain/sitting-rules";
import { MINUTE_MS, zonedLocalToEpoch } from "../domain/time";
import type { Db, ServiceDeps } from "./deps";
import { findMotionById, moveMotion } from "./motions";
import { validate } from "./validate";
import { type WriteScope, write } from "./write";

export async function findSitting(db: Db, sittingId: number): Promise<Sitting> {
  const sitting = await db.selectFrom("sittings").selectAll().where("id", "=", sittingId).executeTakeFirst();
  if (!sitting) throw new NotFound("There is no such sitting.");
  return sitting;
}

export async function findItem(db: Db, itemId: number): Promise<AgendaItem> {
  const item = await db.selectFrom("agenda_items").selectAll().where("id", "=", itemId).executeTakeFirst();
  if (!item) throw new NotFound("There is no such agenda item.");
  return item;
}

export function assertNotClosed(sitting: Sitting) {
  if (sitting.status === "closed") throw new InvalidState("This sitting is closed; its record can no longer change.");
}

export function assertInSession(sitting: Sitting, doing: string) {
  if (sitting.status !== "open") {
    throw new InvalidState(
      sitting.status === "suspended"
        ? `The sitting is suspended. The chair resumes it before anyone can ${doing}.`
        : `The sitting is not in session, so no one can ${doing}.`,
    );
  }
}

/** Change an agenda item's state (and its motion's) with one audit entry for the item. */
export async function moveItem(
  scope: WriteScope,
  item: AgendaItem,
  to: AgendaItem["status"],
  actorId: string | null,
  extra: Partial<AgendaItem> = {},
) {
  assertItemTransition(item.status, to);
  // Debate is over when a vote starts or the item is decided or adjourned: a speech left
  // running would never end, and the minutes would show it without an end time.
  if (to !== "debating") await endCurrentSpeech(scope, item.id);
  const result = await scope.trx
    .updateTable("agenda_items")
    .set({ ...extra, status: to })
    .where("id", "=", item.id)
    .where("status", "=", item.status)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new InvalidState("This agenda item changed meanwhile. Please reload and try again.");
  await scope.audit({
    type: "agenda.item_state",
    actorId,
    subjectType: "agenda_item",
    subjectId: item.id,
    motionId: item.motion_id,
    payload: { sitting_id: item.sitting_id, item_id: item.id, from: item.status, to },
  });
  scope.emit({ type: "sitting:changed", sittingId: item.sitting_id });
}

/** The speaker now speaking on an item finishes. */
export async function endCurrentSpeech(scope: WriteScope, itemId: number): Promise<{ id: number; kind: string } | null> {
  const speaking = await scope.trx
    .selectFrom("speaker_requests")
    .select(["id", "kind"])
    .where("item_id", "=", itemId)
    .where("status", "=", "speaking")
    .executeTakeFirst();
  if (!speaking) return null;
  await scope.trx.updateTable("speaker_requests").set({ status: "spoken", ended_at: scope.now }).where("id", "=", speaking.id).execute();
  return speaking;
}

export function createSittingService(deps: ServiceDeps) {
  const { rules } = deps;

  async function auditSitting(scope: WriteScope, type: string, actorId: string, sitting: Pick<Sitting, "id">, payload = {}) {
    await scope.audit({ type, actorId, subjectType: "sitting", subjectId: sitting.id, payload: { sitting_id: sitting.id, ...payload } });
    scope.emit({ type: "sitting:changed", sittingId: sitting.id });
  }

  async function changeStatus(viewer: Viewer, sittingId: number, to: Sitting["status"], doing: string) {
    requireRole(viewer, ["chair"], doing);
    await write(deps, async (scope) => {
      const sitting = await findSitting(scope.trx, sittingId);
      assertSittingTransition(sitting.status, to);
      if (to === "closed") await closeAgenda(scope, sitting, viewer.id);
      await scope.trx
        .updateTable("sittings")
        .set({
          status: to,
          ...(to === "open" && !sitting.opened_at ? { opened_at: scope.now } : {}),
          ...(to === "closed" ? { closed_at: scope.now } : {}),
        })
        .where("id", "=", sitting.id)
        .execute();
      await auditSitting(scope, `sitting.${to === "open" && sitting.status === "suspended" ? "resumed" : to}`, viewer.id, sitting);
    });
  }

  /** On closing: an item in debate is adjourned, and unfinished motions return to seconded. */
  async function closeAgenda(scope: WriteScope, sitting: Sitting, actorId: string) {
    const items = await scope.trx.selectFrom("agenda_items").selectAll().where("sitting_id", "=", sitting.id).execute();
    if (items.some((i) => i.status === "voting")) {
      throw new InvalidState("A ballot is still open. Close it before closing the sitting.");
    }
    for (const item of items) {
      if (item.status === "decided") continue;
      if (item.status === "debating") {
        await endCurrentSpeech(scope, item.id);
        await moveItem(scope, item, "adjourned", actorId, { ended_at: scope.now });
      }
      const motion = await findMotionById(scope.trx, item.motion_id);
      if (motion.status === "debating") await moveMotion(scope, motion, "scheduled", actorId);
      const scheduled = await findMotionById(scope.trx, item.motion_id);
      if (scheduled.status === "scheduled") {
        await moveMotion(scope, scheduled, "seconded", actorId, {}, "the sitting closed before it was decided");
      }
    }
  }

  /** The chair takes up an item for debate; only one item is active at a time. */
  async function startItem(viewer: Viewer, input: unknown): Promise<void> {
    requireRole(viewer, ["chair"], "run the agenda");
    const { itemId } = validate(agendaItemSchema, input);
    await write(deps, async (scope) => {
      const item = await findItem(scope.trx, itemId);
      const sitting = await findSitting(scope.trx, item.sitting_id);
      assertInSession(sitting, "take up an item");
      const active = await scope.trx
        .selectFrom("agenda_items")
        .select("id")
        .where("sitting_id", "=", sitting.id)
        .where("status", "in", ["debating", "voting"])
        .executeTakeFirst();
      if (active) throw new InvalidState("Another item is still in debate or voting. Finish or adjourn it first.");
      await moveItem(scope, item, "debating", viewer.id, { started_at: item.started_at ?? scope.now, ended_at: null });
      const motion = await findMotionById(scope.trx, item.motion_id);
      await moveMotion(scope, motion, "debating", viewer.id);
    });
  }

  return {
    async schedule(viewer: Viewer, input: unknown): Promise<{ sittingId: number }> {
      requireRole(viewer, ["chair"], "schedule sittings");
      const fields = validate(scheduleSittingSchema, input);
      const startsAt = zonedLocalToEpoch(fields.startsAt, rules.timeZone);
      if (startsAt === null) throw new InvalidInput("That is not a real date and time.", { startsAt: ["That is not a real date and time."] });
      if (startsAt < deps.clock.now() - 60 * MINUTE_MS) {
        throw new InvalidInput("A sitting cannot be scheduled in the past.", { startsAt: ["A sitting cannot be scheduled in the past."] });
      }
      return write(deps, async (scope) => {
        const row = await scope.trx
          .insertInto("sittings")
          .values({
            title: fields.title,
            starts_at: startsAt,
            place: fields.place,
            online_link: fields.onlineLink,
            status: "scheduled",
            speaking_seconds: fields.speakingMinutes ? fields.speakingMinutes * 60 : null,
            created_by: viewer.id,
            created_at: scope.now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await auditSitting(scope, "sitting.scheduled", viewer.id, row, { title: fields.title, starts_at: startsAt });
        return { sittingId: row.id };
      });
    },

    open: (viewer: Viewer, sittingId: number) => changeStatus(viewer, sittingId, "open", "open a sitting"),
    suspend: (viewer: Viewer, sittingId: number) => changeStatus(viewer, sittingId, "suspended", "suspend a sitting"),
    close: (viewer: Viewer, sittingId: number) => changeStatus(viewer, sittingId, "closed", "close a sitting"),

    /** Put a seconded motion on the agenda (the motion becomes scheduled). */
    async addToAgenda(viewer: Viewer, sittingId: number, input: unknown): Promise<{ itemId: number }> {
      requireRole(viewer, ["chair"], "build the agenda");
      const { motionId } = validate(agendaAddSchema, input);
      return write(deps, async (scope) => {
        const sitting = await findSitting(scope.trx, sittingId);
        assertNotClosed(sitting);
        const motion = await findMotionById(scope.trx, motionId);
        if (motion.status !== "seconded") throw new InvalidState("Only a seconded motion can go on the agenda.");
        const last = await scope.trx
          .selectFrom("agenda_items")
          .select((eb) => eb.fn.max("position").as("position"))
          .where("sitting_id", "=", sitting.id)
          .executeTakeFirst();
        const row = await scope.trx
          .insertInto("agenda_items")
          .values({ sitting_id: sitting.id, motion_id: motion.id, position: Number(last?.position ?? 0) + 1, status: "pending" })
          .returning("id")
          .executeTakeFirstOrThrow();
        await moveMotion(scope, motion, "scheduled", viewer.id, {}, `on the agenda of sitting ${sitting.id}`);
        await auditSitting(scope, "agenda.added", viewer.id, sitting, { item_id: row.id, motion_id: motion.id });
        return { itemId: row.id };
      });
    },

    /** Take a waiting item off the agenda (the motion returns to seconded). */
    async removeFromAgenda(viewer: Viewer, input: unknown): Promise<void> {
      requireRole(viewer, ["chair"], "build the agenda");
      const { itemId } = validate(agendaItemSchema, input);
      await write(deps, async (scope) => {
        const item = await findItem(scope.trx, itemId);
        const sitting = await findSitting(scope.trx, item.sitting_id);
        assertNotClosed(sitting);
        if (item.status !== "pending") throw new InvalidState("Only an item that has not started can be taken off the agenda.");
        await scope.trx.deleteFrom("agenda_items").where("id", "=", item.id).execute();
        const motion = await findMotionById(scope.trx, item.motion_id);
        // A motion withdrawn while on the agenda simply leaves it.
        if (motion.status === "scheduled") await moveMotion(scope, motion, "seconded", viewer.id, {}, "taken off the agenda");
        await auditSitting(scope, "agenda.removed", viewer.id, sitting, { item_id: item.id, motion_id: item.motion_id });
      });
    },

    /** Swap an item with its neighbour above or below. */
    async reorder(viewer: Viewer, input: unknown): Promise<void> {
      requireRole(viewer, ["chair"], "reorder the agenda");
      const { itemId, direction } = validate(agendaMoveSchema, input);
      await write(deps, async (scope) => {
        const item = await findItem(scope.trx, itemId);
        const sitting = await findSitting(scope.trx, item.sitting_id);
        assertNotClosed(sitting);
        const neighbour = await scope.trx
          .selectFrom("agenda_items")
          .selectAll()
          .where("sitting_id", "=", item.sitting_id)
          .where("position", direction === "up" ? "<" : ">", item.position)
          .orderBy("position", direction === "up" ? "desc" : "asc")
          .limit(1)
          .executeTakeFirst();
        if (!neighbour) throw new InvalidState(`This item is already at the ${direction === "up" ? "top" : "bottom"} of the agenda.`);
        await scope.trx.updateTable("agenda_items").set({ position: neighbour.position }).where("id", "=", item.id).execute();
        await scope.trx.updateTable("agenda_items").set({ position: item.position }).where("id", "=", neighbour.id).execute();
        await auditSitting(scope, "agenda.reordered", viewer.id, sitting, { item_id: item.id, direction });
      });
    },

    startItem,

    /** The chair moves on to the first item that has not been taken up yet. */
    async startNextItem(viewer: Viewer, sittingId: number): Promise<{ itemId: number }> {
      requireRole(viewer, ["chair"], "run the agenda");
      const next = await deps.db
        .selectFrom("agenda_items")
        .select("id")
        .where("sitting_id", "=", sittingId)
        .where("status", "=", "pending")
        .orderBy("position")
        .limit(1)
        .executeTakeFirst();
      if (!next) throw new InvalidState("There are no more items waiting on the agenda.");
      await startItem(viewer, { itemId: next.id });
      return { itemId: next.id };
    },

    /** Debate pauses without a vote; the motion returns to scheduled and can be taken up again. */
    async adjournItem(viewer: Viewer, input: unknown): Promise<void> {
      requireRole(viewer, ["chair"], "run the agenda");
      const { itemId } = validate(agendaItemSchema, input);
      await write(deps, async (scope) => {
        const item = await findItem(scope.trx, itemId);
        assertNotClosed(await findSitting(scope.trx, item.sitting_id));
        await endCurrentSpeech(scope, item.id);
        await moveItem(scope, item, "adjourned", viewer.id, { ended_at: scope.now });
        const motion = await findMotionById(scope.trx, item.motion_id);
        // A motion its proposer withdrew during the debate stays withdrawn; the item still ends,
        // or it would hold the agenda and no other item could be taken up.
        if (motion.status === "debating") await moveMotion(scope, motion, "scheduled", viewer.id, {}, "debate adjourned");
      });
    },
  };
}

export type SittingService = ReturnType<typeof createSittingService>;
