import { expect, it } from "vitest";
import { InvalidInput, InvalidState, NotAllowed, NotFound } from "../../server/domain/errors";
import { DAY_MS } from "../../server/domain/time";
import { describeEachDatabase } from "../support/databases";
import { createAdmin, createBody, createCommissioner, createMember, motionInput } from "../support/factories";
import { type TestParliament, publishedMotion, useParliament } from "../support/parliament";

const postRow = (t: TestParliament, id: number) => t.db.selectFrom("posts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const countRows = async (t: TestParliament, table: "posts" | "post_revisions" | "post_reports" | "audit_log") =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

describeEachDatabase("posting in a motion's thread", (dialect) => {
  const t = useParliament(dialect);

  it("members post and reply, nested three deep", async () => {
    const scene = await publishedMotion(t);
    const [a, b, c] = scene.members;
    const top = await t.services.threads.post(a, scene.motionId, { stance: "for", body: "Pets matter to me." });
    const reply = await t.services.threads.post(b, scene.motionId, { stance: "question", body: "Which pets?", parentId: top.postId });
    const deeper = await t.services.threads.post(c, scene.motionId, { stance: "neutral", body: "Any animal.", parentId: reply.postId });
    const rows = await t.db.selectFrom("posts").select(["id", "parent_id", "depth", "author_id"]).orderBy("id").execute();
    expect(rows).toEqual([
      { id: top.postId, parent_id: null, depth: 0, author_id: a.id },
      { id: reply.postId, parent_id: top.postId, depth: 1, author_id: b.id },
      { id: deeper.postId, parent_id: reply.postId, depth: 2, author_id: c.id },
    ]);
    expect(t.events.filter((e) => e.type === "post:changed")).toHaveLength(3);
  });

  it("past the deepest level, replies sit beside their parent instead of nesting further", async () => {
    const scene = await publishedMotion(t);
    let parentId: number | undefined;
    const ids: number[] = [];
    for (let i = 0; i < 9; i++) {
      const { postId } = await t.services.threads.post(scene.members[i % 4], scene.motionId, { stance: "neutral", body: `Reply ${i}`, parentId });
      ids.push(postId);
      parentId = postId;
    }
    const rows = await t.db.selectFrom("posts").select(["id", "parent_id", "depth"]).orderBy("id").execute();
    expect(rows.map((r) => r.depth)).toEqual([0, 1, 2, 3, 4, 5, 6, 6, 6]);
    expect(rows[7].parent_id).toBe(ids[5]);
    expect(rows[8].parent_id).toBe(ids[5]);
  });

  it("a reply to a post on another motion is refused and nothing is written", async () => {
    const scene = await publishedMotion(t);
    const other = await t.services.motions.raise(scene.proposer, motionInput(scene.bodyId), { publish: true });
    const elsewhere = await t.services.threads.post(scene.members[0], other.id, { stance: "for", body: "Over here." });
    await expect(
      t.services.threads.post(scene.members[1], scene.motionId, { stance: "for", body: "Replying across.", parentId: elsewhere.postId }),
    ).rejects.toThrow(NotFound);
    expect(await countRows(t, "posts")).toBe(1);
  });

  it("commissioners speak only on motions addressed to their own body", async () => {
    const scene = await publishedMotion(t);
    const ours = await createCommissioner(t.db, scene.bodyId);
    const otherBody = await createBody(t.db);
    const theirs = await createCommissioner(t.db, otherBody.id);
    await t.services.threads.post(ours, scene.motionId, { stance: "neutral", body: "We are listening." });
    await expect(t.services.threads.post(theirs, scene.motionId, { stance: "neutral", body: "Not ours." })).rejects.toThrow(
      "Commissioners can take part only in discussions of motions addressed to their own body.",
    );
    expect(await countRows(t, "posts")).toBe(1);
  });

  it("the chair may post; admins and signed-out visitors may not", async () => {
    const scene = await publishedMotion(t);
    await t.services.threads.post(scene.chair, scene.motionId, { stance: "neutral", body: "Please keep it kind." });
    await expect(t.services.threads.post(await createAdmin(t.db), scene.motionId, { stance: "for", body: "Hello." })).rejects.toThrow(NotAllowed);
    await expect(t.services.threads.post(null, scene.motionId, { stance: "for", body: "Hello." })).rejects.toThrow(NotAllowed);
    expect(await countRows(t, "posts")).toBe(1);
  });

  it("a draft has no thread: to others it does not exist", async () => {
    const body = await createBody(t.db);
    const proposer = await createMember(t.db);
    const { id } = await t.services.motions.raise(proposer, motionInput(body.id));
    await expect(t.services.threads.post(await createMember(t.db), id, { stance: "for", body: "Early!" })).rejects.toThrow(NotFound);
  });

  it("posting on a withdrawn or lapsed motion is refused", async () => {
    const withdrawn = await publishedMotion(t);
    await t.services.motions.withdraw(withdrawn.proposer, withdrawn.motionId, { reason: "Taken up elsewhere, thanks." });
    await expect(t.services.threads.post(withdrawn.members[0], withdrawn.motionId, { stance: "for", body: "Too late?" })).rejects.toThrow(
      InvalidState,
    );
    const lapsing = await publishedMotion(t);
    t.clock.advance(t.rules.lapseDays * DAY_MS);
    await t.services.motions.lapseDue();
    await expect(t.services.threads.post(lapsing.members[0], lapsing.motionId, { stance: "for", body: "Too late?" })).rejects.toThrow(
      InvalidState,
    );
    expect(await countRows(t, "posts")).toBe(0);
  });

  it("an empty post is refused with a field message", async () => {
    const scene = await publishedMotion(t);
    const error = await t.services.threads.post(scene.members[0], scene.motionId, { stance: "for", body: " " }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error.fieldErrors.body).toEqual(["Your post needs at least 2 characters."]);
  });
});

describeEachDatabase("editing and deleting posts", (dialect) => {
  const t = useParliament(dialect);

  it("editing keeps each replaced text in the post's history", async () => {
    const scene = await publishedMotion(t);
    const author = scene.members[0];
    const { postId } = await t.services.threads.post(author, scene.motionId, { stance: "for", body: "First words." });
    t.clock.advance(60_000);
    await t.services.threads.edit(author, { postId, stance: "for", body: "Second words." });
    t.clock.advance(60_000);
    await t.services.threads.edit(author, { postId, stance: "against", body: "Third words." });
    expect(await postRow(t, postId)).toMatchObject({ body: "Third words.", stance: "against", edited_at: t.clock.now() });
    const history = await t.db.selectFrom("post_revisions").select(["stance", "body"]).where("post_id", "=", postId).orderBy("id").execute();
    expect(history).toEqual([
      { stance: "for", body: "First words." },
      { stance: "for", body: "Second words." },
    ]);
  });

  it("only the author edits or deletes a post, not even the chair", async () => {
    const scene = await publishedMotion(t);
    const { postId } = await t.services.threads.post(scene.members[0], scene.motionId, { stance: "for", body: "Mine." });
    for (const other of [scene.members[1], scene.chair]) {
      await expect(t.services.threads.edit(other, { postId, stance: "for", body: "Not mine." })).rejects.toThrow(NotAllowed);
      await expect(t.services.threads.remove(other, { postId })).rejects.toThrow(NotAllowed);
    }
    expect(await postRow(t, postId)).toMatchObject({ body: "Mine.", deleted_at: null });
    expect(await countRows(t, "post_revisions")).toBe(0);
  });

  it("deleting leaves a tombstone: text and history gone, replies still there", async () => {
    const scene = await publishedMotion(t);
    const author = scene.members[0];
    const { postId } = await t.services.threads.post(author, scene.motionId, { stance: "for", body: "Something I regret." });
    await t.services.threads.edit(author, { postId, stance: "for", body: "Something I regret more." });
    const reply = await t.services.threads.post(scene.members[1], scene.motionId, { stance: "neutral", body: "I saw that.", parentId: postId });
    await t.services.threads.remove(author, { postId });
    expect(await postRow(t, postId)).toMatchObject({ body: "", deleted_at: t.clock.now() });
    expect(await countRows(t, "post_revisions")).toBe(0);
    expect(await postRow(t, reply.postId)).toMatchObject({ body: "I saw that.", parent_id: postId });
    await expect(t.services.threads.remove(author, { postId })).rejects.toThrow(InvalidState);
    await expect(t.services.threads.edit(author, { postId, stance: "for", body: "Back again." })).rejects.toThrow(InvalidState);
  });
});

describeEachDatabase("reporting and hiding posts", (dialect) => {
  const t = useParliament(dialect);
  const reportReason = "This names someone's diagnosis.";

  it("each person may report a post once", async () => {
    const scene = await publishedMotion(t);
    const { postId } = await t.services.threads.post(scene.members[0], scene.motionId, { stance: "against", body: "Unkind words." });
    await t.services.threads.report(scene.members[1], { postId, reason: reportReason });
    await t.services.threads.report(scene.members[2], { postId, reason: reportReason });
    await expect(t.services.threads.report(scene.members[1], { postId, reason: reportReason })).rejects.toThrow(
      "You have already reported this post. The chair will look at it.",
    );
    expect(await countRows(t, "post_reports")).toBe(2);
  });

  it("nobody reports their own post", async () => {
    const scene = await publishedMotion(t);
    const { postId } = await t.services.threads.post(scene.members[0], scene.motionId, { stance: "for", body: "Mine." });
    await expect(t.services.threads.report(scene.members[0], { postId, reason: reportReason })).rejects.toThrow(InvalidState);
    expect(await countRows(t, "post_reports")).toBe(0);
  });

  it("the chair hides a post with a reason: audited, and its open reports resolved", async () => {
    const scene = await publishedMotion(t);
    const { postId } = await t.services.threads.post(scene.members[0], scene.motionId, { stance: "against", body: "Unkind words." });
    await t.services.threads.report(scene.members[1], { postId, reason: reportReason });
    t.clock.advance(60_000);
    await t.services.threads.hide(scene.chair, { postId, reason: "Personal details about another member." });
    expect(await postRow(t, postId)).toMatchObject({
      hidden_at: t.clock.now(),
      hidden_by: scene.chair.id,
      hidden_reason: "Personal details about another member.",
    });
    const reports = await t.db.selectFrom("post_reports").select(["resolved_at", "resolved_by"]).execute();
    expect(reports).toEqual([{ resolved_at: t.clock.now(), resolved_by: scene.chair.id }]);
    const log = await t.db.selectFrom("audit_log").selectAll().where("type", "=", "post.hidden").execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor_id: scene.chair.id, subject_type: "post", subject_id: String(postId), motion_id: scene.motionId });
    expect(JSON.parse(log[0].payload)).toEqual({ post_id: postId, reason: "Personal details about another member." });
  });

  it("only the chair hides, and never without a reason", async () => {
    const scene = await publishedMotion(t);
    const { postId } = await t.services.threads.post(scene.members[0], scene.motionId, { stance: "against", body: "Unkind words." });
    const auditBefore = await countRows(t, "audit_log");
    await expect(t.services.threads.hide(scene.members[1], { postId, reason: "I do not like it." })).rejects.toThrow(NotAllowed);
    await expect(t.services.threads.hide(await createAdmin(t.db), { postId, reason: "I do not like it." })).rejects.toThrow(NotAllowed);
    await expect(t.services.threads.hide(scene.chair, { postId })).rejects.toThrow(InvalidInput);
    expect(await postRow(t, postId)).toMatchObject({ hidden_at: null });
    expect(await countRows(t, "audit_log")).toBe(auditBefore);
  });

  it("a hidden post cannot be hidden again, edited or reported", async () => {
    const scene = await publishedMotion(t);
    const { postId } = await t.services.threads.post(scene.members[0], scene.motionId, { stance: "against", body: "Unkind words." });
    await t.services.threads.hide(scene.chair, { postId, reason: "Unkind to another member." });
    await expect(t.services.threads.hide(scene.chair, { postId, reason: "Again." })).rejects.toThrow(InvalidState);
    await expect(t.services.threads.edit(scene.members[0], { postId, stance: "for", body: "Kinder now." })).rejects.toThrow(InvalidState);
    await expect(t.services.threads.report(scene.members[1], { postId, reason: reportReason })).rejects.toThrow(InvalidState);
  });

  it("the chair puts back a post hidden by mistake: it reads as before, and both steps stay in the audit log", async () => {
    const scene = await publishedMotion(t);
    const { postId } = await t.services.threads.post(scene.members[0], scene.motionId, { stance: "for", body: "Peer groups kept me well." });
    await t.services.threads.hide(scene.chair, { postId, reason: "Looked like personal details." });
    await t.services.threads.restore(scene.chair, { postId, reason: "Hidden by mistake: no personal details." });
    expect(await postRow(t, postId)).toMatchObject({ hidden_at: null, hidden_by: null, hidden_reason: null, body: "Peer groups kept me well." });
    const log = await t.db.selectFrom("audit_log").select(["type", "payload", "actor_id"]).where("subject_type", "=", "post").orderBy("seq").execute();
    expect(log.map((e) => [e.type, JSON.parse(e.payload).reason, e.actor_id])).toEqual([
      ["post.hidden", "Looked like personal details.", scene.chair.id],
      ["post.restored", "Hidden by mistake: no personal details.", scene.chair.id],
    ]);
    // Back in the discussion: it can be replied to and edited again.
    await t.services.threads.edit(scene.members[0], { postId, stance: "for", body: "Peer groups kept me well, every week." });
  });

  it("only the chair puts a post back, with a reason, and only a post that is hidden", async () => {
    const scene = await publishedMotion(t);
    const { postId } = await t.services.threads.post(scene.members[0], scene.motionId, { stance: "against", body: "Unkind words." });
    await expect(t.services.threads.restore(scene.chair, { postId, reason: "Nothing to undo." })).rejects.toThrow(InvalidState);
    await t.services.threads.hide(scene.chair, { postId, reason: "Unkind to another member." });
    const auditBefore = await countRows(t, "audit_log");
    await expect(t.services.threads.restore(scene.members[0], { postId, reason: "It was fine." })).rejects.toThrow(NotAllowed);
    await expect(t.services.threads.restore(await createAdmin(t.db), { postId, reason: "It was fine." })).rejects.toThrow(NotAllowed);
    await expect(t.services.threads.restore(scene.chair, { postId })).rejects.toThrow(InvalidInput);
    expect(await postRow(t, postId)).toMatchObject({ hidden_reason: "Unkind to another member." });
    expect(await countRows(t, "audit_log")).toBe(auditBefore);
    const { postId: gone } = await t.services.threads.post(scene.members[1], scene.motionId, { stance: "for", body: "Withdrawn thought." });
    await t.services.threads.remove(scene.members[1], { postId: gone });
    await expect(t.services.threads.restore(scene.chair, { postId: gone, reason: "Bring it back." })).rejects.toThrow(InvalidState);
  });

  it("the chair may dismiss reports and leave the post up", async () => {
    const scene = await publishedMotion(t);
    const { postId } = await t.services.threads.post(scene.members[0], scene.motionId, { stance: "against", body: "Blunt words." });
    await t.services.threads.report(scene.members[1], { postId, reason: reportReason });
    await expect(t.services.threads.dismissReports(scene.members[2], { postId })).rejects.toThrow(NotAllowed);
    await t.services.threads.dismissReports(scene.chair, { postId });
    expect(await postRow(t, postId)).toMatchObject({ hidden_at: null, body: "Blunt words." });
    expect(await t.db.selectFrom("post_reports").select("resolved_by").execute()).toEqual([{ resolved_by: scene.chair.id }]);
  });
});
