// What the live gateway refuses, and how: watchers and members acting as the chair get error
// acknowledgements and change nothing; malformed messages get an error acknowledgement (or, when
// oversized, a clean disconnect) and the server goes on answering everyone else.
import { afterEach, expect, it } from "vitest";
import type { Db } from "../../server/services/deps";
import { BrowserLikeClient } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { createAdmin } from "../support/factories";
import { clientPool, connectLive, liveSitting } from "../support/live-client";
import { useTestServer } from "../support/server";

/** Everything a refused command could have touched, to compare before and after. */
async function snapshotOf(db: Db, sittingId: number) {
  const [sitting, items, requests, ballots, audit] = await Promise.all([
    db.selectFrom("sittings").select(["status"]).where("id", "=", sittingId).executeTakeFirstOrThrow(),
    db.selectFrom("agenda_items").select(["id", "status", "position"]).where("sitting_id", "=", sittingId).orderBy("id").execute(),
    db.selectFrom("speaker_requests").select(["id", "status"]).orderBy("id").execute(),
    db.selectFrom("ballots").select(["id", "status", "count_for", "count_against", "count_abstain"]).orderBy("id").execute(),
    db.selectFrom("audit_log").select((eb) => eb.fn.max("seq").as("seq")).executeTakeFirstOrThrow(),
  ]);
  return { sitting, items, requests, ballots, audit };
}

