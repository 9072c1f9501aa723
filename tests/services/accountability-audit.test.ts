import { expect, it } from "vitest";
import { NotAllowed } from "../../server/domain/errors";
import type { Viewer } from "../../server/domain/permissions";
import { DAY_MS } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createBody, createCommissioner, createMember, responseInput } from "../support/factories";
import { type TestParliament, carriedMotion, closingIn, dateIn, useParliament } from "../support/parliament";

const typesFor = async (t: TestParliament, motionId: number) =>
  (await t.db.selectFrom("audit_log").select("type").where("motion_id", "=", motionId).orderBy("seq").execute()).map((e) => e.type);

const TABLES = [
  "bodies",
  "motions",
  "responses",
  "response_actions",
  "action_updates",
  "holding_replies",
  "verdict_requests",
  "ballots",
  "follows",
  "notifications",
  "audit_log",
] as const;

/** Every row of every table an accountability write could touch, to compare before and after. */
async function everything(t: TestParliament) {
  const rows: Record<string, unknown[]> = {};
  for (const table of TABLES) rows[table] = await t.db.selectFrom(table).selectAll().execute();
  return rows;
}

describeEachDatabase("the accountability record in the audit log", (dialect) => {
  const t = useParliament(dialect, { verdictRequests: 2 });

  it("every step, from a new body to a closed record, is in the log in order, and the chain verifies", async () => {
    const admin = await createAdmin(t.db);
    const scene = await carriedMotion(t);
    const { bodyId } = await t.services.bodies.create(admin, { name: "Riverside Public Health", responsePeriodDays: 28 });
    await t.services.bodies.update(admin, bodyId, { name: "Riverside Public Health", responsePeriodDays: 35 });
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    const mark = await typesFor(t, scene.motionId);

    t.clock.advance(57 * DAY_MS);
    await t.services.responses.holdingReply(commissioner, scene.motionId, { reason: "The budget decision comes at the end of the month.", expectedDate: dateIn(t, 14) });
    t.clock.advance(5 * DAY_MS);
    const v1 = await t.services.responses.publish(commissioner, scene.motionId, responseInput("accept_in_part"));
    for (const m of scene.members.slice(0, 2)) await t.services.verdicts.request(m, v1.responseId);
    const ballot = await t.db.selectFrom("ballots").selectAll().where("purpose", "=", "verdict").executeTakeFirstOrThrow();
    for (const m of scene.members.slice(0, 3)) await t.services.ballots.vote(m, ballot.id, { choice: "against" });
    t.clock.set(ballot.closes_at! + DAY_MS);
    await t.services.ballots.closeDue();
    await t.services.responses.publish(commissioner, scene.motionId, responseInput("accept", {
      actions: [{ description: "Fund pet fostering during hospital stays", owner: "Commissioning team", dueDate: dateIn(t, 60) }],
    }));
    const actions = await t.db.selectFrom("response_actions").select("id").orderBy("position").execute();
    for (const a of actions) await t.services.actions.update(commissioner, { actionId: a.id, status: "done", progress: 100, note: "Delivered in full." });

    expect((await typesFor(t, scene.motionId)).slice(mark.length)).toEqual([
      "response.holding_reply",
      "response.published",
      "verdict.requested",
      "verdict.requested",
      "ballot.opened",
      "vote.cast",
      "vote.cast",
      "vote.cast",
      "ballot.closed",
      "response.revision_requested",
      "response.published",
      "action.updated",
      "action.updated",
      "response.record_closed",
    ]);
    const bodyEntries = await t.db.selectFrom("audit_log").select(["type", "subject_id"]).where("subject_type", "=", "body").orderBy("seq").execute();
    expect(bodyEntries).toEqual([
      { type: "body.created", subject_id: String(bodyId) },
      { type: "body.updated", subject_id: String(bodyId) },
    ]);
    const opened = await t.db.selectFrom("audit_log").select("payload").where("type", "=", "ballot.opened").where("subject_id", "=", String(ballot.id)).executeTakeFirstOrThrow();
    expect(JSON.parse(opened.payload)).toMatchObject({ purpose: "verdict", response_id: v1.responseId, kind: "secret" });
    const published = await t.db.selectFrom("audit_log").select("payload").where("type", "=", "response.published").orderBy("seq").execute();
    expect(JSON.parse(published[1].payload).actions).toEqual([
      { description: "Fund pet fostering during hospital stays", owner: "Commissioning team", due_at: expect.any(Number) },
    ]);
    expect(await t.services.audit.verify()).toEqual({ ok: true, checked: expect.any(Number) });
  });

  it("a response judged adequate, and a record the chair closed, are on the log too", async () => {
    const scene = await carriedMotion(t);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    const { responseId } = await t.services.responses.publish(commissioner, scene.motionId, responseInput("accept"));
    const { ballotId } = await t.services.verdicts.open(scene.chair, responseId, { closesAt: closingIn(t, 3) });
    for (const m of scene.members.slice(0, 3)) await t.services.ballots.vote(m, ballotId, { choice: "for" });
    await t.services.ballots.close(scene.chair, ballotId);
    await t.services.responses.close(scene.chair, scene.motionId, { reason: "Members agreed the promise is kept in another motion." });
    expect((await typesFor(t, scene.motionId)).slice(-8)).toEqual([
      "response.published",
      "ballot.opened",
      "vote.cast",
      "vote.cast",
      "vote.cast",
      "ballot.closed",
      "response.judged_adequate",
      "response.record_closed",
    ]);
    expect(await t.services.audit.verify()).toMatchObject({ ok: true });
  });
});

