// Raising, editing, publishing, seconding, withdrawing and lapsing motions.
import type { Motion, MotionStatus } from "../../db/schema";
import { isUniqueViolation } from "../../db/connect";
import { InvalidState, NotAllowed, NotFound } from "../domain/errors";
import { formatMotionNumber } from "../domain/motion-number";
import { assertTransition, canEditText, canSecond, canWithdraw } from "../domain/motion-state";
import { type Viewer, requireRole } from "../domain/permissions";
import { type MotionFields, motionSchema, withdrawSchema } from "../domain/schemas/motion";
import { DAY_MS, zonedYear } from "../domain/time";
import type { Db, ServiceDeps, Tx } from "./deps";
import { validate } from "./validate";
import { type NoticeKind, notifyFollowers } from "./notifications";
import { type WriteScope, settleEach, write } from "./write";

export async function findMotionById(trx: Db, id: number): Promise<Motion> {
  const motion = await trx.selectFrom("motions").selectAll().where("id", "=", id).executeTakeFirst();
  if (!motion) throw new NotFound("There is no such motion.");
  return motion;
}

export async function findMotionByNumber(trx: Db, number: string): Promise<Motion> {
  const motion = await trx.selectFrom("motions").selectAll().where("number", "=", number).executeTakeFirst();
  if (!motion) throw new NotFound(`There is no motion ${number}.`);
  return motion;
}

/** Change status through the one state table, with its audit entry and event. */
export async function moveMotion(
  scope: WriteScope,
  motion: Motion,
  to: MotionStatus,
  actorId: string | null,
  extra: Partial<Motion> = {},
  reason?: string,
  /** someone whose own act caused a system change, so they are not told about it */
  notifyExcept: string | null = actorId,
): Promise<void> {
  assertTransition(motion.status, to);
  const result = await scope.trx
    .updateTable("motions")
    .set({ ...extra, status: to, updated_at: scope.now })
    .where("id", "=", motion.id)
    .where("status", "=", motion.status) // guards against a change made since the motion was read
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new InvalidState("This motion changed while you were acting. Please reload and try again.");
  }
  await scope.audit({
    type: "motion.state",
    actorId,
    subjectType: "motion",
    subjectId: motion.id,
    motionId: motion.id,
    payload: { number: motion.number, from: motion.status, to, reason },
  });
  if (motion.number) scope.emit({ type: "motion:state", motionId: motion.id, number: motion.number, status: to });
  const notice = stateNotice(motion, to);
  if (notice) await notifyFollowers(scope, motion, notice.kind, notice.message, notifyExcept);
}

/** What followers and the proposer hear when a motion moves. */
function stateNotice(motion: Motion, to: MotionStatus): { kind: NoticeKind; message: string } | null {
  const name = `${motion.number}: ${motion.title}`;
  if (to === "seconded" && motion.status === "open") return { kind: "seconded", message: `${name} was seconded and can now go to a vote.` };
  if (to === "scheduled" && motion.status === "seconded") return { kind: "scheduled", message: `${name} is on the agenda of a sitting.` };
  if (to === "carried") return { kind: "voted", message: `${name} was carried. The commissioners now owe a public response.` };
  if (to === "defeated") return { kind: "voted", message: `${name} was defeated.` };
  if (motion.status === "voting") return { kind: "voted", message: `The vote on ${name} did not reach quorum, so nothing was decided.` };
  return null;
}

async function replaceTopics(trx: Tx, motionId: number, topics: string[]) {
  await trx.deleteFrom("motion_topics").where("motion_id", "=", motionId).execute();
  if (topics.length) {
    await trx
      .insertInto("motion_topics")
      .values(topics.map((topic) => ({ motion_id: motionId, topic })))
      .execute();
  }
}

async function assertBodyExists(trx: Tx, bodyId: number) {
  const body = await trx.selectFrom("bodies").select("id").where("id", "=", bodyId).executeTakeFirst();
  if (!body) throw new NotFound("That commissioning body does not exist.");
}

function textFields(fields: MotionFields) {
  return {
    title: fields.title,
    text: fields.text,
    rationale: fields.rationale,
    summary: fields.summary,
    body_id: fields.bodyId,
  };
}