describeEachDatabase("what the live gateway refuses", (dialect) => {
  const holder = useTestServer(dialect, { rules: { quorumPercent: 1 } });
  const pool = clientPool();
  afterEach(() => pool.closeAll());
  const db = () => holder.server.database.db;

  it("a signed-out watcher may watch but not act", async () => {
    const s = await liveSitting(holder.server, pool, { connected: 0 });
    const itemId = s.items[0].itemId;
    const { ballotId } = await holder.server.services.liveBallots.open(s.chair, { itemId, kind: "recorded", rule: "simple" });
    const before = await snapshotOf(db(), s.sittingId);
    const attempts: [string, object][] = [
      ["speaker:request", { itemId, kind: "speech" }],
      ["vote:cast", { ballotId, choice: "for" }],
      ["ballot:close", { itemId }],
      ["sitting:suspend", { sittingId: s.sittingId }],
      ["thread:post", { motionId: s.items[0].motionId, stance: "for", body: "Let me in." }],
    ];
    for (const [event, payload] of attempts) {
      const ack = await s.clients.watcher.send(event, payload);
      expect(ack, event).toMatchObject({ ok: false, error: { code: "not_allowed", message: expect.stringMatching(/sign in/) } });
    }
    expect(await snapshotOf(db(), s.sittingId)).toEqual(before);
  });

  it("a member cannot act as the chair", async () => {
    const s = await liveSitting(holder.server, pool, { connected: 1 });
    const [first, second] = s.items;
    const [member] = s.clients.members;
    await member.send("speaker:request", { itemId: first.itemId, kind: "speech" });
    const before = await snapshotOf(db(), s.sittingId);
    const attempts: [string, object][] = [
      ["ballot:open", { itemId: first.itemId, kind: "recorded", rule: "simple" }],
      ["speaker:next", { itemId: first.itemId }],
      ["speaker:end", { itemId: first.itemId }],
      ["item:adjourn", { itemId: first.itemId }],
      ["item:start", { itemId: second.itemId }],
      ["item:next", { sittingId: s.sittingId }],
      ["agenda:move", { itemId: second.itemId, direction: "up" }],
      ["agenda:remove", { itemId: second.itemId }],
      ["sitting:suspend", { sittingId: s.sittingId }],
      ["sitting:close", { sittingId: s.sittingId }],
    ];
    for (const [event, payload] of attempts) {
      const ack = await member.send(event, payload);
      expect(ack, event).toMatchObject({ ok: false, error: { code: "not_allowed", message: expect.stringMatching(/^Only the chair/) } });
    }
    expect(await snapshotOf(db(), s.sittingId)).toEqual(before);
  });

  it("a member suspended mid-sitting is signed out of their live connection too", async () => {
    const s = await liveSitting(holder.server, pool, { connected: 2 });
    const [suspended, other] = s.clients.members;
    const itemId = s.items[0].itemId;
    const { ballotId } = await s.clients.chair.send("ballot:open", { itemId, kind: "recorded", rule: "simple" });
    const admin = await createAdmin(db());
    await holder.server.services.people.setSuspended(admin, { userId: s.members[0].id }, true);
    const before = await snapshotOf(db(), s.sittingId);
    for (const [event, payload] of [["vote:cast", { ballotId, choice: "for" }], ["speaker:request", { itemId, kind: "speech" }]] as const) {
      expect(await suspended.send(event, payload), event).toMatchObject({
        ok: false,
        error: { code: "not_allowed", message: "Your session has ended. Please reload the page and sign in again." },
      });
    }
    expect(await snapshotOf(db(), s.sittingId)).toEqual(before);
    // everyone else carries on
    expect(await other.send("vote:cast", { ballotId, choice: "for" })).toMatchObject({ ok: true });
  });

  it("a member who signs out in another tab can no longer act through an open live connection", async () => {
    const s = await liveSitting(holder.server, pool, { connected: 1 });
    const [member] = s.clients.members;
    const itemId = s.items[0].itemId;
    const { ballotId } = await s.clients.chair.send("ballot:open", { itemId, kind: "recorded", rule: "simple" });
    const cookie = String((member.socket.io.opts.extraHeaders as Record<string, string>).Cookie);
    const signOut = await fetch(`${holder.server.url}/logout`, {
      method: "POST",
      headers: { cookie, origin: holder.server.url, "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(signOut.status).toBe(302);
    expect(await member.send("vote:cast", { ballotId, choice: "for" })).toMatchObject({
      ok: false,
      error: { code: "not_allowed", message: "Your session has ended. Please reload the page and sign in again." },
    });
  });

  it("malformed commands get error acknowledgements, and the same socket goes on working", async () => {
    const s = await liveSitting(holder.server, pool, { connected: 1 });
    const [member] = s.clients.members;
    const itemId = s.items[0].itemId;
    const before = await snapshotOf(db(), s.sittingId);
    const huge = [1e300, 2 ** 53, 2 ** 31, Number.MAX_SAFE_INTEGER];
    const attempts: [string, unknown, string][] = [
      ["speaker:request", "speech please", "invalid_input"],
      ["speaker:request", [itemId, "speech"], "invalid_input"],
      ["speaker:request", null, "invalid_input"],
      ["speaker:request", {}, "invalid_input"],
      ["speaker:request", { itemId: "1; drop table", kind: "speech" }, "invalid_input"],
      ["speaker:request", { itemId: -4, kind: "speech" }, "invalid_input"],
      ["speaker:request", { itemId: 1.5, kind: "speech" }, "invalid_input"],
      ["speaker:request", { itemId, kind: { $ne: null } }, "invalid_input"],
      ...huge.map((n): [string, unknown, string] => ["speaker:request", { itemId: n, kind: "speech" }, "invalid_input"]),
      ...huge.map((n): [string, unknown, string] => ["vote:cast", { ballotId: n, choice: "for" }, "invalid_input"]),
      ["thread:post", { motionId: 2 ** 40, stance: "for", body: "Hello there" }, "invalid_input"],
      ["thread:post", { motionId: s.items[0].motionId, parentId: 2 ** 40, stance: "for", body: "Hello there" }, "invalid_input"],
      ["speaker:request", { itemId: 999_999, kind: "speech" }, "not_found"],
      ["vote:cast", { ballotId: 999_999, choice: "for" }, "not_found"],
      ["room:join", { room: "lobby" }, "invalid_input"],
      ["room:join", { room: "sitting:abc" }, "invalid_input"],
      ["room:join", { room: "sitting:9999999999" }, "invalid_input"],
      ["room:join", { room: "admin:1" }, "invalid_input"],
      ["room:join", "sitting:1", "invalid_input"],
      ["room:join", { room: "sitting:999999" }, "not_found"],
      ["snapshot:get", [], "invalid_input"],
      ["room:leave", 42, "invalid_input"],
      ["sitting:destroy", { sittingId: s.sittingId }, "invalid_input"],
    ];
    for (const [event, payload, code] of attempts) {
      const ack = await member.send(event, payload);
      expect(ack, `${event} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
    }
    // a command sent with its callback and no payload is still answered
    const bare = await member.socket.timeout(2000).emitWithAck("speaker:request");
    expect(bare).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    // a malformed command with no callback at all is simply dropped
    member.socket.emit("speaker:request", "garbage");
    member.socket.emit("vote:cast", { ballotId: 2 ** 60 }, "not a callback");

    expect(await snapshotOf(db(), s.sittingId)).toEqual(before);
    expect(await member.send("speaker:request", { itemId, kind: "speech" })).toMatchObject({ ok: true });
    expect(member.socket.connected).toBe(true);
  });

  it("an oversized message closes that connection cleanly, and everyone else is still answered", async () => {
    const s = await liveSitting(holder.server, pool, { connected: 2 });
    const [loud, quiet] = s.clients.members;
    const itemId = s.items[0].itemId;
    const dropped = new Promise((resolve) => loud.socket.once("disconnect", resolve));
    const pending = loud.send("speaker:request", { itemId, kind: "speech", note: "x".repeat(100 * 1024) }).catch((e: Error) => e);
    expect(await dropped).toBe("transport close");
    expect(await pending).toBeInstanceOf(Error);

    expect(await quiet.send("speaker:request", { itemId, kind: "question" })).toMatchObject({ ok: true });
    await s.clients.watcher.waitFor("sitting:state", (d) => d.state.queue.waiting.length === 1);
    const late = pool.add(await connectLive(holder.server.url));
    expect(await late.join(s.room)).toMatchObject({ ok: true });
    const page = await new BrowserLikeClient(holder.server.url).get("/");
    expect(page.status).toBe(200);
  });

  it("a flood of bad messages does not stall the server for others", async () => {
    const s = await liveSitting(holder.server, pool, { connected: 2 });
    const [noisy, calm] = s.clients.members;
    const itemId = s.items[0].itemId;
    const flood = Array.from({ length: 200 }, (_, i) => noisy.send(i % 2 ? "vote:cast" : "speaker:request", i % 3 ? null : { itemId: "x" }));
    const started = Date.now();
    expect(await calm.send("speaker:request", { itemId, kind: "speech" })).toMatchObject({ ok: true });
    expect(Date.now() - started).toBeLessThan(2000);
    const acks = await Promise.all(flood);
    expect(acks.every((a) => a.ok === false && a.error.code === "invalid_input")).toBe(true);
  });
});
