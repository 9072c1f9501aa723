// Deliberation threads: posting, replying, editing with history, deleting to a tombstone,
// reporting, and the chair's moderation.
import type { Post } from "../../db/schema";
import { isUniqueViolation } from "../../db/connect";
import { InvalidState, NotAllowed, NotFound } from "../domain/errors";
import { isPublic } from "../domain/motion-state";
import { type Actor, type Viewer, mayPostOn, requireRole, requireSignedIn } from "../domain/permissions";
import { editPostSchema, hidePostSchema, postIdSchema, postSchema, reportPostSchema, restorePostSchema } from "../domain/schemas/thread";
import type { Db, ServiceDeps } from "./deps";
import { findMotionById } from "./motions";
import { validate } from "./validate";
import { type WriteScope, write } from "./write";

/** Replies nest; past this depth they attach to the deepest allowed level so threads stay readable. */
export const MAX_DEPTH = 6;

async function findPost(db: Db, postId: number): Promise<Post> {
  const post = await db.selectFrom("posts").selectAll().where("id", "=", postId).executeTakeFirst();
  if (!post) throw new NotFound("That post does not exist.");
  return post;
}

function assertLive(post: Post) {
  if (post.deleted_at) throw new InvalidState("That post was deleted.");
  if (post.hidden_at) throw new InvalidState("That post was hidden by the chair.");
}

/** The chair's decision on a post, with their reason, in the audit log; open pages update. */
async function moderated(scope: WriteScope, type: "post.hidden" | "post.restored", chair: Actor, post: Post, reason: string) {
  await scope.audit({
    type,
    actorId: chair.id,
    subjectType: "post",
    subjectId: post.id,
    motionId: post.motion_id,
    payload: { post_id: post.id, reason },
  });
  scope.emit({ type: "post:changed", motionId: post.motion_id, postId: post.id });
}

