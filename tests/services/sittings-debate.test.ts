// The chair works through the agenda one item at a time, and members queue to speak on it.
import { expect, it } from "vitest";
import { InvalidState, NotAllowed } from "../../server/domain/errors";
import { MINUTE_MS } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createCommissioner } from "../support/factories";
import { type TestParliament, useParliament } from "../support/parliament";
import { itemRow, motionStatus, sittingInDebate, sittingWithAgenda } from "../support/sittings";

const requests = (t: TestParliament) =>
  t.db.selectFrom("speaker_requests").select(["id", "member_id", "kind", "status", "called_at", "ended_at"]).orderBy("id").execute();

describeEachDatabase("running the agenda", (dialect) => {
  const t = useParliament(dialect);

  it("taking up an item puts it and its motion in debate", async () => {
    const scene = await sittingWithAgenda(t);
    const [first] = scene.items;
    await t.services.sittings.startItem(scene.chair, { itemId: first.itemId });
    expect(await itemRow(t.db, first.itemId)).toMatchObject({ status: "debating", started_at: t.clock.now(), ended_at: null });
    expect(await motionStatus(t.db, first.motionId)).toBe("debating");
  });

  it("only one item is active at a time", async () => {
    const scene = await sittingInDebate(t);
    const [first, second] = scene.items;
    await expect(t.services.sittings.startItem(scene.chair, { itemId: second.itemId })).rejects.toThrow(
      new InvalidState("Another item is still in debate or voting. Finish or adjourn it first."),
    );
    await expect(t.services.sittings.startNextItem(scene.chair, scene.sittingId)).rejects.toThrow(InvalidState);
    expect((await itemRow(t.db, second.itemId)).status).toBe("pending");
    expect(await motionStatus(t.db, second.motionId)).toBe("scheduled");

    await t.services.liveBallots.open(scene.chair, { itemId: first.itemId, kind: "recorded", rule: "simple" });
    await expect(t.services.sittings.startItem(scene.chair, { itemId: second.itemId })).rejects.toThrow(InvalidState);
  });

  it("adjourning returns the motion to scheduled; the item can be taken up again later", async () => {
    const scene = await sittingInDebate(t);
    const [first, second] = scene.items;
    const startedAt = t.clock.now();
    t.clock.advance(20 * MINUTE_MS);
    await t.services.sittings.adjournItem(scene.chair, { itemId: first.itemId });
    expect(await itemRow(t.db, first.itemId)).toMatchObject({ status: "adjourned", started_at: startedAt, ended_at: t.clock.now() });
    expect(await motionStatus(t.db, first.motionId)).toBe("scheduled");

    await t.services.sittings.startItem(scene.chair, { itemId: second.itemId });
    await t.services.sittings.adjournItem(scene.chair, { itemId: second.itemId });
    await t.services.sittings.startItem(scene.chair, { itemId: first.itemId });
    expect(await itemRow(t.db, first.itemId)).toMatchObject({ status: "debating", started_at: startedAt, ended_at: null });
    expect(await motionStatus(t.db, first.motionId)).toBe("debating");
  });

  it("when the proposer withdraws the motion in debate, the chair can still adjourn it and move on", async () => {
    const scene = await sittingInDebate(t);
    const [first, second] = scene.items;
    await t.services.motions.withdraw(scene.proposer, first.motionId, { reason: "The trust has already agreed to do this." });
    await expect(t.services.liveBallots.open(scene.chair, { itemId: first.itemId, kind: "recorded", rule: "simple" })).rejects.toThrow(InvalidState);
    await t.services.sittings.adjournItem(scene.chair, { itemId: first.itemId });
    expect((await itemRow(t.db, first.itemId)).status).toBe("adjourned");
    expect(await motionStatus(t.db, first.motionId)).toBe("withdrawn");
    // a withdrawn motion is not debated again
    await expect(t.services.sittings.startItem(scene.chair, { itemId: first.itemId })).rejects.toThrow(InvalidState);
    await t.services.sittings.startItem(scene.chair, { itemId: second.itemId });
    expect(await motionStatus(t.db, second.motionId)).toBe("debating");
  });

  it("an item that is not in debate cannot be adjourned", async () => {
    const scene = await sittingWithAgenda(t);
    await expect(t.services.sittings.adjournItem(scene.chair, { itemId: scene.items[0].itemId })).rejects.toThrow(InvalidState);
    expect(await motionStatus(t.db, scene.items[0].motionId)).toBe("scheduled");
  });

  it("'next item' takes up the first waiting item in agenda order", async () => {
    const scene = await sittingWithAgenda(t, { motions: 3 });
    const [a, b, c] = scene.items;
    await t.services.sittings.reorder(scene.chair, { itemId: c.itemId, direction: "up" });
    await t.services.sittings.startItem(scene.chair, { itemId: a.itemId });
    await t.services.sittings.adjournItem(scene.chair, { itemId: a.itemId });
    expect(await t.services.sittings.startNextItem(scene.chair, scene.sittingId)).toEqual({ itemId: c.itemId });
    await t.services.sittings.adjournItem(scene.chair, { itemId: c.itemId });
    expect(await t.services.sittings.startNextItem(scene.chair, scene.sittingId)).toEqual({ itemId: b.itemId });
    await t.services.sittings.adjournItem(scene.chair, { itemId: b.itemId });
    await expect(t.services.sittings.startNextItem(scene.chair, scene.sittingId)).rejects.toThrow(
      "There are no more items waiting on the agenda.",
    );
  });

  it("items are taken up only while the sitting is in session", async () => {
    const scene = await sittingWithAgenda(t, { open: false });
    await expect(t.services.sittings.startItem(scene.chair, { itemId: scene.items[0].itemId })).rejects.toThrow(
      "The sitting is not in session, so no one can take up an item.",
    );
    await t.services.sittings.open(scene.chair, scene.sittingId);
    await t.services.sittings.suspend(scene.chair, scene.sittingId);
    await expect(t.services.sittings.startItem(scene.chair, { itemId: scene.items[0].itemId })).rejects.toThrow(
      "The sitting is suspended. The chair resumes it before anyone can take up an item.",
    );
    expect((await itemRow(t.db, scene.items[0].itemId)).status).toBe("pending");
  });

  it("only the chair runs the agenda", async () => {
    const scene = await sittingInDebate(t);
    const [first, second] = scene.items;
    for (const viewer of [scene.members[0], await createCommissioner(t.db, scene.bodyId), await createAdmin(t.db), null]) {
      await expect(t.services.sittings.adjournItem(viewer, { itemId: first.itemId })).rejects.toThrow(NotAllowed);
      await expect(t.services.sittings.startItem(viewer, { itemId: second.itemId })).rejects.toThrow(NotAllowed);
      await expect(t.services.sittings.startNextItem(viewer, scene.sittingId)).rejects.toThrow(NotAllowed);
      await expect(t.services.sittings.callNextSpeaker(viewer, { itemId: first.itemId })).rejects.toThrow(NotAllowed);
      await expect(t.services.sittings.endSpeech(viewer, { itemId: first.itemId })).rejects.toThrow(NotAllowed);
    }
    expect((await itemRow(t.db, first.itemId)).status).toBe("debating");
    expect((await itemRow(t.db, second.itemId)).status).toBe("pending");
  });
});

