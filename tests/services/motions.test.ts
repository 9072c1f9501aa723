import { expect, it } from "vitest";
import { InvalidInput, InvalidState, NotAllowed, NotFound } from "../../server/domain/errors";
import { DAY_MS } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { createBody, createChair, createCommissioner, createMember, motionInput } from "../support/factories";
import { type TestParliament, closingIn, publishedMotion, useParliament } from "../support/parliament";

async function rowCounts(t: TestParliament) {
  const count = async (table: "motions" | "motion_versions" | "motion_topics" | "motion_counters" | "audit_log") =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  return {
    motions: await count("motions"),
    versions: await count("motion_versions"),
    topics: await count("motion_topics"),
    counters: await count("motion_counters"),
    audit: await count("audit_log"),
  };
}

const motionRow = (t: TestParliament, id: number) => t.db.selectFrom("motions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const auditTypes = async (t: TestParliament) =>
  (await t.db.selectFrom("audit_log").select("type").orderBy("seq").execute()).map((r) => r.type);

describeEachDatabase("raising and publishing a motion", (dialect) => {
  const t = useParliament(dialect);

  it("a member's new motion is a private draft: no number, no version, nothing in the log", async () => {
    const body = await createBody(t.db);
    const member = await createMember(t.db);
    const { id, number } = await t.services.motions.raise(member, motionInput(body.id));
    expect(number).toBeNull();
    const motion = await motionRow(t, id);
    expect(motion).toMatchObject({ status: "draft", number: null, published_at: null, proposer_id: member.id, version: 1 });
    expect(await rowCounts(t)).toMatchObject({ versions: 0, audit: 0, topics: 2 });
  });

  it("publishing gives M-<year>-001, then -002, and is audited", async () => {
    const body = await createBody(t.db);
    const member = await createMember(t.db);
    const first = await t.services.motions.raise(member, motionInput(body.id));
    const second = await t.services.motions.raise(member, motionInput(body.id));
    expect(await t.services.motions.publish(member, first.id)).toBe("M-2026-001");
    expect(await t.services.motions.publish(member, second.id)).toBe("M-2026-002");
    const motion = await motionRow(t, first.id);
    expect(motion).toMatchObject({ status: "open", published_at: t.clock.now(), lapses_at: t.clock.now() + 28 * DAY_MS });
    const log = await t.db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
    expect(log.map((e) => [e.type, e.motion_id, e.actor_id])).toEqual([
      ["motion.published", first.id, member.id],
      ["motion.published", second.id, member.id],
    ]);
    expect(JSON.parse(log[0].payload)).toMatchObject({ number: "M-2026-001", body_id: body.id });
    const versions = await t.db.selectFrom("motion_versions").selectAll().where("motion_id", "=", first.id).execute();
    expect(versions).toMatchObject([{ version: 1, title: motionInput(body.id).title }]);
  });

  it("numbers restart each year", async () => {
    const body = await createBody(t.db);
    const member = await createMember(t.db);
    await t.services.motions.raise(member, motionInput(body.id), { publish: true });
    t.clock.set(Date.UTC(2026, 11, 31, 23, 59));
    expect((await t.services.motions.raise(member, motionInput(body.id), { publish: true })).number).toBe("M-2026-002");
    t.clock.set(Date.UTC(2027, 0, 1, 0, 0));
    expect((await t.services.motions.raise(member, motionInput(body.id), { publish: true })).number).toBe("M-2027-001");
  });

  it("motions published at the same moment never share a number", async () => {
    const body = await createBody(t.db);
    const members = await Promise.all(Array.from({ length: 8 }, () => createMember(t.db)));
    const drafts = [];
    for (const m of members) drafts.push({ member: m, ...(await t.services.motions.raise(m, motionInput(body.id))) });
    const numbers = await Promise.all(drafts.map((d) => t.services.motions.publish(d.member, d.id)));
    expect([...numbers].sort()).toEqual(Array.from({ length: 8 }, (_, i) => `M-2026-00${i + 1}`));
  });

  it("only members raise motions", async () => {
    const body = await createBody(t.db);
    const chair = await createChair(t.db);
    const commissioner = await createCommissioner(t.db, body.id);
    for (const viewer of [null, chair, commissioner]) {
      await expect(t.services.motions.raise(viewer, motionInput(body.id))).rejects.toThrow(NotAllowed);
    }
    expect((await rowCounts(t)).motions).toBe(0);
  });

  it("invalid input writes nothing and says what is wrong", async () => {
    const body = await createBody(t.db);
    const member = await createMember(t.db);
    const before = await rowCounts(t);
    const error = await t.services.motions.raise(member, motionInput(body.id, { title: "" }), { publish: true }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error.fieldErrors.title).toEqual(["Title needs at least 5 characters."]);
    await expect(t.services.motions.raise(member, motionInput(9999), { publish: true })).rejects.toThrow(NotFound);
    expect(await rowCounts(t)).toEqual(before);
  });

  it("only the proposer publishes a draft, and only once", async () => {
    const body = await createBody(t.db);
    const [proposer, other] = [await createMember(t.db), await createMember(t.db)];
    const { id } = await t.services.motions.raise(proposer, motionInput(body.id));
    await expect(t.services.motions.publish(other, id)).rejects.toThrow(NotAllowed);
    await t.services.motions.publish(proposer, id);
    await expect(t.services.motions.publish(proposer, id)).rejects.toThrow(InvalidState);
    expect(await auditTypes(t)).toEqual(["motion.published"]);
  });

  it("only the proposer discards a draft; a published motion is withdrawn instead", async () => {
    const body = await createBody(t.db);
    const [proposer, other] = [await createMember(t.db), await createMember(t.db)];
    const draft = await t.services.motions.raise(proposer, motionInput(body.id));
    await expect(t.services.motions.discardDraft(other, draft.id)).rejects.toThrow(NotAllowed);
    await t.services.motions.discardDraft(proposer, draft.id);
    expect(await rowCounts(t)).toMatchObject({ motions: 0, topics: 0, audit: 0 });
    const published = await t.services.motions.raise(proposer, motionInput(body.id), { publish: true });
    await expect(t.services.motions.discardDraft(proposer, published.id)).rejects.toThrow(InvalidState);
  });
});

describeEachDatabase("editing a motion", (dialect) => {
  const t = useParliament(dialect);
  const newText = "This parliament calls on the commissioners to ask about pets in every care assessment.";

  it("a draft changes in place, without versions or log entries", async () => {
    const body = await createBody(t.db);
    const member = await createMember(t.db);
    const { id } = await t.services.motions.raise(member, motionInput(body.id));
    await t.services.motions.edit(member, id, motionInput(body.id, { text: newText, topics: "pets" }));
    expect(await motionRow(t, id)).toMatchObject({ text: newText, version: 1, status: "draft" });
    expect(await rowCounts(t)).toMatchObject({ versions: 0, audit: 0, topics: 1 });
  });

  it("the proposer may edit while nobody has seconded: a new version, audited", async () => {
    const scene = await publishedMotion(t);
    await t.services.motions.edit(scene.proposer, scene.motionId, motionInput(scene.bodyId, { text: newText }));
    expect(await motionRow(t, scene.motionId)).toMatchObject({ text: newText, version: 2 });
    const versions = await t.db.selectFrom("motion_versions").select(["version", "text"]).where("motion_id", "=", scene.motionId).orderBy("version").execute();
    expect(versions).toEqual([
      { version: 1, text: motionInput(scene.bodyId).text },
      { version: 2, text: newText },
    ]);
    const edited = await t.db.selectFrom("audit_log").selectAll().where("type", "=", "motion.edited").execute();
    expect(edited).toHaveLength(1);
    expect(JSON.parse(edited[0].payload)).toMatchObject({ number: scene.number, version: 2 });
  });

  it("once someone has seconded, the text cannot change", async () => {
    const scene = await publishedMotion(t);
    await t.services.motions.second(scene.members[0], scene.motionId);
    await expect(t.services.motions.edit(scene.proposer, scene.motionId, motionInput(scene.bodyId, { text: newText }))).rejects.toThrow(
      InvalidState,
    );
    expect(await motionRow(t, scene.motionId)).toMatchObject({ text: motionInput(scene.bodyId).text, version: 1 });
    expect((await rowCounts(t)).versions).toBe(1);
  });

  it("only the proposer edits", async () => {
    const scene = await publishedMotion(t);
    await expect(t.services.motions.edit(scene.members[0], scene.motionId, motionInput(scene.bodyId, { text: newText }))).rejects.toThrow(
      NotAllowed,
    );
    await expect(t.services.motions.edit(scene.chair, scene.motionId, motionInput(scene.bodyId, { text: newText }))).rejects.toThrow(
      NotAllowed,
    );
    expect(await motionRow(t, scene.motionId)).toMatchObject({ version: 1 });
  });

  it("an invalid edit writes nothing", async () => {
    const scene = await publishedMotion(t);
    const before = await rowCounts(t);
    await expect(t.services.motions.edit(scene.proposer, scene.motionId, motionInput(scene.bodyId, { text: "short" }))).rejects.toThrow(
      InvalidInput,
    );
    expect(await rowCounts(t)).toEqual(before);
  });
});

describeEachDatabase("withdrawing a motion", (dialect) => {
  const t = useParliament(dialect);
  const reason = "We found a better way to raise this.";

  it("the proposer withdraws before a vote, with a reason that is kept and logged", async () => {
    const scene = await publishedMotion(t);
    await t.services.motions.withdraw(scene.proposer, scene.motionId, { reason });
    expect(await motionRow(t, scene.motionId)).toMatchObject({ status: "withdrawn", withdrawn_at: t.clock.now(), withdrawal_reason: reason });
    const entry = await t.db.selectFrom("audit_log").selectAll().where("type", "=", "motion.state").executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(scene.proposer.id);
    expect(JSON.parse(entry.payload)).toEqual({ number: scene.number, from: "open", to: "withdrawn", reason });
  });

  it("a reason shorter than ten characters is refused and nothing changes", async () => {
    const scene = await publishedMotion(t);
    const before = await rowCounts(t);
    const error = await t.services.motions.withdraw(scene.proposer, scene.motionId, { reason: "changed" }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error.fieldErrors).toEqual({ reason: ["A reason for withdrawing needs at least 10 characters."] });
    expect(await rowCounts(t)).toEqual(before);
    expect((await motionRow(t, scene.motionId)).status).toBe("open");
  });

  it("only the proposer withdraws", async () => {
    const scene = await publishedMotion(t);
    await expect(t.services.motions.withdraw(scene.members[0], scene.motionId, { reason })).rejects.toThrow(NotAllowed);
    expect((await motionRow(t, scene.motionId)).status).toBe("open");
  });

  it("a seconded motion can still be withdrawn", async () => {
    const scene = await publishedMotion(t);
    for (const m of scene.members.slice(0, 2)) await t.services.motions.second(m, scene.motionId);
    await t.services.motions.withdraw(scene.proposer, scene.motionId, { reason });
    expect((await motionRow(t, scene.motionId)).status).toBe("withdrawn");
  });

  it("once voting has started it cannot be withdrawn", async () => {
    const scene = await publishedMotion(t);
    for (const m of scene.members.slice(0, 2)) await t.services.motions.second(m, scene.motionId);
    await t.services.ballots.open(scene.chair, scene.motionId, { kind: "recorded", rule: "simple", closesAt: closingIn(t, 7) });
    await expect(t.services.motions.withdraw(scene.proposer, scene.motionId, { reason })).rejects.toThrow(
      "This motion can no longer be withdrawn: voting has started or it is decided.",
    );
    expect((await motionRow(t, scene.motionId)).status).toBe("voting");
  });

  it("a draft is discarded, not withdrawn", async () => {
    const body = await createBody(t.db);
    const member = await createMember(t.db);
    const { id } = await t.services.motions.raise(member, motionInput(body.id));
    await expect(t.services.motions.withdraw(member, id, { reason })).rejects.toThrow("A draft is not published; discard it instead.");
  });
});

describeEachDatabase("lapsing", (dialect) => {
  const t = useParliament(dialect, { lapseDays: 14 });

  it("an open motion lapses after the configured days when lapseDue runs, not before", async () => {
    const scene = await publishedMotion(t);
    t.clock.advance(14 * DAY_MS - 1);
    expect(await t.services.motions.lapseDue()).toBe(0);
    expect((await motionRow(t, scene.motionId)).status).toBe("open");
    t.clock.advance(1);
    expect(await t.services.motions.lapseDue()).toBe(1);
    expect((await motionRow(t, scene.motionId)).status).toBe("lapsed");
    const entry = await t.db.selectFrom("audit_log").selectAll().where("type", "=", "motion.state").executeTakeFirstOrThrow();
    expect(entry.actor_id).toBeNull();
    expect(JSON.parse(entry.payload)).toMatchObject({ from: "open", to: "lapsed", reason: "not seconded in time" });
    expect(await t.services.motions.lapseDue()).toBe(0);
  });

  it("a seconded motion never lapses", async () => {
    const scene = await publishedMotion(t);
    for (const m of scene.members.slice(0, 2)) await t.services.motions.second(m, scene.motionId);
    t.clock.advance(400 * DAY_MS);
    expect(await t.services.motions.lapseDue()).toBe(0);
    expect((await motionRow(t, scene.motionId)).status).toBe("seconded");
  });

  it("drafts and withdrawn motions do not lapse", async () => {
    const scene = await publishedMotion(t);
    await t.services.motions.withdraw(scene.proposer, scene.motionId, { reason: "No longer needed, thank you." });
    const draft = await t.services.motions.raise(scene.proposer, motionInput(scene.bodyId));
    t.clock.advance(400 * DAY_MS);
    expect(await t.services.motions.lapseDue()).toBe(0);
    expect((await motionRow(t, draft.id)).status).toBe("draft");
  });

  it("a lapsed motion can no longer be seconded", async () => {
    const scene = await publishedMotion(t);
    t.clock.advance(14 * DAY_MS);
    await t.services.motions.lapseDue();
    await expect(t.services.motions.second(scene.members[0], scene.motionId)).rejects.toThrow(InvalidState);
  });
});
