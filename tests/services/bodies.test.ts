import { expect, it } from "vitest";
import { InvalidInput, InvalidState, NotAllowed, NotFound } from "../../server/domain/errors";
import { DAY_MS } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createBody, createChair, createCommissioner, createMember } from "../support/factories";
import { type TestParliament, carriedMotion, useParliament } from "../support/parliament";

const countRows = async (t: TestParliament, table: "bodies" | "audit_log") =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
const bodyRow = (t: TestParliament, id: number) => t.db.selectFrom("bodies").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const icb = {
  name: "Riverside Integrated Care Board",
  description: "Plans and pays for NHS mental health care in Riverside.",
  responsePeriodDays: 42,
  contact: "engagement@riverside-icb.test.example",
};

describeEachDatabase("commissioning bodies", (dialect) => {
  const t = useParliament(dialect);

  it("an admin adds a body, with a readable address and an audit entry", async () => {
    const admin = await createAdmin(t.db);
    const { bodyId, slug } = await t.services.bodies.create(admin, icb);
    expect(slug).toBe("riverside-integrated-care-board");
    expect(await bodyRow(t, bodyId)).toMatchObject({
      slug,
      name: icb.name,
      description: icb.description,
      response_period_days: 42,
      contact: icb.contact,
      created_at: t.clock.now(),
    });
    const entry = await t.db.selectFrom("audit_log").selectAll().where("type", "=", "body.created").executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: admin.id, subject_type: "body", subject_id: String(bodyId), motion_id: null });
    expect(JSON.parse(entry.payload)).toEqual({ name: icb.name, slug, response_period_days: 42 });
  });

  it("a body answers within eight weeks unless the admin says otherwise", async () => {
    const admin = await createAdmin(t.db);
    const { bodyId } = await t.services.bodies.create(admin, { name: "Riverside Public Health" });
    expect(await bodyRow(t, bodyId)).toMatchObject({ response_period_days: 56, description: "", contact: "" });
  });

  it("names are unique; a similar name gets its own address", async () => {
    const admin = await createAdmin(t.db);
    await t.services.bodies.create(admin, icb);
    await expect(t.services.bodies.create(admin, icb)).rejects.toThrow(new InvalidState("A body with this name already exists."));
    await expect(t.services.bodies.create(admin, { ...icb, name: "RIVERSIDE integrated care board" })).rejects.toThrow(InvalidState);
    const { slug } = await t.services.bodies.create(admin, { ...icb, name: "Riverside Integrated Care Board!" });
    expect(slug).toBe("riverside-integrated-care-board-2");
    const { slug: accented } = await t.services.bodies.create(admin, { name: "Conseil Régional de Santé" });
    expect(accented).toBe("conseil-regional-de-sante");
    expect(await countRows(t, "bodies")).toBe(3);
  });

  it("a new response period applies to motions carried from then on; clocks already running keep theirs", async () => {
    const admin = await createAdmin(t.db);
    const before = await carriedMotion(t);
    const oldDue = (await t.db.selectFrom("motions").select("response_due_at").where("id", "=", before.motionId).executeTakeFirstOrThrow()).response_due_at;
    const body = await bodyRow(t, before.bodyId);
    t.clock.advance(DAY_MS);
    await t.services.bodies.update(admin, before.bodyId, { name: body.name, description: "Now with a shorter clock.", responsePeriodDays: 28 });
    expect(await bodyRow(t, before.bodyId)).toMatchObject({ name: body.name, slug: body.slug, response_period_days: 28, description: "Now with a shorter clock." });
    const entry = await t.db.selectFrom("audit_log").selectAll().where("type", "=", "body.updated").executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: admin.id, subject_type: "body", subject_id: String(before.bodyId) });
    expect(JSON.parse(entry.payload)).toEqual({ name: body.name, response_period_days: 28, from_response_period_days: 56 });
    const motion = await t.db.selectFrom("motions").select("response_due_at").where("id", "=", before.motionId).executeTakeFirstOrThrow();
    expect(motion.response_due_at).toBe(oldDue);

    // A motion carried now, to the same body, gets the new period.
    const proposer = await createMember(t.db);
    const members = [await createMember(t.db), await createMember(t.db)];
    const { id } = await t.services.motions.raise(proposer, {
      title: "A second motion to the same body",
      text: "This parliament calls on the body to answer within its new period.",
      rationale: "Members want to see the new clock at work.",
      bodyId: before.bodyId,
    }, { publish: true });
    for (const m of members) await t.services.motions.second(m, id);
    const { ballotId } = await t.services.ballots.open(before.chair, id, { kind: "recorded", rule: "simple", closesAt: "2026-03-20T12:00" });
    for (const m of [proposer, ...members]) await t.services.ballots.vote(m, ballotId, { choice: "for" });
    await t.services.ballots.close(before.chair, ballotId);
    const carried = await t.db.selectFrom("motions").select("response_due_at").where("id", "=", id).executeTakeFirstOrThrow();
    expect(carried.response_due_at).toBe(t.clock.now() + 28 * DAY_MS);
  });

  it("a changed name may not clash with another body; an unknown body is not found", async () => {
    const admin = await createAdmin(t.db);
    const a = await createBody(t.db, { name: "Body A" });
    await createBody(t.db, { name: "Body B" });
    await expect(t.services.bodies.update(admin, a.id, { name: "Body B" })).rejects.toThrow(new InvalidState("Another body already has this name."));
    await expect(t.services.bodies.update(admin, a.id, { name: "body b" })).rejects.toThrow(InvalidState);
    await t.services.bodies.update(admin, a.id, { name: "BODY A", contact: "a@test.example" }); // its own name, recased, is fine
    await expect(t.services.bodies.update(admin, 99_999, { name: "Body C" })).rejects.toThrow(NotFound);
  });

  it("bad input is refused beside its fields and writes nothing", async () => {
    const admin = await createAdmin(t.db);
    const audit = await countRows(t, "audit_log");
    const error = await t.services.bodies.create(admin, { name: "X", responsePeriodDays: 3 }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error.fieldErrors).toEqual({
      name: ["Name needs at least 3 characters."],
      responsePeriodDays: ["The response period is at least 7 days."],
    });
    expect(await countRows(t, "bodies")).toBe(0);
    expect(await countRows(t, "audit_log")).toBe(audit);
  });

  it("only admins manage bodies, and a refusal writes nothing", async () => {
    const existing = await createBody(t.db);
    const viewers = [await createMember(t.db), await createChair(t.db), await createCommissioner(t.db, existing.id), null];
    const audit = await countRows(t, "audit_log");
    for (const viewer of viewers) {
      await expect(t.services.bodies.create(viewer, icb)).rejects.toThrow(NotAllowed);
      await expect(t.services.bodies.update(viewer, existing.id, { ...icb, responsePeriodDays: 7 })).rejects.toThrow(NotAllowed);
    }
    expect(await countRows(t, "bodies")).toBe(1);
    expect(await countRows(t, "audit_log")).toBe(audit);
    expect((await bodyRow(t, existing.id)).response_period_days).toBe(56);
  });
});
