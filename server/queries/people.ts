// Admin and moderation lists. Emails appear only on admin screens.
import type { Db } from "../services/deps";
import { personName } from "./names";

/** Everyone who has joined (not deleted accounts), by display name. */
export async function listPeople(db: Db, { limit, offset = 0 }: { limit?: number; offset?: number } = {}) {
  let query = db
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
    .orderBy("users.id");
  if (limit !== undefined) query = query.limit(limit).offset(offset);
  return query.execute();
}

export async function listInvitations(db: Db) {
  const rows = await db
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
      "users.status as used_by_status",
    ])
    .orderBy("invitations.created_at", "desc")
    .orderBy("invitations.id", "desc")
    .limit(100)
    .execute();
  return rows.map(({ used_by_status, ...row }) => ({
    ...row,
    used_by_name: row.used_by_name === null ? null : personName(row.used_by_name, used_by_status),
  }));
}

/** The id of the body with this slug, for the command line; null when there is none. */
export async function findBodyIdBySlug(db: Db, slug: string): Promise<number | null> {
  const body = await db.selectFrom("bodies").select("id").where("slug", "=", slug).executeTakeFirst();
  return body?.id ?? null;
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
      "author.status as author_status",
      "reporter.display_name as reporter_name",
      "reporter.status as reporter_status",
      "post_reports.id as report_id",
      "post_reports.reason",
      "post_reports.created_at as reported_at",
    ])
    .where("post_reports.resolved_at", "is", null)
    .orderBy("post_reports.created_at")
    .orderBy("post_reports.id")
    .execute();
  type Row = (typeof rows)[number];
  const byPost = new Map<
    number,
    {
      post: Pick<Row, "post_id" | "body" | "stance" | "created_at" | "hidden_at" | "deleted_at" | "number" | "title"> & { author_name: string };
      reports: { id: number; reason: string; by: string; at: number }[];
    }
  >();
  for (const row of rows) {
    const entry = byPost.get(row.post_id) ?? {
      post: {
        post_id: row.post_id,
        body: row.body,
        stance: row.stance,
        created_at: row.created_at,
        hidden_at: row.hidden_at,
        deleted_at: row.deleted_at,
        number: row.number,
        title: row.title,
        author_name: personName(row.author_name, row.author_status),
      },
      reports: [],
    };
    entry.reports.push({ id: row.report_id, reason: row.reason, by: personName(row.reporter_name, row.reporter_status), at: row.reported_at });
    byPost.set(row.post_id, entry);
  }
  // Most reported first; among equals, the one waiting longest (Map keeps first-report order).
  return [...byPost.values()].sort((a, b) => b.reports.length - a.reports.length);
}
