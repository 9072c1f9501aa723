// What a sitting leaves behind: minutes generated from what happened (attendance, each item
// with its speakers in the order they were called, ballots with their counts and result, and
// times), and an audit entry for every step the chair took, in a chain that verifies.
import { expect, it } from "vitest";
import { MINUTE_MS } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { type TestParliament, useParliament } from "../support/parliament";
import { type SittingScene, secondedMotionBy, sittingWithAgenda } from "../support/sittings";

async function auditSince(t: TestParliament, seq: number) {
  const rows = await t.db.selectFrom("audit_log").select(["seq", "type", "actor_id", "subject_type", "payload"]).where("seq", ">", seq).orderBy("seq").execute();
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> }));
}
const lastSeq = async (t: TestParliament) =>
  Number((await t.db.selectFrom("audit_log").select((eb) => eb.fn.max("seq").as("seq")).executeTakeFirstOrThrow()).seq ?? 0);

/** A whole sitting, step by step, with the clock moving as it would. */
async function holdSitting(t: TestParliament) {
  const scene = await sittingWithAgenda(t, { motions: 2, members: 5 });
  const [first, second] = scene.items;
  const [ann, bo, cy, di] = scene.members;
  const { chair } = scene;
  const openedAt = (await t.db.selectFrom("sittings").select("opened_at").where("id", "=", scene.sittingId).executeTakeFirstOrThrow()).opened_at!;

  for (const m of [ann, bo, cy]) await t.services.presence.pageViewed(m, scene.sittingId);
  await t.services.presence.setGallery(scene.sittingId, 4);

  t.clock.advance(MINUTE_MS);
  await t.services.sittings.startItem(chair, { itemId: first.itemId });
  const firstStarted = t.clock.now();
  await t.services.sittings.requestToSpeak(ann, { itemId: first.itemId, kind: "speech" });
  t.clock.advance(1000);
  await t.services.sittings.requestToSpeak(bo, { itemId: first.itemId, kind: "question" });
  t.clock.advance(1000);
  await t.services.sittings.requestToSpeak(cy, { itemId: first.itemId, kind: "point_of_order" });
  const called: number[] = [];
  for (let i = 0; i < 3; i++) {
    t.clock.advance(2 * MINUTE_MS);
    await t.services.sittings.callNextSpeaker(chair, { itemId: first.itemId });
    called.push(t.clock.now());
  }
  t.clock.advance(2 * MINUTE_MS);
  const { ballotId } = await t.services.liveBallots.open(chair, { itemId: first.itemId, kind: "recorded", rule: "simple" });
  for (const m of [ann, bo, cy]) await t.services.ballots.vote(m, ballotId, { choice: "for" });
  await t.services.ballots.vote(di, ballotId, { choice: "against" });
  t.clock.advance(3 * MINUTE_MS);
  await t.services.liveBallots.close(chair, { itemId: first.itemId });
  const firstEnded = t.clock.now();

  t.clock.advance(MINUTE_MS);
  await t.services.sittings.startNextItem(chair, scene.sittingId);
  await t.services.sittings.requestToSpeak(di, { itemId: second.itemId, kind: "speech" });
  await t.services.sittings.callNextSpeaker(chair, { itemId: second.itemId });
  t.clock.advance(MINUTE_MS);
  await t.services.sittings.suspend(chair, scene.sittingId);
  t.clock.advance(10 * MINUTE_MS);
  await t.services.sittings.open(chair, scene.sittingId);
  await t.services.sittings.close(chair, scene.sittingId);
  return { scene, ballotId, openedAt, firstStarted, firstEnded, called, closedAt: t.clock.now() };
}