export function createThreadService(deps: ServiceDeps) {
  return {
    async post(viewer: Viewer, motionId: number, input: unknown): Promise<{ postId: number }> {
      requireSignedIn(viewer, "take part in the discussion");
      const fields = validate(postSchema, input);
      return write(deps, async (scope) => {
        const motion = await findMotionById(scope.trx, motionId);
        if (!isPublic(motion.status)) throw new NotFound("There is no such motion.");
        if (!mayPostOn(viewer, motion)) {
          throw new NotAllowed(
            viewer.role === "commissioner"
              ? "Commissioners can take part only in discussions of motions addressed to their own body."
              : "Only members, the chair and the commissioners addressed can take part in the discussion.",
          );
        }
        if (motion.status === "withdrawn" || motion.status === "lapsed") {
          throw new InvalidState("The discussion is closed because this motion was withdrawn or lapsed.");
        }
        let depth = 0;
        let parentId: number | null = null;
        if (fields.parentId) {
          const parent = await findPost(scope.trx, fields.parentId);
          if (parent.motion_id !== motion.id) throw new NotFound("That post is not part of this discussion.");
          depth = Math.min(parent.depth + 1, MAX_DEPTH);
          parentId = depth > parent.depth ? parent.id : parent.parent_id;
        }
        const row = await scope.trx
          .insertInto("posts")
          .values({
            motion_id: motion.id,
            parent_id: parentId,
            depth,
            author_id: viewer.id,
            stance: fields.stance,
            body: fields.body,
            created_at: scope.now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        scope.emit({ type: "post:changed", motionId: motion.id, postId: row.id });
        return { postId: row.id };
      });
    },

    /** Authors edit their own posts; the text they replace is kept as history. */
    async edit(viewer: Viewer, input: unknown): Promise<void> {
      requireSignedIn(viewer, "edit a post");
      const fields = validate(editPostSchema, input);
      await write(deps, async (scope) => {
        const post = await findPost(scope.trx, fields.postId);
        if (post.author_id !== viewer.id) throw new NotAllowed("You can edit only your own posts.");
        assertLive(post);
        if (post.body === fields.body && post.stance === fields.stance) return;
        await scope.trx
          .insertInto("post_revisions")
          .values({ post_id: post.id, stance: post.stance, body: post.body, replaced_at: scope.now })
          .execute();
        await scope.trx
          .updateTable("posts")
          .set({ body: fields.body, stance: fields.stance, edited_at: scope.now })
          .where("id", "=", post.id)
          .execute();
        scope.emit({ type: "post:changed", motionId: post.motion_id, postId: post.id });
      });
    },

    /** The author takes their words back: text and history go, a tombstone keeps replies in place. */
    async remove(viewer: Viewer, input: unknown): Promise<void> {
      requireSignedIn(viewer, "delete a post");
      const { postId } = validate(postIdSchema, input);
      await write(deps, async (scope) => {
        const post = await findPost(scope.trx, postId);
        if (post.author_id !== viewer.id) throw new NotAllowed("You can delete only your own posts.");
        if (post.deleted_at) throw new InvalidState("That post is already deleted.");
        await scope.trx.deleteFrom("post_revisions").where("post_id", "=", post.id).execute();
        await scope.trx
          .updateTable("posts")
          .set({ body: "", deleted_at: scope.now })
          .where("id", "=", post.id)
          .execute();
        scope.emit({ type: "post:changed", motionId: post.motion_id, postId: post.id });
      });
    },

    async report(viewer: Viewer, input: unknown): Promise<void> {
      requireSignedIn(viewer, "report a post");
      const fields = validate(reportPostSchema, input);
      await write(deps, async (scope) => {
        const post = await findPost(scope.trx, fields.postId);
        assertLive(post);
        if (post.author_id === viewer.id) throw new InvalidState("You cannot report your own post; you can edit or delete it.");
        try {
          await scope.trx
            .insertInto("post_reports")
            .values({ post_id: post.id, reporter_id: viewer.id, reason: fields.reason, created_at: scope.now })
            .execute();
        } catch (error) {
          if (isUniqueViolation(error)) throw new InvalidState("You have already reported this post. The chair will look at it.");
          throw error;
        }
      });
    },

    /** The chair hides a post; the reason stays visible in its place and in the audit log. */
    async hide(viewer: Viewer, input: unknown): Promise<void> {
      requireRole(viewer, ["chair"], "hide posts");
      const fields = validate(hidePostSchema, input);
      await write(deps, async (scope) => {
        const post = await findPost(scope.trx, fields.postId);
        assertLive(post);
        await scope.trx
          .updateTable("posts")
          .set({ hidden_at: scope.now, hidden_by: viewer.id, hidden_reason: fields.reason })
          .where("id", "=", post.id)
          .execute();
        await scope.trx
          .updateTable("post_reports")
          .set({ resolved_at: scope.now, resolved_by: viewer.id })
          .where("post_id", "=", post.id)
          .where("resolved_at", "is", null)
          .execute();
        await moderated(scope, "post.hidden", viewer, post, fields.reason);
      });
    },

    /**
     * The chair puts back a post they hid (by mistake, or after the author explained). The post
     * reads as before; the hiding and the putting back, each with its reason, stay in the audit log.
     */
    async restore(viewer: Viewer, input: unknown): Promise<void> {
      requireRole(viewer, ["chair"], "put back hidden posts");
      const fields = validate(restorePostSchema, input);
      await write(deps, async (scope) => {
        const post = await findPost(scope.trx, fields.postId);
        if (post.deleted_at) throw new InvalidState("That post was deleted by its author, so there is nothing to put back.");
        if (!post.hidden_at) throw new InvalidState("That post is not hidden.");
        await scope.trx
          .updateTable("posts")
          .set({ hidden_at: null, hidden_by: null, hidden_reason: null })
          .where("id", "=", post.id)
          .where("hidden_at", "is not", null)
          .execute();
        await moderated(scope, "post.restored", viewer, post, fields.reason);
      });
    },

    /** The chair looked at the reports on a post and leaves it up. */
    async dismissReports(viewer: Viewer, input: unknown): Promise<void> {
      requireRole(viewer, ["chair"], "deal with reports");
      const { postId } = validate(postIdSchema, input);
      await write(deps, async ({ trx, now }) => {
        const post = await findPost(trx, postId);
        await trx
          .updateTable("post_reports")
          .set({ resolved_at: now, resolved_by: viewer.id })
          .where("post_id", "=", post.id)
          .where("resolved_at", "is", null)
          .execute();
      });
    },
  };
}

export type ThreadService = ReturnType<typeof createThreadService>;