export function createMotionService(deps: ServiceDeps) {
  const { rules } = deps;

  async function publishInScope(scope: WriteScope, motion: Motion, actorId: string): Promise<string> {
    const year = zonedYear(scope.now, rules.timeZone);
    // The counter row is updated in the same transaction, so two motions can never share a number.
    const counter = await scope.trx
      .insertInto("motion_counters")
      .values({ year, last: 1 })
      .onConflict((oc) => oc.column("year").doUpdateSet((eb) => ({ last: eb("motion_counters.last", "+", 1) })))
      .returning("last")
      .executeTakeFirstOrThrow();
    const number = formatMotionNumber(year, counter.last);
    assertTransition(motion.status, "open");
    await scope.trx
      .updateTable("motions")
      .set({
        number,
        status: "open",
        updated_at: scope.now,
        published_at: scope.now,
        lapses_at: scope.now + rules.lapseDays * DAY_MS,
        seconders_required: rules.secondersRequired,
      })
      .where("id", "=", motion.id)
      .execute();
    await scope.trx
      .insertInto("motion_versions")
      .values({
        motion_id: motion.id,
        version: 1,
        title: motion.title,
        text: motion.text,
        rationale: motion.rationale,
        summary: motion.summary,
        created_at: scope.now,
      })
      .execute();
    await scope.audit({
      type: "motion.published",
      actorId,
      subjectType: "motion",
      subjectId: motion.id,
      motionId: motion.id,
      payload: { number, title: motion.title, body_id: motion.body_id, seconders_required: rules.secondersRequired },
    });
    scope.emit({ type: "motion:published", motionId: motion.id, number });
    return number;
  }

  return {
    /** A member writes a motion; it stays a private draft unless `publish` is set. */
    async raise(viewer: Viewer, input: unknown, { publish = false } = {}): Promise<{ id: number; number: string | null }> {
      requireRole(viewer, ["member"], "raise a motion");
      const fields = validate(motionSchema, input);
      return write(deps, async (scope) => {
        await assertBodyExists(scope.trx, fields.bodyId);
        const row = await scope.trx
          .insertInto("motions")
          .values({
            ...textFields(fields),
            proposer_id: viewer.id,
            status: "draft",
            version: 1,
            seconders_required: rules.secondersRequired,
            created_at: scope.now,
            updated_at: scope.now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await replaceTopics(scope.trx, row.id, fields.topics);
        const number = publish ? await publishInScope(scope, row, viewer.id) : null;
        return { id: row.id, number };
      });
    },

    async publish(viewer: Viewer, motionId: number): Promise<string> {
      requireRole(viewer, ["member"], "publish a motion");
      return write(deps, async (scope) => {
        const motion = await findMotionById(scope.trx, motionId);
        if (motion.proposer_id !== viewer.id) throw new NotAllowed("Only the proposer can publish this draft.");
        if (motion.status !== "draft") throw new InvalidState("This motion is already published.");
        return publishInScope(scope, motion, viewer.id);
      });
    },

    /** Edit a draft, or a published motion that nobody has seconded yet (a new text version). */
    async edit(viewer: Viewer, motionId: number, input: unknown): Promise<void> {
      requireRole(viewer, ["member"], "edit a motion");
      const fields = validate(motionSchema, input);
      await write(deps, async (scope) => {
        const motion = await findMotionById(scope.trx, motionId);
        if (motion.proposer_id !== viewer.id) throw new NotAllowed("Only the proposer can edit this motion.");
        const seconds = await countSeconds(scope.trx, motion.id);
        if (!canEditText(motion.status, seconds)) {
          throw new InvalidState("This motion can no longer be edited: members have seconded the text they read.");
        }
        await assertBodyExists(scope.trx, fields.bodyId);
        const version = motion.status === "draft" ? motion.version : motion.version + 1;
        await scope.trx
          .updateTable("motions")
          .set({ ...textFields(fields), version, updated_at: scope.now })
          .where("id", "=", motion.id)
          .execute();
        await replaceTopics(scope.trx, motion.id, fields.topics);
        if (motion.status !== "draft") {
          await scope.trx
            .insertInto("motion_versions")
            .values({
              motion_id: motion.id,
              version,
              title: fields.title,
              text: fields.text,
              rationale: fields.rationale,
              summary: fields.summary,
              created_at: scope.now,
            })
            .execute();
          await scope.audit({
            type: "motion.edited",
            actorId: viewer.id,
            subjectType: "motion",
            subjectId: motion.id,
            motionId: motion.id,
            payload: { number: motion.number, version, title: fields.title, body_id: fields.bodyId },
          });
          scope.emit({ type: "motion:changed", motionId: motion.id, number: motion.number });
        }
      });
    },

    /** Discard a draft: it was never public, so nothing is kept. */
    async discardDraft(viewer: Viewer, motionId: number): Promise<void> {
      requireRole(viewer, ["member"], "discard a draft");
      await write(deps, async ({ trx }) => {
        const motion = await findMotionById(trx, motionId);
        if (motion.proposer_id !== viewer.id) throw new NotAllowed("Only the proposer can discard this draft.");
        if (motion.status !== "draft") throw new InvalidState("Only drafts can be discarded; withdraw a published motion instead.");
        await trx.deleteFrom("motions").where("id", "=", motion.id).execute();
      });
    },

    async second(viewer: Viewer, motionId: number): Promise<{ seconds: number; status: MotionStatus }> {
      requireRole(viewer, ["member"], "second a motion");
      return write(deps, async (scope) => {
        const motion = await findMotionById(scope.trx, motionId);
        if (motion.proposer_id === viewer.id) throw new NotAllowed("You cannot second your own motion.");
        if (!canSecond(motion.status)) throw new InvalidState("This motion is not open for seconding.");
        try {
          await scope.trx
            .insertInto("seconds")
            .values({ motion_id: motion.id, member_id: viewer.id, created_at: scope.now })
            .execute();
        } catch (error) {
          if (isUniqueViolation(error)) throw new InvalidState("You have already seconded this motion.");
          throw error;
        }
        const seconds = await countSeconds(scope.trx, motion.id);
        await scope.audit({
          type: "motion.seconded",
          actorId: viewer.id,
          subjectType: "motion",
          subjectId: motion.id,
          motionId: motion.id,
          payload: { number: motion.number, seconds },
        });
        let status = motion.status;
        if (motion.status === "open" && seconds >= motion.seconders_required) {
          await moveMotion(scope, motion, "seconded", null, { seconded_at: scope.now }, "enough members seconded it", viewer.id);
          status = "seconded";
        } else {
          scope.emit({ type: "motion:changed", motionId: motion.id, number: motion.number });
        }
        return { seconds, status };
      });
    },

    async withdraw(viewer: Viewer, motionId: number, input: unknown): Promise<void> {
      requireRole(viewer, ["member"], "withdraw a motion");
      const { reason } = validate(withdrawSchema, input);
      await write(deps, async (scope) => {
        const motion = await findMotionById(scope.trx, motionId);
        if (motion.proposer_id !== viewer.id) throw new NotAllowed("Only the proposer can withdraw this motion.");
        if (!canWithdraw(motion.status)) {
          throw new InvalidState(
            motion.status === "draft"
              ? "A draft is not published; discard it instead."
              : "This motion can no longer be withdrawn: voting has started or it is decided.",
          );
        }
        await moveMotion(scope, motion, "withdrawn", viewer.id, { withdrawn_at: scope.now, withdrawal_reason: reason }, reason);
      });
    },

    /** Open motions that did not find enough seconders in time lapse. Run by the scheduler. */
    async lapseDue(): Promise<number> {
      const now = deps.clock.now();
      const due = await deps.db
        .selectFrom("motions")
        .select("id")
        .where("status", "=", "open")
        .where("lapses_at", "<=", now)
        .execute();
      await settleEach(due, "lapse(s)", ({ id }) =>
        write(deps, async (scope) => {
          const motion = await findMotionById(scope.trx, id);
          if (motion.status !== "open") return;
          await moveMotion(scope, motion, "lapsed", null, {}, "not seconded in time");
        }),
      );
      return due.length;
    },
  };
}

export async function countSeconds(trx: Db, motionId: number): Promise<number> {
  const row = await trx
    .selectFrom("seconds")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("motion_id", "=", motionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type MotionService = ReturnType<typeof createMotionService>;
