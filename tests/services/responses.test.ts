import { expect, it } from "vitest";
import { InvalidInput, InvalidState, NotAllowed } from "../../server/domain/errors";
import { isOverdue, responseClock } from "../../server/domain/response-clock";
import { DAY_MS } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createBody, createCommissioner, responseInput } from "../support/factories";
import { type TestParliament, carriedMotion, openBallotOn, secondedMotion, useParliament } from "../support/parliament";

const answer = responseInput("accept_in_part", {
  reasons: "We will add a question about pets to the assessment form from June.",
  summary: "Pets will be asked about.",
});
const motionRow = (t: TestParliament, id: number) => t.db.selectFrom("motions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const countRows = async (t: TestParliament, table: "responses" | "audit_log") =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

describeEachDatabase("a commissioner's response", (dialect) => {
  const t = useParliament(dialect);

  it("a commissioner of the addressed body answers a carried motion, in public and on time", async () => {
    const scene = await carriedMotion(t);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    t.clock.advance(10 * DAY_MS);
    const { responseId, version } = await t.services.responses.publish(commissioner, scene.motionId, answer);
    expect(version).toBe(1);
    const row = await t.db.selectFrom("responses").selectAll().where("id", "=", responseId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      motion_id: scene.motionId,
      body_id: scene.bodyId,
      position: "accept_in_part",
      reasons: answer.reasons,
      summary: answer.summary,
      published_at: t.clock.now(),
      published_by: commissioner.id,
    });
    expect((await motionRow(t, scene.motionId)).response_status).toBe("responded");
    const entry = await t.db.selectFrom("audit_log").selectAll().where("type", "=", "response.published").executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: commissioner.id, subject_type: "response", subject_id: String(responseId), motion_id: scene.motionId });
    expect(JSON.parse(entry.payload)).toMatchObject({ number: scene.number, position: "accept_in_part", version: 1, on_time: true });
    expect(t.events).toContainEqual({ type: "response:published", motionId: scene.motionId, responseId });
  });

  it("nobody else may respond, and nothing is written", async () => {
    const scene = await carriedMotion(t);
    const otherBody = await createBody(t.db);
    const outsiders = [
      await createCommissioner(t.db, otherBody.id),
      scene.members[0],
      scene.chair,
      await createAdmin(t.db),
      null,
    ];
    const auditBefore = await countRows(t, "audit_log");
    for (const viewer of outsiders) {
      await expect(t.services.responses.publish(viewer, scene.motionId, answer)).rejects.toThrow(NotAllowed);
    }
    expect(await countRows(t, "responses")).toBe(0);
    expect(await countRows(t, "audit_log")).toBe(auditBefore);
    expect((await motionRow(t, scene.motionId)).response_status).toBe("awaiting");
  });

  it("only a carried motion awaiting a response can be answered", async () => {
    const scene = await secondedMotion(t);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    await expect(t.services.responses.publish(commissioner, scene.motionId, answer)).rejects.toThrow(
      "Only a carried motion awaiting a response can be answered.",
    );
    const ballotId = await openBallotOn(t, scene);
    await t.services.ballots.vote(scene.members[0], ballotId, { choice: "against" });
    await t.services.ballots.close(scene.chair, ballotId);
    await expect(t.services.responses.publish(commissioner, scene.motionId, answer)).rejects.toThrow(InvalidState);
    expect(await countRows(t, "responses")).toBe(0);
  });

  it("a second response is refused once the motion is answered", async () => {
    const scene = await carriedMotion(t);
    const [first, colleague] = [await createCommissioner(t.db, scene.bodyId), await createCommissioner(t.db, scene.bodyId)];
    await t.services.responses.publish(first, scene.motionId, answer);
    await expect(t.services.responses.publish(colleague, scene.motionId, { ...answer, position: "decline" })).rejects.toThrow(
      "This motion has already been answered.",
    );
    expect(await countRows(t, "responses")).toBe(1);
  });

  it("bad input is refused with field messages and writes nothing", async () => {
    const scene = await carriedMotion(t);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    const error = await t.services.responses.publish(commissioner, scene.motionId, { position: "maybe", reasons: "Soon." }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error.fieldErrors).toEqual({
      position: ["Choose accept, accept in part or decline."],
      reasons: ["Reasons needs at least 20 characters."],
      summary: ["Plain-language summary is required."],
    });
    expect(await countRows(t, "responses")).toBe(0);
  });

  it("overdue comes from the clock, and a late answer is logged as late", async () => {
    const scene = await carriedMotion(t);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    const due = (await motionRow(t, scene.motionId)).response_due_at!;
    expect(due).toBe(t.clock.now() + 56 * DAY_MS);
    t.clock.set(due);
    expect(isOverdue(due, t.clock.now())).toBe(false);
    t.clock.advance(3 * DAY_MS);
    expect(isOverdue(due, t.clock.now())).toBe(true);
    expect(responseClock(due, t.clock.now())).toEqual({ state: "overdue", daysOverdue: 3 });
    await t.services.responses.publish(commissioner, scene.motionId, answer);
    const entry = await t.db.selectFrom("audit_log").select("payload").where("type", "=", "response.published").executeTakeFirstOrThrow();
    expect(JSON.parse(entry.payload)).toMatchObject({ due_at: due, on_time: false });
  });
});
