// Who is in the sitting. Members are present while a live connection is open, for a short
// grace after it drops, and for a while after a plain page view (no JavaScript). The public
// gallery is counted, never named. Presence is not decision-relevant, so it is not audited.
import { quorumFor } from "../domain/ballot-outcome";
import { type Viewer } from "../domain/permissions";
import { PAGE_GRACE_MS, SOCKET_GRACE_MS, isPresent } from "../domain/sitting-rules";
import type { ServiceDeps } from "./deps";
import { countEligibleMembers } from "./ballots";

export function createPresenceService(deps: ServiceDeps) {
  const { db, clock, events } = deps;
  /** signed-out watchers per sitting, counted by the live gateway */
  const gallery = new Map<number, number>();

  async function touch(sittingId: number, memberId: string, via: "page" | "socket", connectionDelta: number) {
    const now = clock.now();
    const sitting = await db.selectFrom("sittings").select(["id", "status"]).where("id", "=", sittingId).executeTakeFirst();
    if (!sitting || sitting.status === "closed") return;
    await db
      .insertInto("sitting_presence")
      .values({
        sitting_id: sittingId,
        member_id: memberId,
        first_seen_at: now,
        last_seen_at: now,
        last_via: via,
        connections: Math.max(0, connectionDelta),
      })
      .onConflict((oc) =>
        oc.columns(["sitting_id", "member_id"]).doUpdateSet((eb) => ({
          last_seen_at: now,
          last_via: via,
          connections: eb("sitting_presence.connections", "+", connectionDelta),
        })),
      )
      .execute();
    events.emit({ type: "presence:changed", sittingId });
  }

  return {
    /** A member opened the sitting page (with or without JavaScript). */
    async pageViewed(viewer: Viewer, sittingId: number) {
      if (viewer?.role === "member") await touch(sittingId, viewer.id, "page", 0);
    },
    async connected(viewer: Viewer, sittingId: number) {
      if (viewer?.role === "member") await touch(sittingId, viewer.id, "socket", 1);
    },
    async disconnected(viewer: Viewer, sittingId: number) {
      if (viewer?.role === "member") await touch(sittingId, viewer.id, "socket", -1);
    },

    setGallery(sittingId: number, watchers: number) {
      gallery.set(sittingId, watchers);
    },

    /** Present members (names are pseudonyms, shown to all), the quorum, and the gallery. */
    async summary(sittingId: number) {
      const now = clock.now();
      const [rows, eligible] = await Promise.all([
        db
          .selectFrom("sitting_presence")
          .innerJoin("users", "users.id", "sitting_presence.member_id")
          .select(["users.display_name", "sitting_presence.connections", "sitting_presence.last_seen_at", "sitting_presence.last_via"])
          .where("sitting_presence.sitting_id", "=", sittingId)
          .where("users.status", "=", "active")
          // the longest grace bounds the rows worth reading; isPresent decides exactly
          .where((eb) => eb.or([eb("sitting_presence.connections", ">", 0), eb("sitting_presence.last_seen_at", ">", now - PAGE_GRACE_MS)]))
          .orderBy("users.display_name_key")
          .execute(),
        countEligibleMembers(db, now),
      ]);
      const present = rows.filter((r) => isPresent(r, now)).map((r) => r.display_name);
      const quorum = quorumFor(eligible, deps.rules.quorumPercent);
      return { present, eligible, quorum, quorumMet: present.length >= quorum, gallery: gallery.get(sittingId) ?? 0 };
    },

    /** When the next presence grace period runs out, so the gateway can announce the change. */
    async nextExpiry(sittingId: number): Promise<number | null> {
      const now = clock.now();
      const rows = await db
        .selectFrom("sitting_presence")
        .select(["last_seen_at", "last_via"])
        .where("sitting_id", "=", sittingId)
        .where("connections", "=", 0)
        .where("last_seen_at", ">", now - PAGE_GRACE_MS)
        .execute();
      const expiries = rows
        .map((r) => r.last_seen_at + (r.last_via === "socket" ? SOCKET_GRACE_MS : PAGE_GRACE_MS))
        .filter((t) => t > now);
      return expiries.length ? Math.min(...expiries) : null;
    },
  };
}

export type PresenceService = ReturnType<typeof createPresenceService>;
