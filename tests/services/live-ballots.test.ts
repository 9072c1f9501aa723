// Live ballots in a sitting: the chair opens one on the item in debate, members vote through
// the same ballot service as online, and closing records the computed result on the item.
import { expect, it } from "vitest";
import { InvalidState, NotAllowed } from "../../server/domain/errors";
import { responseDueAt } from "../../server/domain/response-clock";
import { MINUTE_MS } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createCommissioner } from "../support/factories";
import { type TestParliament, useParliament } from "../support/parliament";
import { type SittingScene, itemRow, motionStatus, sittingInDebate, sittingWithAgenda } from "../support/sittings";

const ballotRow = (t: TestParliament, id: number) => t.db.selectFrom("ballots").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const ballotCount = async (t: TestParliament) =>
  Number((await t.db.selectFrom("ballots").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

/** The proposer and the members: five voters, so a quorum of 25% is two votes. */
const voters = (scene: SittingScene) => [scene.proposer, ...scene.members];

describeEachDatabase("opening a live ballot", (dialect) => {
  const t = useParliament(dialect);

  it("the chair opens a ballot on the item in debate; the item and its motion move to voting", async () => {
    const scene = await sittingInDebate(t);
    const [item] = scene.items;
    const { ballotId } = await t.services.liveBallots.open(scene.chair, { itemId: item.itemId, kind: "secret", rule: "two_thirds" });
    expect(await ballotRow(t, ballotId)).toMatchObject({
      motion_id: item.motionId,
      kind: "secret",
      rule: "two_thirds",
      mode: "live",
      status: "open",
      opened_at: t.clock.now(),
      opened_by: scene.chair.id,
      closes_at: null,
      return_status: "debating",
      eligible_count: 5,
      quorum: 2,
      sitting_id: scene.sittingId,
      agenda_item_id: item.itemId,
    });
    expect((await itemRow(t.db, item.itemId)).status).toBe("voting");
    expect(await motionStatus(t.db, item.motionId)).toBe("voting");
  });

  it("only on the item being debated, and only while the sitting is in session", async () => {
    const scene = await sittingInDebate(t);
    const [debated, waiting] = scene.items;
    const input = (itemId: number) => ({ itemId, kind: "recorded", rule: "simple" });
    await expect(t.services.liveBallots.open(scene.chair, input(waiting.itemId))).rejects.toThrow(
      new InvalidState("A live ballot is taken on the item being debated now."),
    );
    await t.services.sittings.suspend(scene.chair, scene.sittingId);
    await expect(t.services.liveBallots.open(scene.chair, input(debated.itemId))).rejects.toThrow(
      "The sitting is not in session, so no ballot can be opened.",
    );
    await t.services.sittings.open(scene.chair, scene.sittingId);
    await t.services.liveBallots.open(scene.chair, input(debated.itemId));
    await expect(t.services.liveBallots.open(scene.chair, input(debated.itemId))).rejects.toThrow(InvalidState);
    expect(await ballotCount(t)).toBe(1);
  });

  it("not before the sitting opens", async () => {
    const scene = await sittingWithAgenda(t, { open: false });
    await expect(t.services.liveBallots.open(scene.chair, { itemId: scene.items[0].itemId, kind: "recorded", rule: "simple" })).rejects.toThrow(
      InvalidState,
    );
    expect(await ballotCount(t)).toBe(0);
  });

  it("only the chair opens and closes a live ballot", async () => {
    const scene = await sittingInDebate(t);
    const itemId = scene.items[0].itemId;
    const others = [scene.members[0], await createCommissioner(t.db, scene.bodyId), await createAdmin(t.db), null];
    for (const viewer of others) {
      await expect(t.services.liveBallots.open(viewer, { itemId, kind: "recorded", rule: "simple" })).rejects.toThrow(NotAllowed);
    }
    expect(await ballotCount(t)).toBe(0);
    const { ballotId } = await t.services.liveBallots.open(scene.chair, { itemId, kind: "recorded", rule: "simple" });
    for (const viewer of others) await expect(t.services.liveBallots.close(viewer, { itemId })).rejects.toThrow(NotAllowed);
    expect((await ballotRow(t, ballotId)).status).toBe("open");
  });

  it("bad choices of kind or rule are input errors", async () => {
    const scene = await sittingInDebate(t);
    const itemId = scene.items[0].itemId;
    await expect(t.services.liveBallots.open(scene.chair, { itemId, kind: "show of hands", rule: "simple" })).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: { kind: ["Choose a recorded or a secret ballot."] },
    });
    await expect(t.services.liveBallots.open(scene.chair, { itemId, kind: "recorded", rule: "unanimous" })).rejects.toMatchObject({
      fieldErrors: { rule: ["Choose a simple or a two-thirds majority."] },
    });
    expect(await ballotCount(t)).toBe(0);
  });

  it("opening the ballot ends the speech in progress: debate is over while members vote", async () => {
    const scene = await sittingInDebate(t);
    const itemId = scene.items[0].itemId;
    await t.services.sittings.requestToSpeak(scene.members[0], { itemId, kind: "speech" });
    await t.services.sittings.callNextSpeaker(scene.chair, { itemId });
    t.clock.advance(3 * MINUTE_MS);
    await t.services.liveBallots.open(scene.chair, { itemId, kind: "recorded", rule: "simple" });
    const speech = await t.db.selectFrom("speaker_requests").select(["status", "ended_at"]).executeTakeFirstOrThrow();
    expect(speech).toEqual({ status: "spoken", ended_at: t.clock.now() });
  });
});

