import { expect, it } from "vitest";
import { DAY_MS, HOUR_MS } from "../../server/domain/time";
import { createEventBus } from "../../server/events";
import { startScheduler } from "../../server/services/scheduler";
import { describeEachDatabase } from "../support/databases";
import { createBody, createCommissioner, createPerson, responseInput } from "../support/factories";
import { type TestParliament, carriedMotion, closingIn, useParliament } from "../support/parliament";

const noticesFor = (t: TestParliament, userId: string) =>
  t.db.selectFrom("notifications").select(["kind", "motion_id", "message"]).where("user_id", "=", userId).orderBy("id").execute();
const dueAtOf = async (t: TestParliament, motionId: number) =>
  (await t.db.selectFrom("motions").select("response_due_at").where("id", "=", motionId).executeTakeFirstOrThrow()).response_due_at!;

/** A carried motion, the two commissioners of its body, and a commissioner of another body. */
async function owed(t: TestParliament) {
  const scene = await carriedMotion(t);
  const commissioners = [await createCommissioner(t.db, scene.bodyId), await createCommissioner(t.db, scene.bodyId)];
  const elsewhere = await createCommissioner(t.db, (await createBody(t.db)).id);
  return { ...scene, commissioners, elsewhere, dueAt: await dueAtOf(t, scene.motionId) };
}

describeEachDatabase("reminders to commissioners", (dialect) => {
  const t = useParliament(dialect);

  it("nothing while the due date is more than a week away; then once, 'due soon', to each commissioner of the body", async () => {
    const scene = await owed(t);
    t.clock.set(scene.dueAt - 7 * DAY_MS - HOUR_MS);
    expect(await t.services.reminders.sendDue()).toBe(0);
    t.clock.advance(2 * HOUR_MS);
    expect(await t.services.reminders.sendDue()).toBe(1);
    for (const c of scene.commissioners) {
      expect(await noticesFor(t, c.id)).toEqual([
        { kind: "response_due_soon", motion_id: scene.motionId, message: expect.stringContaining(`Your response to ${scene.number}`) },
      ]);
    }
    // Not again on the next sweep, nor the day after.
    expect(await t.services.reminders.sendDue()).toBe(0);
    t.clock.advance(DAY_MS);
    expect(await t.services.reminders.sendDue()).toBe(0);
    expect(await noticesFor(t, scene.commissioners[0].id)).toHaveLength(1);
    // Only this body's commissioners; members are not reminded of someone else's duty.
    expect(await noticesFor(t, scene.elsewhere.id)).toEqual([]);
    expect((await noticesFor(t, scene.members[0].id)).filter((n) => n.kind.startsWith("response_"))).toEqual([]);
  });

  it("once more when it is overdue, and not again after that", async () => {
    const scene = await owed(t);
    t.clock.set(scene.dueAt - 3 * DAY_MS);
    await t.services.reminders.sendDue();
    t.clock.set(scene.dueAt);
    expect(await t.services.reminders.sendDue()).toBe(0); // on the due instant it is still on time
    t.clock.advance(1);
    expect(await t.services.reminders.sendDue()).toBe(1);
    t.clock.advance(10 * DAY_MS);
    expect(await t.services.reminders.sendDue()).toBe(0);
    expect((await noticesFor(t, scene.commissioners[1].id)).map((n) => n.kind)).toEqual(["response_due_soon", "response_overdue"]);
    expect((await noticesFor(t, scene.commissioners[1].id))[1].message).toContain("post a holding reply");
    expect(await noticesFor(t, scene.elsewhere.id)).toEqual([]);
  });

  it("a sweep that first runs after the due date sends only 'overdue'", async () => {
    const scene = await owed(t);
    t.clock.set(scene.dueAt + 2 * DAY_MS);
    expect(await t.services.reminders.sendDue()).toBe(1);
    expect((await noticesFor(t, scene.commissioners[0].id)).map((n) => n.kind)).toEqual(["response_overdue"]);
  });

  it("a holding reply does not stop the clock, but a response does", async () => {
    const scene = await owed(t);
    t.clock.set(scene.dueAt - 2 * DAY_MS);
    await t.services.responses.holdingReply(scene.commissioners[0], scene.motionId, {
      reason: "The finance committee meets after the due date; we will answer straight after.",
      expectedDate: "2026-05-30",
    });
    expect(await t.services.reminders.sendDue()).toBe(1);
    await t.services.responses.publish(scene.commissioners[0], scene.motionId, responseInput("decline"));
    t.clock.set(scene.dueAt + DAY_MS);
    expect(await t.services.reminders.sendDue()).toBe(0);
    expect((await noticesFor(t, scene.commissioners[1].id)).map((n) => n.kind)).toEqual(["response_due_soon"]);
  });

  it("a revision starts a new clock, and the reminders go again for it", async () => {
    const scene = await owed(t);
    t.clock.set(scene.dueAt + DAY_MS);
    await t.services.reminders.sendDue();
    await t.services.responses.publish(scene.commissioners[0], scene.motionId, responseInput("accept_in_part"));
    const response = await t.db.selectFrom("responses").select("id").executeTakeFirstOrThrow();
    const { ballotId } = await t.services.verdicts.open(scene.chair, response.id, { closesAt: closingIn(t, 7) });
    for (const m of [scene.proposer, ...scene.members.slice(0, 2)]) await t.services.ballots.vote(m, ballotId, { choice: "against" });
    await t.services.ballots.close(scene.chair, ballotId);
    const newDue = await dueAtOf(t, scene.motionId);
    expect(newDue).toBe(t.clock.now() + 56 * DAY_MS);

    expect(await t.services.reminders.sendDue()).toBe(0);
    t.clock.set(newDue - 5 * DAY_MS);
    expect(await t.services.reminders.sendDue()).toBe(1);
    t.clock.set(newDue + HOUR_MS);
    expect(await t.services.reminders.sendDue()).toBe(1);
    expect((await noticesFor(t, scene.commissioners[0].id)).map((n) => n.kind)).toEqual([
      "response_overdue",
      "revision_requested",
      "response_due_soon",
      "response_overdue",
    ]);
    const kept = await t.db.selectFrom("response_reminders").select(["kind", "due_at"]).orderBy("due_at").orderBy("kind").execute();
    expect(kept).toEqual([
      { kind: "overdue", due_at: scene.dueAt },
      { kind: "due_soon", due_at: newDue },
      { kind: "overdue", due_at: newDue },
    ]);
  });

  it("a suspended commissioner gets no reminders; the others still do", async () => {
    const scene = await owed(t);
    const suspended = await createPerson(t.db, { role: "commissioner", bodyId: scene.bodyId, status: "suspended" });
    t.clock.set(scene.dueAt - DAY_MS);
    await t.services.reminders.sendDue();
    expect(await noticesFor(t, suspended.id)).toEqual([]);
    expect(await noticesFor(t, scene.commissioners[0].id)).toHaveLength(1);
  });

  it("the scheduler's sweep sends them", async () => {
    const scene = await owed(t);
    t.clock.set(scene.dueAt + DAY_MS);
    const logs: string[] = [];
    const scheduler = startScheduler(t.services, t.db, createEventBus(), (m) => logs.push(m));
    await scheduler.stop();
    expect(logs).toContain("scheduler: sent 1 response reminder(s)");
    expect((await noticesFor(t, scene.commissioners[0].id)).map((n) => n.kind)).toEqual(["response_overdue"]);
  });
});
