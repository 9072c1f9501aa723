// Guards throw, they don't return flags: a loader either gets the person it needs or the
// request ends in a sign-in redirect or a plain-language 403.
import { json, redirect, type AppLoadContext } from "@remix-run/node";
import type { Role } from "../../db/schema";
import type { Actor } from "../../server/domain/permissions";

export function signInUrl(request: Request): string {
  const url = new URL(request.url);
  return `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`;
}

export function requireActor(request: Request, context: AppLoadContext): Actor {
  if (!context.actor) throw redirect(signInUrl(request));
  return context.actor;
}

const roleNames: Record<Role, string> = {
  member: "members",
  commissioner: "commissioners",
  chair: "the chair",
  admin: "admins",
};

export function requireRole(request: Request, context: AppLoadContext, roles: Role[]): Actor {
  const actor = requireActor(request, context);
  if (!roles.includes(actor.role)) {
    throw json(
      { message: `This page is for ${roles.map((r) => roleNames[r]).join(" and ")} only. You are signed in as ${actor.displayName}.` },
      { status: 403 },
    );
  }
  return actor;
}

export function notFound(message: string): never {
  throw json({ message }, { status: 404 });
}