describeEachDatabase("the minutes of a sitting", (dialect) => {
  const t = useParliament(dialect);

  it("list attendance, each item with its speakers in the order called, ballots with their result, and times", async () => {
    const held = await holdSitting(t);
    const { scene } = held;
    const [ann, bo, cy, di] = scene.members;
    const minutes = (await t.services.read.minutes(scene.sittingId))!;

    expect(minutes.sitting).toMatchObject({ status: "closed", openedAt: held.openedAt, closedAt: held.closedAt, galleryPeak: 4 });
    expect([...minutes.attendance].sort()).toEqual([ann, bo, cy].map((m) => m.displayName).sort());

    const [first, second] = minutes.items;
    expect(first).toMatchObject({
      status: "decided",
      startedAt: held.firstStarted,
      endedAt: held.firstEnded,
      motion: { id: scene.items[0].motionId, status: "carried" },
    });
    expect(first.speakers).toEqual([
      { name: cy.displayName, kind: "point_of_order", calledAt: held.called[0], endedAt: held.called[1] },
      { name: ann.displayName, kind: "speech", calledAt: held.called[1], endedAt: held.called[2] },
      { name: bo.displayName, kind: "question", calledAt: held.called[2], endedAt: held.called[2] + 2 * MINUTE_MS },
    ]);
    expect(first.ballots).toEqual([
      expect.objectContaining({
        id: held.ballotId,
        kind: "recorded",
        rule: "simple",
        status: "closed",
        quorum: 2,
        eligible: 6,
        turnout: 4,
        counts: { for: 3, against: 1, abstain: 0 },
        outcome: "carried",
        closedAt: held.firstEnded,
      }),
    ]);
    // a recorded ballot's roll is public once it closes
    expect(first.ballots[0].roll).toHaveLength(4);

    expect(second).toMatchObject({ status: "adjourned", endedAt: held.closedAt, motion: { status: "seconded" }, ballots: [] });
    expect(second.speakers).toEqual([expect.objectContaining({ name: di.displayName, kind: "speech", endedAt: held.closedAt })]);
  });

  it("never link a member to a secret choice", async () => {
    const scene = await sittingWithAgenda(t, { motions: 1 });
    const itemId = scene.items[0].itemId;
    await t.services.sittings.startItem(scene.chair, { itemId });
    const { ballotId } = await t.services.liveBallots.open(scene.chair, { itemId, kind: "secret", rule: "simple" });
    for (const m of scene.members) await t.services.ballots.vote(m, ballotId, { choice: "against" });
    await t.services.liveBallots.close(scene.chair, { itemId });
    await t.services.sittings.close(scene.chair, scene.sittingId);
    const minutes = (await t.services.read.minutes(scene.sittingId))!;
    const [ballot] = minutes.items[0].ballots;
    expect(ballot).toMatchObject({ kind: "secret", counts: { for: 0, against: 4, abstain: 0 }, outcome: "defeated", roll: [] });
    const text = JSON.stringify(minutes);
    for (const m of scene.members) expect(text).not.toContain(m.id);
  });

  it("are there for a sitting that never took an item", async () => {
    const scene = await sittingWithAgenda(t, { motions: 1 });
    await t.services.sittings.close(scene.chair, scene.sittingId);
    const minutes = (await t.services.read.minutes(scene.sittingId))!;
    expect(minutes.attendance).toEqual([]);
    expect(minutes.items).toEqual([expect.objectContaining({ status: "pending", startedAt: null, speakers: [], ballots: [] })]);
    expect(await t.services.read.minutes(99999)).toBeNull();
  });
});

