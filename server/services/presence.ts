// Who is in the sitting. Members are present while a live connection is open, for a short
// grace after it drops, and for a while after a plain page view (no JavaScript). The public
// gallery is counted, never named. Presence is not decision-relevant, so it is not audited.
import { quorumFor } from "../domain/ballot-outcome";
import { type Viewer } from "../domain/permissions";
import { PAGE_GRACE_MS, SOCKET_GRACE_MS } from "../domain/sitting-rules";
import type { ServiceDeps } from "./deps";
import { countEligibleMembers } from "./ballots";

/** The page names at most this many present members (and says how many more). */
const PRESENT_NAMES = 50;

export function createPresenceService(deps: ServiceDeps) {
  const { db, clock, events } = deps;
  /** signed-out watchers per sitting, counted by the live gateway */
  const gallery = new Map<number, number>();

  async function touch(sittingId: number, memberId: string, via: "page" | "socket", connectionDelta: 0 | 1) {
    const now = clock.now();
    const sitting = await db.selectFrom("sittings").select(["id", "status"]).where("id", "=", sittingId).executeTakeFirst();
    if (!sitting || sitting.status === "closed") return;
    await db
      .insertInto("sitting_presence")
      .values({ sitting_id: sittingId, member_id: memberId, first_seen_at: now, last_seen_at: now, last_via: via, connections: connectionDelta })
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

  /**
   * A connection that ends still ends after the sitting closed (or a member would stay "present"
   * in it for ever), but it never adds anyone to the attendance, and the count never goes below 0.
   */
  async function drop(sittingId: number, memberId: string) {
    const result = await db
      .updateTable("sitting_presence")
      .set((eb) => ({ last_seen_at: clock.now(), last_via: "socket", connections: eb("connections", "-", 1) }))
      .where("sitting_id", "=", sittingId)
      .where("member_id", "=", memberId)
      .where("connections", ">", 0)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) > 0) events.emit({ type: "presence:changed", sittingId });
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
      if (viewer?.role === "member") await drop(sittingId, viewer.id);
    },

    /**
     * When the live gateway starts, no connection from before can still be open (a restart, a
     * crash, or a stop that did not count each socket out). Counts left behind would keep those
     * members "present" for ever; cleared, they stay present through the socket grace, as after
     * any drop, and are counted again as their pages reconnect. One process holds every live
     * connection (DESIGN: one machine); several processes would need a count per process.
     */
    async forgetConnections() {
      const now = clock.now();
      await db.updateTable("sitting_presence").set({ connections: 0, last_via: "socket", last_seen_at: now }).where("connections", ">", 0).execute();
    },

    /** The live gateway's count of signed-out watchers; the sitting keeps its peak for the minutes. */
    async setGallery(sittingId: number, watchers: number) {
      gallery.set(sittingId, watchers);
      await db
        .updateTable("sittings")
        .set({ gallery_peak: watchers })
        .where("id", "=", sittingId)
        .where("status", "!=", "closed")
        .where("gallery_peak", "<", watchers)
        .execute();
    },

    /** Present members (the first names, and how many), the quorum, and the gallery. */
    async summary(sittingId: number) {
      const now = clock.now();
      const base = db
        .selectFrom("sitting_presence")
        .innerJoin("users", "users.id", "sitting_presence.member_id")
        .where("sitting_presence.sitting_id", "=", sittingId)
        .where("users.status", "=", "active")
        .where((eb) =>
          eb.or([
            eb("sitting_presence.connections", ">", 0),
            eb.and([eb("sitting_presence.last_via", "=", "socket"), eb("sitting_presence.last_seen_at", ">", now - SOCKET_GRACE_MS)]),
            eb.and([eb("sitting_presence.last_via", "=", "page"), eb("sitting_presence.last_seen_at", ">", now - PAGE_GRACE_MS)]),
          ]),
        );
      const [names, count, eligible] = await Promise.all([
        base.select("users.display_name").orderBy("users.display_name_key").limit(PRESENT_NAMES).execute(),
        base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
        countEligibleMembers(db, now),
      ]);
      const presentCount = Number(count.n);
      const quorum = quorumFor(eligible, deps.rules.quorumPercent);
      return {
        present: names.map((r) => r.display_name),
        presentCount,
        eligible,
        quorum,
        quorumMet: presentCount >= quorum,
        gallery: gallery.get(sittingId) ?? 0,
      };
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