describeEachDatabase("voting in and closing a live ballot", (dialect) => {
  const t = useParliament(dialect);

  async function liveBallot(kind: "recorded" | "secret" = "recorded", rule: "simple" | "two_thirds" = "simple") {
    const scene = await sittingInDebate(t);
    const item = scene.items[0];
    const { ballotId } = await t.services.liveBallots.open(scene.chair, { itemId: item.itemId, kind, rule });
    return { scene, item, ballotId };
  }

  it("a carried ballot stores its counts, rule and quorum, decides the item and starts the response clock", async () => {
    const { scene, item, ballotId } = await liveBallot();
    const [a, b, c, d] = voters(scene);
    await t.services.ballots.vote(a, ballotId, { choice: "for" });
    await t.services.ballots.vote(b, ballotId, { choice: "for" });
    await t.services.ballots.vote(c, ballotId, { choice: "against" });
    await t.services.ballots.vote(d, ballotId, { choice: "abstain" });
    // a recorded vote may change until close, and still counts once
    await t.services.ballots.vote(c, ballotId, { choice: "for" });
    t.clock.advance(5 * MINUTE_MS);

    const result = await t.services.liveBallots.close(scene.chair, { itemId: item.itemId });
    expect(result).toEqual({ ballotId, outcome: "carried" });
    expect(await ballotRow(t, ballotId)).toMatchObject({
      status: "closed",
      outcome: "carried",
      count_for: 3,
      count_against: 0,
      count_abstain: 1,
      rule: "simple",
      quorum: 2,
      closed_at: t.clock.now(),
      closed_by: scene.chair.id,
    });
    expect(await itemRow(t.db, item.itemId)).toMatchObject({ status: "decided", ended_at: t.clock.now() });
    const motion = await t.db.selectFrom("motions").selectAll().where("id", "=", item.motionId).executeTakeFirstOrThrow();
    expect(motion).toMatchObject({
      status: "carried",
      decided_at: t.clock.now(),
      response_status: "awaiting",
      response_due_at: responseDueAt(t.clock.now(), 56),
    });
  });

  it("a defeated ballot decides the item and the motion is defeated, with no response clock", async () => {
    const { scene, item, ballotId } = await liveBallot("secret", "two_thirds");
    const [a, b, c] = voters(scene);
    await t.services.ballots.vote(a, ballotId, { choice: "for" });
    await t.services.ballots.vote(b, ballotId, { choice: "against" });
    await t.services.ballots.vote(c, ballotId, { choice: "for" });
    // for is exactly two thirds of three: carried; one more against tips it
    await t.services.ballots.vote(scene.members[3], ballotId, { choice: "against" });
    expect(await t.services.liveBallots.close(scene.chair, { itemId: item.itemId })).toMatchObject({ outcome: "defeated" });
    expect((await itemRow(t.db, item.itemId)).status).toBe("decided");
    const motion = await t.db.selectFrom("motions").selectAll().where("id", "=", item.motionId).executeTakeFirstOrThrow();
    expect(motion).toMatchObject({ status: "defeated", response_status: null, response_due_at: null });
  });

  it("one member, one vote: a secret vote is cast once and a recorded one is never doubled", async () => {
    const secret = await liveBallot("secret");
    const member = secret.scene.members[0];
    await t.services.ballots.vote(member, secret.ballotId, { choice: "for" });
    await expect(t.services.ballots.vote(member, secret.ballotId, { choice: "for" })).rejects.toThrow(InvalidState);
    expect(await ballotRow(t, secret.ballotId)).toMatchObject({ count_for: 1, count_against: 0, count_abstain: 0 });
    const voted = await t.db.selectFrom("secret_voters").select("member_id").where("ballot_id", "=", secret.ballotId).execute();
    expect(voted).toEqual([{ member_id: member.id }]);
  });

  it("the same recorded vote sent again changes nothing", async () => {
    const { scene, ballotId } = await liveBallot();
    const member = scene.members[0];
    expect(await t.services.ballots.vote(member, ballotId, { choice: "against" })).toEqual({ changed: false });
    expect(await t.services.ballots.vote(member, ballotId, { choice: "against" })).toEqual({ changed: false });
    expect(await ballotRow(t, ballotId)).toMatchObject({ count_for: 0, count_against: 1, count_abstain: 0 });
  });

  it("only members vote", async () => {
    const { scene, ballotId } = await liveBallot();
    for (const viewer of [scene.chair, await createCommissioner(t.db, scene.bodyId), null]) {
      await expect(t.services.ballots.vote(viewer, ballotId, { choice: "for" })).rejects.toThrow(NotAllowed);
    }
    expect(await ballotRow(t, ballotId)).toMatchObject({ count_for: 0, count_against: 0, count_abstain: 0 });
  });

  it("without quorum the item and the motion go back to debate, and another ballot can be taken", async () => {
    const { scene, item, ballotId } = await liveBallot();
    await t.services.ballots.vote(scene.members[0], ballotId, { choice: "for" });
    expect(await t.services.liveBallots.close(scene.chair, { itemId: item.itemId })).toEqual({ ballotId, outcome: "no_quorum" });
    expect(await ballotRow(t, ballotId)).toMatchObject({ status: "closed", outcome: "no_quorum", count_for: 1, quorum: 2 });
    expect(await itemRow(t.db, item.itemId)).toMatchObject({ status: "debating", ended_at: null });
    expect(await motionStatus(t.db, item.motionId)).toBe("debating");

    const again = await t.services.liveBallots.open(scene.chair, { itemId: item.itemId, kind: "recorded", rule: "simple" });
    for (const m of voters(scene)) await t.services.ballots.vote(m, again.ballotId, { choice: "for" });
    expect(await t.services.liveBallots.close(scene.chair, { itemId: item.itemId })).toMatchObject({ outcome: "carried" });
    expect(await motionStatus(t.db, item.motionId)).toBe("carried");
  });

  it("a closed ballot takes no more votes and cannot be closed twice", async () => {
    const { scene, item, ballotId } = await liveBallot();
    for (const m of voters(scene).slice(0, 2)) await t.services.ballots.vote(m, ballotId, { choice: "for" });
    await t.services.liveBallots.close(scene.chair, { itemId: item.itemId });
    await expect(t.services.ballots.vote(scene.members[3], ballotId, { choice: "against" })).rejects.toThrow(
      "This ballot has closed, so votes can no longer be cast.",
    );
    await expect(t.services.liveBallots.close(scene.chair, { itemId: item.itemId })).rejects.toThrow(
      new InvalidState("There is no open ballot on this item."),
    );
  });

  it("after the decision the chair moves on to the next item", async () => {
    const { scene, item, ballotId } = await liveBallot();
    for (const m of voters(scene)) await t.services.ballots.vote(m, ballotId, { choice: "against" });
    await t.services.liveBallots.close(scene.chair, { itemId: item.itemId });
    expect(await t.services.sittings.startNextItem(scene.chair, scene.sittingId)).toEqual({ itemId: scene.items[1].itemId });
    expect(await motionStatus(t.db, scene.items[1].motionId)).toBe("debating");
    await expect(t.services.sittings.startItem(scene.chair, { itemId: item.itemId })).rejects.toThrow(InvalidState);
  });

  it("the audit log records the opening and the result with its counts, and the chain verifies", async () => {
    const { scene, item, ballotId } = await liveBallot("secret");
    for (const m of voters(scene).slice(0, 3)) await t.services.ballots.vote(m, ballotId, { choice: "for" });
    await t.services.liveBallots.close(scene.chair, { itemId: item.itemId });
    const entries = await t.db
      .selectFrom("audit_log")
      .select(["type", "actor_id", "payload"])
      .where("subject_type", "=", "ballot")
      .where("subject_id", "=", String(ballotId))
      .orderBy("seq")
      .execute();
    expect(entries.map((e) => [e.type, e.actor_id])).toEqual([
      ["ballot.opened", scene.chair.id],
      ["vote.cast", null],
      ["vote.cast", null],
      ["vote.cast", null],
      ["ballot.closed", scene.chair.id],
    ]);
    expect(JSON.parse(entries[0].payload)).toMatchObject({ kind: "secret", rule: "simple", quorum: 2, sitting_id: scene.sittingId });
    expect(JSON.parse(entries[4].payload)).toMatchObject({ for: 3, against: 0, abstain: 0, turnout: 3, quorum: 2, outcome: "carried" });
    expect(await t.services.audit.verify()).toMatchObject({ ok: true });
  });
});
