import { expect, it } from "vitest";
import type { Choice } from "../../db/schema";
import { InvalidInput, InvalidState, NotAllowed, NotFound } from "../../server/domain/errors";
import { DAY_MS } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createBody, createCommissioner, createMember, responseInput } from "../support/factories";
import { type TestParliament, carriedMotion, closingIn, useParliament } from "../support/parliament";

type Table = "verdict_requests" | "ballots" | "notifications" | "audit_log";
const countRows = async (t: TestParliament, table: Table) =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
const motionRow = (t: TestParliament, id: number) => t.db.selectFrom("motions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const ballotRow = (t: TestParliament, id: number) => t.db.selectFrom("ballots").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const auditOf = (t: TestParliament, type: string) =>
  t.db.selectFrom("audit_log").select(["actor_id", "subject_id", "payload"]).where("type", "=", type).orderBy("seq").execute();

/** A carried motion (proposer and six other members), answered by its body's commissioner. */
async function answered(t: TestParliament) {
  const scene = await carriedMotion(t, 6);
  const commissioner = await createCommissioner(t.db, scene.bodyId);
  t.clock.advance(10 * DAY_MS);
  const { responseId } = await t.services.responses.publish(commissioner, scene.motionId, responseInput("accept_in_part"));
  t.clock.advance(DAY_MS);
  return { ...scene, commissioner, responseId };
}

/** Members vote in the verdict ballot: `choices` in order, one member each. */
async function castVerdict(t: TestParliament, scene: Awaited<ReturnType<typeof answered>>, ballotId: number, choices: Choice[]) {
  const voters = [scene.proposer, ...scene.members];
  for (const [i, choice] of choices.entries()) await t.services.ballots.vote(voters[i], ballotId, { choice });
}

describeEachDatabase("members ask for a verdict on a response", (dialect) => {
  const t = useParliament(dialect, { verdictRequests: 3, verdictDays: 5 });

  it("each member asks once; the request that reaches the threshold opens a secret online ballot closing after the verdict period", async () => {
    const scene = await answered(t);
    const [a, b, c] = scene.members;
    expect(await t.services.verdicts.request(a, scene.responseId)).toEqual({ requests: 1, needed: 3, ballotId: null });
    expect(await t.services.verdicts.request(b, scene.responseId)).toEqual({ requests: 2, needed: 3, ballotId: null });
    const third = await t.services.verdicts.request(c, scene.responseId);
    expect(third).toEqual({ requests: 3, needed: 3, ballotId: expect.any(Number) });

    expect(await ballotRow(t, third.ballotId!)).toMatchObject({
      motion_id: scene.motionId,
      purpose: "verdict",
      response_id: scene.responseId,
      kind: "secret",
      rule: "simple",
      mode: "online",
      status: "open",
      opened_at: t.clock.now(),
      opened_by: c.id,
      closes_at: t.clock.now() + 5 * DAY_MS,
      return_status: "carried",
    });
    // Judging a response does not put the motion back to a vote: it stays carried and answered.
    expect(await motionRow(t, scene.motionId)).toMatchObject({ status: "carried", response_status: "responded" });
    const requested = await auditOf(t, "verdict.requested");
    expect(requested.map((e) => [e.actor_id, JSON.parse(e.payload).requests])).toEqual([[a.id, 1], [b.id, 2], [c.id, 3]]);
    expect(JSON.parse(requested[0].payload)).toEqual({ number: scene.number, response_id: scene.responseId, requests: 1, needed: 3 });
    const opened = await auditOf(t, "ballot.opened");
    expect(JSON.parse(opened.at(-1)!.payload)).toMatchObject({ ballot_id: third.ballotId, kind: "secret", purpose: "verdict", response_id: scene.responseId });
  });

  it("asking twice is refused by the primary key, with a clear message", async () => {
    const scene = await answered(t);
    await t.services.verdicts.request(scene.members[0], scene.responseId);
    await expect(t.services.verdicts.request(scene.members[0], scene.responseId)).rejects.toThrow(
      new InvalidState("You have already asked for a verdict on this response."),
    );
    expect(await countRows(t, "verdict_requests")).toBe(1);
    expect(await auditOf(t, "verdict.requested")).toHaveLength(1);
  });

  it("only on the latest response, while it stands, and not while or after members vote on it", async () => {
    const scene = await answered(t);
    await expect(t.services.verdicts.request(scene.members[0], 99_999)).rejects.toThrow(NotFound);
    for (const m of scene.members.slice(0, 3)) await t.services.verdicts.request(m, scene.responseId);
    await expect(t.services.verdicts.request(scene.members[3], scene.responseId)).rejects.toThrow("Members are already voting on this response.");
    const ballot = await t.db.selectFrom("ballots").select("id").where("purpose", "=", "verdict").executeTakeFirstOrThrow();
    await castVerdict(t, scene, ballot.id, ["for", "for", "against"]);
    await t.services.ballots.close(scene.chair, ballot.id);
    await expect(t.services.verdicts.request(scene.members[3], scene.responseId)).rejects.toThrow("Members have already judged this response.");
    await expect(t.services.verdicts.open(scene.chair, scene.responseId, { closesAt: closingIn(t, 3) })).rejects.toThrow(InvalidState);
    expect(await countRows(t, "verdict_requests")).toBe(3);
  });

  it("the threshold is a standing order", async () => {
    t.rules.verdictRequests = 1;
    const scene = await answered(t);
    const { ballotId } = await t.services.verdicts.request(scene.members[0], scene.responseId);
    expect(ballotId).not.toBeNull();
  });

  it("only members ask; a refusal writes nothing", async () => {
    const scene = await answered(t);
    const other = await createBody(t.db);
    const before = { requests: await countRows(t, "verdict_requests"), audit: await countRows(t, "audit_log") };
    for (const viewer of [scene.chair, scene.commissioner, await createCommissioner(t.db, other.id), await createAdmin(t.db), null]) {
      await expect(t.services.verdicts.request(viewer, scene.responseId)).rejects.toThrow(NotAllowed);
    }
    expect({ requests: await countRows(t, "verdict_requests"), audit: await countRows(t, "audit_log") }).toEqual(before);
  });

  it("a response still awaiting a revision cannot be judged", async () => {
    const scene = await answered(t);
    for (const m of scene.members.slice(0, 3)) await t.services.verdicts.request(m, scene.responseId);
    const ballot = await t.db.selectFrom("ballots").select("id").where("purpose", "=", "verdict").executeTakeFirstOrThrow();
    await castVerdict(t, scene, ballot.id, ["against", "against", "for"]);
    await t.services.ballots.close(scene.chair, ballot.id);
    expect((await motionRow(t, scene.motionId)).response_status).toBe("revision_requested");
    await expect(t.services.verdicts.request(scene.members[4], scene.responseId)).rejects.toThrow(InvalidState);

    // Version 2 may be judged afresh; version 1 can no longer be.
    const { responseId: revised } = await t.services.responses.publish(scene.commissioner, scene.motionId, responseInput("accept"));
    await expect(t.services.verdicts.request(scene.members[4], scene.responseId)).rejects.toThrow(
      "A newer response has replaced this one; judge that one instead.",
    );
    expect(await t.services.verdicts.request(scene.members[0], revised)).toMatchObject({ requests: 1 });
  });
});

describeEachDatabase("the chair puts a response to members' verdict", (dialect) => {
  const t = useParliament(dialect);

  it("the chair opens a verdict ballot directly, with a closing time; nobody else may", async () => {
    const scene = await answered(t);
    const other = await createBody(t.db);
    const input = { closesAt: closingIn(t, 4) };
    const audit = await countRows(t, "audit_log");
    for (const viewer of [scene.members[0], scene.commissioner, await createCommissioner(t.db, other.id), await createAdmin(t.db), null]) {
      await expect(t.services.verdicts.open(viewer, scene.responseId, input)).rejects.toThrow(NotAllowed);
    }
    expect(await countRows(t, "ballots")).toBe(1); // the motion's own ballot
    expect(await countRows(t, "audit_log")).toBe(audit);

    const tooSoon = await t.services.verdicts.open(scene.chair, scene.responseId, { closesAt: closingIn(t, 0) }).catch((e) => e);
    expect(tooSoon).toBeInstanceOf(InvalidInput);
    expect(tooSoon.fieldErrors).toEqual({ closesAt: ["Choose a closing time between 10 minutes and 60 days from now."] });
    const { ballotId } = await t.services.verdicts.open(scene.chair, scene.responseId, input);
    expect(await ballotRow(t, ballotId)).toMatchObject({
      purpose: "verdict",
      kind: "secret",
      opened_by: scene.chair.id,
      closes_at: t.clock.now() + 4 * DAY_MS,
    });
    expect((await motionRow(t, scene.motionId)).status).toBe("carried");
  });

  it("judged inadequate: revision requested, a new clock from the close, and the commissioners and followers told", async () => {
    const scene = await answered(t);
    const follower = await createMember(t.db);
    await t.services.notifications.follow(follower, scene.motionId);
    const elsewhere = await createCommissioner(t.db, (await createBody(t.db)).id);
    const { ballotId } = await t.services.verdicts.open(scene.chair, scene.responseId, { closesAt: closingIn(t, 7) });
    await castVerdict(t, scene, ballotId, ["against", "against", "against", "for", "abstain"]);
    const closesAt = (await ballotRow(t, ballotId)).closes_at!;
    t.clock.set(closesAt + 3 * 3_600_000); // the scheduler catches up a little after the closing time
    expect(await t.services.ballots.closeDue()).toBe(1);

    expect(await ballotRow(t, ballotId)).toMatchObject({ status: "closed", outcome: "defeated", closed_at: closesAt, closed_by: null });
    expect(await motionRow(t, scene.motionId)).toMatchObject({
      status: "carried",
      response_status: "revision_requested",
      response_due_at: closesAt + 56 * DAY_MS,
    });
    const [entry] = await auditOf(t, "response.revision_requested");
    expect(entry.actor_id).toBeNull();
    expect(JSON.parse(entry.payload)).toEqual({ number: scene.number, ballot_id: ballotId, response_id: scene.responseId, due_at: closesAt + 56 * DAY_MS });
    const told = await t.db.selectFrom("notifications").select("user_id").where("kind", "=", "revision_requested").execute();
    expect(told.map((n) => n.user_id).sort()).toEqual([scene.commissioner.id, scene.proposer.id, follower.id].sort());
    expect(told.map((n) => n.user_id)).not.toContain(elsewhere.id);
  });

  it("judged adequate: the response stands", async () => {
    const scene = await answered(t);
    const { ballotId } = await t.services.verdicts.open(scene.chair, scene.responseId, { closesAt: closingIn(t, 7) });
    await castVerdict(t, scene, ballotId, ["for", "for", "against"]);
    await t.services.ballots.close(scene.chair, ballotId);
    expect((await ballotRow(t, ballotId)).outcome).toBe("carried");
    expect(await motionRow(t, scene.motionId)).toMatchObject({ status: "carried", response_status: "responded" });
    const [entry] = await auditOf(t, "response.judged_adequate");
    expect(entry.actor_id).toBe(scene.chair.id);
    expect(JSON.parse(entry.payload)).toEqual({ number: scene.number, ballot_id: ballotId, response_id: scene.responseId });
    expect(await auditOf(t, "response.revision_requested")).toEqual([]);
  });

  it("a tie does not ask the commissioners to start again", async () => {
    const scene = await answered(t);
    const { ballotId } = await t.services.verdicts.open(scene.chair, scene.responseId, { closesAt: closingIn(t, 7) });
    await castVerdict(t, scene, ballotId, ["for", "against", "abstain"]);
    await t.services.ballots.close(scene.chair, ballotId);
    expect((await motionRow(t, scene.motionId)).response_status).toBe("responded");
    expect(await auditOf(t, "response.revision_requested")).toEqual([]);
  });

  it("without quorum nothing changes, and the question may be put again", async () => {
    const scene = await answered(t);
    const { ballotId } = await t.services.verdicts.open(scene.chair, scene.responseId, { closesAt: closingIn(t, 7) });
    await castVerdict(t, scene, ballotId, ["against"]);
    await t.services.ballots.close(scene.chair, ballotId);
    expect((await ballotRow(t, ballotId)).outcome).toBe("no_quorum");
    const motion = await motionRow(t, scene.motionId);
    expect(motion).toMatchObject({ status: "carried", response_status: "responded" });
    expect(await auditOf(t, "response.revision_requested")).toEqual([]);
    expect(await auditOf(t, "response.judged_adequate")).toEqual([]);

    const again = await t.services.verdicts.open(scene.chair, scene.responseId, { closesAt: closingIn(t, 7) });
    const page = await t.services.read.motionPage(scene.number, scene.members[0]);
    expect(page?.verdict?.ballot).toMatchObject({ id: again.ballotId, status: "open" });
  });

  it("a record that closed while members were voting stays closed", async () => {
    const scene = await answered(t);
    const { ballotId } = await t.services.verdicts.open(scene.chair, scene.responseId, { closesAt: closingIn(t, 7) });
    await castVerdict(t, scene, ballotId, ["against", "against", "against"]);
    await t.services.responses.close(scene.chair, scene.motionId, { reason: "The service was decommissioned by NHS England." });
    await t.services.ballots.close(scene.chair, ballotId);
    expect((await ballotRow(t, ballotId)).outcome).toBe("defeated");
    expect((await motionRow(t, scene.motionId)).response_status).toBe("closed");
    expect(await auditOf(t, "response.revision_requested")).toEqual([]);
  });
});
