import { expect, it } from "vitest";
import { InvalidState, NotAllowed } from "../../server/domain/errors";
import { createEventBus } from "../../server/events";
import { createServices } from "../../server/services";
import { DAY_MS, HOUR_MS } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { type Scene, type TestParliament, openBallotOn, secondedMotion, useParliament } from "../support/parliament";

const ballotRow = (t: TestParliament, id: number) => t.db.selectFrom("ballots").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const motionRow = (t: TestParliament, id: number) => t.db.selectFrom("motions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

async function castVotes(t: TestParliament, scene: Scene, ballotId: number, choices: ("for" | "against" | "abstain")[]) {
  const voters = [scene.proposer, ...scene.members];
  for (const [i, choice] of choices.entries()) await t.services.ballots.vote(voters[i], ballotId, { choice });
}

describeEachDatabase("closing a ballot at its time", (dialect) => {
  const t = useParliament(dialect);

  it("closeDue closes a ballot at its closing time, by nobody", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene);
    await castVotes(t, scene, ballotId, ["for", "for", "against"]);
    const closesAt = (await ballotRow(t, ballotId)).closes_at!;
    t.clock.set(closesAt - 1);
    expect(await t.services.ballots.closeDue()).toBe(0);
    expect((await ballotRow(t, ballotId)).status).toBe("open");
    t.clock.set(closesAt + 3 * HOUR_MS);
    expect(await t.services.ballots.closeDue()).toBe(1);
    expect(await ballotRow(t, ballotId)).toMatchObject({ status: "closed", closed_at: closesAt, closed_by: null, outcome: "carried" });
    expect(await t.services.ballots.closeDue()).toBe(0);
  });

  it("a ballot that fell due while the server was down closes at its own time after the restart", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene);
    await castVotes(t, scene, ballotId, ["for", "for"]);
    const closesAt = (await ballotRow(t, ballotId)).closes_at!;
    t.clock.advance(30 * DAY_MS); // the server was off all this time
    const restarted = createServices({ db: t.db, clock: t.clock, events: createEventBus(), rules: t.rules });
    expect(await restarted.ballots.closeDue()).toBe(1);
    expect(await ballotRow(t, ballotId)).toMatchObject({ status: "closed", closed_at: closesAt, closed_by: null, outcome: "carried" });
    expect(await motionRow(t, scene.motionId)).toMatchObject({
      status: "carried",
      decided_at: closesAt,
      response_due_at: closesAt + 56 * DAY_MS,
    });
  });
});

describeEachDatabase("the chair closing a ballot", (dialect) => {
  const t = useParliament(dialect);

  it("the chair can close early; the closing time and the chair are recorded", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene);
    await castVotes(t, scene, ballotId, ["against", "against", "for"]);
    t.clock.advance(HOUR_MS);
    expect(await t.services.ballots.close(scene.chair, ballotId)).toBe("defeated");
    expect(await ballotRow(t, ballotId)).toMatchObject({ status: "closed", closed_at: t.clock.now(), closed_by: scene.chair.id });
  });

  it("only the chair closes a ballot", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene);
    await expect(t.services.ballots.close(scene.members[0], ballotId)).rejects.toThrow(NotAllowed);
    await expect(t.services.ballots.close(null, ballotId)).rejects.toThrow(NotAllowed);
    expect((await ballotRow(t, ballotId)).status).toBe("open");
  });

  it("a closed ballot cannot be closed again or voted in", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene);
    await castVotes(t, scene, ballotId, ["for"]);
    await t.services.ballots.close(scene.chair, ballotId);
    const closed = await ballotRow(t, ballotId);
    await expect(t.services.ballots.close(scene.chair, ballotId)).rejects.toThrow("This ballot is already closed.");
    await expect(t.services.ballots.vote(scene.members[0], ballotId, { choice: "against" })).rejects.toThrow(InvalidState);
    expect(await ballotRow(t, ballotId)).toEqual(closed);
    const closings = await t.db.selectFrom("audit_log").select("type").where("type", "=", "ballot.closed").execute();
    expect(closings).toHaveLength(1);
  });

  it("closing after the closing time has passed records the closing time, not the late click", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene);
    await castVotes(t, scene, ballotId, ["for", "for"]);
    const closesAt = (await ballotRow(t, ballotId)).closes_at!;
    t.clock.set(closesAt + 2 * HOUR_MS);
    await t.services.ballots.close(scene.chair, ballotId);
    expect(await ballotRow(t, ballotId)).toMatchObject({ closed_at: closesAt, closed_by: null });
    expect((await motionRow(t, scene.motionId)).response_due_at).toBe(closesAt + 56 * DAY_MS);
  });
});

