// Membership: invitations, joining, roles and suspension. Only admins manage people, and every
// change of role is audited (ids only: names and emails never enter the log).
import { createHash, randomBytes } from "node:crypto";
import { generateIdFromEntropySize } from "lucia";
import type { Role } from "../../db/schema";
import { isUniqueViolation } from "../../db/connect";
import { InvalidInput, InvalidState, NotAllowed, NotFound } from "../domain/errors";
import { type Viewer, requireRole } from "../domain/permissions";
import { changeRoleSchema, invitationSchema, signUpSchema, userIdSchema } from "../domain/schemas/account";
import { DAY_MS } from "../domain/time";
import { hashPassword } from "../auth/password";
import type { Db, ServiceDeps } from "./deps";
import { validate } from "./validate";
import { type WriteScope, write } from "./write";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

async function findUsableInvitation(db: Db, token: string, now: number) {
  const invitation = await db
    .selectFrom("invitations")
    .leftJoin("bodies", "bodies.id", "invitations.body_id")
    .select([
      "invitations.id",
      "invitations.role",
      "invitations.body_id",
      "invitations.expires_at",
      "invitations.used_at",
      "invitations.revoked_at",
      "bodies.name as body_name",
    ])
    .where("token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!invitation) throw new NotFound("This invitation link is not valid. Check that you copied all of it.");
  if (invitation.used_at) throw new InvalidState("This invitation has already been used. Sign in instead.");
  if (invitation.revoked_at) throw new InvalidState("This invitation was withdrawn. Ask an admin for a new one.");
  if (invitation.expires_at <= now) throw new InvalidState("This invitation has expired. Ask an admin for a new one.");
  return invitation;
}

async function findUser(db: Db, userId: string) {
  const user = await db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst();
  if (!user || user.status === "deleted") throw new NotFound("There is no such person.");
  return user;
}

async function assertBody(db: Db, role: Role, bodyId: number | undefined): Promise<number | null> {
  if (role !== "commissioner") return null;
  const body = await db.selectFrom("bodies").select("id").where("id", "=", bodyId!).executeTakeFirst();
  if (!body) throw new InvalidInput("That commissioning body does not exist.", { bodyId: ["That commissioning body does not exist."] });
  return body.id;
}

export function createPeopleService(deps: ServiceDeps) {
  async function auditUser(scope: WriteScope, type: string, actorId: string, userId: string, payload: Record<string, unknown>) {
    await scope.audit({ type, actorId, subjectType: "user", subjectId: userId, payload });
  }

  return {
    /** Returns the raw token once; only its hash is stored. */
    async invite(viewer: Viewer, input: unknown): Promise<{ id: number; token: string; expiresAt: number }> {
      requireRole(viewer, ["admin"], "invite people");
      const fields = validate(invitationSchema, input);
      const token = randomBytes(24).toString("base64url");
      return write(deps, async ({ trx, now }) => {
        const bodyId = await assertBody(trx, fields.role, fields.bodyId);
        const expiresAt = now + fields.validDays * DAY_MS;
        const row = await trx
          .insertInto("invitations")
          .values({
            token_hash: hashToken(token),
            role: fields.role,
            body_id: bodyId,
            label: fields.label,
            created_by: viewer.id,
            created_at: now,
            expires_at: expiresAt,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        return { id: row.id, token, expiresAt };
      });
    },

    async revokeInvitation(viewer: Viewer, invitationId: number): Promise<void> {
      requireRole(viewer, ["admin"], "withdraw invitations");
      await write(deps, async ({ trx, now }) => {
        const result = await trx
          .updateTable("invitations")
          .set({ revoked_at: now })
          .where("id", "=", invitationId)
          .where("used_at", "is", null)
          .where("revoked_at", "is", null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw new InvalidState("That invitation was already used or withdrawn.");
      });
    },

    /** What the join page shows before someone signs up. */
    async describeInvitation(token: string) {
      const invitation = await findUsableInvitation(deps.db, token, deps.clock.now());
      return { role: invitation.role, bodyName: invitation.body_name, expiresAt: invitation.expires_at };
    },

    /** Someone accepts an invitation: a pseudonym, an email for signing in, and a password. */
    async join(token: string, input: unknown): Promise<{ userId: string }> {
      const fields = validate(signUpSchema, input);
      const passwordHash = await hashPassword(fields.password); // slow on purpose: outside the transaction
      return write(deps, async (scope) => {
        const invitation = await findUsableInvitation(scope.trx, token, scope.now);
        const taken = await scope.trx
          .selectFrom("users")
          .select(["email", "display_name_key"])
          .where((eb) => eb.or([eb("email", "=", fields.email), eb("display_name_key", "=", fields.displayName.toLowerCase())]))
          .execute();
        const fieldErrors: Record<string, string[]> = {};
        if (taken.some((u) => u.email === fields.email)) fieldErrors.email = ["An account with this email already exists. Sign in instead."];
        if (taken.some((u) => u.display_name_key === fields.displayName.toLowerCase())) {
          fieldErrors.displayName = ["Someone already uses this display name. Choose another."];
        }
        if (Object.keys(fieldErrors).length) throw new InvalidInput(Object.values(fieldErrors)[0][0], fieldErrors);

        const userId = generateIdFromEntropySize(10);
        try {
          await scope.trx
            .insertInto("users")
            .values({
              id: userId,
              display_name: fields.displayName,
              display_name_key: fields.displayName.toLowerCase(),
              email: fields.email,
              password_hash: passwordHash,
              role: invitation.role,
              body_id: invitation.body_id,
              status: "active",
              created_at: scope.now,
            })
            .execute();
        } catch (error) {
          if (isUniqueViolation(error)) throw new InvalidInput("That email or display name was just taken. Try again.", {});
          throw error;
        }
        const used = await scope.trx
          .updateTable("invitations")
          .set({ used_at: scope.now, used_by: userId })
          .where("id", "=", invitation.id)
          .where("used_at", "is", null)
          .executeTakeFirst();
        if (Number(used.numUpdatedRows) !== 1) throw new InvalidState("This invitation has already been used. Sign in instead.");
        await auditUser(scope, "user.joined", userId, userId, { role: invitation.role, body_id: invitation.body_id });
        return { userId };
      });
    },

    async changeRole(viewer: Viewer, input: unknown): Promise<void> {
      requireRole(viewer, ["admin"], "change roles");
      const fields = validate(changeRoleSchema, input);
      if (fields.userId === viewer.id) throw new NotAllowed("You cannot change your own role; ask another admin.");
      await write(deps, async (scope) => {
        const user = await findUser(scope.trx, fields.userId);
        const bodyId = await assertBody(scope.trx, fields.role, fields.bodyId);
        if (user.role === fields.role && user.body_id === bodyId) return;
        await scope.trx.updateTable("users").set({ role: fields.role, body_id: bodyId }).where("id", "=", user.id).execute();
        await auditUser(scope, "user.role_changed", viewer.id, user.id, {
          from: user.role,
          to: fields.role,
          from_body_id: user.body_id,
          body_id: bodyId,
        });
      });
    },

    /** A suspended person cannot sign in; their contributions stay. */
    async setSuspended(viewer: Viewer, input: unknown, suspended: boolean): Promise<void> {
      requireRole(viewer, ["admin"], suspended ? "suspend people" : "reinstate people");
      const { userId } = validate(userIdSchema, input);
      if (userId === viewer.id) throw new NotAllowed("You cannot suspend yourself.");
      await write(deps, async (scope) => {
        const user = await findUser(scope.trx, userId);
        const status = suspended ? "suspended" : "active";
        if (user.status === status) throw new InvalidState(suspended ? "This person is already suspended." : "This person is not suspended.");
        await scope.trx.updateTable("users").set({ status }).where("id", "=", user.id).execute();
        if (suspended) await scope.trx.deleteFrom("sessions").where("user_id", "=", user.id).execute();
        await auditUser(scope, suspended ? "user.suspended" : "user.reinstated", viewer.id, user.id, {});
      });
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
