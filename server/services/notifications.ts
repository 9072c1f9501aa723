// Following motions and the notices that follow from it. Notices are written in the same
// transaction as the change they announce (so none is lost or invented by a rollback); email,
// when configured, goes out after commit through the `notifications:created` event.
import { isUniqueViolation } from "../../db/connect";
import type { Motion } from "../../db/schema";
import { InvalidState, NotFound } from "../domain/errors";
import { type Viewer, requireSignedIn } from "../domain/permissions";
import type { Db, ServiceDeps } from "./deps";
import { type WriteScope, write } from "./write";

export type NoticeKind =
  | "seconded"
  | "scheduled"
  | "voted"
  | "answered"
  | "holding_reply"
  | "revision_requested"
  | "revised"
  | "action_moved"
  | "closed"
  | "response_due_soon"
  | "response_overdue";

/** Tell the proposer and the followers of a motion, except the person who caused it. */
export async function notifyFollowers(
  scope: WriteScope,
  motion: Pick<Motion, "id" | "proposer_id">,
  kind: NoticeKind,
  message: string,
  actorId: string | null,
) {
  const followers = await scope.trx.selectFrom("follows").select("user_id").where("motion_id", "=", motion.id).execute();
  const recipients = new Set([motion.proposer_id, ...followers.map((f) => f.user_id)]);
  if (actorId) recipients.delete(actorId);
  await notifyUsers(scope, [...recipients], motion.id, kind, message);
}

/** Commissioners of a body, for the clock on their responses. */
export async function notifyCommissioners(scope: WriteScope, bodyId: number, motionId: number, kind: NoticeKind, message: string) {
  const commissioners = await scope.trx
    .selectFrom("users")
    .select("id")
    .where("role", "=", "commissioner")
    .where("body_id", "=", bodyId)
    .where("status", "=", "active")
    .execute();
  await notifyUsers(scope, commissioners.map((c) => c.id), motionId, kind, message);
}

async function notifyUsers(scope: WriteScope, userIds: string[], motionId: number | null, kind: NoticeKind, message: string) {
  if (!userIds.length) return;
  const active = await scope.trx.selectFrom("users").select("id").where("id", "in", userIds).where("status", "=", "active").execute();
  if (!active.length) return;
  const rows = await scope.trx
    .insertInto("notifications")
    .values(active.map((u) => ({ user_id: u.id, motion_id: motionId, kind, message, created_at: scope.now })))
    .returning("id")
    .execute();
  scope.emit({ type: "notifications:created", ids: rows.map((r) => r.id) });
}

export function createNotificationService(deps: ServiceDeps) {
  const { db } = deps;

  async function assertPublicMotion(trx: Db, motionId: number) {
    const motion = await trx.selectFrom("motions").select(["id", "status"]).where("id", "=", motionId).executeTakeFirst();
    if (!motion || motion.status === "draft") throw new NotFound("There is no such motion.");
  }

  return {
    async follow(viewer: Viewer, motionId: number): Promise<void> {
      requireSignedIn(viewer, "follow a motion");
      await write(deps, async ({ trx, now }) => {
        await assertPublicMotion(trx, motionId);
        try {
          await trx.insertInto("follows").values({ motion_id: motionId, user_id: viewer.id, created_at: now }).execute();
        } catch (error) {
          if (isUniqueViolation(error)) throw new InvalidState("You already follow this motion.");
          throw error;
        }
      });
    },

    async unfollow(viewer: Viewer, motionId: number): Promise<void> {
      requireSignedIn(viewer, "stop following a motion");
      await write(deps, async ({ trx }) => {
        const result = await trx.deleteFrom("follows").where("motion_id", "=", motionId).where("user_id", "=", viewer.id).executeTakeFirst();
        if (Number(result.numDeletedRows) !== 1) throw new InvalidState("You do not follow this motion.");
      });
    },

    async isFollowing(viewer: Viewer, motionId: number): Promise<boolean> {
      if (!viewer) return false;
      const row = await db.selectFrom("follows").select("motion_id").where("motion_id", "=", motionId).where("user_id", "=", viewer.id).executeTakeFirst();
      return Boolean(row);
    },

    async unreadCount(viewer: Viewer): Promise<number> {
      if (!viewer) return 0;
      const row = await db
        .selectFrom("notifications")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", viewer.id)
        .where("read_at", "is", null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Newest first, a page at a time (by id, so new notices do not shift the pages). */
    async list(viewer: Viewer, { before, limit = 30 }: { before?: number; limit?: number } = {}) {
      requireSignedIn(viewer, "see your notifications");
      let query = db
        .selectFrom("notifications")
        .leftJoin("motions", "motions.id", "notifications.motion_id")
        .select([
          "notifications.id",
          "notifications.kind",
          "notifications.message",
          "notifications.created_at",
          "notifications.read_at",
          "motions.number",
          "motions.title",
        ])
        .where("notifications.user_id", "=", viewer.id)
        .orderBy("notifications.id", "desc")
        .limit(limit + 1);
      if (before) query = query.where("notifications.id", "<", before);
      const rows = await query.execute();
      return { notifications: rows.slice(0, limit), more: rows.length > limit };
    },

    /** Mark one notice, or all of them, as read. */
    async markRead(viewer: Viewer, notificationId?: number): Promise<void> {
      requireSignedIn(viewer, "update your notifications");
      await write(deps, async ({ trx, now }) => {
        let query = trx.updateTable("notifications").set({ read_at: now }).where("user_id", "=", viewer.id).where("read_at", "is", null);
        if (notificationId !== undefined) query = query.where("id", "=", notificationId);
        await query.execute();
      });
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
