// Admin and moderation lists. Emails appear only on admin screens.
import type { Db } from "../services/deps";

export async function listPeople(db: Db) {
  return db
    .selectFrom("users")
    .leftJoin("bodies", "bodies.id", "users.body_id")
    .select([
      "users.id",
      "users.display_name",
      "users.email",
      "users.role",
      "users.body_id",
      "users.status",
      "users.created_at",
      "bodies.name as body_name",
    ])
    .where("users.status", "!=", "deleted")
    .orderBy("users.display_name_key")
    .execute();
}

export async function listInvitations(db: Db) {
  return db
    .selectFrom("invitations")
    .leftJoin("bodies", "bodies.id", "invitations.body_id")
    .leftJoin("users", "users.id", "invitations.used_by")
    .select([
      "invitations.id",
      "invitations.role",
      "invitations.label",
      "invitations.created_at",
      "invitations.expires_at",
      "invitations.used_at",
      "invitations.revoked_at",
      "bodies.name as body_name",
      "users.display_name as used_by_name",
    ])
    .orderBy("invitations.created_at", "desc")
    .limit(100)
    .execute();
}

/** Posts with reports nobody has dealt with, most reported first. */
export async function listOpenReports(db: Db) {
  const rows = await db
    .selectFrom("post_reports")
    .innerJoin("posts", "posts.id", "post_reports.post_id")
    .innerJoin("motions", "motions.id", "posts.motion_id")
    .innerJoin("users as author", "author.id", "posts.author_id")
    .innerJoin("users as reporter", "reporter.id", "post_reports.reporter_id")
    .select([
      "posts.id as post_id",
      "posts.body",
      "posts.stance",
      "posts.created_at",
      "posts.hidden_at",
      "posts.deleted_at",
      "motions.number",
      "motions.title",
      "author.display_name as author_name",
      "reporter.display_name as reporter_name",
      "post_reports.reason",
      "post_reports.created_at as reported_at",
    ])
    .where("post_reports.resolved_at", "is", null)
    .orderBy("post_reports.created_at")
    .execute();
  const byPost = new Map<number, { post: (typeof rows)[number]; reports: { reason: string; by: string; at: number }[] }>();
  for (const row of rows) {
    const entry = byPost.get(row.post_id) ?? { post: row, reports: [] };
    entry.reports.push({ reason: row.reason, by: row.reporter_name, at: row.reported_at });
    byPost.set(row.post_id, entry);
  }
  return [...byPost.values()].sort((a, b) => b.reports.length - a.reports.length);
}
