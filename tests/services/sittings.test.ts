// Scheduling a sitting, building its agenda, and opening, suspending and closing it: only the
// chair does these, bad input writes nothing, and the motions on the agenda follow along.
import { expect, it } from "vitest";
import { InvalidInput, InvalidState, NotAllowed } from "../../server/domain/errors";
import { DAY_MS, HOUR_MS, epochToZonedLocal, zonedLocalToEpoch } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createBody, createChair, createCommissioner, createMember } from "../support/factories";
import { type TestParliament, publishedMotion, useParliament } from "../support/parliament";
import {
  itemRow,
  motionStatus,
  scheduleInput,
  secondedMotionBy,
  sittingInDebate,
  sittingRow,
  sittingWithAgenda,
} from "../support/sittings";

const count = async (t: TestParliament, table: "sittings" | "agenda_items" | "audit_log") =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

const agendaOrder = async (t: TestParliament, sittingId: number) =>
  (await t.db.selectFrom("agenda_items").select("id").where("sitting_id", "=", sittingId).orderBy("position").execute()).map((r) => r.id);

/** Who is not the chair: a member, a commissioner, an admin and someone signed out. */
async function everyoneButTheChair(t: TestParliament, bodyId?: number) {
  const body = bodyId ?? (await createBody(t.db)).id;
  return [await createMember(t.db), await createCommissioner(t.db, body), await createAdmin(t.db), null];
}

describeEachDatabase("scheduling a sitting", (dialect) => {
  const t = useParliament(dialect);

  it("the chair schedules a sitting with its title, start, place, link and speaking time", async () => {
    const chair = await createChair(t.db);
    const input = scheduleInput(t, { title: "  Autumn sitting  ", startsAt: "2026-10-05T18:30" });
    const { sittingId } = await t.services.sittings.schedule(chair, input);
    expect(await sittingRow(t.db, sittingId)).toMatchObject({
      title: "Autumn sitting",
      starts_at: zonedLocalToEpoch("2026-10-05T18:30", "Europe/London"),
      place: "Community hall, Market Street",
      online_link: "https://meet.example.org/spring",
      status: "scheduled",
      speaking_seconds: 180,
      created_by: chair.id,
      created_at: t.clock.now(),
      opened_at: null,
      closed_at: null,
    });
  });

  it("a place alone or a link alone is enough", async () => {
    const chair = await createChair(t.db);
    await t.services.sittings.schedule(chair, scheduleInput(t, { onlineLink: "" }));
    await t.services.sittings.schedule(chair, scheduleInput(t, { place: undefined, speakingMinutes: undefined }));
    const rows = await t.db.selectFrom("sittings").select(["place", "online_link", "speaking_seconds"]).orderBy("id").execute();
    expect(rows.slice(-2)).toEqual([
      { place: "Community hall, Market Street", online_link: "", speaking_seconds: 180 },
      { place: "", online_link: "https://meet.example.org/spring", speaking_seconds: null },
    ]);
  });

  it("only the chair schedules, and nothing is written for anyone else", async () => {
    for (const viewer of await everyoneButTheChair(t)) {
      await expect(t.services.sittings.schedule(viewer, scheduleInput(t))).rejects.toThrow(NotAllowed);
    }
    expect(await count(t, "sittings")).toBe(0);
    expect(await count(t, "audit_log")).toBe(0);
  });

  it.each([
    ["a missing title", { title: undefined }, "title", "Title is required."],
    ["a title of two letters", { title: "Hi" }, "title", "Title needs at least 3 characters."],
    ["a start that is not a date", { startsAt: "next Tuesday" }, "startsAt", "Give the date and time, for example 2026-12-01 18:00."],
    ["a start that does not exist", { startsAt: "2026-02-30T18:00" }, "startsAt", "That is not a real date and time."],
    ["neither place nor link", { place: "", onlineLink: "" }, "place", "Give a place, an online link, or both."],
    ["a link that is not a web address", { onlineLink: "meet me on zoom" }, "onlineLink", "Give a full web address starting with https://"],
    ["a link that runs a script", { onlineLink: "javascript:alert(1)" }, "onlineLink", "Give a full web address starting with https://"],
    ["no speaking time at all", { speakingMinutes: 0 }, "speakingMinutes", "Speaking time is at least 1 minute."],
    ["an hour each", { speakingMinutes: 60 }, "speakingMinutes", "Speaking time is at most 30 minutes."],
    ["half a minute", { speakingMinutes: 2.5 }, "speakingMinutes", "Speaking time must be a whole number of minutes."],
  ])("%s gives a field error and writes nothing", async (_story, overrides, field, message) => {
    const chair = await createChair(t.db);
    const before = await count(t, "audit_log");
    const refused = t.services.sittings.schedule(chair, scheduleInput(t, overrides));
    await expect(refused).rejects.toThrow(InvalidInput);
    await expect(refused).rejects.toMatchObject({ fieldErrors: { [field]: [message] } });
    expect(await count(t, "sittings")).toBe(0);
    expect(await count(t, "audit_log")).toBe(before);
  });

  it("a start in the past is refused, but one that began a few minutes ago is fine", async () => {
    const chair = await createChair(t.db);
    const yesterday = epochToZonedLocal(t.clock.now() - DAY_MS, "Europe/London");
    const refused = t.services.sittings.schedule(chair, scheduleInput(t, { startsAt: yesterday }));
    await expect(refused).rejects.toMatchObject({ code: "invalid_input", fieldErrors: { startsAt: ["A sitting cannot be scheduled in the past."] } });
    expect(await count(t, "sittings")).toBe(0);

    const justStarted = epochToZonedLocal(t.clock.now() - HOUR_MS / 4, "Europe/London");
    await t.services.sittings.schedule(chair, scheduleInput(t, { startsAt: justStarted }));
    expect(await count(t, "sittings")).toBe(1);
  });
});

