import { expect, it } from "vitest";
import { DAY_MS } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { createBody, createCommissioner, createMember, motionInput, responseInput } from "../support/factories";
import { type TestParliament, openBallotOn, publishedMotion, secondedMotion, useParliament } from "../support/parliament";

/** Runs `action` and returns the audit entries it appended, checking they were written at one instant. */
async function appendedBy(t: TestParliament, action: () => Promise<unknown>) {
  const lastSeq = async () => Number((await t.db.selectFrom("audit_log").select((eb) => eb.fn.max("seq").as("s")).executeTakeFirst())?.s ?? 0);
  const before = await lastSeq();
  await action();
  const rows = await t.db.selectFrom("audit_log").selectAll().where("seq", ">", before).orderBy("seq").execute();
  for (const row of rows) expect(row.at).toBe(t.clock.now());
  return rows.map((r) => r.type);
}

async function failsAndAppendsNothing(t: TestParliament, action: () => Promise<unknown>) {
  let failed = false;
  const types = await appendedBy(t, () => action().catch(() => (failed = true)));
  expect(failed, "the action should have failed").toBe(true);
  expect(types).toEqual([]);
}

describeEachDatabase("what each action writes to the audit log", (dialect) => {
  const t = useParliament(dialect);

  it("motions: drafts are private, publication and changes are logged", async () => {
    const body = await createBody(t.db);
    const proposer = await createMember(t.db);
    let id = 0;
    expect(await appendedBy(t, async () => ({ id } = await t.services.motions.raise(proposer, motionInput(body.id))))).toEqual([]);
    expect(await appendedBy(t, () => t.services.motions.edit(proposer, id, motionInput(body.id, { title: "A better title" })))).toEqual([]);
    expect(await appendedBy(t, () => t.services.motions.publish(proposer, id))).toEqual(["motion.published"]);
    expect(await appendedBy(t, () => t.services.motions.edit(proposer, id, motionInput(body.id)))).toEqual(["motion.edited"]);
    expect(await appendedBy(t, () => t.services.motions.raise(proposer, motionInput(body.id), { publish: true }))).toEqual(["motion.published"]);
    expect(await appendedBy(t, () => t.services.motions.withdraw(proposer, id, { reason: "Merged with another motion." }))).toEqual([
      "motion.state",
    ]);
    const draft = await t.services.motions.raise(proposer, motionInput(body.id));
    expect(await appendedBy(t, () => t.services.motions.discardDraft(proposer, draft.id))).toEqual([]);
  });

  it("seconding logs each second, and the change of state when it crosses the threshold", async () => {
    const scene = await publishedMotion(t);
    expect(await appendedBy(t, () => t.services.motions.second(scene.members[0], scene.motionId))).toEqual(["motion.seconded"]);
    expect(await appendedBy(t, () => t.services.motions.second(scene.members[1], scene.motionId))).toEqual([
      "motion.seconded",
      "motion.state",
    ]);
    expect(await appendedBy(t, () => t.services.motions.second(scene.members[2], scene.motionId))).toEqual(["motion.seconded"]);
  });

  it("lapsing is logged", async () => {
    await publishedMotion(t);
    t.clock.advance(t.rules.lapseDays * DAY_MS);
    expect(await appendedBy(t, () => t.services.motions.lapseDue())).toEqual(["motion.state"]);
  });

  it("threads: only the chair's hiding is logged", async () => {
    const scene = await publishedMotion(t);
    const [a, b] = scene.members;
    let postId = 0;
    expect(await appendedBy(t, async () => ({ postId } = await t.services.threads.post(a, scene.motionId, { stance: "for", body: "Yes." })))).toEqual([]);
    expect(await appendedBy(t, () => t.services.threads.edit(a, { postId, stance: "for", body: "Yes, please." }))).toEqual([]);
    expect(await appendedBy(t, () => t.services.threads.report(b, { postId, reason: "Seems off-topic." }))).toEqual([]);
    expect(await appendedBy(t, () => t.services.threads.hide(scene.chair, { postId, reason: "Off-topic." }))).toEqual(["post.hidden"]);
    const other = await t.services.threads.post(a, scene.motionId, { stance: "for", body: "Again." });
    expect(await appendedBy(t, () => t.services.threads.remove(a, { postId: other.postId }))).toEqual([]);
  });

  it("ballots: opening, each vote, each change and closing are logged", async () => {
    const scene = await secondedMotion(t);
    let ballotId = 0;
    expect(await appendedBy(t, async () => (ballotId = await openBallotOn(t, scene)))).toEqual(["ballot.opened", "motion.state"]);
    const voter = scene.members[0];
    expect(await appendedBy(t, () => t.services.ballots.vote(voter, ballotId, { choice: "for" }))).toEqual(["vote.cast"]);
    expect(await appendedBy(t, () => t.services.ballots.vote(voter, ballotId, { choice: "for" }))).toEqual([]);
    expect(await appendedBy(t, () => t.services.ballots.vote(voter, ballotId, { choice: "against" }))).toEqual(["vote.changed"]);
    expect(await appendedBy(t, () => t.services.ballots.close(scene.chair, ballotId))).toEqual(["ballot.closed", "motion.state"]);
  });

  it("secret votes and the closing time's own close are logged", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene, "secret");
    expect(await appendedBy(t, () => t.services.ballots.vote(scene.members[0], ballotId, { choice: "for" }))).toEqual(["vote.cast"]);
    t.clock.advance(7 * DAY_MS);
    expect(await appendedBy(t, () => t.services.ballots.closeDue())).toEqual(["ballot.closed", "motion.state"]);
  });

  it("a published response is logged", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene);
    for (const m of [scene.proposer, ...scene.members]) await t.services.ballots.vote(m, ballotId, { choice: "for" });
    await t.services.ballots.close(scene.chair, ballotId);
    const commissioner = await createCommissioner(t.db, scene.bodyId);
    expect(
      await appendedBy(t, () =>
        t.services.responses.publish(commissioner, scene.motionId, responseInput("decline", { reasons: "There is no budget for this in 2026, and none is planned." })),
      ),
    ).toEqual(["response.published"]);
  });
});

