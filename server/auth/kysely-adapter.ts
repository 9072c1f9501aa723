// Lucia's storage, written over Kysely so it runs unchanged on SQLite and Postgres (the
// official SQLite adapter refuses better-sqlite3 12; see docs/decisions/002-lucia-adapter.md).
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { Database, User } from "../../db/schema";
import type { Db } from "../services/deps";

export type UserAttributes = Pick<User, "display_name" | "role" | "body_id" | "status">;

const userColumns = ["users.id", "users.display_name", "users.role", "users.body_id", "users.status"] as const;

function toDatabaseUser(row: { id: string } & UserAttributes): DatabaseUser {
  const { id, ...attributes } = row;
  return { id, attributes };
}

function toDatabaseSession(row: Database["sessions"]): DatabaseSession {
  return { id: row.id, userId: row.user_id, expiresAt: new Date(row.expires_at), attributes: {} };
}

export function createKyselyAdapter(db: Db): Adapter {
  return {
    async getSessionAndUser(sessionId) {
      const row = await db
        .selectFrom("sessions")
        .innerJoin("users", "users.id", "sessions.user_id")
        .select(["sessions.id as session_id", "sessions.user_id", "sessions.expires_at", ...userColumns])
        .where("sessions.id", "=", sessionId)
        .executeTakeFirst();
      if (!row) return [null, null];
      const session = toDatabaseSession({ id: row.session_id, user_id: row.user_id, expires_at: row.expires_at });
      return [session, toDatabaseUser(row)];
    },
    async getUserSessions(userId) {
      const rows = await db.selectFrom("sessions").selectAll().where("user_id", "=", userId).execute();
      return rows.map(toDatabaseSession);
    },
    async setSession(session) {
      await db
        .insertInto("sessions")
        .values({ id: session.id, user_id: session.userId, expires_at: session.expiresAt.getTime() })
        .execute();
    },
    async updateSessionExpiration(sessionId, expiresAt) {
      await db.updateTable("sessions").set({ expires_at: expiresAt.getTime() }).where("id", "=", sessionId).execute();
    },
    async deleteSession(sessionId) {
      await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
    },
    async deleteUserSessions(userId) {
      await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
    },
    async deleteExpiredSessions() {
      await db.deleteFrom("sessions").where("expires_at", "<=", Date.now()).execute();
    },
  };
}