describeEachDatabase("the outcome of a ballot", (dialect) => {
  const t = useParliament(dialect);

  it("a carried motion awaits its body's response, due after the body's period", async () => {
    const scene = await secondedMotion(t, 4);
    await t.db.updateTable("bodies").set({ response_period_days: 28 }).where("id", "=", scene.bodyId).execute();
    const ballotId = await openBallotOn(t, scene);
    await castVotes(t, scene, ballotId, ["for", "for", "against", "abstain"]);
    t.clock.advance(DAY_MS);
    await t.services.ballots.close(scene.chair, ballotId);
    const closedAt = t.clock.now();
    expect(await ballotRow(t, ballotId)).toMatchObject({
      outcome: "carried",
      rule: "simple",
      eligible_count: 5,
      quorum: 2,
      count_for: 2,
      count_against: 1,
      count_abstain: 1,
    });
    expect(await motionRow(t, scene.motionId)).toMatchObject({
      status: "carried",
      decided_at: closedAt,
      response_status: "awaiting",
      response_due_at: closedAt + 28 * DAY_MS,
    });
    const entry = await t.db.selectFrom("audit_log").selectAll().where("type", "=", "ballot.closed").executeTakeFirstOrThrow();
    expect(JSON.parse(entry.payload)).toMatchObject({
      ballot_id: ballotId,
      rule: "simple",
      eligible: 5,
      quorum: 2,
      for: 2,
      against: 1,
      abstain: 1,
      turnout: 4,
      outcome: "carried",
      closed_by: "chair",
    });
  });

  it("the default response period is eight weeks", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene);
    await castVotes(t, scene, ballotId, ["for", "for"]);
    await t.services.ballots.close(scene.chair, ballotId);
    expect((await motionRow(t, scene.motionId)).response_due_at).toBe(t.clock.now() + 56 * DAY_MS);
  });

  it("a tie falls under a simple majority", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene);
    await castVotes(t, scene, ballotId, ["for", "against"]);
    expect(await t.services.ballots.close(scene.chair, ballotId)).toBe("defeated");
    expect(await motionRow(t, scene.motionId)).toMatchObject({ status: "defeated", decided_at: t.clock.now(), response_status: null });
  });

  it("two-thirds is needed under a two-thirds rule", async () => {
    const scene = await secondedMotion(t, 5);
    const ballotId = await openBallotOn(t, scene, "recorded", "two_thirds");
    await castVotes(t, scene, ballotId, ["for", "for", "for", "against", "against"]);
    expect(await t.services.ballots.close(scene.chair, ballotId)).toBe("defeated");
  });

  it("without quorum the motion goes back to seconded, and a new ballot can be opened", async () => {
    t.rules.quorumPercent = 60;
    const scene = await secondedMotion(t, 4); // 5 eligible, quorum 3
    const ballotId = await openBallotOn(t, scene);
    await castVotes(t, scene, ballotId, ["for", "abstain"]);
    expect(await t.services.ballots.close(scene.chair, ballotId)).toBe("no_quorum");
    expect(await ballotRow(t, ballotId)).toMatchObject({ outcome: "no_quorum", quorum: 3, count_for: 1, count_abstain: 1 });
    expect(await motionRow(t, scene.motionId)).toMatchObject({ status: "seconded", decided_at: null, response_status: null });
    const again = await openBallotOn(t, scene);
    expect(again).not.toBe(ballotId);
  });

  it("abstentions count towards quorum", async () => {
    t.rules.quorumPercent = 60;
    const scene = await secondedMotion(t, 4); // quorum 3
    const ballotId = await openBallotOn(t, scene);
    await castVotes(t, scene, ballotId, ["for", "abstain", "abstain"]);
    expect(await t.services.ballots.close(scene.chair, ballotId)).toBe("carried");
  });

  it("the stored result never changes afterwards", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene);
    await castVotes(t, scene, ballotId, ["for", "for"]);
    await t.services.ballots.close(scene.chair, ballotId);
    const stored = await ballotRow(t, ballotId);
    t.clock.advance(10 * DAY_MS);
    await t.services.ballots.closeDue();
    await expect(t.services.ballots.vote(scene.members[3], ballotId, { choice: "against" })).rejects.toThrow(InvalidState);
    expect(await ballotRow(t, ballotId)).toEqual(stored);
  });
});
