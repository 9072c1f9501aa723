import { expect, it } from "vitest";
import { isDueSoon } from "../../server/domain/accountability";
import { InvalidInput, InvalidState, NotAllowed } from "../../server/domain/errors";
import { isOverdue, responseClock } from "../../server/domain/response-clock";
import { DAY_MS, HOUR_MS, epochToZonedLocal } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createBody, createCommissioner, responseInput } from "../support/factories";
import { type TestParliament, carriedMotion, closingIn, secondedMotion, dateIn, useParliament } from "../support/parliament";

const motionRow = (t: TestParliament, id: number) => t.db.selectFrom("motions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const countRows = async (t: TestParliament, table: "responses" | "response_actions" | "holding_replies" | "notifications" | "audit_log") =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
/** A calendar date `days` from the test clock, as a commissioner would type it. */
const reason = "We are waiting for the finance committee to agree the budget for the new form.";

/** Members judge the latest response inadequate (the chair puts the question; most vote against). */
async function judgeInadequate(t: TestParliament, scene: Awaited<ReturnType<typeof carriedMotion>>, responseId: number) {
  const { ballotId } = await t.services.verdicts.open(scene.chair, responseId, { closesAt: closingIn(t, 7) });
  for (const m of [scene.proposer, ...scene.members.slice(0, 2)]) await t.services.ballots.vote(m, ballotId, { choice: "against" });
  await t.services.ballots.close(scene.chair, ballotId);
}

describeEachDatabase("the response clock and the commissioners' response", (dialect) => {
  const t = useParliament(dialect);

  it("due, due soon and overdue all follow the clock from the moment the motion is carried", async () => {
    const scene = await carriedMotion(t);
    const due = (await motionRow(t, scene.motionId)).response_due_at!;
    expect(due).toBe(t.clock.now() + 56 * DAY_MS);
    expect(responseClock(due, t.clock.now())).toEqual({ state: "due", daysLeft: 56 });
    expect(isDueSoon(due, t.clock.now())).toBe(false);

    t.clock.set(due - 7 * DAY_MS - HOUR_MS);
    expect(isDueSoon(due, t.clock.now())).toBe(false);
    t.clock.advance(2 * HOUR_MS);
    expect(isDueSoon(due, t.clock.now())).toBe(true);
    expect(responseClock(due, t.clock.now())).toEqual({ state: "due", daysLeft: 7 });

    t.clock.set(due + 2 * DAY_MS + HOUR_MS);
    expect(isDueSoon(due, t.clock.now())).toBe(false);
    expect(isOverdue(due, t.clock.now())).toBe(true);
    expect(responseClock(due, t.clock.now())).toEqual({ state: "overdue", daysOverdue: 2 });
    // Nothing stored changes as time passes: overdue is derived, never written.
    expect((await motionRow(t, scene.motionId)).response_status).toBe("awaiting");
  });

  it("accepting stores each promised action with its owner, due at the end of that day in the parliament's zone, planned at 0%", async () => {
    const scene = await carriedMotion(t);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    const actions = [
      { description: "Add a question about pets to the assessment form", owner: "Assessment team", dueDate: "2027-06-30" },
      { description: "", owner: "", dueDate: "" },
      { description: "Cover pets in assessor training", owner: "Workforce development", dueDate: "2027-01-15" },
    ];
    const { responseId } = await t.services.responses.publish(commissioner, scene.motionId, responseInput("accept", { actions }));
    const rows = await t.db.selectFrom("response_actions").selectAll().orderBy("position").execute();
    expect(rows).toEqual([
      expect.objectContaining({
        motion_id: scene.motionId,
        response_id: responseId,
        position: 1,
        description: actions[0].description,
        owner: "Assessment team",
        // London is on summer time in June: the day ends at 22:59:59.999 UTC.
        due_at: Date.UTC(2027, 5, 30, 22, 59, 59, 999),
        status: "planned",
        progress: 0,
        drop_reason: null,
        created_at: t.clock.now(),
      }),
      expect.objectContaining({ position: 2, owner: "Workforce development", due_at: Date.UTC(2027, 0, 15, 23, 59, 59, 999), status: "planned" }),
    ]);
    const entry = await t.db.selectFrom("audit_log").select(["payload", "actor_id"]).where("type", "=", "response.published").executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(commissioner.id);
    expect(JSON.parse(entry.payload).actions).toEqual([
      { description: actions[0].description, owner: "Assessment team", due_at: rows[0].due_at },
      { description: actions[2].description, owner: "Workforce development", due_at: rows[1].due_at },
    ]);
  });

  it("accepting without an action is refused beside the actions, and writes nothing", async () => {
    const scene = await carriedMotion(t);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    const audit = await countRows(t, "audit_log");
    for (const position of ["accept", "accept_in_part"] as const) {
      const blankRows = [{ description: " ", owner: "", dueDate: "" }];
      const error = await t.services.responses.publish(commissioner, scene.motionId, responseInput(position, { actions: blankRows })).catch((e) => e);
      expect(error).toBeInstanceOf(InvalidInput);
      expect(error.fieldErrors).toEqual({ actions: ["Accepting (even in part) means saying what will be done: add at least one action."] });
    }
    const badDate = responseInput("accept", { actions: [{ description: "Train the assessors", owner: "Training team", dueDate: "2027-02-30" }] });
    expect((await t.services.responses.publish(commissioner, scene.motionId, badDate).catch((e) => e)).fieldErrors).toEqual({
      "actions.0.dueDate": ["That is not a real date."],
    });
    expect(await countRows(t, "responses")).toBe(0);
    expect(await countRows(t, "response_actions")).toBe(0);
    expect(await countRows(t, "audit_log")).toBe(audit);
    expect((await motionRow(t, scene.motionId)).response_status).toBe("awaiting");
  });

  it("declining may promise nothing", async () => {
    const scene = await carriedMotion(t);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    await t.services.responses.publish(commissioner, scene.motionId, responseInput("decline"));
    expect((await motionRow(t, scene.motionId)).response_status).toBe("responded");
    expect(await countRows(t, "response_actions")).toBe(0);
  });

  it("a revised response after members asked for one is version 2; version 1 and its actions are kept, each with the deadline it answered", async () => {
    const scene = await carriedMotion(t);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    const firstDue = (await motionRow(t, scene.motionId)).response_due_at!;
    t.clock.advance(20 * DAY_MS);
    const first = await t.services.responses.publish(commissioner, scene.motionId, responseInput("accept_in_part"));
    t.clock.advance(DAY_MS);
    await judgeInadequate(t, scene, first.responseId);
    const revision = await motionRow(t, scene.motionId);
    expect(revision.response_status).toBe("revision_requested");
    expect(revision.response_due_at).toBe(t.clock.now() + 56 * DAY_MS);

    await expect(t.services.verdicts.open(scene.chair, first.responseId, { closesAt: closingIn(t, 7) })).rejects.toThrow(InvalidState);
    t.clock.set(revision.response_due_at! + 3 * DAY_MS); // the revision comes late
    const second = await t.services.responses.publish(commissioner, scene.motionId, responseInput("accept", {
      reasons: "Having heard members, we accept the whole motion and will fund pet fostering for hospital stays.",
      actions: [{ description: "Set up a pet fostering scheme for hospital stays", owner: "Commissioning team", dueDate: "2027-09-30" }],
    }));
    expect(second.version).toBe(2);

    const responses = await t.db.selectFrom("responses").select(["id", "version", "position", "due_at", "published_at"]).orderBy("version").execute();
    expect(responses).toEqual([
      { id: first.responseId, version: 1, position: "accept_in_part", due_at: firstDue, published_at: expect.any(Number) },
      { id: second.responseId, version: 2, position: "accept", due_at: revision.response_due_at, published_at: t.clock.now() },
    ]);
    expect(responses[0].published_at).toBeLessThanOrEqual(firstDue);
    const actions = await t.db.selectFrom("response_actions").select(["response_id", "position"]).orderBy("position").execute();
    expect(actions).toEqual([
      { response_id: first.responseId, position: 1 },
      { response_id: second.responseId, position: 2 },
    ]);
    const published = await t.db.selectFrom("audit_log").select("payload").where("type", "=", "response.published").orderBy("seq").execute();
    expect(published.map((p) => JSON.parse(p.payload))).toMatchObject([
      { version: 1, on_time: true, due_at: firstDue },
      { version: 2, on_time: false, due_at: revision.response_due_at },
    ]);
    expect((await motionRow(t, scene.motionId)).response_status).toBe("responded");
  });

  it("an answered motion takes no second response until members ask for a revision", async () => {
    const scene = await carriedMotion(t);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    await t.services.responses.publish(commissioner, scene.motionId, responseInput("decline"));
    await expect(t.services.responses.publish(commissioner, scene.motionId, responseInput("accept"))).rejects.toThrow(
      "This motion has already been answered. A revised response is possible only after members ask for one.",
    );
    expect(await countRows(t, "responses")).toBe(1);
  });

  it("nobody but a commissioner of the addressed body may respond, and a refusal writes nothing", async () => {
    const scene = await carriedMotion(t);
    const other = await createBody(t.db);
    const audit = await countRows(t, "audit_log");
    for (const viewer of [scene.members[0], scene.chair, await createAdmin(t.db), await createCommissioner(t.db, other.id), null]) {
      await expect(t.services.responses.publish(viewer, scene.motionId, responseInput("accept"))).rejects.toThrow(NotAllowed);
    }
    expect(await countRows(t, "responses")).toBe(0);
    expect(await countRows(t, "response_actions")).toBe(0);
    expect(await countRows(t, "audit_log")).toBe(audit);
  });
});

describeEachDatabase("a holding reply", (dialect) => {
  const t = useParliament(dialect);

  it("a late commissioner says why and when; everyone can read it, and the response is still overdue", async () => {
    const scene = await carriedMotion(t);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    const due = (await motionRow(t, scene.motionId)).response_due_at!;
    t.clock.set(due + 4 * DAY_MS);
    const notices = await countRows(t, "notifications");
    const { holdingReplyId } = await t.services.responses.holdingReply(commissioner, scene.motionId, { reason, expectedDate: dateIn(t, 14) });

    const row = await t.db.selectFrom("holding_replies").selectAll().where("id", "=", holdingReplyId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ motion_id: scene.motionId, body_id: scene.bodyId, reason, published_at: t.clock.now(), published_by: commissioner.id });
    expect(epochToZonedLocal(row.expected_at, t.rules.timeZone)).toBe(`${dateIn(t, 14)}T23:59`);

    const motion = await motionRow(t, scene.motionId);
    expect(motion).toMatchObject({ response_status: "awaiting", response_due_at: due });
    expect(isOverdue(motion.response_due_at, t.clock.now())).toBe(true);
    const { overdue } = await t.services.read.accountability();
    expect(overdue).toEqual([expect.objectContaining({ kind: "response", number: scene.number, daysOverdue: 4 })]);

    const page = await t.services.read.motionPage(scene.number, null);
    expect(page?.holdingReplies).toEqual([{ id: holdingReplyId, reason, expectedAt: row.expected_at, publishedAt: t.clock.now() }]);
    expect((await t.services.read.youSaidWeDid(scene.number))?.holdingReplies).toHaveLength(1);

    const entry = await t.db.selectFrom("audit_log").selectAll().where("type", "=", "response.holding_reply").executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: commissioner.id, subject_type: "motion", subject_id: String(scene.motionId), motion_id: scene.motionId });
    expect(JSON.parse(entry.payload)).toEqual({ number: scene.number, reason, expected_at: row.expected_at, due_at: due });
    // The proposer hears about it.
    expect(await countRows(t, "notifications")).toBe(notices + 1);
    expect(await t.services.notifications.unreadCount(scene.proposer)).toBeGreaterThan(0);
  });

  it("the expected date is today or later", async () => {
    const scene = await carriedMotion(t);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    t.clock.advance(60 * DAY_MS);
    const error = await t.services.responses.holdingReply(commissioner, scene.motionId, { reason, expectedDate: dateIn(t, -1) }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error.fieldErrors).toEqual({ expectedDate: ["The expected date must be today or later."] });
    expect(await countRows(t, "holding_replies")).toBe(0);
    await t.services.responses.holdingReply(commissioner, scene.motionId, { reason, expectedDate: dateIn(t, 0) });
    expect(await countRows(t, "holding_replies")).toBe(1);
  });

  it("is only for a motion still waiting for its response", async () => {
    const seconded = await secondedMotion(t);
    const commissioner = await createCommissioner(t.db, seconded.bodyId);
    await expect(t.services.responses.holdingReply(commissioner, seconded.motionId, { reason, expectedDate: dateIn(t, 7) })).rejects.toThrow(InvalidState);
    const scene = await carriedMotion(t);
    const theirs = await createCommissioner(t.db, scene.bodyId);
    await t.services.responses.publish(theirs, scene.motionId, responseInput("decline"));
    await expect(t.services.responses.holdingReply(theirs, scene.motionId, { reason, expectedDate: dateIn(t, 7) })).rejects.toThrow(
      "A holding reply is for a motion still waiting for its response.",
    );
    expect(await countRows(t, "holding_replies")).toBe(0);
  });

  it("only a commissioner of the addressed body may post one, and a refusal writes nothing", async () => {
    const scene = await carriedMotion(t);
    const other = await createBody(t.db);
    const audit = await countRows(t, "audit_log");
    for (const viewer of [scene.proposer, scene.chair, await createAdmin(t.db), await createCommissioner(t.db, other.id), null]) {
      await expect(t.services.responses.holdingReply(viewer, scene.motionId, { reason, expectedDate: dateIn(t, 7) })).rejects.toThrow(NotAllowed);
    }
    expect(await countRows(t, "holding_replies")).toBe(0);
    expect(await countRows(t, "audit_log")).toBe(audit);
  });
});