describeEachDatabase("who may do what on the accountability record", (dialect) => {
  const t = useParliament(dialect);

  it("every refusal is NotAllowed and leaves every table exactly as it was", async () => {
    const answered = await carriedMotion(t);
    const waiting = await carriedMotion(t);
    const commissioner = await createCommissioner(t.db, answered.bodyId);
    const { responseId } = await t.services.responses.publish(commissioner, answered.motionId, responseInput("accept"));
    const action = await t.db.selectFrom("response_actions").select("id").executeTakeFirstOrThrow();
    const member = await createMember(t.db);
    const admin = await createAdmin(t.db);
    const outsider = await createCommissioner(t.db, (await createBody(t.db)).id);
    const chair = answered.chair;
    const s = t.services;
    const holding = { reason: "We are waiting for the budget to be agreed by the board.", expectedDate: dateIn(t, 10) };
    const update = { actionId: action.id, status: "in_progress", progress: 10, note: "Work has started." };

    const attempts: [string, Viewer[], (v: Viewer) => Promise<unknown>][] = [
      ["publish a response", [member, chair, admin, outsider, null], (v) => s.responses.publish(v, waiting.motionId, responseInput("accept"))],
      ["post a holding reply", [member, chair, admin, outsider, null], (v) => s.responses.holdingReply(v, waiting.motionId, holding)],
      ["update an action", [member, chair, admin, outsider, null], (v) => s.actions.update(v, update)],
      ["close a record", [member, commissioner, admin, outsider, null], (v) => s.responses.close(v, answered.motionId, { reason: "Closing this record for the test." })],
      ["ask for a verdict", [chair, commissioner, admin, outsider, null], (v) => s.verdicts.request(v, responseId)],
      ["put a verdict ballot", [member, commissioner, admin, outsider, null], (v) => s.verdicts.open(v, responseId, { closesAt: closingIn(t, 5) })],
      ["add a body", [member, chair, commissioner, null], (v) => s.bodies.create(v, { name: "A body nobody may add" })],
      ["change a body", [member, chair, commissioner, null], (v) => s.bodies.update(v, answered.bodyId, { name: "A new name", responsePeriodDays: 7 })],
      ["follow", [null], (v) => s.notifications.follow(v, answered.motionId)],
      ["mark notices read", [null], (v) => s.notifications.markRead(v)],
    ];

    const before = await everything(t);
    for (const [doing, viewers, attempt] of attempts) {
      for (const viewer of viewers) {
        const error = await attempt(viewer).then(() => null, (e) => e);
        expect(error, `${viewer?.role ?? "signed out"} may not ${doing}`).toBeInstanceOf(NotAllowed);
      }
    }
    expect(await everything(t)).toEqual(before);
    expect(await t.services.audit.verify()).toMatchObject({ ok: true });
  });
});
