import { expect, it } from "vitest";
import { InvalidInput, InvalidState, NotAllowed } from "../../server/domain/errors";
import { DAY_MS, MINUTE_MS, epochToZonedLocal } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createChair, createCommissioner, createMember } from "../support/factories";
import { type TestParliament, closingIn, openBallotOn, publishedMotion, secondedMotion, useParliament } from "../support/parliament";

const ballotRow = (t: TestParliament, id: number) => t.db.selectFrom("ballots").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const motionRow = (t: TestParliament, id: number) => t.db.selectFrom("motions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const countRows = async (t: TestParliament, table: "ballots" | "recorded_votes" | "audit_log") =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
const inMinutes = (t: TestParliament, minutes: number) => epochToZonedLocal(t.clock.now() + minutes * MINUTE_MS, t.rules.timeZone);

describeEachDatabase("opening a ballot", (dialect) => {
  const t = useParliament(dialect);

  it("the chair opens a ballot on a seconded motion, which moves to voting", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene, "recorded", "two_thirds");
    expect(await ballotRow(t, ballotId)).toMatchObject({
      motion_id: scene.motionId,
      kind: "recorded",
      rule: "two_thirds",
      status: "open",
      opened_at: t.clock.now(),
      opened_by: scene.chair.id,
      closes_at: t.clock.now() + 7 * DAY_MS,
      return_status: "seconded",
    });
    expect((await motionRow(t, scene.motionId)).status).toBe("voting");
  });

  it("only the chair opens a ballot", async () => {
    const scene = await secondedMotion(t);
    const input = { kind: "recorded", rule: "simple", closesAt: closingIn(t, 7) };
    for (const viewer of [null, scene.members[0], await createAdmin(t.db), await createCommissioner(t.db, scene.bodyId)]) {
      await expect(t.services.ballots.open(viewer, scene.motionId, input)).rejects.toThrow(NotAllowed);
    }
    expect(await countRows(t, "ballots")).toBe(0);
  });

  it("only on a seconded motion", async () => {
    const scene = await publishedMotion(t);
    await expect(openBallotOn(t, scene)).rejects.toThrow(InvalidState);
    expect(await countRows(t, "ballots")).toBe(0);
  });

  it("only one ballot at a time", async () => {
    const scene = await secondedMotion(t);
    await openBallotOn(t, scene);
    await expect(openBallotOn(t, scene)).rejects.toThrow(InvalidState);
    expect(await countRows(t, "ballots")).toBe(1);
  });

  it("only one ballot opens even when two chairs try at the same moment", async () => {
    const scene = await secondedMotion(t);
    const input = { kind: "recorded", rule: "simple", closesAt: closingIn(t, 7) };
    const results = await Promise.allSettled([
      t.services.ballots.open(scene.chair, scene.motionId, input),
      t.services.ballots.open(await createChair(t.db), scene.motionId, input),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await countRows(t, "ballots")).toBe(1);
  });

  it("the closing time must be between 10 minutes and 60 days ahead, with the error on that field", async () => {
    const scene = await secondedMotion(t);
    const tryClosing = (closesAt: string) =>
      t.services.ballots.open(scene.chair, scene.motionId, { kind: "secret", rule: "simple", closesAt }).catch((e) => e);
    for (const closesAt of [inMinutes(t, 9), inMinutes(t, -60), closingIn(t, 61), "2026-02-30T10:00"]) {
      const error = await tryClosing(closesAt);
      expect(error, closesAt).toBeInstanceOf(InvalidInput);
      expect(Object.keys(error.fieldErrors), closesAt).toEqual(["closesAt"]);
    }
    expect((await tryClosing(inMinutes(t, 9))).fieldErrors.closesAt).toEqual([
      "Voting must stay open for at least 10 minutes; choose a later closing time.",
    ]);
    expect((await tryClosing("2026-02-30T10:00")).fieldErrors.closesAt).toEqual(["That closing time is not a real date."]);
    expect(await countRows(t, "ballots")).toBe(0);
    const ok = await tryClosing(inMinutes(t, 10));
    expect(ok).toEqual({ ballotId: expect.any(Number) });
  });

  it("sixty days ahead is the latest allowed", async () => {
    const scene = await secondedMotion(t);
    const { ballotId } = await t.services.ballots.open(scene.chair, scene.motionId, { kind: "secret", rule: "simple", closesAt: closingIn(t, 60) });
    expect((await ballotRow(t, ballotId)).closes_at).toBe(t.clock.now() + 60 * DAY_MS);
  });

  it("the eligible count and quorum are fixed when the ballot opens", async () => {
    t.rules.quorumPercent = 50;
    const scene = await secondedMotion(t, 6); // proposer + 6 members
    await createMember(t.db, { status: "suspended" });
    const ballotId = await openBallotOn(t, scene);
    await createMember(t.db, { createdAt: t.clock.now() + 1 });
    expect(await ballotRow(t, ballotId)).toMatchObject({ eligible_count: 7, quorum: 4 });
    const opened = await t.db.selectFrom("audit_log").selectAll().where("type", "=", "ballot.opened").executeTakeFirstOrThrow();
    expect(JSON.parse(opened.payload)).toMatchObject({ ballot_id: ballotId, eligible: 7, quorum: 4, kind: "recorded", rule: "simple" });
  });
});

