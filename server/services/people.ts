// Membership: invitations, joining, roles and suspension. Only admins manage people, and every
// join, change of role, suspension and reinstatement is audited with ids only: names and emails
// never enter the public log.
import { createHash, randomBytes } from "node:crypto";
import { generateIdFromEntropySize } from "lucia";
import type { z } from "zod";
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

/** Invitation tokens are stored only as this hash, so a copy of the database cannot be used to join. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Pseudonyms are unique regardless of case (and of look-alike forms such as full-width letters). */
export function displayNameKey(displayName: string): string {
  return displayName.normalize("NFKC").toLowerCase();
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
  if (invitation.used_at !== null) throw new InvalidState("This invitation has already been used. If it was yours, sign in instead.");
  if (invitation.revoked_at !== null) throw new InvalidState("This invitation was withdrawn. Ask an admin for a new one.");
  if (invitation.expires_at <= now) throw new InvalidState("This invitation has expired. Ask an admin for a new one.");
  return invitation;
}

async function findUser(db: Db, userId: string) {
  const user = await db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst();
  if (!user || user.status === "deleted") throw new NotFound("There is no such person.");
  return user;
}

/** A commissioner belongs to exactly one existing body; everybody else to none. */
async function bodyForRole(db: Db, role: Role, bodyId: number | undefined): Promise<number | null> {
  if (role !== "commissioner") return null;
  const body = bodyId ? await db.selectFrom("bodies").select("id").where("id", "=", bodyId).executeTakeFirst() : undefined;
  if (!body) {
    const message = "Choose the body this commissioner answers for.";
    throw new InvalidInput(message, { bodyId: [message] });
  }
  return body.id;
}

/**
 * Sittings need a chair to run them and threads need one to moderate: the last active chair
 * cannot be moved to another role or suspended until someone else is made chair.
 */
async function assertNotLastChair(db: Db, user: { id: string; role: Role; status: string; display_name: string }, doing: string) {
  if (user.role !== "chair" || user.status !== "active") return;
  const other = await db
    .selectFrom("users")
    .select("id")
    .where("role", "=", "chair")
    .where("status", "=", "active")
    .where("id", "!=", user.id)
    .executeTakeFirst();
  if (!other) {
    throw new InvalidState(
      `${user.display_name} is the only chair, so you cannot ${doing}: nobody would be left to run sittings or moderate. Make someone else chair first.`,
    );
  }
}

export interface CreatedInvitation {
  id: number;
  /** shown once; only its hash is stored */
  token: string;
  expiresAt: number;
}