describeEachDatabase("building the agenda", (dialect) => {
  const t = useParliament(dialect);

  it("adding a seconded motion schedules it; taking it off returns it to seconded", async () => {
    const scene = await sittingWithAgenda(t, { motions: 1, open: false });
    const [item] = scene.items;
    expect(await motionStatus(t.db, item.motionId)).toBe("scheduled");
    expect(await itemRow(t.db, item.itemId)).toMatchObject({ sitting_id: scene.sittingId, position: 1, status: "pending" });

    await t.services.sittings.removeFromAgenda(scene.chair, { itemId: item.itemId });
    expect(await motionStatus(t.db, item.motionId)).toBe("seconded");
    expect(await count(t, "agenda_items")).toBe(0);
  });

  it("a motion that is not seconded cannot go on the agenda", async () => {
    const scene = await sittingWithAgenda(t, { motions: 0, open: false });
    const open = await publishedMotion(t);
    await expect(t.services.sittings.addToAgenda(scene.chair, scene.sittingId, { motionId: open.motionId })).rejects.toThrow(
      new InvalidState("Only a seconded motion can go on the agenda."),
    );
    expect(await count(t, "agenda_items")).toBe(0);
    expect(await motionStatus(t.db, open.motionId)).toBe("open");
  });

  it("a motion goes on one agenda once", async () => {
    const scene = await sittingWithAgenda(t, { motions: 1, open: false });
    const again = t.services.sittings.addToAgenda(scene.chair, scene.sittingId, { motionId: scene.items[0].motionId });
    await expect(again).rejects.toThrow(InvalidState);
    expect(await count(t, "agenda_items")).toBe(1);
  });

  it("bad ids are input errors, unknown ones are not found", async () => {
    const scene = await sittingWithAgenda(t, { motions: 0, open: false });
    await expect(t.services.sittings.addToAgenda(scene.chair, scene.sittingId, { motionId: "seven" })).rejects.toThrow(InvalidInput);
    await expect(t.services.sittings.addToAgenda(scene.chair, scene.sittingId, { motionId: 99999 })).rejects.toMatchObject({ code: "not_found" });
    await expect(t.services.sittings.addToAgenda(scene.chair, 99999, { motionId: 1 })).rejects.toMatchObject({ code: "not_found" });
    await expect(t.services.sittings.reorder(scene.chair, { itemId: 1, direction: "sideways" })).rejects.toThrow(InvalidInput);
  });

  it("reordering swaps an item with its neighbour and refuses to go past either end", async () => {
    const scene = await sittingWithAgenda(t, { motions: 3, open: false });
    const [a, b, c] = scene.items.map((i) => i.itemId);
    expect(await agendaOrder(t, scene.sittingId)).toEqual([a, b, c]);

    await t.services.sittings.reorder(scene.chair, { itemId: c, direction: "up" });
    expect(await agendaOrder(t, scene.sittingId)).toEqual([a, c, b]);
    await t.services.sittings.reorder(scene.chair, { itemId: a, direction: "down" });
    expect(await agendaOrder(t, scene.sittingId)).toEqual([c, a, b]);

    await expect(t.services.sittings.reorder(scene.chair, { itemId: c, direction: "up" })).rejects.toThrow(
      new InvalidState("This item is already at the top of the agenda."),
    );
    await expect(t.services.sittings.reorder(scene.chair, { itemId: b, direction: "down" })).rejects.toThrow(
      new InvalidState("This item is already at the bottom of the agenda."),
    );
    expect(await agendaOrder(t, scene.sittingId)).toEqual([c, a, b]);
  });

  it("after a removal the next motion still goes to the end", async () => {
    const scene = await sittingWithAgenda(t, { motions: 2, open: false });
    await t.services.sittings.removeFromAgenda(scene.chair, { itemId: scene.items[0].itemId });
    const extra = await secondedMotionBy(t, scene.proposer, scene.members, scene.bodyId, "Walk-in hours on Saturdays");
    const { itemId } = await t.services.sittings.addToAgenda(scene.chair, scene.sittingId, { motionId: extra.motionId });
    expect(await agendaOrder(t, scene.sittingId)).toEqual([scene.items[1].itemId, itemId]);
  });

  it("only the chair builds the agenda, and nothing changes for anyone else", async () => {
    const scene = await sittingWithAgenda(t, { motions: 2, open: false });
    const extra = await secondedMotionBy(t, scene.proposer, scene.members, scene.bodyId, "Walk-in hours on Saturdays");
    const auditBefore = await count(t, "audit_log");
    for (const viewer of await everyoneButTheChair(t, scene.bodyId)) {
      await expect(t.services.sittings.addToAgenda(viewer, scene.sittingId, { motionId: extra.motionId })).rejects.toThrow(NotAllowed);
      await expect(t.services.sittings.removeFromAgenda(viewer, { itemId: scene.items[0].itemId })).rejects.toThrow(NotAllowed);
      await expect(t.services.sittings.reorder(viewer, { itemId: scene.items[1].itemId, direction: "up" })).rejects.toThrow(NotAllowed);
    }
    expect(await agendaOrder(t, scene.sittingId)).toEqual(scene.items.map((i) => i.itemId));
    expect(await motionStatus(t.db, extra.motionId)).toBe("seconded");
    expect(await count(t, "audit_log")).toBe(auditBefore);
  });

  it("an item that has started cannot be taken off, and a closed sitting's agenda is fixed", async () => {
    const scene = await sittingInDebate(t, { motions: 2 });
    await expect(t.services.sittings.removeFromAgenda(scene.chair, { itemId: scene.items[0].itemId })).rejects.toThrow(InvalidState);
    await t.services.sittings.adjournItem(scene.chair, { itemId: scene.items[0].itemId });
    await t.services.sittings.close(scene.chair, scene.sittingId);
    const extra = await secondedMotionBy(t, scene.proposer, scene.members, scene.bodyId, "Walk-in hours on Saturdays");
    await expect(t.services.sittings.addToAgenda(scene.chair, scene.sittingId, { motionId: extra.motionId })).rejects.toThrow(
      "This sitting is closed; its record can no longer change.",
    );
    await expect(t.services.sittings.reorder(scene.chair, { itemId: scene.items[1].itemId, direction: "up" })).rejects.toThrow(InvalidState);
    await expect(t.services.sittings.removeFromAgenda(scene.chair, { itemId: scene.items[1].itemId })).rejects.toThrow(InvalidState);
  });
});

