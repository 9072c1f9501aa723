// Live ballots over Socket.IO against the real server: the chair opens and closes by socket,
// members vote with acknowledgements, tallies reach every client (turnout only for a secret
// ballot until it closes), a member who drops mid-ballot neither loses nor doubles a vote, and a
// burst of votes yields a handful of coalesced tally messages rather than one per vote.
import { afterEach, describe, expect, it } from "vitest";
import { TALLY_WINDOW_MS } from "../../server/realtime/gateway";
import { describeEachDatabase } from "../support/databases";
import { createMembers } from "../support/factories";
import { type LiveClient, clientPool, connectAs, liveSitting } from "../support/live-client";
import { useTestServer } from "../support/server";

const tallyOf = (ballotId: number, match: (d: any) => boolean = () => true) => (d: any) => d.ballotId === ballotId && match(d);

describeEachDatabase("live ballots over Socket.IO", (dialect) => {
  // A quorum of 1%: every test adds members to this one parliament, and quorum has its own tests.
  const holder = useTestServer(dialect, { rules: { quorumPercent: 1 } });
  const pool = clientPool();
  afterEach(() => pool.closeAll());

  it("a recorded ballot: opened by socket, votes acknowledged, tallies reach everyone, the result arrives on close", async () => {
    const s = await liveSitting(holder.server, pool, { connected: 3 });
    const itemId = s.items[0].itemId;
    const everyone = [s.clients.chair, s.clients.watcher, ...s.clients.members];
    const opened = await s.clients.chair.send("ballot:open", { itemId, kind: "recorded", rule: "simple" });
    expect(opened).toMatchObject({ ok: true, ballotId: expect.any(Number) });
    const { ballotId } = opened;
    for (const c of everyone) await c.waitFor("ballot:tally", tallyOf(ballotId, (d) => d.status === "open"));

    const [ann, bo, cy] = s.clients.members;
    expect(await ann.send("vote:cast", { ballotId, choice: "for" })).toEqual({ ok: true, changed: false });
    expect(await bo.send("vote:cast", { ballotId, choice: "for" })).toEqual({ ok: true, changed: false });
    expect(await cy.send("vote:cast", { ballotId, choice: "against" })).toEqual({ ok: true, changed: false });
    expect(await cy.send("vote:cast", { ballotId, choice: "abstain" })).toEqual({ ok: true, changed: true });
    const counted = (d: any) => d.counts?.for === 2 && d.counts.abstain === 1 && d.counts.against === 0;
    for (const c of everyone) {
      const tally = await c.waitFor("ballot:tally", tallyOf(ballotId, counted));
      expect(tally).toMatchObject({ room: s.room, kind: "recorded", status: "open", turnout: 3, outcome: null, quorum: 1 });
    }

    const closed = await s.clients.chair.send("ballot:close", { itemId });
    expect(closed).toEqual({ ok: true, ballotId, outcome: "carried" });
    for (const c of everyone) {
      const result = await c.waitFor("ballot:tally", tallyOf(ballotId, (d) => d.status === "closed"));
      expect(result).toMatchObject({ outcome: "carried", counts: { for: 2, against: 0, abstain: 1 }, turnout: 3 });
    }
    const state = await s.clients.watcher.waitFor("sitting:state", (d) => d.state.items[0].status === "decided");
    expect(state.state.items[0].motion.status).toBe("carried");
    expect(state.state.items[0].ballots[0]).toMatchObject({ id: ballotId, status: "closed", outcome: "carried" });
    // The state goes to everyone in the room each time it changes: it never carries the roll of
    // names (in a big sitting that is thousands of names per message); the motion page has it.
    expect(state.state.items[0].ballots[0]).not.toHaveProperty("roll");
    const voters = await holder.server.database.db.selectFrom("users").select("display_name").where("id", "in", s.members.slice(0, 3).map((m) => m.id)).execute();
    expect(voters).toHaveLength(3);
    for (const v of voters) expect(JSON.stringify(state.state.items)).not.toContain(v.display_name);
  });

  it("a secret ballot shows turnout only until it closes", async () => {
    const s = await liveSitting(holder.server, pool, { connected: 3 });
    const itemId = s.items[0].itemId;
    const { ballotId } = await s.clients.chair.send("ballot:open", { itemId, kind: "secret", rule: "simple" });
    const [ann, bo, cy] = s.clients.members;
    for (const [c, choice] of [[ann, "for"], [bo, "against"], [cy, "against"]] as const) {
      expect(await c.send("vote:cast", { ballotId, choice })).toEqual({ ok: true, changed: false });
    }
    const open = await s.clients.watcher.waitFor("ballot:tally", tallyOf(ballotId, (d) => d.turnout === 3));
    expect(open).toMatchObject({ kind: "secret", status: "open", counts: null, outcome: null });
    // while it is open no message to anyone carries the split
    for (const c of [s.clients.watcher, ann]) {
      for (const t of c.messages("ballot:tally").filter((d) => d.ballotId === ballotId && d.status === "open")) expect(t.counts).toBeNull();
    }

    expect(await s.clients.chair.send("ballot:close", { itemId })).toEqual({ ok: true, ballotId, outcome: "defeated" });
    const result = await s.clients.watcher.waitFor("ballot:tally", tallyOf(ballotId, (d) => d.status === "closed"));
    expect(result).toMatchObject({ outcome: "defeated", counts: { for: 1, against: 2, abstain: 0 }, turnout: 3 });
  });

  /** Drop this member's sockets from the server side, then reconnect and rejoin the room. */
  async function dropAndReconnect(client: LiveClient, memberId: string, room: string) {
    const sockets = await holder.server.realtime.io.fetchSockets();
    const theirs = sockets.filter((k) => k.data.actor?.id === memberId);
    expect(theirs).toHaveLength(1);
    const gone = new Promise((resolve) => client.socket.once("disconnect", resolve));
    theirs[0].disconnect(true);
    expect(await gone).toBe("io server disconnect");
    const back = new Promise<void>((resolve) => client.socket.once("connect", () => resolve()));
    client.socket.connect();
    await back;
    return client.join(room);
  }

  it("a member who drops mid-ballot and sends the same recorded vote again is counted once", async () => {
    const s = await liveSitting(holder.server, pool, { connected: 2 });
    const itemId = s.items[0].itemId;
    const [ann, bo] = s.clients.members;
    const { ballotId } = await s.clients.chair.send("ballot:open", { itemId, kind: "recorded", rule: "simple" });
    expect(await ann.send("vote:cast", { ballotId, choice: "for" })).toMatchObject({ ok: true });
    const before = await s.clients.chair.waitFor("ballot:tally", tallyOf(ballotId, (d) => d.turnout === 1));

    const rejoined = await dropAndReconnect(ann, s.members[0].id, s.room);
    expect(rejoined).toMatchObject({ ok: true });
    expect(rejoined.version).toBeGreaterThanOrEqual(before.version);
    expect(rejoined.state.liveBallot).toMatchObject({ id: ballotId, counts: { for: 1, against: 0, abstain: 0 } });
    // Ann's page learns her vote is in, so it need not ask her again
    expect(rejoined.state.liveBallot.mine).toEqual({ voted: true, choice: "for" });
    // the snapshot is the current state: the next message Ann gets in the room continues from it
    const mark = ann.received.length;
    expect(await bo.send("vote:cast", { ballotId, choice: "against" })).toMatchObject({ ok: true });
    const next = await ann.waitFor("*", (d) => d?.room === s.room, { since: mark });
    expect(next.version).toBe(rejoined.version + 1);

    // the page resends the vote it is not sure arrived
    expect(await ann.send("vote:cast", { ballotId, choice: "for" })).toEqual({ ok: true, changed: false });
    expect(await s.clients.chair.send("ballot:close", { itemId })).toMatchObject({ ok: true });
    const final = await s.clients.watcher.waitFor("ballot:tally", tallyOf(ballotId, (d) => d.status === "closed"));
    expect(final.counts).toEqual({ for: 1, against: 1, abstain: 0 });
    const votes = await holder.server.database.db.selectFrom("recorded_votes").select("member_id").where("ballot_id", "=", ballotId).execute();
    expect(votes.filter((v) => v.member_id === s.members[0].id)).toHaveLength(1);
  });

  it("a member who drops mid-ballot and sends a secret vote again gets an error, not a second vote", async () => {
    const s = await liveSitting(holder.server, pool, { connected: 1 });
    const itemId = s.items[0].itemId;
    const [ann] = s.clients.members;
    const { ballotId } = await s.clients.chair.send("ballot:open", { itemId, kind: "secret", rule: "simple" });
    expect(await ann.send("vote:cast", { ballotId, choice: "against" })).toMatchObject({ ok: true });

    const rejoined = await dropAndReconnect(ann, s.members[0].id, s.room);
    // the snapshot tells Ann's page that she has voted, but not how
    expect(rejoined.state.liveBallot).toMatchObject({ id: ballotId, turnout: 1, counts: null, mine: { voted: true, choice: null } });
    const again = await ann.send("vote:cast", { ballotId, choice: "against" });
    expect(again).toMatchObject({ ok: false, error: { code: "invalid_state" } });

    await s.clients.chair.send("ballot:close", { itemId });
    const final = await s.clients.watcher.waitFor("ballot:tally", tallyOf(ballotId, (d) => d.status === "closed"));
    expect(final).toMatchObject({ turnout: 1, counts: { for: 0, against: 1, abstain: 0 } });
    const voters = await holder.server.database.db.selectFrom("secret_voters").select("member_id").where("ballot_id", "=", ballotId).execute();
    expect(voters).toEqual([{ member_id: s.members[0].id }]);
  });

  describe("a burst of votes (a parliament of its own, with sixty voters)", () => {
    const own = useTestServer(dialect);

    it("the watcher receives a few coalesced tallies, not one per vote, and the last one is final", async () => {
      const s = await liveSitting(own.server, pool, { connected: 0, members: 2 });
      const itemId = s.items[0].itemId;
      const people = await createMembers(own.server.database.db, 60);
      const voters = await Promise.all(people.map((p) => connectAs(own.server.url, p)));
      voters.forEach((v) => pool.add(v));
      const { ballotId } = await s.clients.chair.send("ballot:open", { itemId, kind: "recorded", rule: "simple" });
      await s.clients.watcher.waitFor("ballot:tally", tallyOf(ballotId));

      const choices = voters.map((_, i) => (i < 40 ? "for" : i < 55 ? "against" : "abstain"));
      const mark = s.clients.watcher.received.length;
      const started = Date.now();
      const acks = await Promise.all(voters.map((v, i) => v.send("vote:cast", { ballotId, choice: choices[i] }, 15_000)));
      expect(acks.every((a) => a.ok)).toBe(true);
      await s.clients.watcher.waitFor("ballot:tally", tallyOf(ballotId, (d) => d.turnout === 60), { since: mark, timeoutMs: 10_000 });
      const lasted = Date.now() - started;

      const tallies = s.clients.watcher.received.slice(mark).filter((r) => r.event === "ballot:tally" && r.data.ballotId === ballotId);
      expect(tallies.length).toBeLessThan(60);
      expect(tallies.length).toBeLessThanOrEqual(Math.floor(lasted / TALLY_WINDOW_MS) + 2);
      // one flush at a time per ballot, so a tally never goes back in time
      const turnouts = tallies.map((t) => t.data.turnout);
      expect(turnouts).toEqual([...turnouts].sort((a, b) => a - b));
      expect(tallies.at(-1)!.data.counts).toEqual({ for: 40, against: 15, abstain: 5 });
    });
  });
});
