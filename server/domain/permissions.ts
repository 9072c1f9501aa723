// Who may do what, as pure predicates. Services enforce them (throwing NotAllowed); screens use
// the same predicates only to decide which forms to show.
import type { Motion, Role } from "../../db/schema";
import { NotAllowed } from "./errors";

export interface Actor {
  id: string;
  displayName: string;
  role: Role;
  /** the commissioning body a commissioner answers for */
  bodyId: number | null;
}

export type Viewer = Actor | null;

const roleNeeded: Record<Role, string> = {
  member: "a member",
  commissioner: "a commissioner",
  chair: "the chair",
  admin: "an admin",
};

/** Throws NotAllowed unless the viewer is signed in with one of `roles`. */
export function requireRole(viewer: Viewer, roles: readonly Role[], doing: string): asserts viewer is Actor {
  if (!viewer) throw new NotAllowed(`You need to sign in to ${doing}.`);
  if (!roles.includes(viewer.role)) {
    const who = roles.map((r) => roleNeeded[r]).join(" or ");
    throw new NotAllowed(`Only ${who} can ${doing}.`);
  }
}

export function requireSignedIn(viewer: Viewer, doing: string): asserts viewer is Actor {
  if (!viewer) throw new NotAllowed(`You need to sign in to ${doing}.`);
}

export const isMember = (v: Viewer) => v?.role === "member";
export const isChair = (v: Viewer) => v?.role === "chair";
export const isAdmin = (v: Viewer) => v?.role === "admin";

/** Commissioners speak only for their own body. */
export function isCommissionerFor(viewer: Viewer, bodyId: number): boolean {
  return viewer?.role === "commissioner" && viewer.bodyId === bodyId;
}

/** Members, the chair, and commissioners of the body addressed may take part in a thread. */
export function mayPostOn(viewer: Viewer, motion: Pick<Motion, "body_id">): boolean {
  return isMember(viewer) || isChair(viewer) || isCommissionerFor(viewer, motion.body_id);
}