describeEachDatabase("opening, suspending and closing a sitting", (dialect) => {
  const t = useParliament(dialect);

  it("the chair opens, suspends, resumes and closes; the times are kept", async () => {
    const scene = await sittingWithAgenda(t, { motions: 0, open: false });
    await t.services.sittings.open(scene.chair, scene.sittingId);
    const openedAt = t.clock.now();
    t.clock.advance(HOUR_MS);
    await t.services.sittings.suspend(scene.chair, scene.sittingId);
    expect((await sittingRow(t.db, scene.sittingId)).status).toBe("suspended");
    t.clock.advance(HOUR_MS);
    await t.services.sittings.open(scene.chair, scene.sittingId);
    t.clock.advance(HOUR_MS);
    await t.services.sittings.close(scene.chair, scene.sittingId);
    expect(await sittingRow(t.db, scene.sittingId)).toMatchObject({ status: "closed", opened_at: openedAt, closed_at: t.clock.now() });
  });

  it("a sitting cannot skip a step or open again once closed", async () => {
    const scene = await sittingWithAgenda(t, { motions: 0, open: false });
    await expect(t.services.sittings.close(scene.chair, scene.sittingId)).rejects.toThrow(InvalidState);
    await expect(t.services.sittings.suspend(scene.chair, scene.sittingId)).rejects.toThrow(InvalidState);
    await t.services.sittings.open(scene.chair, scene.sittingId);
    await t.services.sittings.close(scene.chair, scene.sittingId);
    await expect(t.services.sittings.open(scene.chair, scene.sittingId)).rejects.toThrow(InvalidState);
    await expect(t.services.sittings.open(scene.chair, 99999)).rejects.toMatchObject({ code: "not_found" });
  });

  it("only the chair opens, suspends and closes; nothing changes for anyone else", async () => {
    const scene = await sittingWithAgenda(t, { motions: 1, open: false });
    const auditBefore = await count(t, "audit_log");
    const others = await everyoneButTheChair(t, scene.bodyId);
    for (const viewer of others) await expect(t.services.sittings.open(viewer, scene.sittingId)).rejects.toThrow(NotAllowed);
    await t.services.sittings.open(scene.chair, scene.sittingId);
    for (const viewer of others) {
      await expect(t.services.sittings.suspend(viewer, scene.sittingId)).rejects.toThrow(NotAllowed);
      await expect(t.services.sittings.close(viewer, scene.sittingId)).rejects.toThrow(NotAllowed);
    }
    expect((await sittingRow(t.db, scene.sittingId)).status).toBe("open");
    expect(await count(t, "audit_log")).toBe(auditBefore + 1);
  });

  it("closing returns unfinished motions to seconded and adjourns the item in debate", async () => {
    const scene = await sittingInDebate(t, { motions: 3 });
    const [debated, , waiting] = scene.items;
    const speaker = scene.members[0];
    await t.services.sittings.requestToSpeak(speaker, { itemId: debated.itemId, kind: "speech" });
    await t.services.sittings.callNextSpeaker(scene.chair, { itemId: debated.itemId });
    t.clock.advance(HOUR_MS);

    await t.services.sittings.close(scene.chair, scene.sittingId);

    expect(await itemRow(t.db, debated.itemId)).toMatchObject({ status: "adjourned", ended_at: t.clock.now() });
    expect(await itemRow(t.db, waiting.itemId)).toMatchObject({ status: "pending" });
    for (const item of scene.items) expect(await motionStatus(t.db, item.motionId)).toBe("seconded");
    const speech = await t.db.selectFrom("speaker_requests").select(["status", "ended_at"]).executeTakeFirstOrThrow();
    expect(speech).toEqual({ status: "spoken", ended_at: t.clock.now() });
  });

  it("closing leaves decided motions decided", async () => {
    const scene = await sittingInDebate(t, { motions: 2 });
    const [first] = scene.items;
    const { ballotId } = await t.services.liveBallots.open(scene.chair, { itemId: first.itemId, kind: "recorded", rule: "simple" });
    for (const m of scene.members) await t.services.ballots.vote(m, ballotId, { choice: "for" });
    await t.services.liveBallots.close(scene.chair, { itemId: first.itemId });
    await t.services.sittings.close(scene.chair, scene.sittingId);
    expect(await motionStatus(t.db, first.motionId)).toBe("carried");
    expect(await motionStatus(t.db, scene.items[1].motionId)).toBe("seconded");
  });

  it("closing with a ballot still open is refused, and nothing changes", async () => {
    const scene = await sittingInDebate(t, { motions: 2 });
    await t.services.liveBallots.open(scene.chair, { itemId: scene.items[0].itemId, kind: "secret", rule: "simple" });
    const auditBefore = await count(t, "audit_log");
    await expect(t.services.sittings.close(scene.chair, scene.sittingId)).rejects.toThrow(
      new InvalidState("A ballot is still open. Close it before closing the sitting."),
    );
    expect((await sittingRow(t.db, scene.sittingId)).status).toBe("open");
    expect(await motionStatus(t.db, scene.items[0].motionId)).toBe("voting");
    expect(await motionStatus(t.db, scene.items[1].motionId)).toBe("scheduled");
    expect(await count(t, "audit_log")).toBe(auditBefore);
  });

  it("after closing, the motions can go on the next sitting's agenda", async () => {
    const scene = await sittingWithAgenda(t, { motions: 1 });
    await t.services.sittings.close(scene.chair, scene.sittingId);
    const { sittingId: next } = await t.services.sittings.schedule(scene.chair, scheduleInput(t));
    await t.services.sittings.addToAgenda(scene.chair, next, { motionId: scene.items[0].motionId });
    expect(await motionStatus(t.db, scene.items[0].motionId)).toBe("scheduled");
  });

  it("a motion withdrawn while on the agenda is left alone when the sitting closes", async () => {
    const scene = await sittingWithAgenda(t, { motions: 2 });
    await t.services.motions.withdraw(scene.proposer, scene.items[0].motionId, { reason: "We found a better way to ask for this." });
    await t.services.sittings.close(scene.chair, scene.sittingId);
    expect(await motionStatus(t.db, scene.items[0].motionId)).toBe("withdrawn");
    expect(await motionStatus(t.db, scene.items[1].motionId)).toBe("seconded");
  });
});