describeEachDatabase("a failing action appends nothing", (dialect) => {
  const t = useParliament(dialect);

  it("refused before any write: permission, state and input", async () => {
    const scene = await publishedMotion(t);
    await failsAndAppendsNothing(t, () => t.services.motions.second(scene.proposer, scene.motionId));
    await failsAndAppendsNothing(t, () => t.services.motions.withdraw(scene.proposer, scene.motionId, { reason: "no" }));
    await failsAndAppendsNothing(t, () => t.services.motions.publish(scene.proposer, scene.motionId));
    await failsAndAppendsNothing(t, () => openBallotOn(t, scene));
  });

  it("refused half-way through: entries already appended in the transaction are rolled back with it", async () => {
    const scene = await secondedMotion(t);
    const ballotId = await openBallotOn(t, scene);
    await t.services.ballots.vote(scene.members[0], ballotId, { choice: "for" });
    // Someone moved the motion behind the ballot's back: closing appends ballot.closed, then the
    // motion's move is refused, so the whole close must roll back.
    await t.db.updateTable("motions").set({ status: "withdrawn" }).where("id", "=", scene.motionId).execute();
    const eventsBefore = t.events.length;
    await failsAndAppendsNothing(t, () => t.services.ballots.close(scene.chair, ballotId));
    const ballot = await t.db.selectFrom("ballots").select(["status", "outcome", "closed_at"]).where("id", "=", ballotId).executeTakeFirstOrThrow();
    expect(ballot).toEqual({ status: "open", outcome: null, closed_at: null });
    expect(t.events.length).toBe(eventsBefore);
    expect((await t.services.audit.verify()).ok).toBe(true);
  });
});