describeEachDatabase("the audit trail of a sitting", (dialect) => {
  const t = useParliament(dialect);

  /** Each chair action (after whatever members do first) with the audit types it must write, in order. */
  function chairActions(scene: SittingScene) {
    const { chair, sittingId } = scene;
    const [first, second] = scene.items;
    const steps: { name: string; before?: () => Promise<unknown>; act: () => Promise<unknown>; types: string[] }[] = [
      {
        name: "schedule",
        act: () => t.services.sittings.schedule(chair, { title: "Extra sitting", startsAt: "2026-06-01T18:00", place: "Town hall" }),
        types: ["sitting.scheduled"],
      },
      { name: "reorder", act: () => t.services.sittings.reorder(chair, { itemId: second.itemId, direction: "up" }), types: ["agenda.reordered"] },
      { name: "open", act: () => t.services.sittings.open(chair, sittingId), types: ["sitting.open"] },
      { name: "start item", act: () => t.services.sittings.startItem(chair, { itemId: first.itemId }), types: ["agenda.item_state", "motion.state"] },
      {
        name: "call next",
        before: () => t.services.sittings.requestToSpeak(scene.members[0], { itemId: first.itemId, kind: "speech" }),
        act: () => t.services.sittings.callNextSpeaker(chair, { itemId: first.itemId }),
        types: ["speaker.called"],
      },
      { name: "end speech", act: () => t.services.sittings.endSpeech(chair, { itemId: first.itemId }), types: ["speaker.ended"] },
      {
        name: "remove a request",
        before: () => t.services.sittings.requestToSpeak(scene.members[1], { itemId: first.itemId, kind: "question" }),
        act: async () => {
          const [waiting] = await t.db.selectFrom("speaker_requests").select("id").where("status", "=", "waiting").execute();
          await t.services.sittings.withdrawRequest(chair, { requestId: waiting.id });
        },
        types: ["speaker.removed"],
      },
      { name: "suspend", act: () => t.services.sittings.suspend(chair, sittingId), types: ["sitting.suspended"] },
      { name: "resume", act: () => t.services.sittings.open(chair, sittingId), types: ["sitting.resumed"] },
      {
        name: "open ballot",
        act: () => t.services.liveBallots.open(chair, { itemId: first.itemId, kind: "recorded", rule: "simple" }),
        types: ["ballot.opened", "motion.state", "agenda.item_state"],
      },
      {
        name: "close ballot",
        before: async () => {
          const [ballot] = await t.db.selectFrom("ballots").select("id").where("status", "=", "open").execute();
          for (const m of scene.members) await t.services.ballots.vote(m, ballot.id, { choice: "for" });
        },
        act: () => t.services.liveBallots.close(chair, { itemId: first.itemId }),
        types: ["ballot.closed", "motion.state", "agenda.item_state"],
      },
      { name: "next item", act: () => t.services.sittings.startNextItem(chair, sittingId), types: ["agenda.item_state", "motion.state"] },
      { name: "adjourn", act: () => t.services.sittings.adjournItem(chair, { itemId: second.itemId }), types: ["agenda.item_state", "motion.state"] },
      { name: "close", act: () => t.services.sittings.close(chair, sittingId), types: ["motion.state", "sitting.closed"] },
    ];
    return steps;
  }

  it("every chair action writes its entry, by the chair, and the chain verifies", async () => {
    const scene = await sittingWithAgenda(t, { motions: 2, open: false });
    const extra = await secondedMotionBy(t, scene.proposer, scene.members, scene.bodyId, "A third motion");
    const added = await t.services.sittings.addToAgenda(scene.chair, scene.sittingId, { motionId: extra.motionId });
    let seq = await lastSeq(t);
    await t.services.sittings.removeFromAgenda(scene.chair, { itemId: added.itemId });
    expect((await auditSince(t, seq)).map((e) => e.type)).toEqual(["motion.state", "agenda.removed"]);

    for (const { name, before, act, types } of chairActions(scene)) {
      await before?.();
      seq = await lastSeq(t);
      await act();
      const entries = await auditSince(t, seq);
      expect(entries.map((e) => e.type), name).toEqual(types);
      for (const e of entries) expect(e.actor_id, `${name}: ${e.type}`).toBe(scene.chair.id);
      const sittingEntry = entries.find((e) => /^(sitting|speaker|agenda)\./.test(e.type));
      if (sittingEntry && name !== "schedule") expect(sittingEntry.payload.sitting_id, name).toBe(scene.sittingId);
    }
    expect(await t.services.audit.verify()).toMatchObject({ ok: true });
  });

  it("the agenda entries say which motion went on or came off", async () => {
    const scene = await sittingWithAgenda(t, { motions: 1, open: false });
    const entry = await t.db.selectFrom("audit_log").select(["payload", "subject_type", "subject_id"]).where("type", "=", "agenda.added").executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ subject_type: "sitting", subject_id: String(scene.sittingId) });
    expect(JSON.parse(entry.payload)).toEqual({ sitting_id: scene.sittingId, item_id: scene.items[0].itemId, motion_id: scene.items[0].motionId });
  });

  it("members asking to speak or withdrawing leave the decision record alone", async () => {
    const scene = await sittingWithAgenda(t, { motions: 1 });
    await t.services.sittings.startItem(scene.chair, { itemId: scene.items[0].itemId });
    const seq = await lastSeq(t);
    const { requestId } = await t.services.sittings.requestToSpeak(scene.members[0], { itemId: scene.items[0].itemId, kind: "question" });
    await t.services.sittings.withdrawRequest(scene.members[0], { requestId });
    expect(await auditSince(t, seq)).toEqual([]);
  });
});
