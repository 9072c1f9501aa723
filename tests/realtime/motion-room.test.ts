// The motion room: someone watching a motion's page hears that the discussion or the motion
// changed, whether the change came through a plain HTTP form or a live command.
import { afterEach, expect, it } from "vitest";
import { BrowserLikeClient } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { type TestPerson, createBody, createMembers, motionInput } from "../support/factories";
import { clientPool, connectAs, connectLive } from "../support/live-client";
import { useTestServer } from "../support/server";

describeEachDatabase("the motion room", (dialect) => {
  const holder = useTestServer(dialect);
  const pool = clientPool();
  afterEach(() => pool.closeAll());

  /** A published motion, its proposer and three members, and a signed-out watcher in its room. */
  async function watchedMotion() {
    const { db } = holder.server.database;
    const body = await createBody(db);
    const [proposer, ...members] = await createMembers(db, 4);
    const { id, number } = await holder.server.services.motions.raise(proposer, motionInput(body.id), { publish: true });
    const room = `motion:${id}`;
    const watcher = pool.add(await connectLive(holder.server.url));
    expect(await watcher.join(room)).toEqual({ ok: true, version: 0 });
    return { motionId: id, path: `/motions/${number}`, room, proposer, members, watcher };
  }

  async function browserOf(person: TestPerson) {
    const browser = new BrowserLikeClient(holder.server.url);
    await browser.signIn(person.email, person.password);
    return browser;
  }

  it("a post made through the page's form reaches the watcher as post:changed", async () => {
    const m = await watchedMotion();
    const browser = await browserOf(m.members[0]);
    const response = await browser.post(m.path, { intent: "post", stance: "for", body: "Nights are when people need this most." });
    expect(response.status).toBe(302);
    const post = await holder.server.database.db.selectFrom("posts").select("id").where("motion_id", "=", m.motionId).executeTakeFirstOrThrow();
    const message = await m.watcher.waitFor("post:changed");
    expect(message).toEqual({ motionId: m.motionId, postId: post.id, room: m.room, version: 1 });
  });

  it("a post made with the thread:post command reaches the watcher too, and is acknowledged with its id", async () => {
    const m = await watchedMotion();
    const member = pool.add(await connectAs(holder.server.url, m.members[1]));
    const ack = await member.send("thread:post", { motionId: m.motionId, stance: "question", body: "Who supports the peer workers?" });
    expect(ack).toEqual({ ok: true, postId: expect.any(Number) });
    const message = await m.watcher.waitFor("post:changed", (d) => d.postId === ack.postId);
    expect(message).toMatchObject({ motionId: m.motionId, room: m.room });
    // a reply through the command, and a refusal for someone signed out
    const reply = await member.send("thread:post", { motionId: m.motionId, parentId: ack.postId, stance: "neutral", body: "The team lead, weekly." });
    expect(reply).toMatchObject({ ok: true });
    expect(await m.watcher.send("thread:post", { motionId: m.motionId, stance: "for", body: "Me too" })).toMatchObject({
      ok: false,
      error: { code: "not_allowed" },
    });
    expect(await member.send("thread:post", { motionId: m.motionId, stance: "for", body: "" })).toMatchObject({
      ok: false,
      error: { code: "invalid_input", message: expect.stringMatching(/^Your post/) },
    });
  });

  it("seconding through the form tells the watcher the motion changed, once per seconder", async () => {
    const m = await watchedMotion();
    for (const [i, seconder] of m.members.slice(0, 2).entries()) {
      const since = m.watcher.received.length;
      const browser = await browserOf(seconder);
      expect((await browser.post(m.path, { intent: "second" })).status).toBe(302);
      const message = await m.watcher.waitFor("motion:changed", () => true, { since });
      expect(message).toEqual({ motionId: m.motionId, room: m.room, version: i + 1 });
    }
    const motion = await holder.server.database.db.selectFrom("motions").select("status").where("id", "=", m.motionId).executeTakeFirstOrThrow();
    expect(motion.status).toBe("seconded");
    const snapshot = await m.watcher.send("snapshot:get", { room: m.room });
    expect(snapshot).toEqual({ ok: true, version: 2 });
  });

  it("a watcher of one motion hears nothing about another", async () => {
    const watched = await watchedMotion();
    const other = await watchedMotion();
    const member = pool.add(await connectAs(holder.server.url, other.members[0]));
    await member.send("thread:post", { motionId: other.motionId, stance: "for", body: "On the other motion." });
    await other.watcher.waitFor("post:changed");
    expect(watched.watcher.received).toEqual([]);
  });
});