describeEachDatabase("voting in a recorded ballot", (dialect) => {
  const t = useParliament(dialect);

  it("only members vote", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene);
    for (const viewer of [null, scene.chair, await createAdmin(t.db), await createCommissioner(t.db, scene.bodyId)]) {
      await expect(t.services.ballots.vote(viewer, ballotId, { choice: "for" })).rejects.toThrow(NotAllowed);
    }
    expect(await countRows(t, "recorded_votes")).toBe(0);
  });

  it("a member who joined after the ballot opened cannot vote in it", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene);
    t.clock.advance(MINUTE_MS);
    const newcomer = await createMember(t.db, { createdAt: t.clock.now() });
    await expect(t.services.ballots.vote(newcomer, ballotId, { choice: "for" })).rejects.toThrow(
      "You joined after this ballot opened, so you cannot vote in it. You can vote in the next one.",
    );
    expect(await countRows(t, "recorded_votes")).toBe(0);
  });

  it("a member may change their recorded vote until close, and the counts follow the rows", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene);
    const [a, b] = scene.members;
    expect(await t.services.ballots.vote(a, ballotId, { choice: "for" })).toEqual({ changed: false });
    await t.services.ballots.vote(b, ballotId, { choice: "for" });
    t.clock.advance(MINUTE_MS);
    expect(await t.services.ballots.vote(a, ballotId, { choice: "against" })).toEqual({ changed: true });
    await t.services.ballots.vote(a, ballotId, { choice: "abstain" });
    const rows = await t.db.selectFrom("recorded_votes").selectAll().where("ballot_id", "=", ballotId).orderBy("member_id").execute();
    const ballot = await ballotRow(t, ballotId);
    const tally = (choice: string) => rows.filter((r) => r.choice === choice).length;
    expect({ for: ballot.count_for, against: ballot.count_against, abstain: ballot.count_abstain }).toEqual({
      for: tally("for"),
      against: tally("against"),
      abstain: tally("abstain"),
    });
    expect(ballot).toMatchObject({ count_for: 1, count_against: 0, count_abstain: 1 });
    expect(rows.find((r) => r.member_id === a.id)).toMatchObject({ choice: "abstain", changed_at: t.clock.now() });
    const log = await t.db.selectFrom("audit_log").select(["type", "actor_id", "payload"]).where("type", "like", "vote.%").orderBy("seq").execute();
    expect(log.map((e) => [e.type, e.actor_id, JSON.parse(e.payload).choice])).toEqual([
      ["vote.cast", a.id, "for"],
      ["vote.cast", b.id, "for"],
      ["vote.changed", a.id, "against"],
      ["vote.changed", a.id, "abstain"],
    ]);
  });

  it("voting the same way twice changes nothing and logs nothing", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene);
    await t.services.ballots.vote(scene.members[0], ballotId, { choice: "for" });
    const auditBefore = await countRows(t, "audit_log");
    expect(await t.services.ballots.vote(scene.members[0], ballotId, { choice: "for" })).toEqual({ changed: false });
    expect((await ballotRow(t, ballotId)).count_for).toBe(1);
    expect(await countRows(t, "audit_log")).toBe(auditBefore);
  });

  it("voting after the closing time is refused even before the ballot is closed", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene);
    t.clock.advance(7 * DAY_MS);
    await expect(t.services.ballots.vote(scene.members[0], ballotId, { choice: "for" })).rejects.toThrow(
      "This ballot has closed, so votes can no longer be cast.",
    );
    expect((await ballotRow(t, ballotId)).status).toBe("open");
    expect(await countRows(t, "recorded_votes")).toBe(0);
  });

  it("one member, one vote, even when twenty attempts arrive at once", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene);
    const attempts = Array.from({ length: 20 }, (_, i) =>
      t.services.ballots.vote(scene.members[0], ballotId, { choice: i % 2 ? "against" : "for" }),
    );
    const results = await Promise.allSettled(attempts);
    const failures = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    for (const failure of failures) expect(failure).toBeInstanceOf(InvalidState);
    const rows = await t.db.selectFrom("recorded_votes").selectAll().where("ballot_id", "=", ballotId).execute();
    expect(rows).toHaveLength(1);
    const ballot = await ballotRow(t, ballotId);
    expect(ballot.count_for + ballot.count_against + ballot.count_abstain).toBe(1);
    expect(rows[0].choice === "for" ? ballot.count_for : ballot.count_against).toBe(1);
  });
});
