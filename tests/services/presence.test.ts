// Who is in the sitting: members who open its page or keep a live connection, with a grace
// period after they leave; the quorum for the sitting; and the public gallery, counted only.
import { expect, it } from "vitest";
import { PAGE_GRACE_MS, SOCKET_GRACE_MS } from "../../server/domain/sitting-rules";
import { HOUR_MS } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createCommissioner, createMember } from "../support/factories";
import { type TestParliament, useParliament } from "../support/parliament";
import { sittingRow, sittingWithAgenda } from "../support/sittings";

const presenceRows = async (t: TestParliament) =>
  Number((await t.db.selectFrom("sitting_presence").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

describeEachDatabase("presence in a sitting", (dialect) => {
  const t = useParliament(dialect);

  it("a big sitting sends the first fifty names and the full count, not every name", async () => {
    const scene = await sittingWithAgenda(t, { motions: 0 });
    const crowd = [];
    for (let i = 0; i < 53; i++) crowd.push(await createMember(t.db));
    for (const m of [...scene.members, ...crowd]) await t.services.presence.pageViewed(m, scene.sittingId);
    const summary = await t.services.presence.summary(scene.sittingId);
    expect(summary.presentCount).toBe(scene.members.length + crowd.length);
    expect(summary.present).toHaveLength(50);
    expect(summary.present).toEqual([...summary.present].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it("a member who opens the sitting page is present for the page grace period", async () => {
    const scene = await sittingWithAgenda(t, { motions: 0 });
    const member = scene.members[0];
    await t.services.presence.pageViewed(member, scene.sittingId);
    expect((await t.services.presence.summary(scene.sittingId)).present).toEqual([member.displayName]);
    expect(t.events).toContainEqual({ type: "presence:changed", sittingId: scene.sittingId });

    t.clock.advance(PAGE_GRACE_MS - 1);
    expect((await t.services.presence.summary(scene.sittingId)).present).toEqual([member.displayName]);
    t.clock.advance(1);
    expect((await t.services.presence.summary(scene.sittingId)).present).toEqual([]);

    // a reload renews it
    await t.services.presence.pageViewed(member, scene.sittingId);
    expect((await t.services.presence.summary(scene.sittingId)).present).toEqual([member.displayName]);
  });

  it("a live connection keeps a member present; after it drops they stay for the short socket grace only", async () => {
    const scene = await sittingWithAgenda(t, { motions: 0 });
    const member = scene.members[0];
    await t.services.presence.connected(member, scene.sittingId);
    t.clock.advance(2 * HOUR_MS);
    expect((await t.services.presence.summary(scene.sittingId)).present).toEqual([member.displayName]);

    await t.services.presence.disconnected(member, scene.sittingId);
    expect(await t.services.presence.nextExpiry(scene.sittingId)).toBe(t.clock.now() + SOCKET_GRACE_MS);
    t.clock.advance(SOCKET_GRACE_MS - 1);
    expect((await t.services.presence.summary(scene.sittingId)).present).toEqual([member.displayName]);
    t.clock.advance(1);
    expect((await t.services.presence.summary(scene.sittingId)).present).toEqual([]);
    expect(await t.services.presence.nextExpiry(scene.sittingId)).toBeNull();
  });

  it("a member with two tabs open stays present when one of them closes", async () => {
    const scene = await sittingWithAgenda(t, { motions: 0 });
    const member = scene.members[0];
    await t.services.presence.connected(member, scene.sittingId);
    await t.services.presence.connected(member, scene.sittingId);
    await t.services.presence.disconnected(member, scene.sittingId);
    t.clock.advance(HOUR_MS);
    expect((await t.services.presence.summary(scene.sittingId)).present).toEqual([member.displayName]);
    await t.services.presence.disconnected(member, scene.sittingId);
    t.clock.advance(SOCKET_GRACE_MS);
    expect((await t.services.presence.summary(scene.sittingId)).present).toEqual([]);
  });

  it("a member who drops and comes back within the grace was present throughout", async () => {
    const scene = await sittingWithAgenda(t, { motions: 0 });
    const member = scene.members[0];
    await t.services.presence.connected(member, scene.sittingId);
    await t.services.presence.disconnected(member, scene.sittingId);
    t.clock.advance(SOCKET_GRACE_MS / 2);
    await t.services.presence.connected(member, scene.sittingId);
    t.clock.advance(HOUR_MS);
    expect((await t.services.presence.summary(scene.sittingId)).present).toEqual([member.displayName]);
  });

  it("the chair, commissioners, admins and signed-out visitors are not counted as members present", async () => {
    const scene = await sittingWithAgenda(t, { motions: 0 });
    const others = [scene.chair, await createCommissioner(t.db, scene.bodyId), await createAdmin(t.db), null];
    for (const viewer of others) {
      await t.services.presence.pageViewed(viewer, scene.sittingId);
      await t.services.presence.connected(viewer, scene.sittingId);
    }
    expect(await presenceRows(t)).toBe(0);
    expect((await t.services.presence.summary(scene.sittingId)).present).toEqual([]);
  });

  it("a suspended member is not counted, and a closed sitting records no one new", async () => {
    const scene = await sittingWithAgenda(t, { motions: 0 });
    const suspended = await createMember(t.db, { status: "suspended" });
    await t.services.presence.pageViewed(suspended, scene.sittingId);
    expect((await t.services.presence.summary(scene.sittingId)).present).toEqual([]);

    await t.services.sittings.close(scene.chair, scene.sittingId);
    await t.services.presence.pageViewed(scene.members[0], scene.sittingId);
    expect((await t.services.presence.summary(scene.sittingId)).present).toEqual([]);
  });

  it("a connection that ends after the sitting closed still ends, and adds no one to the attendance", async () => {
    const scene = await sittingWithAgenda(t, { motions: 0 });
    const [stayed, lateComer] = scene.members;
    await t.services.presence.connected(stayed, scene.sittingId);
    await t.services.sittings.close(scene.chair, scene.sittingId);
    await t.services.presence.disconnected(stayed, scene.sittingId);
    await t.services.presence.disconnected(lateComer, scene.sittingId);
    await t.services.presence.disconnected(stayed, scene.sittingId);
    const rows = await t.db.selectFrom("sitting_presence").select(["member_id", "connections"]).execute();
    expect(rows).toEqual([{ member_id: stayed.id, connections: 0 }]);
    t.clock.advance(SOCKET_GRACE_MS);
    expect((await t.services.presence.summary(scene.sittingId)).present).toEqual([]);
  });

  it("connections counted before a restart are forgotten: those members stay only through the socket grace", async () => {
    const scene = await sittingWithAgenda(t, { motions: 0 });
    const [wasConnected, viewedPage] = scene.members;
    await t.services.presence.connected(wasConnected, scene.sittingId);
    await t.services.presence.pageViewed(viewedPage, scene.sittingId);
    t.clock.advance(HOUR_MS / 60);
    await t.services.presence.forgetConnections();
    expect((await t.services.presence.summary(scene.sittingId)).present.sort()).toEqual([wasConnected.displayName, viewedPage.displayName].sort());
    t.clock.advance(SOCKET_GRACE_MS);
    expect((await t.services.presence.summary(scene.sittingId)).present).toEqual([viewedPage.displayName]);
    // reconnecting after the restart counts them again
    await t.services.presence.connected(wasConnected, scene.sittingId);
    t.clock.advance(HOUR_MS);
    expect((await t.services.presence.summary(scene.sittingId)).present).toEqual([wasConnected.displayName]);
  });

  it("the quorum is a share of the members, and is met when enough are present", async () => {
    // the proposer and four members: quorum of 25% of 5 is 2
    const scene = await sittingWithAgenda(t, { motions: 0, members: 4 });
    await t.services.presence.connected(scene.members[0], scene.sittingId);
    expect(await t.services.presence.summary(scene.sittingId)).toMatchObject({ eligible: 5, quorum: 2, quorumMet: false });
    await t.services.presence.pageViewed(scene.members[1], scene.sittingId);
    const summary = await t.services.presence.summary(scene.sittingId);
    expect(summary).toMatchObject({ eligible: 5, quorum: 2, quorumMet: true });
    expect([...summary.present].sort()).toEqual([scene.members[0].displayName, scene.members[1].displayName].sort());

    t.clock.advance(PAGE_GRACE_MS);
    expect(await t.services.presence.summary(scene.sittingId)).toMatchObject({ quorumMet: false });
  });

  it("the gallery is a count of watchers, and the sitting keeps its peak for the minutes", async () => {
    const scene = await sittingWithAgenda(t, { motions: 0 });
    expect((await t.services.presence.summary(scene.sittingId)).gallery).toBe(0);
    await t.services.presence.setGallery(scene.sittingId, 3);
    await t.services.presence.setGallery(scene.sittingId, 7);
    await t.services.presence.setGallery(scene.sittingId, 2);
    expect((await t.services.presence.summary(scene.sittingId)).gallery).toBe(2);
    expect((await sittingRow(t.db, scene.sittingId)).gallery_peak).toBe(7);
  });

  it("presence in one sitting says nothing about another", async () => {
    const scene = await sittingWithAgenda(t, { motions: 0 });
    const other = await sittingWithAgenda(t, { motions: 0 });
    await t.services.presence.connected(scene.members[0], scene.sittingId);
    await t.services.presence.setGallery(scene.sittingId, 4);
    expect(await t.services.presence.summary(other.sittingId)).toMatchObject({ present: [], gallery: 0 });
  });
});