export function createPeopleService(deps: ServiceDeps) {
  async function auditUser(scope: WriteScope, type: string, actorId: string, userId: string, payload: Record<string, unknown>) {
    await scope.audit({ type, actorId, subjectType: "user", subjectId: userId, payload });
  }

  async function createInvitation(fields: z.output<typeof invitationSchema>, createdBy: string | null): Promise<CreatedInvitation> {
    // 192 random bits: unguessable, and short enough to paste into a message.
    const token = randomBytes(24).toString("base64url");
    return write(deps, async ({ trx, now }) => {
      const bodyId = await bodyForRole(trx, fields.role, fields.bodyId);
      const expiresAt = now + fields.validDays * DAY_MS;
      const row = await trx
        .insertInto("invitations")
        .values({
          token_hash: hashToken(token),
          role: fields.role,
          body_id: bodyId,
          label: fields.label,
          created_by: createdBy,
          created_at: now,
          expires_at: expiresAt,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { id: row.id, token, expiresAt };
    });
  }

  return {
    async invite(viewer: Viewer, input: unknown): Promise<CreatedInvitation> {
      requireRole(viewer, ["admin"], "invite people");
      return createInvitation(validate(invitationSchema, input), viewer.id);
    },

    /**
     * For `npm run invite` on the server itself: whoever can run commands there already holds
     * the database, so there is no actor. This is how a fresh install gets its first admin.
     */
    async inviteFromCommandLine(input: unknown): Promise<CreatedInvitation> {
      return createInvitation(validate(invitationSchema, input), null);
    },

    async revokeInvitation(viewer: Viewer, invitationId: number): Promise<void> {
      requireRole(viewer, ["admin"], "withdraw invitations");
      await write(deps, async ({ trx, now }) => {
        const invitation = await trx
          .selectFrom("invitations")
          .select(["id", "used_at", "revoked_at", "expires_at"])
          .where("id", "=", invitationId)
          .executeTakeFirst();
        if (!invitation) throw new NotFound("There is no such invitation.");
        if (invitation.used_at !== null) throw new InvalidState("That invitation has already been used, so it cannot be withdrawn.");
        if (invitation.revoked_at !== null) throw new InvalidState("That invitation was already withdrawn.");
        if (invitation.expires_at <= now) throw new InvalidState("That invitation has already expired, so nobody can use it.");
        await trx.updateTable("invitations").set({ revoked_at: now }).where("id", "=", invitation.id).execute();
      });
    },

    /** What the join page shows before someone signs up; throws NotFound or InvalidState. */
    async describeInvitation(token: string): Promise<{ role: Role; bodyName: string | null; expiresAt: number }> {
      const invitation = await findUsableInvitation(deps.db, token, deps.clock.now());
      return { role: invitation.role, bodyName: invitation.body_name, expiresAt: invitation.expires_at };
    },

    /** Someone accepts an invitation: a pseudonym, an email for signing in, and a password. */
    async join(token: string, input: unknown): Promise<{ userId: string; displayName: string }> {
      const fields = validate(signUpSchema, input);
      const key = displayNameKey(fields.displayName);
      // Slow on purpose (argon2id), so it runs before the transaction rather than holding it open.
      const passwordHash = await hashPassword(fields.password);
      return write(deps, async (scope) => {
        const invitation = await findUsableInvitation(scope.trx, token, scope.now);
        const taken = await scope.trx
          .selectFrom("users")
          .select(["email", "display_name_key"])
          .where((eb) => eb.or([eb("email", "=", fields.email), eb("display_name_key", "=", key)]))
          .execute();
        const fieldErrors: Record<string, string[]> = {};
        if (taken.some((u) => u.email === fields.email)) {
          fieldErrors.email = ["An account with this email already exists. Sign in instead, or use another email."];
        }
        if (taken.some((u) => u.display_name_key === key)) {
          fieldErrors.displayName = ["Someone already uses this display name. Please choose another."];
        }
        if (Object.keys(fieldErrors).length) throw new InvalidInput(Object.values(fieldErrors)[0][0], fieldErrors);

        const userId = generateIdFromEntropySize(10);
        try {
          await scope.trx
            .insertInto("users")
            .values({
              id: userId,
              display_name: fields.displayName,
              display_name_key: key,
              email: fields.email,
              password_hash: passwordHash,
              role: invitation.role,
              body_id: invitation.body_id,
              status: "active",
              created_at: scope.now,
            })
            .execute();
        } catch (error) {
          // Someone else took the email or name between our check and this insert.
          if (isUniqueViolation(error)) throw new InvalidInput("That email or display name was taken a moment ago. Please try another.");
          throw error;
        }
        const used = await scope.trx
          .updateTable("invitations")
          .set({ used_at: scope.now, used_by: userId })
          .where("id", "=", invitation.id)
          .where("used_at", "is", null)
          .executeTakeFirst();
        if (Number(used.numUpdatedRows) !== 1) throw new InvalidState("This invitation has already been used. If it was yours, sign in instead.");
        await auditUser(scope, "user.joined", userId, userId, {
          invitation_id: invitation.id,
          role: invitation.role,
          body_id: invitation.body_id,
        });
        return { userId, displayName: fields.displayName };
      });
    },

    /** Returns the person's name for the screen's notice, and whether anything changed. */
    async changeRole(viewer: Viewer, input: unknown): Promise<{ displayName: string; changed: boolean }> {
      requireRole(viewer, ["admin"], "change roles");
      const fields = validate(changeRoleSchema, input);
      // Two admins check each other: nobody can raise, lower or lock out themself.
      if (fields.userId === viewer.id) throw new NotAllowed("You cannot change your own role. Ask another admin to do it.");
      return write(deps, async (scope) => {
        const user = await findUser(scope.trx, fields.userId);
        const bodyId = await bodyForRole(scope.trx, fields.role, fields.bodyId);
        if (user.role === fields.role && user.body_id === bodyId) return { displayName: user.display_name, changed: false };
        await assertNotLastChair(scope.trx, user, "change their role");
        await scope.trx.updateTable("users").set({ role: fields.role, body_id: bodyId }).where("id", "=", user.id).execute();
        await auditUser(scope, "user.role_changed", viewer.id, user.id, {
          from: user.role,
          to: fields.role,
          from_body_id: user.body_id,
          body_id: bodyId,
        });
        scope.emit({ type: "user:changed", userId: user.id });
        return { displayName: user.display_name, changed: true };
      });
    },

    /** A suspended person is signed out everywhere and cannot sign in; their contributions stay. */
    async setSuspended(viewer: Viewer, input: unknown, suspended: boolean): Promise<{ displayName: string }> {
      requireRole(viewer, ["admin"], suspended ? "suspend people" : "reinstate people");
      const { userId } = validate(userIdSchema, input);
      if (userId === viewer.id) {
        throw new NotAllowed(suspended ? "You cannot suspend yourself." : "You cannot reinstate yourself. Ask another admin to do it.");
      }
      return write(deps, async (scope) => {
        const user = await findUser(scope.trx, userId);
        const status = suspended ? "suspended" : "active";
        if (user.status === status) throw new InvalidState(suspended ? "This person is already suspended." : "This person is not suspended.");
        if (suspended) await assertNotLastChair(scope.trx, user, "suspend them");
        await scope.trx.updateTable("users").set({ status }).where("id", "=", user.id).execute();
        if (suspended) await scope.trx.deleteFrom("sessions").where("user_id", "=", user.id).execute();
        await auditUser(scope, suspended ? "user.suspended" : "user.reinstated", viewer.id, user.id, {});
        scope.emit({ type: "user:changed", userId: user.id });
        return { displayName: user.display_name };
      });
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
