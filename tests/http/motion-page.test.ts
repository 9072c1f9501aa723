// The motion page over HTTP, as a browser without JavaScript uses it: the public record for
// everyone, and the seconding, discussion and withdrawal forms for people signed in.
import { expect, it } from "vitest";
import { BrowserLikeClient, plain, sectionOf } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { type TestPerson, createBody, createChair, createMember, motionInput } from "../support/factories";
import { useTestServer } from "../support/server";

/** How many lists deep a post sits in the thread: 1 for a post, 2 for a reply, and so on. */
function nesting(threadHtml: string, postId: number): number {
  const at = threadHtml.indexOf(`<li id="post-${postId}"`);
  if (at < 0) throw new Error(`post ${postId} is not in the thread`);
  const before = threadHtml.slice(0, at);
  return (before.match(/<ol[\s>]/g) ?? []).length - (before.match(/<\/ol>/g) ?? []).length;
}

describeEachDatabase("the motion page", (dialect) => {
  const holder = useTestServer(dialect);
  const db = () => holder.server.database.db;
  const services = () => holder.server.services;

  const signedIn = (person: TestPerson) => BrowserLikeClient.signedIn(holder.server.url, person);

  /** A published motion, its proposer and three other members. */
  async function scene(overrides: Record<string, unknown> = {}) {
    const body = await createBody(db());
    const proposer = await createMember(db());
    const members = [await createMember(db()), await createMember(db()), await createMember(db())];
    const { id, number } = await services().motions.raise(proposer, motionInput(body.id, overrides), { publish: true });
    return { body, proposer, members, motionId: id, number: number!, path: `/motions/${number}` };
  }

  const postsOn = (motionId: number) => db().selectFrom("posts").selectAll().where("motion_id", "=", motionId).orderBy("id").execute();

  it("the public sees the motion, who seconded it and its timeline, and no forms", async () => {
    const s = await scene({ title: "Peer workers on the night crisis line", summary: "Night calls answered by peers." });
    await services().motions.second(s.members[0], s.motionId);
    await services().threads.post(s.members[1], s.motionId, { stance: "for", body: "I called at 3am once." });

    const page = await new BrowserLikeClient(holder.server.url).get(s.path);
    expect(page.status).toBe(200);
    const text = plain(page.html);
    expect(page.html).toContain(`<title>${s.number}: Peer workers on the night crisis line · `);
    expect(text).toContain(`${s.number}: Peer workers on the night crisis line`);
    expect(page.html).toContain('<meta name="description" content="Night calls answered by peers."/>');
    expect(text).toContain("Open for seconding");
    expect(text).toContain(`Addressed to ${s.body.name}`);
    expect(text).toContain(`Proposed by ${s.proposer.displayName}`);
    expect(text).toContain("In short: Night calls answered by peers.");
    expect(page.html).toMatch(/class="motion-text">This parliament calls on the commissioners/);
    expect(text).toContain("Why this matters");
    expect(text).toContain(`Seconded by ${s.members[0].displayName} (1 of 2 needed).`);
    expect(text).toMatch(/Lapses on \d{1,2} \w+ \d{4} if not seconded\./);
    expect(text).toContain("I called at 3am once.");

    const record = sectionOf(page.html, "record");
    expect(record).toContain('<ol class="timeline">');
    expect(record).toMatch(/<li id="event-\d+"><a href="#event-\d+"/);
    expect(plain(record)).toContain(`${s.proposer.displayName} published the motion as ${s.number}.`);
    expect(plain(record)).toContain(`${s.members[0].displayName} seconded the motion (1 of 2 needed).`);

    expect(page.html).not.toContain('method="post"');
    expect(text).toContain("Sign in to take part in the discussion.");

    const anonymous = await new BrowserLikeClient(holder.server.url).post(s.path, { intent: "second" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe(`/login?redirectTo=${encodeURIComponent(s.path)}`);
  });

  it("an unknown number is a plain 404", async () => {
    const missing = await new BrowserLikeClient(holder.server.url).get("/motions/M-2026-999");
    expect(missing.status).toBe(404);
    expect(plain(missing.html)).toContain("There is no motion M-2026-999. It may have a typing mistake.");
    expect(missing.html).toContain('href="/motions"');
    const garbled = await new BrowserLikeClient(holder.server.url).get("/motions/not-a-number");
    expect(garbled.status).toBe(404);
  });

  it("members second through the form, and the second seconder moves the motion to Seconded", async () => {
    const s = await scene();
    const first = await signedIn(s.members[0]);
    const response = await first.post(s.path, { intent: "second" });
    expect(response.status).toBe(302);
    expect(response.location).toBe(`${s.path}#seconding`);
    const after = plain((await first.follow(response)).html);
    expect(after).toContain("Thank you. You seconded this motion.");
    expect(after).toContain(`Seconded by ${s.members[0].displayName} (1 of 2 needed).`);
    expect(after).toContain("You seconded this motion.");

    const second = await signedIn(s.members[1]);
    const page = await second.follow(await second.post(s.path, { intent: "second" }));
    const text = plain(page.html);
    expect(text).toContain("it now has enough seconders to go to a vote");
    expect(text).toContain(`Seconded by ${s.members[0].displayName} and ${s.members[1].displayName} (2 of 2 needed).`);
    expect(page.html).toContain('<span class="tag info">Seconded</span>');
    expect(plain(sectionOf(page.html, "record"))).toContain("The motion had enough seconders, so it can now go to a vote.");
  });

  it("the proposer trying to second gets a 403 with the reason, and nothing is written", async () => {
    const s = await scene();
    const auditBefore = await db().selectFrom("audit_log").select("seq").where("motion_id", "=", s.motionId).execute();
    const proposer = await signedIn(s.proposer);
    expect(proposer.hasSession()).toBe(true);
    const refused = await proposer.post(s.path, { intent: "second" });
    expect(refused.status).toBe(403);
    expect(plain(sectionOf(refused.html, "seconding"))).toContain("You cannot second your own motion.");
    expect(await db().selectFrom("seconds").selectAll().where("motion_id", "=", s.motionId).execute()).toEqual([]);
    const auditAfter = await db().selectFrom("audit_log").select("seq").where("motion_id", "=", s.motionId).execute();
    expect(auditAfter).toEqual(auditBefore);
  });

  it("posting, then replying three levels deep, shows each reply nested inside the one before", async () => {
    const s = await scene();
    const [a, b, c] = await Promise.all(s.members.map(signedIn));
    const posted = await a.post(s.path, { intent: "post", stance: "for", body: "Nights are when people need this most." });
    expect(posted.status).toBe(302);
    const [top] = await postsOn(s.motionId);
    expect(posted.location).toBe(`${s.path}#post-${top.id}`);

    await b.post(s.path, { intent: "reply", parentId: top.id, stance: "question", body: "Who supports the peer workers?" });
    const [, first] = await postsOn(s.motionId);
    await c.post(s.path, { intent: "reply", parentId: first.id, stance: "neutral", body: "Supervision every shift." });
    const [, , second] = await postsOn(s.motionId);
    await a.post(s.path, { intent: "reply", parentId: second.id, stance: "for", body: "And paid properly." });
    const [, , , third] = await postsOn(s.motionId);

    const thread = sectionOf((await a.get(s.path)).html, "discussion");
    expect([top, first, second, third].map((p) => nesting(thread, p.id))).toEqual([1, 2, 3, 4]);
    expect(sectionOf(thread, `post-${first.id}`)).toContain(`id="post-${third.id}"`);
    expect(plain(sectionOf(thread, `post-${third.id}`))).toContain("And paid properly.");
  });

  it("an author edits their post and the earlier version is kept and shown", async () => {
    const s = await scene();
    const { postId } = await services().threads.post(s.members[0], s.motionId, { stance: "against", body: "I am not sure about this." });
    const author = await signedIn(s.members[0]);
    const saved = await author.post(s.path, { intent: "edit-post", postId, stance: "for", body: "Having read more, I support it." });
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(`${s.path}#post-${postId}`);

    const post = sectionOf((await new BrowserLikeClient(holder.server.url).get(s.path)).html, `post-${postId}`);
    const text = plain(post);
    expect(text).toContain("Having read more, I support it.");
    expect(text).toMatch(/edited \d{1,2} \w+ \d{4} at \d\d:\d\d/);
    const history = sectionOf(post, "history-" + postId);
    expect(plain(history)).toContain("Earlier versions (1)");
    expect(plain(history)).toContain("Against, replaced");
    expect(plain(history)).toContain("I am not sure about this.");
  });

  it("someone else cannot edit a post", async () => {
    const s = await scene();
    const { postId } = await services().threads.post(s.members[0], s.motionId, { stance: "for", body: "My own words." });
    const other = await signedIn(s.members[1]);
    const refused = await other.post(s.path, { intent: "edit-post", postId, stance: "for", body: "Words put in their mouth." });
    expect(refused.status).toBe(403);
    expect(plain(sectionOf(refused.html, `post-${postId}`))).toContain("You can edit only your own posts.");
    expect((await postsOn(s.motionId))[0].body).toBe("My own words.");
  });

  it("deleting a post leaves a tombstone in its place and keeps the replies", async () => {
    const s = await scene();
    const { postId } = await services().threads.post(s.members[0], s.motionId, { stance: "for", body: "Something I regret saying." });
    const { postId: replyId } = await services().threads.post(s.members[1], s.motionId, { stance: "neutral", body: "A reply that stays.", parentId: postId });
    const author = await signedIn(s.members[0]);
    const deleted = await author.post(s.path, { intent: "delete-post", postId });
    expect(deleted.status).toBe(302);

    const page = await new BrowserLikeClient(holder.server.url).get(s.path);
    const tombstone = sectionOf(page.html, `post-${postId}`);
    expect(plain(tombstone)).toContain("This post was deleted by its author.");
    expect(page.html).not.toContain("Something I regret saying.");
    expect(tombstone).toContain(`id="post-${replyId}"`);
    expect(plain(tombstone)).toContain("A reply that stays.");
  });

  it("a member cannot hide a post; the chair can, and the reason shows in its place", async () => {
    const s = await scene();
    const chair = await createChair(db());
    const { postId } = await services().threads.post(s.members[0], s.motionId, { stance: "against", body: "An unkind personal attack." });

    const member = await signedIn(s.members[1]);
    const refused = await member.post(s.path, { intent: "hide-post", postId, reason: "I do not like it." });
    expect(refused.status).toBe(403);
    expect(plain(sectionOf(refused.html, `post-${postId}`))).toContain("Only the chair can hide posts.");
    expect((await postsOn(s.motionId))[0].hidden_at).toBeNull();

    // A report with no reason asks for one in a plain sentence, beside the post.
    const unexplained = await member.post(s.path, { intent: "report-post", postId, reason: "" });
    expect(unexplained.status).toBe(400);
    expect(plain(sectionOf(unexplained.html, `post-${postId}`))).toContain("Error: Say what is wrong with this post.");
    expect(unexplained.html).not.toContain("is required");
    const reported = await member.post(s.path, { intent: "report-post", postId, reason: "A personal attack." });
    expect(reported.status).toBe(302);
    const asChair = await signedIn(chair);
    expect(plain(sectionOf((await asChair.get(s.path)).html, `post-${postId}`))).toContain("1 open report on this post.");

    const hidden = await asChair.post(s.path, { intent: "hide-post", postId, reason: "A personal attack on another member." });
    expect(hidden.status).toBe(302);
    const page = await new BrowserLikeClient(holder.server.url).get(s.path);
    expect(plain(sectionOf(page.html, `post-${postId}`))).toContain("Hidden by the chair: A personal attack on another member.");
    expect(page.html).not.toContain("An unkind personal attack.");
    expect(plain(sectionOf(page.html, "record"))).toContain("The chair hid a post in the discussion. Reason: A personal attack on another member.");

    // A hide can be undone, by the chair only, with a reason that joins the record.
    expect(sectionOf((await member.get(s.path)).html, `post-${postId}`)).not.toContain("Put this post back");
    expect((await member.post(s.path, { intent: "restore-post", postId, reason: "Please." })).status).toBe(403);
    const noReason = await asChair.post(s.path, { intent: "restore-post", postId, reason: "" });
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain(`<a href="#post-${postId}">`);
    const restored = await asChair.post(s.path, { intent: "restore-post", postId, reason: "On reflection it criticises the service, not a person." });
    expect(restored.status).toBe(302);
    const after = await new BrowserLikeClient(holder.server.url).get(s.path);
    expect(plain(sectionOf(after.html, `post-${postId}`))).toContain("An unkind personal attack.");
    expect(plain(sectionOf(after.html, "record"))).toContain("The chair put back a hidden post. Reason: On reflection it criticises the service, not a person.");
  });

  it("the chair dismisses reports and the post stays", async () => {
    const s = await scene();
    const chair = await createChair(db());
    const { postId } = await services().threads.post(s.members[0], s.motionId, { stance: "against", body: "A blunt but fair point." });
    await services().threads.report(s.members[1], { postId, reason: "Too blunt." });
    const asChair = await signedIn(chair);
    const dismissed = await asChair.post(s.path, { intent: "dismiss-reports", postId });
    expect(dismissed.status).toBe(302);
    const post = plain(sectionOf((await asChair.follow(dismissed)).html, `post-${postId}`));
    expect(post).toContain("A blunt but fair point.");
    expect(post).not.toContain("open report");
  });

  it("bad input is a 400 with the message beside the field, the typing kept, and nothing written", async () => {
    const s = await scene();
    const { postId } = await services().threads.post(s.members[1], s.motionId, { stance: "for", body: "An existing post." });
    const member = await signedIn(s.members[0]);

    const emptyReply = await member.post(s.path, { intent: "reply", parentId: postId, stance: "for", body: "" });
    expect(emptyReply.status).toBe(400);
    const replyBox = sectionOf(emptyReply.html, `post-${postId}`);
    expect(replyBox).toMatch(/<details open="">\s*<summary>Reply/);
    expect(plain(replyBox)).toContain("Error: Your post is required.");
    // Without JavaScript the page comes back scrolled to the top: a summary there says what went
    // wrong and links to the post whose reply box has the error.
    expect(emptyReply.html.indexOf("There is a problem")).toBeLessThan(emptyReply.html.indexOf('id="discussion"'));
    expect(emptyReply.html).toContain(`<a href="#post-${postId}">Your post is required.</a>`);

    const empty = await member.post(s.path, { intent: "post", stance: "for", body: "" });
    expect(empty.status).toBe(400);
    expect(plain(sectionOf(empty.html, "discussion"))).toContain("Error: Your post is required.");
    expect(empty.html).toContain('<a href="#new-post">Your post is required.</a>');
    expect(empty.html).toContain('id="new-post"');

    const tooLong = "x".repeat(5001);
    const long = await member.post(s.path, { intent: "post", stance: "for", body: tooLong });
    expect(long.status).toBe(400);
    const form = sectionOf(long.html, "discussion");
    expect(plain(form)).toContain("Your post must be 5000 characters or fewer.");
    expect(form).toContain(tooLong);

    const noStance = await member.post(s.path, { intent: "post", stance: "angry", body: "A fine post." });
    expect(noStance.status).toBe(400);
    expect(plain(noStance.html)).toContain("Choose where you stand: for, against, neutral, or asking a question.");

    expect(await postsOn(s.motionId)).toHaveLength(1);
  });

  it("the proposer withdraws with a reason, which the page then shows, and the discussion closes", async () => {
    const s = await scene();
    const proposer = await signedIn(s.proposer);
    const page = await proposer.get(s.path);
    expect(page.html).toMatch(/<details><summary>Withdraw this motion<\/summary>[\s\S]*Withdraw the motion<\/button>/);
    expect(page.html).toContain(`href="${s.path}/edit"`);

    const tooShort = await proposer.post(s.path, { intent: "withdraw", reason: "no" });
    expect(tooShort.status).toBe(400);
    expect(tooShort.html).toMatch(/<details open="">\s*<summary>Withdraw this motion/);
    expect(plain(tooShort.html)).toContain("A reason for withdrawing needs at least 10 characters.");

    const done = await proposer.post(s.path, { intent: "withdraw", reason: "A newer motion covers this better." });
    expect(done.status).toBe(302);
    const text = plain((await proposer.follow(done)).html);
    expect(text).toContain("Withdrawn");
    expect(text).toContain("Their reason: A newer motion covers this better.");
    expect(text).toContain("The discussion is closed because this motion was withdrawn.");
    expect(text).toContain(`${s.proposer.displayName} withdrew the motion. Their reason: A newer motion covers this better.`);
  });
});
