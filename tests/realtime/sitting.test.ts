// A live sitting over Socket.IO against the real server: who the handshake recognises, who is
// refused, presence and the public gallery, the speakers queue driven by socket commands, and
// versioned room messages with snapshots for a client that missed something.
import { afterEach, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases";
import { clientPool, connectAs, connectLive, liveSitting } from "../support/live-client";
import { useTestServer } from "../support/server";

/** Versions of one room's messages, in the order this client received them. */
const versionsIn = (received: { data: any }[], room: string) => received.filter((r) => r.data?.room === room).map((r) => r.data.version);

describeEachDatabase("a live sitting over Socket.IO", (dialect) => {
  const holder = useTestServer(dialect);
  const pool = clientPool();
  afterEach(() => pool.closeAll());

  it("the handshake recognises the session cookie: the chair, a member and a watcher each get their own view", async () => {
    const s = await liveSitting(holder.server, pool, { connected: 1 });
    const [member] = s.clients.members;
    const views = await Promise.all([s.clients.chair, member, s.clients.watcher].map((c) => c.send("snapshot:get", { room: s.room })));
    expect(views.map((v) => v.state.can)).toEqual([
      { chair: true, speak: false, vote: false },
      { chair: false, speak: true, vote: false },
      { chair: false, speak: false, vote: false },
    ]);
    // a cookie that names no session is a watcher, not an error
    const stranger = pool.add(await connectLive(holder.server.url, { cookie: "parliament_session=not-a-real-session" }));
    expect((await stranger.send("snapshot:get", { room: s.room })).state.can).toEqual({ chair: false, speak: false, vote: false });
  });

  it("a handshake from another site, or with no Origin, is refused; the server keeps serving its own pages", async () => {
    const s = await liveSitting(holder.server, pool, { connected: 0 });
    const { url } = holder.server;
    await expect(connectAs(url, s.members[0], { origin: "https://evil.example" })).rejects.toThrow();
    await expect(connectAs(url, s.members[0], { origin: null })).rejects.toThrow();
    await expect(connectLive(url, { origin: url.replace("localhost", "localhost.evil.example") })).rejects.toThrow();
    await expect(connectAs(url, s.members[0], { origin: "https://evil.example", transports: ["polling"] })).rejects.toThrow();
    for (const transports of [["websocket"], ["polling"]] as const) {
      const fine = pool.add(await connectAs(url, s.members[0], { transports: [...transports] }));
      expect((await fine.join(s.room)).state.can.speak, transports[0]).toBe(true);
    }
  });

  it("members queue to speak by socket, a point of order jumps ahead, and everyone sees the queue", async () => {
    const s = await liveSitting(holder.server, pool, { connected: 3 });
    const itemId = s.items[0].itemId;
    const [ann, bo, cy] = s.clients.members;
    const [annP, boP, cyP] = s.members;

    const speech = await ann.send("speaker:request", { itemId, kind: "speech" });
    const question = await bo.send("speaker:request", { itemId, kind: "question" });
    const order = await cy.send("speaker:request", { itemId, kind: "point_of_order" });
    expect([speech.ok, question.ok, order.ok]).toEqual([true, true, true]);
    expect(await ann.send("speaker:request", { itemId, kind: "speech" })).toMatchObject({ ok: false, error: { code: "invalid_state" } });

    const queued = (d: any) => d.state.queue.waiting.length === 3;
    const seen = await s.clients.watcher.waitFor("sitting:state", queued);
    expect(seen.state.queue.waiting.map((w: any) => [w.name, w.kind])).toEqual([
      [cyP.displayName, "point_of_order"],
      [annP.displayName, "speech"],
      [boP.displayName, "question"],
    ]);
    // the fan-out is public: it never says whose request is "mine"
    expect(seen.state.queue.waiting.every((w: any) => w.mine === false)).toBe(true);

    expect(await s.clients.chair.send("speaker:next", { itemId })).toEqual({ ok: true, requestId: order.requestId });
    expect(await bo.send("speaker:withdraw", { requestId: question.requestId })).toEqual({ ok: true });
    const now = await s.clients.watcher.waitFor(
      "sitting:state",
      (d) => d.state.queue.current?.requestId === order.requestId && d.state.queue.waiting.length === 1,
    );
    expect(now.state.queue.waiting[0]).toMatchObject({ name: annP.displayName, kind: "speech" });

    expect(await s.clients.chair.send("speaker:next", { itemId })).toEqual({ ok: true, requestId: speech.requestId });
    expect(await s.clients.chair.send("speaker:end", { itemId })).toEqual({ ok: true });
    const ended = await ann.waitFor("sitting:state", (d) => d.state.queue.current === null && d.state.queue.waiting.length === 0);
    expect(ended.room).toBe(s.room);
    const rows = await holder.server.database.db.selectFrom("speaker_requests").select(["id", "status"]).where("item_id", "=", itemId).orderBy("id").execute();
    expect(rows.map((r) => r.status)).toEqual(["spoken", "withdrawn", "spoken"]);
  });

  it("the chair removes a request by socket; a member cannot remove someone else's", async () => {
    const s = await liveSitting(holder.server, pool, { connected: 2 });
    const itemId = s.items[0].itemId;
    const [ann, bo] = s.clients.members;
    const request = await ann.send("speaker:request", { itemId, kind: "speech" });
    expect(await bo.send("speaker:withdraw", { requestId: request.requestId })).toMatchObject({ ok: false, error: { code: "not_allowed" } });
    expect(await s.clients.chair.send("speaker:withdraw", { requestId: request.requestId })).toEqual({ ok: true });
    const row = await holder.server.database.db.selectFrom("speaker_requests").select("status").where("id", "=", request.requestId).executeTakeFirstOrThrow();
    expect(row.status).toBe("removed");
  });

  it("every room message carries the room's next version, and a client that missed one catches up with a snapshot", async () => {
    const s = await liveSitting(holder.server, pool, { connected: 2 });
    const itemId = s.items[0].itemId;
    const [ann, bo] = s.clients.members;
    const since = s.clients.watcher.received.length;
    await ann.send("speaker:request", { itemId, kind: "speech" });
    await s.clients.watcher.waitFor("sitting:state", (d) => d.state.queue.waiting.length === 1, { since });
    await bo.send("speaker:request", { itemId, kind: "question" });
    await s.clients.watcher.waitFor("sitting:state", (d) => d.state.queue.waiting.length === 2, { since });
    await s.clients.chair.send("speaker:next", { itemId });
    const last = await s.clients.watcher.waitFor("sitting:state", (d) => d.state.queue.current !== null, { since });

    for (const c of [ann, bo]) await c.waitFor("sitting:state", (d) => d.version === last.version);
    const versions = versionsIn(s.clients.watcher.received, s.room);
    expect(versions.length).toBeGreaterThanOrEqual(3);
    expect(versions).toEqual(versions.map((_, i) => versions[0] + i));
    // every client in the room saw the same numbering
    const byVersion = (received: { data: any }[]) =>
      new Map(received.filter((r) => r.data?.room === s.room).map((r) => [r.data.version, JSON.stringify(r.data)]));
    const watcherSaw = byVersion(s.clients.watcher.received);
    const annSaw = byVersion(ann.received);
    const shared = versions.filter((v) => annSaw.has(v));
    expect(shared.length).toBeGreaterThanOrEqual(3);
    for (const v of shared) expect(annSaw.get(v), `version ${v}`).toBe(watcherSaw.get(v));

    // Bo's page pretends it never got one message: the numbers show a gap, so it asks for a snapshot.
    const seenByBo = versionsIn(bo.received, s.room).filter((v) => v !== last.version - 1);
    const gap = seenByBo.findIndex((v, i) => i > 0 && v !== seenByBo[i - 1] + 1);
    expect(gap).toBeGreaterThan(0);
    const snapshot = await bo.send("snapshot:get", { room: s.room });
    expect(snapshot.ok).toBe(true);
    // the current version: the last message anyone in the room has had (a presence update may follow ours)
    expect(snapshot.version).toBeGreaterThanOrEqual(last.version);
    await s.clients.watcher.waitFor("*", (d) => d?.room === s.room && d.version === snapshot.version);
    expect(snapshot.state.queue.current).toMatchObject({ name: s.members[0].displayName });
    expect(snapshot.state.queue.waiting).toHaveLength(1);
  });

  it("each room has its own numbering, from 1, and hears nothing from another room", async () => {
    const first = await liveSitting(holder.server, pool, { connected: 1 });
    const second = await liveSitting(holder.server, pool, { connected: 1 });
    await first.clients.members[0].send("speaker:request", { itemId: first.items[0].itemId, kind: "speech" });
    await second.clients.members[0].send("speaker:request", { itemId: second.items[0].itemId, kind: "question" });
    await first.clients.watcher.waitFor("sitting:state", (d) => d.state.queue.waiting.length === 1);
    await second.clients.watcher.waitFor("sitting:state", (d) => d.state.queue.waiting.length === 1);
    for (const s of [first, second]) {
      // the chair joined first, so has had every message of the room
      await s.clients.chair.waitFor("sitting:state", (d) => d.state.queue.waiting.length === 1);
      const versions = versionsIn(s.clients.chair.received, s.room);
      expect(versions).toEqual(versions.map((_, i) => i + 1));
    }
    expect(second.clients.watcher.received.filter((r) => r.data?.room === first.room)).toEqual([]);
    expect(first.clients.watcher.received.filter((r) => r.data?.room === second.room)).toEqual([]);
  });

  describe("presence and the public gallery (a parliament of its own, so the quorum is known)", () => {
    const own = useTestServer(dialect);

    it("members who join the room are present, the quorum is met, and watchers are counted in the gallery", async () => {
      // the proposer and four members: a quorum of 25% of five is two
      const s = await liveSitting(own.server, pool, { connected: 0, members: 4 });
      const [ann, bo] = s.members;
      const { watcher } = s.clients;
      const galleryOf = (n: number) => (d: any) => d.presence.gallery === n;
      await watcher.waitFor("sitting:presence", galleryOf(1));

      const annClient = pool.add(await connectAs(own.server.url, ann));
      await annClient.join(s.room);
      const one = await watcher.waitFor("sitting:presence", (d) => d.presence.present.length === 1);
      expect(one.presence).toMatchObject({ present: [ann.displayName], eligible: 5, quorum: 2, quorumMet: false });

      const boClient = pool.add(await connectAs(own.server.url, bo));
      await boClient.join(s.room);
      const two = await watcher.waitFor("sitting:presence", (d) => d.presence.present.length === 2);
      expect([...two.presence.present].sort()).toEqual([ann.displayName, bo.displayName].sort());
      expect(two.presence.quorumMet).toBe(true);

      const second = pool.add(await connectLive(own.server.url));
      await second.join(s.room);
      await watcher.waitFor("sitting:presence", galleryOf(2));
      let mark = watcher.received.length;
      second.close();
      await watcher.waitFor("sitting:presence", galleryOf(1), { since: mark });
      // a member who leaves stays present through the short grace, so a wobbly connection is not absence
      mark = watcher.received.length;
      boClient.close();
      const left = await watcher.waitFor("sitting:presence", () => true, { since: mark });
      expect(left.presence.present).toContain(bo.displayName);

      const row = await own.server.database.db.selectFrom("sittings").select("gallery_peak").where("id", "=", s.sittingId).executeTakeFirstOrThrow();
      expect(row.gallery_peak).toBe(2);
      // the chair is in the room but is not one of the members counted
      expect(two.presence.present).not.toContain(s.chair.displayName);
    });
  });
});
