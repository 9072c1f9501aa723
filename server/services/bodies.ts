// Commissioning bodies: who motions are addressed to and how long they have to answer.
// Admins manage them; every change is audited because it moves response clocks.
import type { ExpressionBuilder } from "kysely";
import type { Database } from "../../db/schema";
import { InvalidState, NotFound } from "../domain/errors";
import { type Viewer, requireRole } from "../domain/permissions";
import { bodySchema } from "../domain/schemas/accountability";
import type { Db, ServiceDeps } from "./deps";
import { validate } from "./validate";
import { write } from "./write";

function slugify(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "body"
  );
}

async function freeSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (await db.selectFrom("bodies").select("slug").where("slug", "like", `${base}%`).execute()).map((r) => r.slug),
  );
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(slug)) return slug;
  }
}

/** Names differing only in case would read as one body to the public, so they clash. */
const sameName = (name: string) => (eb: ExpressionBuilder<Database, "bodies">) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase());

export function createBodyService(deps: ServiceDeps) {
  return {
    async create(viewer: Viewer, input: unknown): Promise<{ bodyId: number; slug: string }> {
      requireRole(viewer, ["admin"], "add commissioning bodies");
      const fields = validate(bodySchema, input);
      return write(deps, async (scope) => {
        const same = await scope.trx.selectFrom("bodies").select("id").where(sameName(fields.name)).executeTakeFirst();
        if (same) throw new InvalidState("A body with this name already exists.");
        const slug = await freeSlug(scope.trx, fields.name);
        const row = await scope.trx
          .insertInto("bodies")
          .values({
            slug,
            name: fields.name,
            description: fields.description,
            response_period_days: fields.responsePeriodDays,
            contact: fields.contact,
            created_at: scope.now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await scope.audit({
          type: "body.created",
          actorId: viewer.id,
          subjectType: "body",
          subjectId: row.id,
          payload: { name: fields.name, slug, response_period_days: fields.responsePeriodDays },
        });
        return { bodyId: row.id, slug };
      });
    },

    /** A new response period applies to motions carried from now on; running clocks keep theirs. */
    async update(viewer: Viewer, bodyId: number, input: unknown): Promise<void> {
      requireRole(viewer, ["admin"], "change commissioning bodies");
      const fields = validate(bodySchema, input);
      await write(deps, async (scope) => {
        const body = await scope.trx.selectFrom("bodies").selectAll().where("id", "=", bodyId).executeTakeFirst();
        if (!body) throw new NotFound("There is no such commissioning body.");
        const clash = await scope.trx.selectFrom("bodies").select("id").where(sameName(fields.name)).where("id", "!=", bodyId).executeTakeFirst();
        if (clash) throw new InvalidState("Another body already has this name.");
        await scope.trx
          .updateTable("bodies")
          .set({ name: fields.name, description: fields.description, response_period_days: fields.responsePeriodDays, contact: fields.contact })
          .where("id", "=", bodyId)
          .execute();
        await scope.audit({
          type: "body.updated",
          actorId: viewer.id,
          subjectType: "body",
          subjectId: bodyId,
          payload: {
            name: fields.name,
            response_period_days: fields.responsePeriodDays,
            from_response_period_days: body.response_period_days,
          },
        });
      });
    },
  };
}

export type BodyService = ReturnType<typeof createBodyService>;