describeEachDatabase("the speakers queue", (dialect) => {
  const t = useParliament(dialect);

  it("a member asks to speak; asking twice for the same thing is refused, a question beside a speech is fine", async () => {
    const scene = await sittingInDebate(t);
    const itemId = scene.items[0].itemId;
    const member = scene.members[0];
    const { requestId } = await t.services.sittings.requestToSpeak(member, { itemId, kind: "speech" });
    await expect(t.services.sittings.requestToSpeak(member, { itemId, kind: "speech" })).rejects.toThrow(
      new InvalidState("You are already in the queue for this. You can withdraw your request instead."),
    );
    await t.services.sittings.requestToSpeak(member, { itemId, kind: "question" });
    expect(await requests(t)).toEqual([
      { id: requestId, member_id: member.id, kind: "speech", status: "waiting", called_at: null, ended_at: null },
      expect.objectContaining({ member_id: member.id, kind: "question", status: "waiting" }),
    ]);
  });

  it("only members ask to speak, and only with a known kind of request", async () => {
    const scene = await sittingInDebate(t);
    const itemId = scene.items[0].itemId;
    for (const viewer of [scene.chair, await createCommissioner(t.db, scene.bodyId), await createAdmin(t.db), null]) {
      await expect(t.services.sittings.requestToSpeak(viewer, { itemId, kind: "speech" })).rejects.toThrow(NotAllowed);
    }
    await expect(t.services.sittings.requestToSpeak(scene.members[0], { itemId, kind: "filibuster" })).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: { kind: ["Choose to speak, to ask a question, or a point of order."] },
    });
    expect(await requests(t)).toEqual([]);
  });

  it("the chair calls people in order, with a point of order going to the front", async () => {
    const scene = await sittingInDebate(t);
    const itemId = scene.items[0].itemId;
    const [ann, bo, cy] = scene.members;
    const speech = await t.services.sittings.requestToSpeak(ann, { itemId, kind: "speech" });
    t.clock.advance(1000);
    const question = await t.services.sittings.requestToSpeak(bo, { itemId, kind: "question" });
    t.clock.advance(1000);
    const order = await t.services.sittings.requestToSpeak(cy, { itemId, kind: "point_of_order" });

    expect(await t.services.sittings.callNextSpeaker(scene.chair, { itemId })).toEqual({ requestId: order.requestId });
    const calledAt = t.clock.now();
    t.clock.advance(2 * MINUTE_MS);
    expect(await t.services.sittings.callNextSpeaker(scene.chair, { itemId })).toEqual({ requestId: speech.requestId });
    t.clock.advance(2 * MINUTE_MS);
    expect(await t.services.sittings.callNextSpeaker(scene.chair, { itemId })).toEqual({ requestId: question.requestId });
    t.clock.advance(2 * MINUTE_MS);
    // calling next with nobody waiting ends the last speech
    expect(await t.services.sittings.callNextSpeaker(scene.chair, { itemId })).toEqual({ requestId: null });

    const rows = await requests(t);
    expect(rows.map((r) => [r.id, r.status, r.called_at, r.ended_at])).toEqual([
      [speech.requestId, "spoken", calledAt + 2 * MINUTE_MS, calledAt + 4 * MINUTE_MS],
      [question.requestId, "spoken", calledAt + 4 * MINUTE_MS, calledAt + 6 * MINUTE_MS],
      [order.requestId, "spoken", calledAt, calledAt + 2 * MINUTE_MS],
    ]);
  });

  it("calling the next speaker ends the current speech; so does 'end speech'", async () => {
    const scene = await sittingInDebate(t);
    const itemId = scene.items[0].itemId;
    const first = await t.services.sittings.requestToSpeak(scene.members[0], { itemId, kind: "speech" });
    const second = await t.services.sittings.requestToSpeak(scene.members[1], { itemId, kind: "speech" });
    await t.services.sittings.callNextSpeaker(scene.chair, { itemId });
    t.clock.advance(MINUTE_MS);
    await t.services.sittings.callNextSpeaker(scene.chair, { itemId });
    const statusOf = async (id: number) => (await requests(t)).find((r) => r.id === id)!.status;
    expect(await statusOf(first.requestId)).toBe("spoken");
    expect(await statusOf(second.requestId)).toBe("speaking");
    expect((await requests(t)).filter((r) => r.status === "speaking")).toHaveLength(1);

    t.clock.advance(MINUTE_MS);
    await t.services.sittings.endSpeech(scene.chair, { itemId });
    expect((await requests(t)).find((r) => r.id === second.requestId)).toMatchObject({ status: "spoken", ended_at: t.clock.now() });
  });

  it("a member withdraws their own request but not anyone else's", async () => {
    const scene = await sittingInDebate(t);
    const itemId = scene.items[0].itemId;
    const [ann, bo] = scene.members;
    const mine = await t.services.sittings.requestToSpeak(ann, { itemId, kind: "speech" });
    await expect(t.services.sittings.withdrawRequest(bo, { requestId: mine.requestId })).rejects.toThrow(
      new NotAllowed("You can withdraw only your own request to speak."),
    );
    expect((await requests(t))[0].status).toBe("waiting");
    await t.services.sittings.withdrawRequest(ann, { requestId: mine.requestId });
    expect((await requests(t))[0]).toMatchObject({ status: "withdrawn", ended_at: t.clock.now() });
    // withdrawn is gone from the queue, so asking again is allowed
    await t.services.sittings.requestToSpeak(ann, { itemId, kind: "speech" });
    await expect(t.services.sittings.withdrawRequest(ann, { requestId: mine.requestId })).rejects.toThrow(InvalidState);
    await expect(t.services.sittings.withdrawRequest(ann, { requestId: 99999 })).rejects.toMatchObject({ code: "not_found" });
  });

  it("the chair removes anyone's waiting request; a commissioner cannot", async () => {
    const scene = await sittingInDebate(t);
    const itemId = scene.items[0].itemId;
    const request = await t.services.sittings.requestToSpeak(scene.members[0], { itemId, kind: "question" });
    await expect(t.services.sittings.withdrawRequest(await createCommissioner(t.db, scene.bodyId), request)).rejects.toThrow(NotAllowed);
    await expect(t.services.sittings.withdrawRequest(null, request)).rejects.toThrow(NotAllowed);
    await t.services.sittings.withdrawRequest(scene.chair, request);
    expect((await requests(t))[0].status).toBe("removed");
    expect(await t.services.sittings.callNextSpeaker(scene.chair, { itemId })).toEqual({ requestId: null });
  });

  it("a request is taken only on the item being debated", async () => {
    const scene = await sittingInDebate(t);
    const waitingItem = scene.items[1].itemId;
    await expect(t.services.sittings.requestToSpeak(scene.members[0], { itemId: waitingItem, kind: "speech" })).rejects.toThrow(
      new InvalidState("You can ask to speak only on the item being debated now."),
    );
    await expect(t.services.sittings.callNextSpeaker(scene.chair, { itemId: waitingItem })).rejects.toThrow(InvalidState);
    await expect(t.services.sittings.requestToSpeak(scene.members[0], { itemId: 99999, kind: "speech" })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await requests(t)).toEqual([]);
  });

  it("nobody is queued or called while the sitting is suspended", async () => {
    const scene = await sittingInDebate(t);
    const itemId = scene.items[0].itemId;
    await t.services.sittings.requestToSpeak(scene.members[0], { itemId, kind: "speech" });
    await t.services.sittings.suspend(scene.chair, scene.sittingId);
    await expect(t.services.sittings.requestToSpeak(scene.members[1], { itemId, kind: "speech" })).rejects.toThrow(
      "The sitting is suspended. The chair resumes it before anyone can ask to speak.",
    );
    await expect(t.services.sittings.callNextSpeaker(scene.chair, { itemId })).rejects.toThrow(InvalidState);
    expect((await requests(t)).map((r) => r.status)).toEqual(["waiting"]);

    await t.services.sittings.open(scene.chair, scene.sittingId);
    await t.services.sittings.callNextSpeaker(scene.chair, { itemId });
    expect((await requests(t)).map((r) => r.status)).toEqual(["speaking"]);
  });

  it("once the sitting closes, its queue is part of the record and no longer changes", async () => {
    const scene = await sittingInDebate(t);
    const itemId = scene.items[0].itemId;
    const request = await t.services.sittings.requestToSpeak(scene.members[0], { itemId, kind: "speech" });
    await t.services.sittings.close(scene.chair, scene.sittingId);
    await expect(t.services.sittings.withdrawRequest(scene.members[0], request)).rejects.toThrow(InvalidState);
    await expect(t.services.sittings.withdrawRequest(scene.chair, request)).rejects.toThrow(InvalidState);
    await expect(t.services.sittings.requestToSpeak(scene.members[1], { itemId, kind: "speech" })).rejects.toThrow(InvalidState);
    expect((await requests(t)).map((r) => r.status)).toEqual(["waiting"]);
  });

  it("adjourning the item ends the speech in progress", async () => {
    const scene = await sittingInDebate(t);
    const itemId = scene.items[0].itemId;
    await t.services.sittings.requestToSpeak(scene.members[0], { itemId, kind: "speech" });
    await t.services.sittings.callNextSpeaker(scene.chair, { itemId });
    t.clock.advance(MINUTE_MS);
    await t.services.sittings.adjournItem(scene.chair, { itemId });
    expect((await requests(t))[0]).toMatchObject({ status: "spoken", ended_at: t.clock.now() });
  });
});
